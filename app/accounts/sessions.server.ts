// A person's own sessions: the list on /profile, ending one, ending all.
import { createHash } from "node:crypto";
import Bowser from "bowser";
import { audit, type AuditPerson } from "#app/audit/log.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { sessionIdleMs } from "#app/utils/session.server.ts";

/** "Chrome 130 · Linux" from a User-Agent; empty when it names no browser (a script, a bot). */
export function deviceLabel(userAgent: string) {
  if (!userAgent) return "";
  const { browser, os } = Bowser.parse(userAgent);
  const name = [browser.name, browser.version?.split(".")[0]].filter(Boolean).join(" ");
  return [name, os.name].filter(Boolean).join(" · ");
}

/** Sessions still open (not ended, not past their absolute end, not idle too long), newest use first. */
export async function listSessions(userId: string, currentId: string) {
  const now = Date.now();
  const rows = await prisma.session.findMany({
    where: { userId, expiresAt: { gt: new Date(now) }, lastSeenAt: { gt: new Date(now - sessionIdleMs()) } },
    select: { id: true, createdAt: true, lastSeenAt: true, ipAddress: true, userAgent: true },
    orderBy: { lastSeenAt: "desc" },
  });
  return rows.map((s) => ({
    handle: handleOf(s.id),
    current: s.id === currentId,
    device: deviceLabel(s.userAgent),
    ipAddress: s.ipAddress,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
  }));
}

/** The id is the session's secret, so pages name a session by a hash of it instead. */
const handleOf = (id: string) => createHash("sha256").update(id).digest("base64url").slice(0, 16);

/** Ends one of the person's other sessions, named by its handle; false when there is none. */
export async function endSession(user: AuditPerson & { sessionId: string }, handle: string, ip: string) {
  const sessions = await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } });
  const target = sessions.find((s) => s.id !== user.sessionId && handleOf(s.id) === handle);
  if (!target) return false;
  await prisma.session.deleteMany({ where: { id: target.id, userId: user.id } });
  await audit({ kind: "session.ended", actor: { id: user.id, email: user.email }, ip });
  return true;
}

/** "Sign out everywhere": every session of the person, this one included. */
export async function endAllSessions(user: AuditPerson, ip: string) {
  const { count } = await prisma.session.deleteMany({ where: { userId: user.id } });
  await audit({ kind: "session.endedAll", actor: user, ip, details: { count } });
  return count;
}
