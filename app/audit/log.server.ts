// The audit log: sign-ins, password and session events, and every admin change, with who,
// when, from where and what changed. Written next to the change it records (in the same
// transaction where the change is one), read only by admins at /admin/audit.
import { prisma } from "#app/utils/db.server.ts";
import { type AuditKind } from "./kinds.ts";

export type AuditPerson = { id: string; email: string };

export type AuditEntry = {
  kind: AuditKind;
  /** Who did it; null for a sign-in attempt nobody could be matched to. */
  actor: AuditPerson | null;
  /** Whom or what it was done to, when not the actor themself. */
  target?: { id: string | null; label: string } | null;
  ip: string;
  /** What changed ({ field: [before, after] }) or what was tried. Never a password or a secret. */
  details?: Record<string, unknown>;
};

function data(entry: AuditEntry) {
  return {
    kind: entry.kind,
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    targetId: entry.target?.id ?? null,
    targetLabel: entry.target?.label ?? null,
    ipAddress: entry.ip.slice(0, 100),
    details: JSON.stringify(entry.details ?? {}),
  };
}

/** Records one entry now. */
export async function audit(entry: AuditEntry) {
  await prisma.auditEvent.create({ data: data(entry), select: { id: true } });
}

/** The same entry as a query, to put in the transaction that makes the change. */
export function auditQuery(entry: AuditEntry) {
  return prisma.auditEvent.create({ data: data(entry), select: { id: true } });
}

/** The fields of two snapshots that differ, as { field: [before, after] }. */
export function changes<T extends Record<string, unknown>>(before: T, after: T) {
  const diff: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) {
    const a = JSON.stringify(before[key] ?? null);
    const b = JSON.stringify(after[key] ?? null);
    if (a !== b) diff[key] = [before[key] ?? null, after[key] ?? null];
  }
  return diff;
}

/** Deletes entries older than the retention period; returns how many. */
export async function pruneAuditLog(retentionDays: number, now = new Date()) {
  const { count } = await prisma.auditEvent.deleteMany({
    where: { at: { lt: new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000) } },
  });
  return count;
}
