// A session's figures, grouped in SQL over CalibrationScore (one row per level given): the
// database returns counts and sums per criterion, unit or mentor, never the grades one by
// one, so 2,000 grades cost what 20 do in the page (npm run bench:calibration).
import { findScenario } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { Prisma } from "#app/generated/prisma/client.ts";
import { prisma } from "#app/utils/db.server.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { type Alpha, krippendorffAlpha, type UnitCounts } from "./agreement.ts";
import { type Person, resultsAccess } from "./sessions.server.ts";

type Counted = { sessionId: string; itemId: string; criterion: string; level: number | bigint; n: number | bigint };

/** Value counts per (item, criterion): the units alpha is computed over. */
function unitsOf(rows: Counted[], criterion?: string) {
  const units = new Map<string, UnitCounts>();
  for (const row of rows) {
    if (criterion !== undefined && row.criterion !== criterion) continue;
    const key = `${row.itemId}|${row.criterion}`;
    const unit = units.get(key) ?? new Map<number, number>();
    unit.set(Number(row.level), Number(row.n));
    units.set(key, unit);
  }
  return units.values();
}

const num = (value: number | bigint | string | null) => (value === null ? null : Number(value));

/** Mentors' levels against the reference's, per criterion: within one level, and the mean distance. */
async function againstReference(sessionIds: string[], kind: "mentor" | "hidden") {
  return prisma.$queryRaw<
    Array<{ sessionId: string; criterion: string; total: bigint | number; within: bigint | number | null }>
  >`
    SELECT m."sessionId", m."criterion", COUNT(*) AS "total",
      SUM(CASE WHEN m."level" - r."level" BETWEEN -1 AND 1 THEN 1 ELSE 0 END) AS "within"
    FROM "CalibrationScore" m
    JOIN "CalibrationScore" r ON r."itemId" = m."itemId" AND r."criterion" = m."criterion" AND r."kind" = 'reference'
    WHERE m."kind" = ${kind} AND m."sessionId" IN (${Prisma.join(sessionIds)})
    GROUP BY m."sessionId", m."criterion"`;
}

function levelCounts(sessionIds: string[]) {
  return prisma.$queryRaw<Counted[]>`
    SELECT s."sessionId", s."itemId", s."criterion", s."level", COUNT(*) AS "n"
    FROM "CalibrationScore" s
    WHERE s."kind" = 'mentor' AND s."sessionId" IN (${Prisma.join(sessionIds)})
    GROUP BY s."sessionId", s."itemId", s."criterion", s."level"`;
}

const alphaView = (alpha: Alpha) => ({
  value: alpha.value === null ? null : Math.round(alpha.value * 1000) / 1000,
  reason: alpha.value === null ? alpha.reason : null,
});

/**
 * The figures of one session: per criterion and overall, alpha (ordinal) among the mentors and
 * the share of their levels within one of the reference; each mentor's mean deviation from
 * the reference and from the group's mean; the criteria ordered by spread.
 */
export async function sessionResults(user: Person, sessionId: string, locale: Locale) {
  const { session } = await resultsAccess(user, sessionId);
  const [counts, reference, mentors, spread, attempts] = await Promise.all([
    levelCounts([session.id]),
    againstReference([session.id], "mentor"),
    prisma.$queryRaw<
      Array<{
        graderId: string;
        name: string;
        levels: bigint | number;
        fromReference: number | null;
        fromReferenceAbs: number | null;
        fromGroup: number | null;
        fromGroupAbs: number | null;
      }>
    >`
      WITH "groupMean" AS (
        SELECT g."itemId", g."criterion", AVG(g."level" * 1.0) AS "mean"
        FROM "CalibrationScore" g
        WHERE g."sessionId" = ${session.id} AND g."kind" = 'mentor'
        GROUP BY g."itemId", g."criterion"
      )
      SELECT m."graderId", u."name", COUNT(*) AS "levels",
        AVG(m."level" - r."level" * 1.0) AS "fromReference",
        AVG(ABS(m."level" - r."level") * 1.0) AS "fromReferenceAbs",
        AVG(m."level" - gm."mean") AS "fromGroup",
        AVG(ABS(m."level" - gm."mean")) AS "fromGroupAbs"
      FROM "CalibrationScore" m
      JOIN "User" u ON u."id" = m."graderId"
      JOIN "groupMean" gm ON gm."itemId" = m."itemId" AND gm."criterion" = m."criterion"
      LEFT JOIN "CalibrationScore" r ON r."itemId" = m."itemId" AND r."criterion" = m."criterion" AND r."kind" = 'reference'
      WHERE m."sessionId" = ${session.id} AND m."kind" = 'mentor'
      GROUP BY m."graderId", u."name"`,
    prisma.$queryRaw<Array<{ criterion: string; variance: number | null }>>`
      SELECT v."criterion", AVG(v."variance") AS "variance"
      FROM (
        SELECT s."itemId", s."criterion",
          AVG(s."level" * s."level" * 1.0) - AVG(s."level" * 1.0) * AVG(s."level" * 1.0) AS "variance"
        FROM "CalibrationScore" s
        WHERE s."sessionId" = ${session.id} AND s."kind" = 'mentor'
        GROUP BY s."itemId", s."criterion"
      ) v
      GROUP BY v."criterion"`,
    prisma.scenarioAttempt.findMany({
      where: { id: { in: session.items.flatMap((i) => (i.attemptId ? [i.attemptId] : [])) } },
      select: { scenarioId: true },
    }),
  ]);
  // Criterion titles from the attempts' rubrics (two scenarios may share an id such as "empathy").
  const titles = new Map<string, string>();
  for (const a of attempts) {
    const bundle = findScenario(a.scenarioId);
    for (const c of bundle ? pick(bundle.variants, locale).value.rubric : []) titles.set(c.id, c.title);
  }
  const criteria = [...new Set(counts.map((c) => c.criterion))].sort();
  const withinOf = (rows: typeof reference) => {
    const total = rows.reduce((sum, r) => sum + Number(r.total), 0);
    const within = rows.reduce((sum, r) => sum + Number(r.within ?? 0), 0);
    return total ? within / total : null;
  };
  const spreadOf = new Map(spread.map((s) => [s.criterion, Math.sqrt(Math.max(0, Number(s.variance ?? 0)))]));
  return {
    overall: {
      alpha: alphaView(krippendorffAlpha(unitsOf(counts))),
      within: withinOf(reference),
    },
    criteria: criteria
      .map((id) => ({
        id,
        title: titles.get(id) ?? id,
        alpha: alphaView(krippendorffAlpha(unitsOf(counts, id))),
        within: withinOf(reference.filter((r) => r.criterion === id)),
        spread: spreadOf.get(id) ?? 0,
      }))
      .sort((a, b) => b.spread - a.spread || a.id.localeCompare(b.id)),
    mentors: mentors
      .map((m) => ({
        id: m.graderId,
        name: m.name,
        levels: Number(m.levels),
        fromReference: num(m.fromReference),
        fromReferenceAbs: num(m.fromReferenceAbs),
        fromGroup: num(m.fromGroup),
        fromGroupAbs: num(m.fromGroupAbs),
      }))
      .sort((a, b) => (b.fromReferenceAbs ?? -1) - (a.fromReferenceAbs ?? -1) || a.name.localeCompare(b.name, locale)),
  };
}

/**
 * Agreement per closed session of the teams this person manages, oldest first: the trend
 * chart on /calibration. Hidden grades show as each mentor's deviation beside it.
 */
export async function teamTrend(user: Person) {
  const sessions = await prisma.calibrationSession.findMany({
    where: { status: "closed", team: { managers: { some: { userId: user.id } } } },
    select: { id: true, title: true, closedAt: true, team: { select: { id: true, name: true } } },
    orderBy: [{ closedAt: "asc" }, { id: "asc" }],
  });
  if (!sessions.length) return { teams: [], hidden: [] };
  const ids = sessions.map((s) => s.id);
  const [counts, reference, hidden] = await Promise.all([
    levelCounts(ids),
    againstReference(ids, "mentor"),
    prisma.$queryRaw<Array<{ graderId: string; name: string; levels: bigint | number; deviation: number | null }>>`
      SELECT h."graderId", u."name", COUNT(*) AS "levels", AVG(ABS(h."level" - r."level") * 1.0) AS "deviation"
      FROM "CalibrationScore" h
      JOIN "User" u ON u."id" = h."graderId"
      JOIN "CalibrationScore" r ON r."itemId" = h."itemId" AND r."criterion" = h."criterion" AND r."kind" = 'reference'
      WHERE h."kind" = 'hidden' AND h."sessionId" IN (${Prisma.join(ids)})
      GROUP BY h."graderId", u."name"`,
  ]);
  const teams = new Map<string, { id: string; name: string; points: TrendPoint[] }>();
  for (const s of sessions) {
    const rows = reference.filter((r) => r.sessionId === s.id);
    const total = rows.reduce((sum, r) => sum + Number(r.total), 0);
    const team = teams.get(s.team.id) ?? { id: s.team.id, name: s.team.name, points: [] };
    team.points.push({
      sessionId: s.id,
      title: s.title,
      closedAt: s.closedAt,
      alpha: alphaView(krippendorffAlpha(unitsOf(counts.filter((c) => c.sessionId === s.id)))).value,
      within: total ? rows.reduce((sum, r) => sum + Number(r.within ?? 0), 0) / total : null,
    });
    teams.set(s.team.id, team);
  }
  return {
    teams: [...teams.values()],
    hidden: hidden
      .map((h) => ({ id: h.graderId, name: h.name, levels: Number(h.levels), deviation: num(h.deviation) }))
      .sort((a, b) => (b.deviation ?? 0) - (a.deviation ?? 0)),
  };
}

export type TrendPoint = {
  sessionId: string;
  title: string;
  closedAt: Date | null;
  alpha: number | null;
  within: number | null;
};
