// Hidden calibration (ADR 036): in a team that turned it on, an attempt whose reference grade
// is recorded is now and then put in a mentor's review queue, looking like any other waiting
// attempt. The grade is a calibration grade of kind "hidden": it never becomes a Review, so no
// trainee is notified, no evidence or readiness changes.
import { hasRole } from "#app/accounts/auth.server.ts";
import { rubricScoresColumn } from "#app/ladder/columns.server.ts";
import { commentsColumn, decision } from "#app/reviews/columns.server.ts";
import { type Grade } from "#app/reviews/schemas.ts";
import { attemptScreen, reviewTarget } from "#app/reviews/reviews.server.ts";
import { findScenario } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { calibrationError, type Person, storeGrade } from "./sessions.server.ts";

/** At most one hidden attempt per mentor in this many days. */
export const HIDDEN_EVERY_DAYS = 7;

/** Turns hidden calibration on or off for a team the person manages. */
export async function setHiddenCalibration(user: Person, teamId: string, enabled: boolean) {
  if (!hasRole(user, "manager")) throw calibrationError("notLead", 403);
  const changed = await prisma.team.updateMany({
    where: { id: teamId, managers: { some: { userId: user.id } } },
    data: { hiddenCalibration: enabled },
  });
  if (changed.count !== 1) throw calibrationError("teamNotYours", 403);
}

/** The teams a manager sees the setting of. */
export function hiddenSettings(user: Person) {
  if (!hasRole(user, "manager")) return Promise.resolve([]);
  return prisma.team.findMany({
    where: { managers: { some: { userId: user.id } } },
    select: { id: true, name: true, hiddenCalibration: true },
    orderBy: { name: "asc" },
  });
}

/**
 * The mentor's open hidden attempt, giving them a new one first when their team has the
 * setting on and the last was given HIDDEN_EVERY_DAYS ago or more: an item of one of the
 * team's sessions with a submitted reference, not graded by this mentor in any way yet.
 */
async function currentHidden(user: Person, now: Date) {
  if (!hasRole(user, "mentor")) return null;
  const open = await prisma.hiddenCalibration.findFirst({
    where: { mentorId: user.id, gradedAt: null },
    orderBy: { assignedAt: "asc" },
  });
  if (open) return open;
  const me = await prisma.user.findUnique({
    where: { id: user.id },
    select: { team: { select: { id: true, hiddenCalibration: true } } },
  });
  if (!me?.team?.hiddenCalibration) return null;
  const last = await prisma.hiddenCalibration.findFirst({
    where: { mentorId: user.id },
    orderBy: { assignedAt: "desc" },
    select: { assignedAt: true },
  });
  if (last && now.getTime() - last.assignedAt.getTime() < HIDDEN_EVERY_DAYS * 86_400_000) return null;
  const candidates = await prisma.calibrationItem.findMany({
    where: {
      session: { teamId: me.team.id },
      attemptId: { not: null },
      attempt: { userId: { not: user.id } },
      grades: { some: { kind: "reference", status: "submitted" } },
      NOT: { grades: { some: { graderId: user.id } } },
      hidden: { none: { mentorId: user.id } },
    },
    select: { id: true },
    take: 50,
  });
  const pickOne = candidates[Math.floor(Math.random() * candidates.length)];
  if (!pickOne) return null;
  return prisma.hiddenCalibration.create({ data: { mentorId: user.id, itemId: pickOne.id, assignedAt: now } });
}

/**
 * The queue row of the mentor's hidden attempt, shaped as getQueue's rows, or null. It waits
 * since it was given, so its age against the review target is that of a fresh submission.
 */
export async function hiddenQueueRow(user: Person, locale: Locale, now = new Date()) {
  const hidden = await currentHidden(user, now);
  if (!hidden) return null;
  const item = await prisma.calibrationItem.findUnique({
    where: { id: hidden.itemId },
    select: {
      attempt: {
        select: {
          scenarioId: true,
          csat: true,
          preScore: true,
          resolved: true,
          user: { select: { id: true, name: true } },
        },
      },
      grades: { where: { graderId: user.id, kind: "hidden" }, select: { status: true } },
    },
  });
  const attempt = item?.attempt;
  const bundle = attempt ? findScenario(attempt.scenarioId) : undefined;
  if (!attempt || !bundle) return null;
  const due = reviewTarget(hidden.assignedAt, user.timeZone);
  const scenario = bundle.variants.en;
  return {
    id: hidden.id,
    trainee: attempt.user,
    scenario: {
      id: attempt.scenarioId,
      title: pick(bundle.variants, locale).value.title,
      channel: scenario.channel,
      level: scenario.level,
    },
    submittedAt: hidden.assignedAt,
    due,
    overdue: due < now,
    csat: attempt.csat,
    preScore: attempt.preScore,
    resolved: attempt.resolved,
    claim:
      hidden.claimedUntil && hidden.claimedUntil > now
        ? { by: user.name, mine: true, until: hidden.claimedUntil }
        : null,
    draft: item.grades.some((g) => g.status === "draft"),
  };
}

/** The mentor's own open hidden assignment with this id, or null (then the id is an attempt's). */
export async function findHidden(user: Person, id: string) {
  if (!hasRole(user, "mentor")) return null;
  return prisma.hiddenCalibration.findFirst({
    where: { id, mentorId: user.id, gradedAt: null },
    include: { item: { select: { id: true, sessionId: true, attemptId: true } } },
  });
}
type Hidden = NonNullable<Awaited<ReturnType<typeof findHidden>>>;

/** The grading screen of a hidden attempt: the same shape as openForGrading's. */
export async function openHidden(user: Person, hidden: Hidden, now = new Date()) {
  if (!hidden.item.attemptId) throw calibrationError("notFound", 404);
  const [screen, own] = await Promise.all([
    attemptScreen(hidden.item.attemptId),
    prisma.calibrationGrade.findUnique({
      where: { itemId_graderId_kind: { itemId: hidden.item.id, graderId: user.id, kind: "hidden" } },
      select: { scores: true, comments: true, feedback: true, decision: true },
    }),
  ]);
  return {
    ...screen,
    attemptId: hidden.id,
    submittedAt: hidden.assignedAt,
    reviewStatus: "waiting",
    working: own
      ? {
          scores: rubricScoresColumn.decode(own.scores),
          comments: commentsColumn.decode(own.comments),
          feedback: own.feedback,
          decision: own.decision === null ? null : decision.parse(own.decision),
          status: "draft" as const,
          version: 0,
        }
      : null,
    versions: [],
    claim:
      hidden.claimedUntil && hidden.claimedUntil > now
        ? { by: user.name, mine: true, until: hidden.claimedUntil }
        : null,
  };
}

export async function claimHidden(hidden: Hidden, now = new Date()) {
  await prisma.hiddenCalibration.update({
    where: { id: hidden.id },
    data: { claimedUntil: new Date(now.getTime() + getEnv().REVIEW_CLAIM_MINUTES * 60_000) },
  });
}

export async function releaseHidden(hidden: Hidden) {
  await prisma.hiddenCalibration.update({ where: { id: hidden.id }, data: { claimedUntil: null } });
}

/** Saves the hidden grade as a draft or submits it; submitted, the attempt leaves the queue. */
export async function saveHidden(
  user: Person,
  hidden: Hidden,
  grade: Grade,
  intent: "draft" | "submit",
  now = new Date(),
) {
  await storeGrade(
    { itemId: hidden.item.id, sessionId: hidden.item.sessionId, graderId: user.id, kind: "hidden" },
    grade,
    intent,
    now,
    (tx) =>
      tx.hiddenCalibration.update({
        where: { id: hidden.id },
        data:
          intent === "submit"
            ? { gradedAt: now, claimedUntil: null }
            : { claimedUntil: new Date(now.getTime() + getEnv().REVIEW_CLAIM_MINUTES * 60_000) },
      }),
  );
}
