// The mentor review: the queue, claims, drafts and submitted grades with their history,
// and the trainee's side (unread marks). Access is checked here, not only in routes.
import { type SessionUser } from "#app/accounts/auth.server.ts";
import { findScenario, getScenarios } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { Prisma } from "#app/generated/prisma/client.ts";
import { attemptColumns, loadedAttempt } from "#app/scenarios/attempts.server.ts";
import { attemptView } from "#app/scenarios/view.server.ts";
import { evidenceChanged } from "#app/ladder/evidence.server.ts";
import { prisma, WRITE_TRANSACTION } from "#app/utils/db.server.ts";
import { DomainError, type ErrorDetails } from "#app/utils/errors.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { notify, recipientSelect } from "#app/notifications/notify.server.ts";
import { reviewGradedMail } from "#app/notifications/mails.server.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { canReview, reviewablePeople, reviewableTraineesSql } from "./access.server.ts";
import { rubricScoresColumn as scoresColumn } from "#app/ladder/columns.server.ts";
import { changesColumn, commentsColumn, decision, reviewState } from "./columns.server.ts";
import { changesBetween, prefillScores, replySeqs } from "./grading.server.ts";
import { type Grade } from "./schemas.ts";
import { addWorkingDays, subtractWorkingDays } from "./working-days.server.ts";

export const PAGE_SIZE = 20;

/** Refusals a mentor can meet; each is a clear message and a 4xx, with nothing stored. */
export function reviewError(
  code: "notFound" | "notYours" | "notSubmitted" | "claimedByOther" | "changedMeanwhile",
  status: 403 | 404 | 409,
  details: ErrorDetails = {},
) {
  return new DomainError(code, status, `reviews.errors.${code}`, details);
}

type Reviewer = Pick<SessionUser, "id" | "roles">;
/** Targets count working days on the reviewer's calendar. */
type ReviewerWithZone = Reviewer & Pick<SessionUser, "timeZone">;

export function reviewTarget(submittedAt: Date, timeZone: string) {
  return addWorkingDays(submittedAt, getEnv().REVIEW_TARGET_WORKING_DAYS, timeZone);
}

/** Attempts submitted before this moment are past their review target now. */
export function overdueCutoff(now: Date, timeZone: string) {
  return subtractWorkingDays(now, getEnv().REVIEW_TARGET_WORKING_DAYS, timeZone);
}

/**
 * The waiting attempts of this person's trainees, as SQL conditions on `a` (ScenarioAttempt):
 * the trainees by subquery, never by a list of their ids (ADR 020). Null for someone who
 * reviews nobody.
 */
function waitingFor(user: Reviewer, filters: Pick<QueueFilters, "trainee" | "scenario"> & { scenarioIds?: string[] }) {
  const trainees = reviewableTraineesSql(user);
  if (!trainees) return null;
  const conditions = [
    Prisma.sql`a."reviewStatus" = 'waiting'`,
    Prisma.sql`a."userId" <> ${user.id}`,
    Prisma.sql`a."userId" IN (${trainees})`,
  ];
  if (filters.trainee) conditions.push(Prisma.sql`a."userId" = ${filters.trainee}`);
  if (filters.scenario) conditions.push(Prisma.sql`a."scenarioId" = ${filters.scenario}`);
  // Scenario ids come from the catalogue (a dozen), not from the database.
  if (filters.scenarioIds)
    conditions.push(
      filters.scenarioIds.length
        ? Prisma.sql`a."scenarioId" IN (${Prisma.join(filters.scenarioIds)})`
        : Prisma.sql`1 = 0`,
    );
  return Prisma.join(conditions, " AND ");
}

/** How many wait, and how many of them are overdue: one indexed query. */
async function countWaiting(where: Prisma.Sql, cutoff: Date) {
  const [row] = await prisma.$queryRaw<Array<{ waiting: number | bigint; overdue: number | bigint | null }>>`
    SELECT COUNT(*) AS "waiting",
      SUM(CASE WHEN a."submittedAt" < ${cutoff} THEN 1 ELSE 0 END) AS "overdue"
    FROM "ScenarioAttempt" a
    WHERE ${where}`;
  return { waiting: Number(row?.waiting ?? 0), overdue: Number(row?.overdue ?? 0) };
}

/** Waiting and overdue counts for the navigation (on every page): one indexed query. */
export async function reviewCounts(user: ReviewerWithZone, now = new Date()) {
  const where = waitingFor(user, {});
  if (!where) return { waiting: 0, overdue: 0 };
  return countWaiting(where, overdueCutoff(now, user.timeZone));
}

/**
 * What the mentor's daily digest says about the queue: how many wait, how many of them are
 * past the target, and when the oldest was submitted. One indexed query.
 */
export async function waitingSummary(user: ReviewerWithZone, now = new Date()) {
  const where = waitingFor(user, {});
  if (!where) return { waiting: 0, overdue: 0, oldest: null };
  const cutoff = overdueCutoff(now, user.timeZone);
  const [row] = await prisma.$queryRaw<
    Array<{ waiting: number | bigint; overdue: number | bigint | null; oldest: string | Date | null }>
  >`
    SELECT COUNT(*) AS "waiting",
      SUM(CASE WHEN a."submittedAt" < ${cutoff} THEN 1 ELSE 0 END) AS "overdue",
      MIN(a."submittedAt") AS "oldest"
    FROM "ScenarioAttempt" a
    WHERE ${where}`;
  return {
    waiting: Number(row?.waiting ?? 0),
    overdue: Number(row?.overdue ?? 0),
    // SQLite hands back the stored text, PostgreSQL a date.
    oldest: row?.oldest ? new Date(row.oldest) : null,
  };
}

export type QueueFilters = { trainee?: string; scenario?: string; competency?: string; page?: number };

/** The queue: attempts waiting for this person's trainees, oldest first, one page at a time. */
export async function getQueue(user: ReviewerWithZone, filters: QueueFilters, locale: Locale, now = new Date()) {
  const scenarios = getScenarios();
  const scenarioIds =
    filters.competency !== undefined
      ? Object.values(scenarios)
          .filter((b) => b.variants.en.competencies.some((c) => c === filters.competency))
          .map((b) => b.id)
      : undefined;
  const where = waitingFor(user, { trainee: filters.trainee, scenario: filters.scenario, scenarioIds });
  const page = Math.max(1, filters.page ?? 1);
  const cutoff = overdueCutoff(now, user.timeZone);
  const [counts, pageIds, trainees] = await Promise.all([
    where ? countWaiting(where, cutoff) : { waiting: 0, overdue: 0 },
    where
      ? prisma.$queryRaw<Array<{ id: string }>>`
          SELECT a."id" FROM "ScenarioAttempt" a WHERE ${where}
          ORDER BY a."submittedAt" ASC, a."id" ASC
          LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`
      : [],
    prisma.user.findMany({
      where: reviewablePeople(user),
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  const total = counts.waiting;
  const overdue = counts.overdue;
  // One page: at most PAGE_SIZE ids, whatever the size of the queue.
  const found = await prisma.scenarioAttempt.findMany({
    where: { id: { in: pageIds.map((r) => r.id) } },
    select: {
      id: true,
      scenarioId: true,
      submittedAt: true,
      csat: true,
      preScore: true,
      resolved: true,
      claimedUntil: true,
      user: { select: { id: true, name: true } },
      claimedBy: { select: { id: true, name: true } },
      review: { select: { status: true, reviewerId: true } },
    },
  });
  const byId = new Map(found.map((row) => [row.id, row]));
  const rows = pageIds.flatMap((r) => byId.get(r.id) ?? []);
  const title = (id: string) => {
    const bundle = scenarios[id];
    return bundle ? pick(bundle.variants, locale).value.title : id;
  };
  return {
    total,
    overdue,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    items: rows.map((row) => {
      const submittedAt = row.submittedAt ?? now;
      const due = reviewTarget(submittedAt, user.timeZone);
      const scenario = scenarios[row.scenarioId]?.variants.en;
      return {
        id: row.id,
        trainee: row.user,
        scenario: {
          id: row.scenarioId,
          title: title(row.scenarioId),
          channel: scenario?.channel ?? "chat",
          level: scenario?.level ?? "L1",
        },
        submittedAt,
        due,
        overdue: due < now,
        csat: row.csat,
        preScore: row.preScore,
        resolved: row.resolved,
        claim:
          row.claimedBy && row.claimedUntil && row.claimedUntil > now
            ? { by: row.claimedBy.name, mine: row.claimedBy.id === user.id, until: row.claimedUntil }
            : null,
        draft: row.review?.status === "draft",
      };
    }),
    options: {
      trainees,
      scenarios: Object.values(scenarios)
        .map((b) => ({ id: b.id, title: title(b.id) }))
        .sort((a, b) => a.title.localeCompare(b.title, locale)),
    },
  };
}

const gradeOf = (row: { scores: string; comments: string; feedback: string; decision: string | null }): Grade => ({
  scores: scoresColumn.decode(row.scores),
  comments: commentsColumn.decode(row.comments),
  feedback: row.feedback,
  decision: row.decision === null ? null : decision.parse(row.decision),
});

/** An attempt with everything the grading screen needs, whoever asks (openForGrading checks who). */
async function loadAttemptForReview(attemptId: string) {
  const row = await prisma.scenarioAttempt.findUnique({
    where: { id: attemptId },
    select: {
      ...attemptColumns,
      events: { orderBy: { seq: "asc" } },
      user: { select: { id: true, name: true } },
      claimedUntil: true,
      claimedBy: { select: { id: true, name: true } },
      review: {
        include: {
          reviewer: { select: { name: true } },
          versions: { orderBy: { version: "asc" }, include: { reviewer: { select: { name: true } } } },
        },
      },
    },
  });
  const bundle = row && findScenario(row.scenarioId);
  if (!row || !bundle) throw reviewError("notFound", 404);
  const { user, claimedUntil, claimedBy, review, ...stored } = row;
  const attempt = loadedAttempt(stored, bundle);
  return {
    attempt,
    trainee: user,
    claimedUntil,
    claimedBy,
    working: review ? { ...gradeOf(review), status: reviewState.parse(review.status), version: review.version } : null,
    versions: (review?.versions ?? []).map((v) => ({
      version: v.version,
      reviewer: v.reviewer.name,
      at: v.createdAt,
      grade: gradeOf(v),
      changes: changesColumn.decode(v.changes),
    })),
  };
}

/** Who holds the attempt now, as the grading screen shows it (null: nobody). */
function claimOf(
  attempt: { claimedUntil: Date | null; claimedBy: { id: string; name: string } | null },
  user: Reviewer,
  now: Date,
) {
  if (!attempt.claimedBy || !attempt.claimedUntil || attempt.claimedUntil <= now) return null;
  return { by: attempt.claimedBy.name, mine: attempt.claimedBy.id === user.id, until: attempt.claimedUntil };
}

/**
 * Opens an attempt for grading, for reading only: checks the reviewer may grade this trainee
 * and that the attempt was submitted, and says who holds it. Opening never claims: a link
 * sent to a manager must not take the attempt from the trainee's mentor (see claimForGrading).
 */
export async function openForGrading(user: Reviewer & { name: string }, attemptId: string, now = new Date()) {
  const { attempt, trainee, claimedUntil, claimedBy, working, versions } = await loadAttemptForReview(attemptId);
  if (!(await canReview(user, attempt.userId))) throw reviewError("notYours", 403);
  if (attempt.reviewStatus === "none" || !attempt.finishedAt) throw reviewError("notSubmitted", 409);
  return {
    ...screenOf(attempt, trainee),
    working,
    versions,
    claim: claimOf({ claimedUntil, claimedBy }, user, now),
  };
}

/**
 * What the grading screen shows of a submitted attempt, without its grade: the caller
 * (calibration, ADR 035) has checked who asks and brings its own working copy.
 */
export async function attemptScreen(attemptId: string) {
  const { attempt, trainee } = await loadAttemptForReview(attemptId);
  if (attempt.reviewStatus === "none" || !attempt.finishedAt) throw reviewError("notSubmitted", 409);
  return screenOf(attempt, trainee);
}

function screenOf(
  attempt: Awaited<ReturnType<typeof loadAttemptForReview>>["attempt"],
  trainee: { id: string; name: string },
) {
  const { scenario, events, measures } = attempt;
  return {
    attemptId: attempt.id,
    title: scenario.title,
    trainee,
    submittedAt: attempt.submittedAt,
    reviewStatus: attempt.reviewStatus,
    view: attemptView(attempt, "mentor"),
    names: Object.fromEntries(scenario.conversations.map((c) => [c.id, c.persona.name])),
    /** Labels for the pre-fill's evidence ids: action:<id>, action:<conversation>:<id> and name:<conversation>. */
    basisLabels: Object.fromEntries(
      (measures?.conversations ?? []).flatMap((c) => [
        [`name:${c.id}`, scenario.conversations.find((x) => x.id === c.id)?.persona.name ?? c.id],
        ...c.requiredActions.flatMap((a) => [
          [a.id, a.label],
          [`${c.id}:${a.id}`, a.label],
        ]),
      ]),
    ) as Record<string, string>,
    measures,
    rubric: scenario.rubric,
    prefill: prefillScores(scenario, events, measures),
    /** What the grading form accepts: these criteria, comments on these replies (gradeFormSchema). */
    form: { criteria: scenario.rubric.map((c) => c.id), turns: replySeqs(events) },
  };
}

/**
 * "Start grading": claims the attempt for REVIEW_CLAIM_MINUTES unless another mentor holds it,
 * in one conditional write. Returns who holds it afterwards.
 */
export async function claimForGrading(user: Reviewer & { name: string }, attemptId: string, now = new Date()) {
  await openForGrading(user, attemptId, now);
  const until = new Date(now.getTime() + getEnv().REVIEW_CLAIM_MINUTES * 60_000);
  const claimed = await prisma.scenarioAttempt.updateMany({
    where: {
      id: attemptId,
      OR: [{ claimedById: null }, { claimedUntil: { lt: now } }, { claimedById: user.id }],
    },
    data: { claimedById: user.id, claimedUntil: until },
  });
  if (claimed.count === 1) return { by: user.name, mine: true, until };
  const holder = await prisma.scenarioAttempt.findUnique({
    where: { id: attemptId },
    select: { claimedUntil: true, claimedBy: { select: { id: true, name: true } } },
  });
  return holder ? claimOf(holder, user, now) : null;
}

/** Gives the claim back, so another mentor can grade at once. */
export async function releaseClaim(user: Reviewer, attemptId: string) {
  await prisma.scenarioAttempt.updateMany({
    where: { id: attemptId, claimedById: user.id },
    data: { claimedById: null, claimedUntil: null },
  });
}

/**
 * Saves a draft or submits a grade. The reviewer must hold the claim, and a submission
 * must start from the latest version (`basedOn`): if another mentor submitted in the
 * meantime, nothing is stored and the caller keeps what was typed.
 */
export async function saveGrade(
  user: Reviewer & { name: string },
  attemptId: string,
  grade: Grade,
  intent: "draft" | "submit",
  basedOn: number,
  now = new Date(),
) {
  const attempt = await prisma.scenarioAttempt.findUnique({
    where: { id: attemptId },
    select: {
      id: true,
      userId: true,
      scenarioId: true,
      reviewStatus: true,
      finishedAt: true,
      claimedById: true,
      claimedUntil: true,
      claimedBy: { select: { name: true } },
    },
  });
  if (!attempt) throw reviewError("notFound", 404);
  if (!(await canReview(user, attempt.userId))) throw reviewError("notYours", 403);
  if (attempt.reviewStatus === "none" || !attempt.finishedAt) throw reviewError("notSubmitted", 409);
  const holds = attempt.claimedById === user.id && attempt.claimedUntil !== null && attempt.claimedUntil > now;
  const heldByOther =
    attempt.claimedById && attempt.claimedById !== user.id && attempt.claimedUntil && attempt.claimedUntil > now;
  if (heldByOther) throw reviewError("claimedByOther", 409, { name: attempt.claimedBy?.name ?? "" });
  const data = {
    scores: scoresColumn.encode(grade.scores),
    comments: commentsColumn.encode(grade.comments),
    feedback: grade.feedback,
    decision: grade.decision,
  };
  await prisma.$transaction(async (tx) => {
    // Re-claim inside the transaction: an expired claim nobody else took is still good.
    const claim = await tx.scenarioAttempt.updateMany({
      where: {
        id: attemptId,
        OR: [{ claimedById: null }, { claimedUntil: { lt: now } }, { claimedById: user.id }],
      },
      data:
        intent === "submit"
          ? { claimedById: null, claimedUntil: null, reviewStatus: "graded" }
          : { claimedById: user.id, claimedUntil: new Date(now.getTime() + getEnv().REVIEW_CLAIM_MINUTES * 60_000) },
    });
    if (claim.count !== 1 && !holds) throw reviewError("claimedByOther", 409);
    const review = await tx.review.upsert({
      where: { attemptId },
      create: { attemptId, reviewerId: user.id, ...data, status: "draft" },
      update: {},
      include: { versions: { orderBy: { version: "desc" }, take: 1 } },
    });
    if (review.version !== basedOn) throw reviewError("changedMeanwhile", 409);
    if (intent === "draft") {
      const saved = await tx.review.updateMany({
        where: { id: review.id, version: basedOn },
        data: { ...data, status: "draft", reviewerId: user.id },
      });
      if (saved.count !== 1) throw reviewError("changedMeanwhile", 409);
      return;
    }
    const previous = review.versions[0] ? gradeOf(review.versions[0]) : null;
    const submitted = await tx.review.updateMany({
      where: { id: review.id, version: basedOn },
      data: { ...data, status: "submitted", reviewerId: user.id, version: basedOn + 1, submittedAt: now, readAt: null },
    });
    if (submitted.count !== 1) throw reviewError("changedMeanwhile", 409);
    await tx.reviewVersion.create({
      data: {
        reviewId: review.id,
        version: basedOn + 1,
        reviewerId: user.id,
        createdAt: now,
        ...data,
        decision: grade.decision ?? "retry",
        changes: changesColumn.encode(changesBetween(previous, grade)),
      },
    });
    const trainee = await tx.user.findUnique({ where: { id: attempt.userId }, select: recipientSelect });
    const bundle = findScenario(attempt.scenarioId);
    if (trainee && bundle) {
      const outcome = grade.decision ?? "retry";
      await notify(tx, {
        to: trainee,
        kind: "review-graded",
        data: { scenarioId: attempt.scenarioId, reviewer: user.name, decision: outcome },
        path: `/scenarios/${attempt.scenarioId}/attempts/${attemptId}`,
        mail: (reader, url) =>
          reviewGradedMail(reader, url, {
            scenario: pick(bundle.variants, reader.locale).value.title,
            reviewer: user.name,
            decision: outcome,
          }),
      });
    }
    // A passing grade can complete a level: the certificate is stored with the grade.
    await evidenceChanged(tx, attempt.userId);
  }, WRITE_TRANSACTION);
}

/** The trainee's view of their graded attempt: the latest submitted version, and its history. */
export async function getTraineeReview(attemptId: string) {
  const review = await prisma.review.findUnique({
    where: { attemptId },
    include: { versions: { orderBy: { version: "asc" }, include: { reviewer: { select: { name: true } } } } },
  });
  const latest = review?.versions.at(-1);
  if (!review || !latest) return null;
  return {
    unread: review.readAt === null,
    grade: gradeOf(latest),
    reviewer: latest.reviewer.name,
    at: latest.createdAt,
    versions: review.versions.map((v) => ({
      version: v.version,
      reviewer: v.reviewer.name,
      at: v.createdAt,
      changes: changesColumn.decode(v.changes),
    })),
  };
}

/** Marks the latest grade as read: only the attempt's owner does this, by opening it. */
export async function markReviewRead(attemptId: string, userId: string, now = new Date()) {
  await prisma.review.updateMany({
    where: { attemptId, readAt: null, version: { gt: 0 }, attempt: { userId } },
    data: { readAt: now },
  });
}

/** The person's graded attempts they have not opened yet. */
export async function unreadReviews(userId: string) {
  return prisma.review.findMany({
    where: { readAt: null, version: { gt: 0 }, attempt: { userId } },
    select: { attemptId: true, decision: true, attempt: { select: { scenarioId: true } } },
  });
}
