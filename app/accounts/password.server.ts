// Password hashing and the rules a new password must meet (docs/decisions/014).
import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import bcrypt from "bcryptjs";

/**
 * OWASP's argon2id baseline: 19 MiB, two passes, one lane. Argon2id is the library's default
 * algorithm (its enum is a const enum that isolated modules cannot import); a test checks the
 * hashes say "$argon2id$".
 */
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * NIST SP 800-63B asks verifiers to normalise Unicode, so "é" typed as one character or as
 * "e" plus an accent is the same password on every keyboard.
 */
const normalise = (password: string) => password.normalize("NFKC");

export function hashPassword(password: string) {
  return hash(normalise(password), ARGON2);
}

const isBcrypt = (stored: string) => /^\$2[aby]\$/.test(stored);

/**
 * Checks a password against an argon2id hash, or against a bcrypt hash from before argon2id
 * (checked as typed, the way it was hashed); `rehash` says the stored hash should be replaced.
 */
export async function checkPassword(password: string, stored: string): Promise<{ ok: boolean; rehash: boolean }> {
  if (isBcrypt(stored)) {
    return { ok: await bcrypt.compare(password, stored), rehash: true };
  }
  const ok = await verify(stored, normalise(password)).catch(() => false);
  return { ok, rehash: false };
}

export async function verifyPassword(password: string, stored: string) {
  return (await checkPassword(password, stored)).ok;
}

/** A real hash of nothing in particular, so an unknown email costs as long as a wrong password. */
let decoy: Promise<string> | undefined;
export async function burnPasswordCheck(password: string) {
  decoy ??= hash("rapport-decoy-password", ARGON2);
  await verify(await decoy, normalise(password)).catch(() => false);
  return false;
}

let common: Set<string> | undefined;

/**
 * True for a password in the common-passwords list that zxcvbn-ts ships (about 49,000 leaked
 * passwords, offline); compared without case, as guessing tools try every case.
 */
export function isCommonPassword(password: string) {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common.has(normalise(password).toLowerCase());
}
