// How sign-in guesses are limited (docs/decisions/013). Every attempt takes its points before
// the password is checked, so a parallel burst is cut at the limit, and the limits are aimed
// so that an attacker's noise does not lock out the people it is aimed at:
//   - one account from one address: a few guesses, then a wait (the attacker at a keyboard);
//   - one address, every account: a high ceiling (an office NAT is many people);
//   - one account, every address: slower and slower, then refused, but only for browsers the
//     account has not signed in from; a known device has its own small allowance instead,
//     and a password-reset link signs in without passing here at all.
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { getEnv } from "#app/utils/env.server.ts";
import { createLimiter, RateLimited } from "#app/utils/rate-limit.server.ts";

const MINUTE = 60;

export const SIGN_IN_LIMITS = {
  /** Failed guesses at one account from one address. */
  pair: { points: 5, durationSeconds: 15 * MINUTE },
  /** Failed guesses from one address at any account. */
  address: { points: 100, durationSeconds: 15 * MINUTE },
  /** Failed guesses at one account from browsers it never signed in from (ASVS 2.2.1: under 100 an hour). */
  account: { points: 50, durationSeconds: 60 * MINUTE },
  /** Failed guesses from one known device. */
  device: { points: 10, durationSeconds: 15 * MINUTE },
  /** Wrong two-factor codes for one person. */
  twoFactor: { points: 5, durationSeconds: 15 * MINUTE },
  /** Wrong current passwords on the profile (changing the password, turning two-factor off). */
  passwordCheck: { points: 5, durationSeconds: 15 * MINUTE },
} as const;

/** From this many failures at an account, unknown browsers wait before their password is checked. */
export const SLOW_AFTER = 5;
export const STEP_DELAY_MS = 500;
export const MAX_DELAY_MS = 3000;

const limiters = {
  pair: createLimiter("signin-pair", SIGN_IN_LIMITS.pair),
  address: createLimiter("signin-address", SIGN_IN_LIMITS.address),
  account: createLimiter("signin-account", SIGN_IN_LIMITS.account),
  device: createLimiter("signin-device", SIGN_IN_LIMITS.device),
  twoFactor: createLimiter("two-factor", SIGN_IN_LIMITS.twoFactor),
  passwordCheck: createLimiter("password-check", SIGN_IN_LIMITS.passwordCheck),
};

export type ThrottleScope = "pair" | "address" | "account" | "device";

/** Refused, with which limit refused and whether this refusal is the first of its window. */
export class SignInThrottled extends RateLimited {
  constructor(
    readonly scope: ThrottleScope,
    cause: RateLimited,
  ) {
    super(cause.retryAfterSeconds, cause.justReached);
  }
}

export type SignInTicket = {
  /** How long to wait before checking the password. */
  delayMs: number;
  /** The password was right: the points this attempt took are given back. */
  succeeded(): Promise<void>;
};

/**
 * Takes the points of one sign-in attempt, before the password is checked. Throws
 * SignInThrottled when a limit is reached; the points already taken are then given back, so
 * a refusal by one limit does not count against another.
 */
export async function beginSignIn({
  email,
  ip,
  knownDevice,
}: {
  email: string;
  ip: string;
  /** The device id, when the browser holds a device cookie for this very account. */
  knownDevice: string | null;
}): Promise<SignInTicket> {
  const account = email.toLowerCase();
  const steps: Array<[ThrottleScope, string]> = knownDevice
    ? [["device", knownDevice]]
    : [
        ["pair", `${account}|${ip}`],
        ["address", ip],
        ["account", account],
      ];
  const taken: Array<[ThrottleScope, string]> = [];
  let accountFailures = 0;
  for (const [scope, key] of steps) {
    try {
      const used = await limiters[scope].consume(key);
      if (scope === "account") accountFailures = used - 1;
      taken.push([scope, key]);
    } catch (error) {
      if (!(error instanceof RateLimited)) throw error;
      await Promise.all(taken.map(([s, k]) => limiters[s].refund(k)));
      throw new SignInThrottled(scope, error);
    }
  }
  const delayMs =
    accountFailures >= SLOW_AFTER ? Math.min((accountFailures - SLOW_AFTER + 1) * STEP_DELAY_MS, MAX_DELAY_MS) : 0;
  return {
    delayMs,
    async succeeded() {
      await Promise.all(
        taken.map(([scope, key]) =>
          // The pair and the device start afresh; the account and address counts only lose
          // this attempt, so a victim signing in does not wipe an attacker's record.
          scope === "pair" || scope === "device" ? limiters[scope].reset(key) : limiters[scope].refund(key),
        ),
      );
    },
  };
}

/** The second step: throws RateLimited past the limit; call `passed` after a right code. */
export async function beginTwoFactorCheck(userId: string) {
  await limiters.twoFactor.consume(userId);
  return { passed: () => limiters.twoFactor.reset(userId) };
}

/** A current-password check of a signed-in person (profile). Throws RateLimited past the limit. */
export async function beginPasswordCheck(userId: string) {
  await limiters.passwordCheck.consume(userId);
  return { passed: () => limiters.passwordCheck.refund(userId) };
}

// Known devices. A browser that signed in to an account gets a signed, long-lived cookie naming
// that account and a random device id (OWASP's "device cookie"). It proves nothing on its own;
// it only moves the browser's guesses from the account's limit to the device's own.

const DEVICE_COOKIE_DAYS = 180;
/** Several people may share a browser (a family computer, a training room). */
const MAX_DEVICES_PER_COOKIE = 5;

const deviceCookie = createCookie("rapport_device", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: getEnv().NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "true",
  secrets: [getEnv().SESSION_SECRET],
  maxAge: DEVICE_COOKIE_DAYS * 24 * 60 * 60,
});

type DeviceEntry = { u: string; d: string };

async function readDevices(request: Request): Promise<DeviceEntry[]> {
  const value: unknown = await deviceCookie.parse(request.headers.get("Cookie"));
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is DeviceEntry => typeof e === "object" && e !== null && typeof e.u === "string" && typeof e.d === "string",
  );
}

/** The device id this browser holds for the account, or null. */
export async function knownDeviceFor(request: Request, userId: string | null) {
  if (!userId) return null;
  return (await readDevices(request)).find((e) => e.u === userId)?.d ?? null;
}

/** The Set-Cookie that makes this browser a known device for the account (kept if it already is). */
export async function rememberDevice(request: Request, userId: string) {
  const entries = await readDevices(request);
  const existing = entries.find((e) => e.u === userId);
  const others = entries.filter((e) => e.u !== userId);
  const entry = existing ?? { u: userId, d: randomBytes(16).toString("base64url") };
  return deviceCookie.serialize([entry, ...others].slice(0, MAX_DEVICES_PER_COOKIE));
}
