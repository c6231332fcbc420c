// A trainee as their mentor or manager sees them: finished attempts with their grades, and
// each ladder level's behaviours to sign off.
import { type SessionUser } from "#app/accounts/auth.server.ts";
import { getLadder, getScenarios } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { evaluatePerson, loadEvidence } from "#app/ladder/evaluate.server.ts";
import { stageShare } from "#app/ladder/share.ts";
import { prisma } from "#app/utils/db.server.ts";
import { forbidden, notFound } from "#app/utils/errors.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { canReview } from "./access.server.ts";
import { getSignOffs } from "./signoff.server.ts";

/** The trainee, if this reviewer may see them: someone else's is refused (403), nobody is not found (404). */
export async function requireTrainee(user: Pick<SessionUser, "id" | "roles">, traineeId: string) {
  const trainee = await prisma.user.findUnique({
    where: { id: traineeId },
    select: { id: true, name: true, team: { select: { name: true } } },
  });
  if (!trainee) throw notFound("trainee.errors.notFound");
  if (!(await canReview(user, trainee.id))) throw forbidden("trainee.errors.notYours");
  return trainee;
}

export async function getTraineePage(trainee: { id: string }, locale: Locale) {
  const [signOffs, evidence, attempts] = await Promise.all([
    getSignOffs(trainee.id),
    loadEvidence([trainee.id]),
    prisma.scenarioAttempt.findMany({
      where: { userId: trainee.id, finishedAt: { not: null } },
      orderBy: { finishedAt: "desc" },
      take: 50,
      select: {
        id: true,
        scenarioId: true,
        finishedAt: true,
        csat: true,
        reviewStatus: true,
        review: { select: { decision: true, version: true } },
      },
    }),
  ]);
  const scenarios = getScenarios();
  const personal = evidence.get(trainee.id);
  const evaluation = personal ? evaluatePerson(personal) : null;
  const next = evaluation?.nextLevel ?? null;
  return {
    /** Where they stand, in the measure every page uses (ladder/share.ts). */
    standing: {
      currentLevel: evaluation?.currentLevel ?? null,
      next: next && {
        id: next.id,
        met: next.met,
        total: next.total,
        share: stageShare(
          next.total,
          next.requirements.filter((r) => !r.met),
        ),
      },
    },
    levels: getLadder().levels.map((level) => ({
      id: level.id,
      title: pick(level.title, locale).value,
      behaviours: level.behaviours.map((b) => ({
        id: b.id,
        title: pick(b.title, locale).value,
        state: signOffs.state[`${level.id}/${b.id}`] ?? null,
      })),
    })),
    history: signOffs.history.slice(0, 30),
    attempts: attempts.map((a) => {
      const bundle = scenarios[a.scenarioId];
      return {
        id: a.id,
        title: bundle ? pick(bundle.variants, locale).value.title : a.scenarioId,
        finishedAt: a.finishedAt,
        csat: a.csat,
        reviewStatus: a.reviewStatus,
        decision: a.review && a.review.version > 0 ? a.review.decision : null,
      };
    }),
  };
}
