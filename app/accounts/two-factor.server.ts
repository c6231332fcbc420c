// Optional two-factor sign-in with an authenticator app (TOTP, RFC 6238) and one-time
// recovery codes (docs/decisions/015).
import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { audit, auditQuery, type AuditPerson } from "#app/audit/log.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { RateLimited } from "#app/utils/rate-limit.server.ts";
import { beginTwoFactorCheck } from "./throttle.server.ts";

export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Rapport";
/** One 30-second step either side, for a phone whose clock is a little off. */
const TOLERANCE_SECONDS = 30;

export async function twoFactorEnabled(userId: string) {
  const row = await prisma.twoFactor.findUnique({ where: { userId }, select: { enabledAt: true } });
  return Boolean(row?.enabledAt);
}

/**
 * The secret being set up, made once and kept until confirmed, so a reload shows the same
 * QR code as the one already scanned.
 */
export async function pendingEnrolment(user: AuditPerson) {
  const existing = await prisma.twoFactor.findUnique({
    where: { userId: user.id },
    select: { secret: true, enabledAt: true },
  });
  if (existing?.enabledAt) return null;
  const secret =
    existing?.secret ??
    (
      await prisma.twoFactor.upsert({
        where: { userId: user.id },
        create: { userId: user.id, secret: generateSecret() },
        update: {},
        select: { secret: true },
      })
    ).secret;
  const uri = generateURI({ issuer: ISSUER, label: user.email, secret });
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { secret, uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}` };
}

const CODE = /^\d{6}$/;
const cleanCode = (code: string) => code.replace(/[\s-]/g, "");

/** Checks a code against a secret, never accepting a time step at or before `after`. */
async function checkTotp(secret: string, code: string, after: number | null) {
  const token = cleanCode(code);
  if (!CODE.test(token)) return null;
  const result = await verify({
    secret,
    token,
    epochTolerance: TOLERANCE_SECONDS,
    ...(after !== null ? { afterTimeStep: after } : {}),
  });
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

const CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
function newRecoveryCode() {
  const chars = Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}
const normaliseRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * Recovery codes carry about 49 bits each, so they are salted and hashed with SHA-256 (ASVS
 * 2.6.2 asks for a salt under 112 bits); a slow hash buys nothing against 10 random codes.
 */
function hashRecoveryCode(code: string, salt = randomBytes(16).toString("hex")) {
  return `${salt}:${createHash("sha256")
    .update(salt + normaliseRecovery(code))
    .digest("hex")}`;
}
function recoveryCodeMatches(code: string, stored: string) {
  const [salt = "", digest = ""] = stored.split(":");
  const candidate = hashRecoveryCode(code, salt).split(":")[1] ?? "";
  return digest.length === candidate.length && timingSafeEqual(Buffer.from(digest), Buffer.from(candidate));
}

function recoveryCodeRows(userId: string) {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  return { codes, rows: codes.map((code) => ({ userId, hash: hashRecoveryCode(code) })) };
}

/**
 * Turns two-factor on when the code matches the pending secret. Returns the recovery codes,
 * shown once and stored only hashed; null for a wrong code.
 */
export async function confirmEnrolment(user: AuditPerson, code: string, ip: string) {
  const pending = await prisma.twoFactor.findUnique({
    where: { userId: user.id },
    select: { secret: true, enabledAt: true },
  });
  if (!pending || pending.enabledAt) return null;
  const step = await checkTotp(pending.secret, code, null);
  if (step === null) return null;
  const { codes, rows } = recoveryCodeRows(user.id);
  await prisma.$transaction([
    prisma.twoFactor.update({
      where: { userId: user.id },
      data: { enabledAt: new Date(), lastTimeStep: step },
      select: { userId: true },
    }),
    prisma.recoveryCode.deleteMany({ where: { userId: user.id } }),
    prisma.recoveryCode.createMany({ data: rows }),
    auditQuery({ kind: "twoFactor.enabled", actor: user, ip }),
  ]);
  return codes;
}

/** New recovery codes instead of the old ones (all of which stop working). */
export async function renewRecoveryCodes(user: AuditPerson, ip: string) {
  const { codes, rows } = recoveryCodeRows(user.id);
  await prisma.$transaction([
    prisma.recoveryCode.deleteMany({ where: { userId: user.id } }),
    prisma.recoveryCode.createMany({ data: rows }),
    auditQuery({ kind: "twoFactor.recoveryCodesRenewed", actor: user, ip }),
  ]);
  return codes;
}

/** Turns two-factor off: by the person themself, or by an admin for someone who lost their phone. */
export async function disableTwoFactor(
  userId: string,
  entry: { actor: AuditPerson; target?: AuditPerson; ip: string },
) {
  await prisma.$transaction([
    prisma.twoFactor.deleteMany({ where: { userId } }),
    prisma.recoveryCode.deleteMany({ where: { userId } }),
    auditQuery({
      kind: entry.target ? "user.twoFactorReset" : "twoFactor.disabled",
      actor: entry.actor,
      target: entry.target ? { id: entry.target.id, label: entry.target.email } : null,
      ip: entry.ip,
    }),
  ]);
}

export async function recoveryCodesLeft(userId: string) {
  return prisma.recoveryCode.count({ where: { userId, usedAt: null } });
}

/**
 * The second step of sign-in: an authenticator code (each accepted once) or an unused
 * recovery code (then used up). The conditional writes make two requests with the same code
 * accept it at most once.
 */
export async function verifySecondFactor(
  userId: string,
  input: string,
): Promise<{ ok: false } | { ok: true; method: "totp" | "recovery" }> {
  const row = await prisma.twoFactor.findUnique({
    where: { userId },
    select: { secret: true, enabledAt: true, lastTimeStep: true },
  });
  if (!row?.enabledAt) return { ok: false };
  const step = await checkTotp(row.secret, input, row.lastTimeStep);
  if (step !== null) {
    const taken = await prisma.twoFactor.updateMany({
      where: { userId, OR: [{ lastTimeStep: null }, { lastTimeStep: { lt: step } }] },
      data: { lastTimeStep: step },
    });
    return taken.count === 1 ? { ok: true, method: "totp" } : { ok: false };
  }
  if (normaliseRecovery(input).length !== 10) return { ok: false };
  const codes = await prisma.recoveryCode.findMany({
    where: { userId, usedAt: null },
    select: { id: true, hash: true },
  });
  const match = codes.find((c) => recoveryCodeMatches(input, c.hash));
  if (!match) return { ok: false };
  const used = await prisma.recoveryCode.updateMany({
    where: { id: match.id, usedAt: null },
    data: { usedAt: new Date() },
  });
  return used.count === 1 ? { ok: true, method: "recovery" } : { ok: false };
}

export type SecondStep =
  | { status: "ok"; user: AuditPerson; method: "totp" | "recovery" }
  | { status: "invalid" }
  | { status: "gone" }
  | { status: "throttled"; retryAfterSeconds: number };

/** The second step of sign-in, limited per person like the first (a code is only six digits). */
export async function checkSecondStep(userId: string, code: string, ip: string): Promise<SecondStep> {
  const user = await prisma.user.findFirst({ where: { id: userId, active: true }, select: { id: true, email: true } });
  if (!user) return { status: "gone" };
  let check;
  try {
    check = await beginTwoFactorCheck(user.id);
  } catch (error) {
    if (!(error instanceof RateLimited)) throw error;
    if (error.justReached) {
      await audit({
        kind: "signin.throttled",
        actor: null,
        target: { id: user.id, label: user.email },
        ip,
        details: { limit: "twoFactor", retryAfterSeconds: error.retryAfterSeconds },
      });
    }
    return { status: "throttled", retryAfterSeconds: error.retryAfterSeconds };
  }
  const verified = await verifySecondFactor(user.id, code);
  if (!verified.ok) {
    await audit({ kind: "signin.twoFactorFailure", actor: null, target: { id: user.id, label: user.email }, ip });
    return { status: "invalid" };
  }
  await check.passed();
  return { status: "ok", user, method: verified.method };
}

// Between the password and the code, the browser holds a short-lived signed cookie that names
// the person; it is no session (no page opens with it) and ends at the second step.

const PENDING_MINUTES = 10;

const pendingCookie = createCookie("rapport_2fa", {
  httpOnly: true,
  sameSite: "lax",
  path: "/login",
  secure: getEnv().NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "true",
  secrets: [getEnv().SESSION_SECRET],
  maxAge: PENDING_MINUTES * 60,
});

export type PendingSignIn = { userId: string; redirectTo: string };

export function startPendingSignIn(pending: PendingSignIn) {
  return pendingCookie.serialize({
    u: pending.userId,
    r: pending.redirectTo,
    e: Date.now() + PENDING_MINUTES * 60_000,
  });
}

export async function readPendingSignIn(request: Request): Promise<PendingSignIn | null> {
  const value: unknown = await pendingCookie.parse(request.headers.get("Cookie"));
  if (!value || typeof value !== "object") return null;
  const { u, r, e } = value as Record<string, unknown>;
  // The expiry inside the signed value holds even if the browser keeps the cookie longer.
  if (typeof u !== "string" || typeof r !== "string" || typeof e !== "number" || e < Date.now()) return null;
  return { userId: u, redirectTo: r };
}

export function clearPendingSignIn() {
  return pendingCookie.serialize("", { maxAge: 0 });
}
