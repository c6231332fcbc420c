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
    ["/\t/evil.example"],
    ["/./\\evil.example"],
    ["/.//evil.example"],
  ])("refuses %j and uses the fallback", (to) => {
    expect(safeRedirect(to, "/home")).toBe("/home");
  });

  test.each([
    ["/。x", "/%E3%80%82x"],
    ["/courses/ação?q=olá", "/courses/a%C3%A7%C3%A3o?q=ol%C3%A1"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/a/../b", "/b"],
    // Encoded line breaks stay encoded: harmless as a path, never a header break.
    ["/%0d%0aSet-Cookie:x", "/%0d%0aSet-Cookie:x"],
    ["/x#Привіт", "/x#%D0%9F%D1%80%D0%B8%D0%B2%D1%96%D1%82"],
  ])("keeps %j on this site, encoded as a Location header needs (%j)", (to, expected) => {
    const result = safeRedirect(to);
    expect(result).toBe(expected);
    // Every character a header may carry.
    expect(() => new Headers({ Location: result })).not.toThrow();
  });
});
