// Each person's day on the home page: for a trainee the next step first (feedback to read,
// then the ladder's next step), then progress toward the goal, then what is due; for a
// mentor what waits for them; for a manager what needs attention. It composes the
// capabilities below it and stores nothing.
import { hasRole, type SessionUser } from "#app/accounts/auth.server.ts";
import { listAssignments } from "#app/assignments/assignments.server.ts";
import { getHomeOverview } from "#app/accounts/overview.server.ts";
import { describeRequirements, stageTitle } from "#app/ladder/describe.server.ts";
import { evaluatePerson, loadEvidence } from "#app/ladder/evaluate.server.ts";
import { nextStep } from "#app/ladder/next-step.server.ts";
import { stageShare } from "#app/ladder/share.ts";
import { reviewCounts, unreadReviews } from "#app/reviews/reviews.server.ts";
import { getPracticeSummary } from "#app/scenarios/pages.server.ts";
import { goalAndMentor } from "#app/team/assign.server.ts";
import { getRoster } from "#app/team/roster.server.ts";
import { localDay } from "#app/utils/calendar.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { type Locale } from "#app/utils/i18n.ts";

const DAY = 86_400_000;

/** A trainee's next step, their way to the next level and their goal: /, /learn and the e2e flows share it. */
export async function getTraineeDay(userId: string, locale: Locale, timeZone: string, now = new Date()) {
  const [evidenceByUser, waitingAttempts, unread, { goal, mentor }, assignments] = await Promise.all([
    loadEvidence([userId]),
    prisma.scenarioAttempt.findMany({
      where: { userId, reviewStatus: "waiting" },
      select: { scenarioId: true },
    }),
    unreadReviews(userId),
    goalAndMentor(userId),
    listAssignments(userId, locale, localDay(now, timeZone)),
  ]);
  const evidence = evidenceByUser.get(userId);
  if (!evidence) throw new Error(`no evidence loaded for ${userId}`);
  const evaluation = evaluatePerson(evidence);
  const next = evaluation.nextLevel;
  const waitingScenarios = new Set(waitingAttempts.map((a) => a.scenarioId));
  const practice = await getPracticeSummary(userId, locale, null, unread);
  const step = nextStep(next, locale, { evidence, waitingScenarios });
  const open = next?.requirements.filter((r) => !r.met) ?? [];
  const reached = (level: string) => evaluation.levels.find((l) => l.id === level)?.complete ?? false;
  return {
    feedback: practice.unread,
    step,
    /** The scenario of the step, if it is already under way: "carry on" rather than "start". */
    stepInProgress:
      step.kind === "scenario" && practice.inProgress.some((a) => `/scenarios/${a.scenarioId}` === step.href),
    inProgress: practice.inProgress,
    waiting: waitingAttempts.length,
    progress: next
      ? {
          level: next.id,
          title: stageTitle(next.id, locale),
          share: stageShare(next.total, open),
          met: next.met,
          total: next.total,
          open: describeRequirements({ id: next.id, requirements: open }, locale, { waitingScenarios }),
        }
      : null,
    currentLevel: evaluation.currentLevel,
    goal: goal && {
      targetLevel: goal.targetLevel,
      title: stageTitle(goal.targetLevel, locale),
      dueDate: goal.dueDate,
      daysLeft: Math.ceil((goal.dueDate.getTime() - now.getTime()) / DAY),
      reached: reached(goal.targetLevel),
    },
    mentor,
    assignments,
  };
}

/** Everything the home page shows this person, by role. */
export async function getDay(user: SessionUser, locale: Locale, now = new Date()) {
  const reviewer = hasRole(user, "mentor") || hasRole(user, "manager");
  const [overview, trainee, roster, queue] = await Promise.all([
    getHomeOverview(user),
    hasRole(user, "trainee") ? getTraineeDay(user.id, locale, user.timeZone, now) : null,
    reviewer ? getRoster(user, locale, now) : null,
    reviewer ? reviewCounts(user, now) : null,
  ]);
  const people = roster?.rows ?? [];
  const waitingFor = {
    queue,
    signOffs: people
      .filter((p) => p.signOffsDue > 0)
      .map((p) => ({ id: p.id, name: p.name, count: p.signOffsDue, level: p.nextLevel?.id ?? "" })),
  };
  const attention = hasRole(user, "manager")
    ? {
        stalled: people.filter((p) => p.stalled).map((p) => ({ id: p.id, name: p.name })),
        late: people.filter((p) => p.goal?.late).map((p) => ({ id: p.id, name: p.name })),
      }
    : null;
  return {
    overview,
    trainee,
    reviewer: reviewer ? { people: people.length, waitingFor, stalledDays: roster?.stalledDays ?? 0 } : null,
    attention,
  };
}
