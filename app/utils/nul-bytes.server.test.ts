import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { describe, expect, test } from "vitest";
import { withoutNulBytes } from "./nul-bytes.server.ts";

describe("withoutNulBytes", () => {
  test("drops the NUL React leaves at a chunk's end and keeps the split character whole", async () => {
    const encoded = Buffer.from("а", "utf8");
    // What React 18 sent: "…а" then an unused zero byte, and "ле" in the next buffer.
    const chunks = [Buffer.concat([Buffer.from("<p>"), encoded, Buffer.from([0])]), Buffer.from("ле</p>")];
    const out = await text(Readable.from(chunks).pipe(withoutNulBytes()));
    expect(out).toBe("<p>але</p>");
  });

  test("passes text without NUL bytes through unchanged, Cyrillic and accents included", async () => {
    const html = "<p>Оксана · João · Ñúñez</p>".repeat(500);
    const out = await text(Readable.from([Buffer.from(html)]).pipe(withoutNulBytes()));
    expect(out).toBe(html);
  });
});
