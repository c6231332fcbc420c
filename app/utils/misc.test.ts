import { describe, expect, test } from "vitest";
import { safeRedirect } from "./misc.ts";

describe("safeRedirect", () => {
  test.each(["/", "/admin/users?q=ana", "/courses/communication#top"])("keeps the site path %s", (to) => {
    expect(safeRedirect(to)).toBe(to);
  });

  test.each([
    ["//evil.example/x"],
    ["/\\evil.example"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    ["evil"],
    [""],
    ["/ok\nSet-Cookie: x=1"],
    [null],
    [undefined],
  ])("refuses %j and uses the fallback", (to) => {
    expect(safeRedirect(to, "/home")).toBe("/home");
  });
});
