// The manager's view of their teams: every trainee's level, progress to the next, what is
// missing, activity and goals, plus the team charts. The number of queries is fixed: it
// does not grow with the number of people. It only reads: readiness rows are written with
// the evidence that changes them, and by the background sweep (ADR 016).
import { type SessionUser } from "#app/accounts/auth.server.ts";
import { competencies, levels } from "#app/content/vocabulary.ts";
import { describeRequirements, stageTitle } from "#app/ladder/describe.server.ts";
import { competencyScoresColumn } from "#app/ladder/columns.server.ts";
import { contentVersion, parseMissing } from "#app/ladder/readiness.server.ts";
import { Prisma } from "#app/generated/prisma/client.ts";
import { prisma } from "#app/utils/db.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { type Locale } from "#app/utils/i18n.ts";

const DAY = 86_400_000;

/** A level's place on the ladder (stored as text); -1 for none or an unknown one. */
const rank = (level: string | null) => levels.findIndex((l) => l === level);

export type TeamFilters = { team?: string; status?: "stalled" | "late"; sort?: string };

function median(values: number[]) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Raw queries return SQLite's stored text for dates; PostgreSQL returns dates. */
const toDate = (value: string | Date | null) => (value === null ? null : new Date(value));

type PersonRow = {
  id: string;
  name: string;
  email: string;
  startDate: string | Date | null;
  teamId: string | null;
  targetLevel: string | null;
  dueDate: string | Date | null;
  mentorId: string | null;
  mentorName: string | null;
  contentVersion: string | null;
  currentLevel: string | null;
  nextLevel: string | null;
  nextMet: number | null;
  nextTotal: number | null;
  nextShare: number | null;
  missing: string | null;
  competencies: string | null;
  lastActivityAt: string | Date | null;
  l1At: string | Date | null;
};

/** The teams this manager manages, as an SQL subquery (never a list of ids, ADR 020). */
const managedTeams = (managerId: string) =>
  Prisma.sql`SELECT tm."teamId" FROM "TeamManager" tm WHERE tm."userId" = ${managerId}`;

/** Everyone in the manager's teams with their readiness row, goal and mentor: one joined query. */
function peopleOf(managerId: string) {
  return prisma.$queryRaw<PersonRow[]>`
    SELECT u."id", u."name", u."email", u."startDate", u."teamId",
      g."targetLevel", g."dueDate", m."id" AS "mentorId", m."name" AS "mentorName",
      r."contentVersion", r."currentLevel", r."nextLevel", r."nextMet", r."nextTotal", r."nextShare", r."missing",
      r."competencies", r."lastActivityAt", r."l1At"
    FROM "User" u
    JOIN "UserRole" ur ON ur."userId" = u."id" AND ur."role" = 'trainee'
    LEFT JOIN "Readiness" r ON r."userId" = u."id"
    LEFT JOIN "Goal" g ON g."userId" = u."id"
    LEFT JOIN "User" m ON m."id" = (
      SELECT ms."mentorId" FROM "Mentorship" ms WHERE ms."traineeId" = u."id" ORDER BY ms."createdAt" DESC LIMIT 1)
    WHERE u."active" = true AND u."teamId" IN (${managedTeams(managerId)})
    ORDER BY u."name"`;
}

export async function getTeamView(
  manager: Pick<SessionUser, "id">,
  filters: TeamFilters,
  locale: Locale,
  now = new Date(),
) {
  const teams = await prisma.team.findMany({
    where: { managers: { some: { userId: manager.id } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  // Rows still missing or computed against other content are shown as they are: the sweep
  // brings them up to date in the background, never this request (ADR 016).
  const people = await peopleOf(manager.id);
  const version = contentVersion();
  const stalledDays = getEnv().STALLED_DAYS;
  const teamName = new Map(teams.map((t) => [t.id, t.name]));

  const rows = people.map((person) => {
    const current = person.currentLevel;
    const next = person.nextLevel;
    const last = toDate(person.lastActivityAt);
    const startDate = toDate(person.startDate);
    const due = toDate(person.dueDate);
    const reached = (target: string) => current !== null && rank(current) >= rank(target);
    const l1 = toDate(person.l1At);
    return {
      id: person.id,
      name: person.name,
      email: person.email,
      team: teamName.get(person.teamId ?? "") ?? "",
      teamId: person.teamId,
      mentor: person.mentorId ? { id: person.mentorId, name: person.mentorName ?? "" } : null,
      startDate,
      currentLevel: current,
      nextLevel: next,
      /** Percent of the way to the next level: the measure /learn and /progress show (ladder/share.ts). */
      share: next ? (person.nextShare ?? 0) : 100,
      met: person.nextMet ?? 0,
      total: person.nextTotal ?? 0,
      /** The stored requirements; labelled in the reader's language only for the rows shown. */
      missingJson: person.missing,
      lastActivity: last,
      stalled: !last || now.getTime() - last.getTime() > stalledDays * DAY,
      goal:
        person.targetLevel && due
          ? { targetLevel: person.targetLevel, dueDate: due, late: due < now && !reached(person.targetLevel) }
          : null,
      daysToL1: l1 && startDate ? Math.max(0, Math.round((l1.getTime() - startDate.getTime()) / DAY)) : null,
      competencies: person.competencies ? competencyScoresColumn.decode(person.competencies) : null,
    };
  });

  let shown = rows.filter(
    (r) =>
      (!filters.team || r.teamId === filters.team) &&
      (filters.status !== "stalled" || r.stalled) &&
      (filters.status !== "late" || r.goal?.late),
  );
  const sorters: Record<string, (a: (typeof rows)[number], b: (typeof rows)[number]) => number> = {
    name: (a, b) => a.name.localeCompare(b.name, locale),
    level: (a, b) => rank(b.currentLevel) - rank(a.currentLevel) || b.share - a.share,
    progress: (a, b) => b.share - a.share,
    activity: (a, b) => (a.lastActivity?.getTime() ?? 0) - (b.lastActivity?.getTime() ?? 0),
    due: (a, b) => (a.goal?.dueDate.getTime() ?? Infinity) - (b.goal?.dueDate.getTime() ?? Infinity),
  };
  shown = [...shown].sort(sorters[filters.sort ?? "name"] ?? sorters.name);

  // Level funnel: how many have reached each level.
  const funnel = levels.map((level) => ({
    level,
    count: rows.filter((r) => rank(r.currentLevel) >= rank(level)).length,
  }));
  // Time to proficiency: days from start date to L1, per start-month cohort.
  const cohorts = new Map<string, { people: number; certified: number[] }>();
  for (const r of rows) {
    if (!r.startDate) continue;
    const month = r.startDate.toISOString().slice(0, 7);
    const cohort = cohorts.get(month) ?? { people: 0, certified: [] };
    cohort.people++;
    if (r.daysToL1 !== null) cohort.certified.push(r.daysToL1);
    cohorts.set(month, cohort);
  }
  // Review backlog and median turnaround (submission to first grade) per mentor.
  const mentorIds = [...new Set(rows.flatMap((r) => (r.mentor ? [r.mentor.id] : [])))];
  const [waiting, firstGrades] = await Promise.all([
    prisma.$queryRaw<Array<{ userId: string; count: number | bigint }>>`
      SELECT a."userId", COUNT(*) AS "count"
      FROM "ScenarioAttempt" a JOIN "User" u ON u."id" = a."userId"
      WHERE a."reviewStatus" = 'waiting' AND u."teamId" IN (${managedTeams(manager.id)})
      GROUP BY a."userId"`,
    // First grades of these teams' attempts in the last 90 days, one joined query (a nested
    // select would be split into one query per thousand grades).
    prisma.$queryRaw<Array<{ reviewerId: string; createdAt: string | Date; submittedAt: string | Date | null }>>`
      SELECT v."reviewerId", v."createdAt", a."submittedAt"
      FROM "User" u
      JOIN "ScenarioAttempt" a ON a."userId" = u."id" AND a."reviewStatus" = 'graded'
      JOIN "Review" r ON r."attemptId" = a."id"
      JOIN "ReviewVersion" v ON v."reviewId" = r."id" AND v."version" = 1
      WHERE u."teamId" IN (${managedTeams(manager.id)})
        AND v."createdAt" > ${new Date(now.getTime() - 90 * DAY)}`,
  ]);
  const mentorName = new Map(rows.flatMap((r) => (r.mentor ? [[r.mentor.id, r.mentor.name] as const] : [])));
  const backlog = new Map<string, number>();
  const mentorOf = new Map(rows.map((r) => [r.id, r.mentor?.id ?? null]));
  for (const w of waiting) {
    const mentor = mentorOf.get(w.userId);
    if (mentor) backlog.set(mentor, (backlog.get(mentor) ?? 0) + Number(w.count));
  }
  const hoursBy = new Map<string, number[]>();
  for (const g of firstGrades) {
    if (!g.submittedAt) continue;
    const hours = (new Date(g.createdAt).getTime() - new Date(g.submittedAt).getTime()) / 3_600_000;
    hoursBy.set(g.reviewerId, [...(hoursBy.get(g.reviewerId) ?? []), hours]);
  }
  const mentors = mentorIds.map((id) => {
    const hours = hoursBy.get(id) ?? [];
    const turnaround = median(hours);
    return {
      id,
      name: mentorName.get(id) ?? id,
      backlog: backlog.get(id) ?? 0,
      turnaroundHours: turnaround === null ? null : Math.round(turnaround),
      graded: hours.length,
    };
  });

  return {
    teams,
    rows: shown,
    total: rows.length,
    /** People whose figures are being brought up to date (new, or after a content change). */
    pending: people.filter((p) => p.contentVersion !== version).length,
    stalledDays,
    levelTitles: Object.fromEntries(levels.map((l) => [l, stageTitle(l, locale)])),
    funnel,
    cohorts: [...cohorts.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, c]) => ({
        month,
        people: c.people,
        certified: c.certified.length,
        medianDays: median(c.certified),
      })),
    mentors: mentors.sort((a, b) => b.backlog - a.backlog),
    heatMap: {
      competencies: [...competencies],
      rows: shown.map((r) => ({ id: r.id, name: r.name, scores: r.competencies })),
    },
  };
}

/** What a person still misses for their next level, in the reader's language. */
export function missingLabels(row: { nextLevel: string | null; missingJson: string | null }, locale: Locale) {
  if (!row.nextLevel || !row.missingJson) return [];
  return describeRequirements({ id: row.nextLevel, requirements: parseMissing(row.missingJson) }, locale).map(
    (r) => r.label,
  );
}

/** People per page of the table and heat map; the charts and the CSV cover everyone. */
const PAGE_SIZE = 50;

/**
 * /team: the view of everyone for the charts, one page of people for the table (what each
 * still misses put into words only for them), and the person being reassigned, if any.
 */
export async function getTeamPage(
  manager: Pick<SessionUser, "id">,
  request: { filters: TeamFilters; page: number; assign: string | null },
  locale: Locale,
) {
  const full = await getTeamView(manager, request.filters, locale);
  const pages = Math.max(1, Math.ceil(full.rows.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, request.page || 1));
  const present = ({ missingJson, ...row }: (typeof full.rows)[number]) => ({
    ...row,
    missing: missingLabels({ ...row, missingJson }, locale),
  });
  const rows = full.rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(present);
  const assigning = full.rows.find((r) => r.id === request.assign);
  const shown = new Set(rows.map((r) => r.id));
  return {
    view: { ...full, rows, heatMap: { ...full.heatMap, rows: full.heatMap.rows.filter((r) => shown.has(r.id)) } },
    page,
    pages,
    assigning: assigning ? present(assigning) : null,
  };
}
