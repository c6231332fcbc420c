import { describe, expect, test } from "vitest";
import { createUser } from "#tests/factories.ts";
import { verifySignIn } from "./auth.server.ts";
import { THROTTLE } from "./throttle.server.ts";

describe("sign-in throttle", () => {
  test("failures for one account are slowed, then refused with a time to retry, even with the right password", async () => {
    const user = await createUser();
    const delays: number[] = [];
    for (let i = 0; i < THROTTLE.account.refuseAfter; i++) {
      const waited: number[] = [];
      const sleep = async (ms: number) => void waited.push(ms);
      expect(await verifySignIn(user.email, "wrong", `10.0.0.${i}`, { sleep })).toEqual({ status: "invalid" });
      delays.push(waited.reduce((a, b) => a + b, 0));
    }
    // No wait for the first few, then a growing one.
    expect(delays.slice(0, THROTTLE.account.slowAfter).every((d) => d === 0)).toBe(true);
    expect(delays[THROTTLE.account.slowAfter]).toBe(THROTTLE.stepDelayMs);
    expect(delays[THROTTLE.account.slowAfter + 1]).toBe(2 * THROTTLE.stepDelayMs);
    const refused = await verifySignIn(user.email, "correct horse battery", "10.0.1.1");
    expect(refused.status).toBe("throttled");
    if (refused.status !== "throttled") return;
    const waitMs = refused.retryAt.getTime() - Date.now();
    expect(waitMs).toBeGreaterThan(THROTTLE.windowMs - 60_000);
    expect(waitMs).toBeLessThanOrEqual(THROTTLE.windowMs);
  }, 20_000);

  test("many failures from one address are refused for any account", async () => {
    const victim = await createUser();
    for (let i = 0; i < THROTTLE.address.refuseAfter; i++) {
      await verifySignIn(`stranger${i}@example.test`, "guess", "203.0.113.9", { sleep: async () => {} });
    }
    const refused = await verifySignIn(victim.email, "correct horse battery", "203.0.113.9");
    expect(refused.status).toBe("throttled");
    // The same account from another address still gets in.
    expect((await verifySignIn(victim.email, "correct horse battery", "203.0.113.10")).status).toBe("ok");
  });

  test("a successful sign-in clears the account's failures", async () => {
    const user = await createUser();
    const sleep = async () => {};
    for (let i = 0; i < THROTTLE.account.refuseAfter - 1; i++)
      await verifySignIn(user.email, "wrong", "10.1.0.1", { sleep });
    expect((await verifySignIn(user.email, "correct horse battery", "10.1.0.1", { sleep })).status).toBe("ok");
    expect((await verifySignIn(user.email, "wrong", "10.1.0.1", { sleep })).status).toBe("invalid");
    expect((await verifySignIn(user.email, "correct horse battery", "10.1.0.1")).status).toBe("ok");
  }, 20_000);
});
