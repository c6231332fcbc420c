// The people a mentor or manager looks after, one row each: level, the way to the next one
// (the measure of ladder/share.ts), the same next step the person sees, last activity,
// attempts waiting for a grade and sign-offs due. Read from the readiness rows (ADR 016):
// three queries however many people.
import { type SessionUser } from "#app/accounts/auth.server.ts";
import { levels } from "#app/content/vocabulary.ts";
import { stageTitle } from "#app/ladder/describe.server.ts";
import { nextStep } from "#app/ladder/next-step.server.ts";
import { parseMissing } from "#app/ladder/readiness.server.ts";
import { reviewableTraineesSql } from "#app/reviews/access.server.ts";
import { reviewTarget } from "#app/reviews/reviews.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { type Locale } from "#app/utils/i18n.ts";

const DAY = 86_400_000;
const toDate = (value: string | Date | null) => (value === null ? null : new Date(value));

type RosterRow = {
  id: string;
  name: string;
  team: string | null;
  currentLevel: string | null;
  nextLevel: string | null;
  nextShare: number | null;
  missing: string | null;
  lastActivityAt: string | Date | null;
  targetLevel: string | null;
  dueDate: string | Date | null;
};

export async function getRoster(user: Pick<SessionUser, "id" | "roles" | "timeZone">, locale: Locale, now = new Date()) {
  const trainees = reviewableTraineesSql(user);
  if (!trainees) return { rows: [], stalledDays: getEnv().STALLED_DAYS };
  const [people, waiting] = await Promise.all([
    prisma.$queryRaw<RosterRow[]>`
      SELECT u."id", u."name", t."name" AS "team", r."currentLevel", r."nextLevel", r."nextShare", r."missing",
        r."lastActivityAt", g."targetLevel", g."dueDate"
      FROM "User" u
      JOIN "UserRole" ur ON ur."userId" = u."id" AND ur."role" = 'trainee'
      LEFT JOIN "Team" t ON t."id" = u."teamId"
      LEFT JOIN "Readiness" r ON r."userId" = u."id"
      LEFT JOIN "Goal" g ON g."userId" = u."id"
      WHERE u."active" = true AND u."id" <> ${user.id} AND u."id" IN (${trainees})
      ORDER BY u."name"`,
    prisma.$queryRaw<Array<{ userId: string; scenarioId: string; count: number | bigint; oldest: string | Date }>>`
      SELECT a."userId", a."scenarioId", COUNT(*) AS "count", MIN(a."submittedAt") AS "oldest"
      FROM "ScenarioAttempt" a
      WHERE a."reviewStatus" = 'waiting' AND a."userId" <> ${user.id} AND a."userId" IN (${trainees})
      GROUP BY a."userId", a."scenarioId"`,
  ]);
  const stalledDays = getEnv().STALLED_DAYS;
  const waitingBy = new Map<string, { scenarios: Set<string>; count: number; overdue: boolean }>();
  for (const w of waiting) {
    const entry = waitingBy.get(w.userId) ?? { scenarios: new Set<string>(), count: 0, overdue: false };
    entry.scenarios.add(w.scenarioId);
    entry.count += Number(w.count);
    entry.overdue ||= reviewTarget(new Date(w.oldest), user.timeZone) < now;
    waitingBy.set(w.userId, entry);
  }
  const rank = (level: string | null) => levels.findIndex((l) => l === level);
  const rows = people.map((person) => {
    const missing = person.missing ? parseMissing(person.missing) : [];
    const mine = waitingBy.get(person.id);
    const last = toDate(person.lastActivityAt);
    const due = toDate(person.dueDate);
    const step = person.nextLevel
      ? nextStep({ id: person.nextLevel, requirements: missing }, locale, { waitingScenarios: mine?.scenarios })
      : nextStep(null, locale);
    // Sign-offs are due when they are all that stands between the person and their next level.
    const signOffsDue =
      missing.length > 0 && missing.every((r) => r.kind === "behaviour")
        ? missing.map((r) => ({ level: person.nextLevel ?? "", id: r.id }))
        : [];
    return {
      id: person.id,
      name: person.name,
      team: person.team,
      currentLevel: person.currentLevel,
      nextLevel: person.nextLevel ? { id: person.nextLevel, title: stageTitle(person.nextLevel, locale) } : null,
      share: person.nextLevel ? (person.nextShare ?? 0) : 100,
      step,
      lastActivity: last,
      stalled: !last || now.getTime() - last.getTime() > stalledDays * DAY,
      waiting: mine?.count ?? 0,
      waitingOverdue: mine?.overdue ?? false,
      signOffsDue: signOffsDue.length,
      goal:
        person.targetLevel && due
          ? {
              targetLevel: person.targetLevel,
              dueDate: due,
              late: due < now && rank(person.currentLevel) < rank(person.targetLevel),
            }
          : null,
    };
  });
  return { rows, stalledDays };
}

export type RosterPerson = Awaited<ReturnType<typeof getRoster>>["rows"][number];
