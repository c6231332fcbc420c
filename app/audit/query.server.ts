import { prisma } from "#app/utils/db.server.ts";
import { dayOf, isoDay } from "#app/utils/forms.ts";
import { type AuditKind, isAuditKind } from "./kinds.ts";

export const AUDIT_PAGE_SIZE = 50;
/** A CSV export holds at most this many entries (the newest); narrow the filters for older ones. */
export const AUDIT_EXPORT_MAX = 50_000;

export type AuditFilters = { who: string; kind: AuditKind | ""; from: string; to: string };

const day = isoDay("form.dateInvalid");
const validDay = (v: string) => day.safeParse(v).success;

/** Filters from the query string; anything unreadable is dropped rather than refused. */
export function auditFiltersFrom(url: URL): AuditFilters {
  const get = (name: string) => (url.searchParams.get(name) ?? "").trim();
  const kind = get("kind");
  const from = get("from");
  const to = get("to");
  return {
    who: get("who").slice(0, 254).toLowerCase(),
    kind: isAuditKind(kind) ? kind : "",
    from: validDay(from) ? from : "",
    to: validDay(to) ? to : "",
  };
}

function where(filters: AuditFilters) {
  const at: { gte?: Date; lt?: Date } = {};
  if (filters.from) at.gte = dayOf(filters.from);
  // "To" includes the whole day.
  if (filters.to) at.lt = new Date(dayOf(filters.to).getTime() + 24 * 60 * 60 * 1000);
  return {
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(at.gte || at.lt ? { at } : {}),
    ...(filters.who
      ? { OR: [{ actorEmail: { contains: filters.who } }, { targetLabel: { contains: filters.who } }] }
      : {}),
  };
}

const select = {
  id: true,
  at: true,
  kind: true,
  actorEmail: true,
  targetLabel: true,
  ipAddress: true,
  details: true,
} as const;

export async function listAuditEvents(filters: AuditFilters, page: number) {
  const [total, events] = await Promise.all([
    prisma.auditEvent.count({ where: where(filters) }),
    prisma.auditEvent.findMany({
      where: where(filters),
      select,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
  ]);
  return { total, events };
}

export function auditEventsForExport(filters: AuditFilters) {
  return prisma.auditEvent.findMany({
    where: where(filters),
    select,
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: AUDIT_EXPORT_MAX,
  });
}
