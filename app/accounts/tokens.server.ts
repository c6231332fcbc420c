// One-time link tokens (first run, invitations, password resets): 256 random bits, shown
// once (in a link) and stored only as a SHA-256 hash. A slow hash buys nothing for random
// tokens that long; the hash means a copy of the database holds no working link.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string) {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

/** The stored hash for a token from a link, or null when the text cannot be one of ours. */
export function tokenHashOf(token: string | undefined) {
  return token && FORMAT.test(token) ? hashToken(token) : null;
}

export function sameHash(a: string, b: string) {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
