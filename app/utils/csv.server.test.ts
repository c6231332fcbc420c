import { describe, expect, test } from "vitest";
import { csvResponse } from "./csv.server.ts";

describe("CSV downloads", () => {
  test("UTF-8 with a byte-order mark, CRLF, never cached, and no cell a spreadsheet would run", async () => {
    const response = csvResponse(
      "x.csv",
      ["Name", "Note"],
      [
        ["=SUM(A1:A9)", "+1"],
        ["-2", "@cmd"],
        ['Олена, "Ш"', "plain"],
      ],
    );
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="x.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")).toEqual(["Name,Note", "'=SUM(A1:A9),'+1", "'-2,'@cmd", '"Олена, ""Ш""",plain', ""]);
  });
});
