// Deletes what has run out: sessions past their end or idle too long, rate-limit counters
// whose window has passed, audit entries older than AUDIT_RETENTION_DAYS, mails sent over a
// month ago, and invitation and reset links long expired. The hourly cleanup
// (app/maintenance/cleanup.server.ts) runs it on one server at a time; the deletes are
// idempotent, so a second run at once would do no harm.
import { pruneAuditLog } from "#app/audit/log.server.ts";
import { pruneOutbox } from "#app/mail/outbox.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { pruneRateLimits } from "#app/utils/rate-limit.server.ts";
import { sessionIdleMs } from "#app/utils/session.server.ts";

export async function runHousekeeping(now = new Date()) {
  const sessions = await prisma.session.deleteMany({
    where: { OR: [{ expiresAt: { lt: now } }, { lastSeenAt: { lt: new Date(now.getTime() - sessionIdleMs()) } }] },
  });
  const counters = await pruneRateLimits(now);
  const auditEntries = await pruneAuditLog(getEnv().AUDIT_RETENTION_DAYS, now);
  const mails = await pruneOutbox(now);
  return { sessions: sessions.count, counters, auditEntries, mails };
}
