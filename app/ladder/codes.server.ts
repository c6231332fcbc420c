// A certificate's verification code: the only key to its public page (/verify/<code>), so it
// must not be guessable from anything else (ADR 034). 128 bits from the operating system's
// random source, as 32 lower-case hex digits: URL-safe, the same form the migration gave
// certificates that existed before codes did.
import { randomBytes } from "node:crypto";

export const VERIFICATION_CODE = /^[0-9a-f]{32}$/;

export function newVerificationCode() {
  return randomBytes(16).toString("hex");
}

export function isVerificationCode(value: unknown): value is string {
  return typeof value === "string" && VERIFICATION_CODE.test(value);
}
