import { describe, expect, test } from "vitest";
import { restartDelay, trustProxy } from "./options.js";

describe("TRUST_PROXY", () => {
  test.each([
    [undefined, false],
    ["", false],
    ["false", false],
    ["true", true],
    ["1", 1],
    [" 2 ", 2],
    ["loopback", ["loopback"]],
    ["10.0.0.5, 10.1.0.0/16, ::1", ["10.0.0.5", "10.1.0.0/16", "::1"]],
  ])("%j is accepted as %j", (value, expected) => {
    expect(trustProxy(value)).toEqual(expected);
  });

  test.each([
    ["yes", /TRUST_PROXY="yes": invalid IP address: yes\. Use true/],
    ["10.0.0.5,,10.0.0.6", /has an empty entry/],
    ["10.0.0.0/99", /invalid range on address/],
    ["1000", /that many proxies cannot be in front/],
    ["-1", /invalid IP address: -1/],
  ])("%j is refused, saying what is accepted", (value, message) => {
    expect(() => trustProxy(value)).toThrow(message);
  });
});

describe("restarting crashed workers", () => {
  test("waits twice as long after each crash in a row, up to 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(restartDelay)).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });
});
