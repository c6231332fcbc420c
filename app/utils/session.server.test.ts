// Several servers share SESSION_SECRET; replacing it must not sign everyone out at once.
import { afterEach, describe, expect, test, vi } from "vitest";

const original = process.env.SESSION_SECRET;
afterEach(() => {
  process.env.SESSION_SECRET = original;
  vi.resetModules();
});

/** The session cookie as a server started with this SESSION_SECRET makes it. */
async function serverWith(secret: string) {
  process.env.SESSION_SECRET = secret;
  vi.resetModules();
  return import("./session.server.ts");
}

const OLD = "old-secret-0123456789abcdef";
const NEW = "new-secret-fedcba9876543210";

describe("SESSION_SECRET", () => {
  test("lists several secrets: the first signs new cookies, every one accepts the cookies it signed", async () => {
    const before = await serverWith(OLD);
    const signedBefore = (await before.sessionCookie.serialize("session-a")).split(";")[0] ?? "";

    const rotating = await serverWith(`${NEW}, ${OLD}`);
    expect(await rotating.readSessionId(new Request("http://x/", { headers: { Cookie: signedBefore } }))).toBe(
      "session-a",
    );
    const signedNow = (await rotating.sessionCookie.serialize("session-b")).split(";")[0] ?? "";

    // Once the old secret is dropped, only cookies signed with the new one still count.
    const after = await serverWith(NEW);
    expect(await after.readSessionId(new Request("http://x/", { headers: { Cookie: signedNow } }))).toBe("session-b");
    expect(await after.readSessionId(new Request("http://x/", { headers: { Cookie: signedBefore } }))).toBeNull();
  });

  test.each([
    ["a short secret in the list", `${NEW},short`, "every secret must be at least 16 characters"],
    ["an empty entry", `${NEW},,${OLD}`, "every secret must be at least 16 characters"],
    ["the same secret twice", `${NEW},${NEW}`, "lists the same secret twice"],
  ])("refuses %s with a clear message", async (_name, secret, message) => {
    process.env.SESSION_SECRET = secret;
    vi.resetModules();
    const { getEnv } = await import("./env.server.ts");
    expect(() => getEnv()).toThrow(message);
  });
});
