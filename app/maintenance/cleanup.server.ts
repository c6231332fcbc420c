// Housekeeping every server process schedules and exactly one runs per hour, whichever
// gets the lease first (ADR 021): the accounts' housekeeping (ended sessions, rate-limit
// counters past their window, old audit entries) and heartbeats of processes gone for a day.
import { Cron } from "croner";
import { runHousekeeping } from "#app/accounts/housekeeping.server.ts";
import { isUniqueViolation, prisma as appClient } from "#app/utils/db.server.ts";
import { instance } from "#app/utils/health.server.ts";

type Client = typeof appClient;

const LEASE = "cleanup";
const HOUR = 3_600_000;
/** At 7 minutes past every hour, on every server; the lease lets one of them do it. */
export const CLEANUP_SCHEDULE = "7 * * * *";

/**
 * Takes the named lease until `until` if nobody holds it now. Of several servers asking at
 * once, exactly one gets it: the conditional update (or, the first time, the insert of the
 * row) succeeds for one only. A holder that dies just lets it run out.
 */
export async function claimLease(name: string, holder: string, until: Date, now = new Date(), client = appClient) {
  const taken = await client.lease.updateMany({ where: { name, until: { lt: now } }, data: { holder, until } });
  if (taken.count === 1) return true;
  try {
    await client.lease.create({ data: { name, holder, until } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Deletes what nobody needs any more; returns how many rows of each. */
export async function cleanUp(now = new Date()) {
  const heartbeats = await appClient.heartbeat.deleteMany({
    where: { at: { lt: new Date(now.getTime() - 24 * HOUR) } },
  });
  return { ...(await runHousekeeping(now)), heartbeats: heartbeats.count };
}

/**
 * One scheduled run: cleans up if this server wins the hour's lease. The lease lasts a
 * little less than the hour, so the next hour's run is free whoever wins it.
 */
export async function runScheduledCleanup(now = new Date(), client: Client = appClient, holder = instance) {
  if (!(await claimLease(LEASE, holder, new Date(now.getTime() + 50 * 60_000), now, client))) return null;
  return cleanUp(now);
}

const started = globalThis as unknown as { rapportCleanup?: Cron };

/** Schedules the cleanup in this process, once (dev reloads re-import this module). */
export function startScheduledCleanup() {
  return (started.rapportCleanup ??= new Cron(CLEANUP_SCHEDULE, { unref: true, protect: true }, async () => {
    try {
      const done = await runScheduledCleanup();
      if (done) {
        console.log(
          `cleanup: ${done.sessions} ended sessions, ${done.counters} rate-limit counters, ${done.auditEntries} audit entries, ${done.heartbeats} heartbeats deleted`,
        );
      }
    } catch (error) {
      console.warn(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }));
}
