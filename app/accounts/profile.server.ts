import { audit, auditQuery, type AuditPerson } from "#app/audit/log.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { RateLimited } from "#app/utils/rate-limit.server.ts";
import { checkPassword, hashPassword, isCommonPassword } from "./password.server.ts";
import { beginPasswordCheck } from "./throttle.server.ts";

export async function updateProfile(userId: string, data: { name: string; locale: string | null }) {
  await prisma.user.update({ where: { id: userId }, data, select: { id: true } });
}

/** The language chosen in the switcher, kept on the profile. */
export async function setLocale(userId: string, locale: string) {
  await prisma.user.update({ where: { id: userId }, data: { locale }, select: { id: true } });
}

export type PasswordCheck = { status: "ok" } | { status: "wrong" } | { status: "throttled"; retryAfterSeconds: number };

/**
 * Checks a signed-in person's current password, limited like sign-in guesses: a session left
 * open on a shared computer must not become a way to guess the password.
 */
export async function checkCurrentPassword(user: AuditPerson, password: string, ip: string): Promise<PasswordCheck> {
  let check;
  try {
    check = await beginPasswordCheck(user.id);
  } catch (error) {
    if (error instanceof RateLimited) return { status: "throttled", retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
  const stored = await prisma.password.findUnique({ where: { userId: user.id }, select: { hash: true } });
  if (!stored || !(await checkPassword(password, stored.hash)).ok) {
    await audit({ kind: "password.checkFailed", actor: user, ip });
    return { status: "wrong" };
  }
  await check.passed();
  return { status: "ok" };
}

export type PasswordChange = PasswordCheck | { status: "common" };

/**
 * A new password after the current one is checked. Every other session of the person ends:
 * whoever else was signed in (a stolen session, a forgotten computer) is out.
 */
export async function changePassword(
  user: AuditPerson & { sessionId: string },
  currentPassword: string,
  newPassword: string,
  ip: string,
): Promise<PasswordChange> {
  if (isCommonPassword(newPassword)) return { status: "common" };
  const check = await checkCurrentPassword(user, currentPassword, ip);
  if (check.status !== "ok") return check;
  const hash = await hashPassword(newPassword);
  await prisma.$transaction([
    prisma.password.update({ where: { userId: user.id }, data: { hash }, select: { userId: true } }),
    prisma.session.deleteMany({ where: { userId: user.id, id: { not: user.sessionId } } }),
    auditQuery({ kind: "password.changed", actor: { id: user.id, email: user.email }, ip }),
  ]);
  return { status: "ok" };
}
