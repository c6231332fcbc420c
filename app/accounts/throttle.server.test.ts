import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { createLimiter, RateLimited } from "#app/utils/rate-limit.server.ts";
import { createUser } from "#tests/factories.ts";
import { verifySignIn } from "./auth.server.ts";
import { MAX_DELAY_MS, SIGN_IN_LIMITS, SLOW_AFTER, STEP_DELAY_MS } from "./throttle.server.ts";

const RIGHT = "correct horse battery";
const noSleep = async (_ms: number) => {};

function attempt(email: string, password: string, ip: string, knownDevice: string | null = null, sleep = noSleep) {
  return verifySignIn({
    email,
    password,
    client: { ip, userAgent: "test" },
    knownDevice: async () => knownDevice,
    sleep,
  });
}

describe("the limiter", () => {
  test("a parallel burst takes exactly the points there are; the rest are refused with a wait", async () => {
    const limiter = createLimiter("test-burst", { points: 5, durationSeconds: 60 });
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => limiter.consume("k")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(refused).toHaveLength(35);
    expect(refused.every((e) => e instanceof RateLimited && e.retryAfterSeconds > 0 && e.retryAfterSeconds <= 60)).toBe(
      true,
    );
    // Exactly one refusal is the one that reached the limit (the moment worth an audit entry).
    expect(refused.filter((e: RateLimited) => e.justReached)).toHaveLength(1);
    // Keys are apart; a refund gives one point back.
    await expect(limiter.consume("other")).resolves.toBe(1);
    await limiter.reset("k");
    await expect(limiter.consume("k")).resolves.toBe(1);
  });
});

describe("sign-in throttle", () => {
  test("the parallel-guess race: 40 guesses at once, the right password among them, give no session past the limit", async () => {
    const user = await createUser();
    const guesses = Array.from({ length: 40 }, (_, i) => (i === 39 ? RIGHT : `wrong guess ${i}`));
    const results = await Promise.all(guesses.map((p) => attempt(user.email, p, "192.0.2.10")));
    const checked = results.filter((r) => r.status !== "throttled");
    // Only as many passwords were checked as the pair allows; the rest never reached the check.
    expect(checked.length).toBeLessThanOrEqual(SIGN_IN_LIMITS.pair.points);
    expect(results.filter((r) => r.status === "throttled").length).toBeGreaterThanOrEqual(
      40 - SIGN_IN_LIMITS.pair.points,
    );
    // Afterwards the right password from that address is refused too.
    const after = await attempt(user.email, RIGHT, "192.0.2.10");
    const succeeded = results.some((r) => r.status === "ok");
    if (!succeeded) expect(after.status).toBe("throttled");
    // One lockout entry, however many refusals.
    expect(await prisma.auditEvent.count({ where: { kind: "signin.throttled", targetId: user.id } })).toBe(1);
  });

  test("40 wrong guesses in parallel: exactly 5 are checked, then even the right password waits", async () => {
    const user = await createUser();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt(user.email, `wrong guess ${i}`, "192.0.2.11")),
    );
    expect(results.filter((r) => r.status === "invalid")).toHaveLength(SIGN_IN_LIMITS.pair.points);
    expect(results.filter((r) => r.status === "throttled")).toHaveLength(40 - SIGN_IN_LIMITS.pair.points);
    const refused = await attempt(user.email, RIGHT, "192.0.2.11");
    expect(refused.status).toBe("throttled");
    if (refused.status === "throttled") {
      expect(refused.retryAfterSeconds).toBeGreaterThan(SIGN_IN_LIMITS.pair.durationSeconds - 60);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_LIMITS.pair.durationSeconds);
    }
    expect(await prisma.auditEvent.count({ where: { kind: "signin.failure", targetId: user.id } })).toBe(5);
  });

  test("the NAT case: many failures from one address at one account do not lock out the others there", async () => {
    const victim = await createUser();
    const colleagues = await Promise.all([createUser(), createUser(), createUser()]);
    for (let i = 0; i < 30; i++) await attempt(victim.email, `guess ${i}`, "198.51.100.20");
    for (const colleague of colleagues) {
      expect((await attempt(colleague.email, RIGHT, "198.51.100.20")).status).toBe("ok");
    }
    // The victim still signs in from elsewhere.
    expect((await attempt(victim.email, RIGHT, "198.51.100.21")).status).toBe("ok");
  });

  test("the address ceiling stops a spray over many accounts, but not a known device", async () => {
    const regular = await createUser();
    for (let i = 0; i < SIGN_IN_LIMITS.address.points; i++) {
      expect((await attempt(`sprayed${i}@example.test`, "Summer2024!", "203.0.113.30")).status).toBe("invalid");
    }
    expect((await attempt("one-more@example.test", "Summer2024!", "203.0.113.30")).status).toBe("throttled");
    expect((await attempt(regular.email, RIGHT, "203.0.113.30")).status).toBe("throttled");
    expect((await attempt(regular.email, RIGHT, "203.0.113.30", "device-of-regular")).status).toBe("ok");
  }, 120_000);

  test("failures at one account from many addresses slow unknown browsers, then refuse them, but never a known device", async () => {
    const user = await createUser();
    const waits: number[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.account.points; i++) {
      let waited = 0;
      const result = await attempt(
        user.email,
        `guess ${i}`,
        `10.9.${Math.floor(i / 200)}.${i % 200}`,
        null,
        async (ms) => {
          waited += ms;
        },
      );
      expect(result.status).toBe("invalid");
      waits.push(waited);
    }
    expect(waits.slice(0, SLOW_AFTER).every((w) => w === 0)).toBe(true);
    expect(waits[SLOW_AFTER]).toBe(STEP_DELAY_MS);
    expect(waits[SLOW_AFTER + 1]).toBe(2 * STEP_DELAY_MS);
    expect(Math.max(...waits)).toBe(MAX_DELAY_MS);
    // A new browser is refused now, even with the right password...
    expect((await attempt(user.email, RIGHT, "10.9.9.9")).status).toBe("throttled");
    // ...but the person's own browser signs in at once.
    expect((await attempt(user.email, RIGHT, "10.9.9.9", "their-laptop")).status).toBe("ok");
  }, 120_000);

  test("a known device has a small allowance of its own", async () => {
    const user = await createUser();
    for (let i = 0; i < SIGN_IN_LIMITS.device.points; i++) {
      expect((await attempt(user.email, `guess ${i}`, "192.0.2.40", "stolen-laptop")).status).toBe("invalid");
    }
    expect((await attempt(user.email, RIGHT, "192.0.2.40", "stolen-laptop")).status).toBe("throttled");
    expect((await attempt(user.email, RIGHT, "192.0.2.41", "their-phone")).status).toBe("ok");
  }, 60_000);

  test("a right password clears the pair's count, so the person is not left near the limit", async () => {
    const user = await createUser();
    for (let i = 0; i < SIGN_IN_LIMITS.pair.points - 1; i++) await attempt(user.email, "wrong", "10.1.0.1");
    expect((await attempt(user.email, RIGHT, "10.1.0.1")).status).toBe("ok");
    for (let i = 0; i < SIGN_IN_LIMITS.pair.points - 1; i++) {
      expect((await attempt(user.email, "wrong", "10.1.0.1")).status).toBe("invalid");
    }
    expect((await attempt(user.email, RIGHT, "10.1.0.1")).status).toBe("ok");
  }, 60_000);
});
