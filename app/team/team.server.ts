// The manager's view of their teams: every trainee's level, progress to the next, what is
// missing, activity and goals, plus the team charts. The number of queries is fixed: it
// does not grow with the number of people.
import { type SessionUser } from "#app/accounts/auth.server.ts";
import { competencies, type Level, levels } from "#app/courses/model.ts";
import { describeRequirements, stageTitle } from "#app/ladder/describe.server.ts";
import {
  type Evidence,
  evaluatePerson,
  loadEvidence,
  type PersonEvaluation,
  recordCertifications,
} from "#app/ladder/evaluate.server.ts";
import { evidenceByCompetency, mean } from "#app/ladder/profile.server.ts";
import { Prisma } from "#app/generated/prisma/client.ts";
import { prisma } from "#app/utils/db.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { type Locale } from "#app/utils/i18n.ts";

const DAY = 86_400_000;

export type TeamFilters = { team?: string; status?: "stalled" | "late"; sort?: string };

function median(values: number[]) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Quiz and rubric evidence per competency, as one percentage (null without evidence). */
function competencyScores(evidence: Evidence) {
  const { quiz, rubric } = evidenceByCompetency(evidence);
  return Object.fromEntries(
    competencies.map((c) => [c, mean([...(quiz.get(c) ?? []), ...(rubric.get(c) ?? [])])]),
  ) as Record<(typeof competencies)[number], number | null>;
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
  const teamIds = teams.map((t) => t.id);
  // No includes: an include sends one parameter per person, and SQLite caps parameters.
  const inTeams = { teamId: { in: teamIds } };
  const [members, goalRows, mentorships, mentorRows] = await Promise.all([
    prisma.user.findMany({
      where: { ...inTeams, active: true, roles: { some: { role: "trainee" } } },
      select: { id: true, name: true, email: true, startDate: true, teamId: true },
      orderBy: { name: "asc" },
    }),
    prisma.goal.findMany({ where: { user: inTeams }, select: { userId: true, targetLevel: true, dueDate: true } }),
    prisma.mentorship.findMany({ where: { trainee: inTeams }, select: { traineeId: true, mentorId: true } }),
    prisma.user.findMany({ where: { mentoring: { some: { trainee: inTeams } } }, select: { id: true, name: true } }),
  ]);
  const goalOf = new Map(goalRows.map((g) => [g.userId, g]));
  const mentorById = new Map(mentorRows.map((m) => [m.id, m]));
  const mentorOfPerson = new Map(mentorships.map((m) => [m.traineeId, mentorById.get(m.mentorId) ?? null]));
  const people = members.map((m) => ({
    ...m,
    goal: goalOf.get(m.id) ?? null,
    mentor: mentorOfPerson.get(m.id) ?? null,
  }));
  const evidence = await loadEvidence({ teamIds });
  const stalledDays = getEnv().STALLED_DAYS;
  const teamName = new Map(teams.map((t) => [t.id, t.name]));

  // Each person is evaluated once; what they newly completed is certified on the way.
  const evaluations = new Map<string, PersonEvaluation>();
  for (const person of people) {
    const mine = evidence.get(person.id);
    if (!mine) continue;
    const evaluation = evaluatePerson(mine);
    for (const stage of await recordCertifications(person.id, evaluation)) {
      const certification = [...evaluation.levels, ...evaluation.tracks].find((s) => s.id === stage)?.certification;
      if (certification) mine.certifications.set(stage, certification);
    }
    evaluations.set(person.id, evaluation);
  }
  const rows = people.map((person) => {
    const mine = evidence.get(person.id);
    const evaluation = evaluations.get(person.id) ?? null;
    const next = evaluation?.nextLevel ?? null;
    const missing = next ? describeRequirements(next, locale).filter((r) => !r.met) : [];
    const last = mine?.lastActivity ?? null;
    const current = evaluation?.currentLevel ?? null;
    const goal = person.goal;
    const reached = (target: string) =>
      current !== null && levels.indexOf(current as Level) >= levels.indexOf(target as Level);
    const l1 = mine?.certifications.get("L1")?.certifiedAt ?? null;
    return {
      id: person.id,
      name: person.name,
      email: person.email,
      team: teamName.get(person.teamId ?? "") ?? "",
      teamId: person.teamId,
      mentor: person.mentor,
      startDate: person.startDate,
      currentLevel: current,
      nextLevel: next?.id ?? null,
      share: next ? Math.round((next.met / next.total) * 100) : 100,
      missing: missing.map((r) => r.label),
      lastActivity: last,
      stalled: !last || now.getTime() - last.getTime() > stalledDays * DAY,
      goal: goal
        ? {
            targetLevel: goal.targetLevel,
            dueDate: goal.dueDate,
            late: goal.dueDate < now && !reached(goal.targetLevel),
          }
        : null,
      daysToL1:
        l1 && person.startDate ? Math.max(0, Math.round((l1.getTime() - person.startDate.getTime()) / DAY)) : null,
      competencies: mine ? competencyScores(mine) : null,
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
    level: (a, b) =>
      levels.indexOf((b.currentLevel ?? "L0") as Level) - levels.indexOf((a.currentLevel ?? "L0") as Level) ||
      b.share - a.share,
    progress: (a, b) => b.share - a.share,
    activity: (a, b) => (a.lastActivity?.getTime() ?? 0) - (b.lastActivity?.getTime() ?? 0),
    due: (a, b) => (a.goal?.dueDate.getTime() ?? Infinity) - (b.goal?.dueDate.getTime() ?? Infinity),
  };
  shown = [...shown].sort(sorters[filters.sort ?? "name"] ?? sorters.name);

  // Level funnel: how many have reached each level.
  const funnel = levels.map((level) => ({
    level,
    count: rows.filter((r) => r.currentLevel && levels.indexOf(r.currentLevel as Level) >= levels.indexOf(level))
      .length,
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
    prisma.scenarioAttempt.findMany({
      where: { user: { teamId: { in: teamIds } }, reviewStatus: "waiting" },
      select: { userId: true },
    }),
    // First grades of these teams' attempts in the last 90 days, one joined query (a nested
    // select would be split into one query per thousand grades).
    prisma.$queryRaw<Array<{ reviewerId: string; createdAt: string | Date; submittedAt: string | Date | null }>>`
      SELECT v."reviewerId", v."createdAt", a."submittedAt"
      FROM "ReviewVersion" v
      JOIN "Review" r ON r."id" = v."reviewId"
      JOIN "ScenarioAttempt" a ON a."id" = r."attemptId"
      JOIN "User" u ON u."id" = a."userId"
      WHERE v."version" = 1 AND u."teamId" IN (${Prisma.join(teamIds.length ? teamIds : [""])})
        AND v."createdAt" > ${new Date(now.getTime() - 90 * DAY)}`,
  ]);
  const mentorOf = new Map(rows.map((r) => [r.id, r.mentor?.id ?? null]));
  const mentors = mentorIds.map((id) => {
    const name = rows.find((r) => r.mentor?.id === id)?.mentor?.name ?? id;
    const backlog = waiting.filter((w) => mentorOf.get(w.userId) === id).length;
    const hours = firstGrades
      .filter((g) => g.reviewerId === id && g.submittedAt)
      .map((g) => (new Date(g.createdAt).getTime() - new Date(g.submittedAt ?? 0).getTime()) / 3_600_000);
    const turnaround = median(hours);
    return {
      id,
      name,
      backlog,
      turnaroundHours: turnaround === null ? null : Math.round(turnaround),
      graded: hours.length,
    };
  });

  return {
    teams,
    rows: shown,
    total: rows.length,
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
