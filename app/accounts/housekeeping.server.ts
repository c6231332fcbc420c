// Deletes what has run out: sessions past their end or idle too long, rate-limit counters
// whose window has passed, and audit entries older than AUDIT_RETENTION_DAYS. Every app server
// runs it (at start, then every few hours); the deletes are idempotent, so running it twice
// at once does no harm.
import { pruneAuditLog } from "#app/audit/log.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { pruneRateLimits } from "#app/utils/rate-limit.server.ts";
import { sessionIdleMs } from "#app/utils/session.server.ts";

const EVERY_MS = 3 * 60 * 60 * 1000;

export async function runHousekeeping(now = new Date()) {
  const sessions = await prisma.session.deleteMany({
    where: { OR: [{ expiresAt: { lt: now } }, { lastSeenAt: { lt: new Date(now.getTime() - sessionIdleMs()) } }] },
  });
  const counters = await pruneRateLimits(now);
  const auditEntries = await pruneAuditLog(getEnv().AUDIT_RETENTION_DAYS, now);
  return { sessions: sessions.count, counters, auditEntries };
}

const holder = globalThis as unknown as { rapportHousekeeping?: NodeJS.Timeout };

/** Starts the schedule once per process (dev reloads keep the first). */
export function startHousekeeping() {
  if (holder.rapportHousekeeping || getEnv().NODE_ENV === "test") return;
  const run = () =>
    runHousekeeping().catch((error: unknown) => {
      console.warn(`housekeeping failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  // Not in the way of the first requests.
  setTimeout(() => void run(), 5_000).unref();
  holder.rapportHousekeeping = setInterval(() => void run(), EVERY_MS).unref();
}
