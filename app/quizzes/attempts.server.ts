// Quiz attempts: start (numbered, with a seed and the questions drawn from the bank), submit
// once, grade on the server, show a result as far as the quiz's review options allow, and
// let a mentor grant another attempt. Every rule that counts attempts rests on a unique
// (person, quiz, number), so concurrent requests on any number of servers cannot break it.
import { randomInt } from "node:crypto";
import { getQuizzes, type Quiz } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { quizCompetenciesColumn } from "#app/ladder/columns.server.ts";
import { evidenceChanged, touchActivity } from "#app/ladder/evidence.server.ts";
import { isUniqueViolation, prisma, WRITE_TRANSACTION } from "#app/utils/db.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { DomainError, notFound } from "#app/utils/errors.ts";
import { createLimiter } from "#app/utils/rate-limit.server.ts";
import { answersColumn, questionIdsColumn } from "./columns.server.ts";
import { drawQuestions } from "./draw.server.ts";
import { recordOutcome } from "./item-stats.server.ts";
import { type Answers, arrangeQuestions, gradeAttempt } from "./grade.server.ts";
import { reviewPending, reviewShown, type StartVerdict, startVerdict } from "./rules.server.ts";
import { validateAnswers } from "./schemas.ts";

const attemptSummary = {
  id: true,
  number: true,
  startedAt: true,
  submittedAt: true,
  score: true,
  passed: true,
  locale: true,
  seed: true,
  questions: true,
  answers: true,
} as const;

type AttemptRow = { seed: number; questions: string | null; answers: string | null; submittedAt: Date | null };

/**
 * The ids an attempt asks, in order. Attempts from before banks stored none: a submitted one
 * asked what it answered; an open one gets the draw its seed gives (the same on every read).
 */
export function attemptQuestionIds(quiz: Quiz, attempt: AttemptRow) {
  if (attempt.questions) return questionIdsColumn.decode(attempt.questions);
  const all = quiz.variants.en.questions.map((q) => q.id);
  if (attempt.submittedAt && attempt.answers) {
    const answered = answersColumn.decode(attempt.answers);
    return all.filter((id) => Object.hasOwn(answered, id));
  }
  return drawQuestions(all, quiz.rules, attempt.seed);
}

/** How often this person has been asked each question of the quiz. */
function timesSeen(quiz: Quiz, attempts: AttemptRow[]) {
  const seen = new Map<string, number>();
  for (const attempt of attempts)
    for (const id of attemptQuestionIds(quiz, attempt)) seen.set(id, (seen.get(id) ?? 0) + 1);
  return seen;
}

export async function getQuizState(userId: string, quiz: Quiz, now = new Date()) {
  const [attempts, grants] = await Promise.all([
    prisma.quizAttempt.findMany({
      where: { userId, quizId: quiz.id },
      select: attemptSummary,
      orderBy: { number: "asc" },
    }),
    prisma.quizAttemptGrant.findMany({ where: { userId, quizId: quiz.id }, select: { number: true } }),
  ]);
  const submitted = attempts.filter((a) => a.submittedAt);
  const open = attempts.find((a) => !a.submittedAt) ?? null;
  const verdict = startVerdict(quiz.rules, attempts, new Set(grants.map((g) => g.number)), now);
  const passed = submitted.some((a) => a.passed);
  const noAttemptsLeft = !open && !verdict.allowed && verdict.reason === "maxAttempts";
  return {
    attempts: submitted,
    open,
    verdict,
    passed,
    /** Attempts used and allowed so far (grants included), for "2 of 5 attempts". */
    allowed: quiz.rules.maxAttempts === null ? null : quiz.rules.maxAttempts + grants.length,
    review: reviewShown(quiz.rules.review, { passed, noAttemptsLeft }),
  };
}

export type QuizState = Awaited<ReturnType<typeof getQuizState>>;

/** Why a quiz may not be started now: wait after a failed attempt (429), or no attempts left (403). */
function ruleRefusal(verdict: Exclude<StartVerdict, { allowed: true }>, now = new Date()) {
  if (verdict.reason === "maxAttempts") return new DomainError("maxAttempts", 403, "quiz.errors.maxAttempts");
  const retryAfter = Math.max(1, Math.ceil((verdict.until.getTime() - now.getTime()) / 1000));
  return new DomainError("wait", 429, "quiz.errors.wait", { retryAfter });
}

/** New attempts per person and hour, over every quiz (QUIZ_ATTEMPTS_PER_HOUR). */
const starts = createLimiter(
  "quiz-start",
  () => ({ points: getEnv().QUIZ_ATTEMPTS_PER_HOUR, durationSeconds: 3600 }),
  "quiz.errors.tooManyAttempts",
);

/**
 * Resumes the open attempt, or starts the next one if the quiz's rules and the hourly limit
 * allow (RateLimited otherwise: nothing is stored), asking the questions this person has
 * seen least. The attempt's number is unique per person and quiz: when two starts race, one
 * is stored and the other, reading again, resumes it.
 */
export async function startAttempt(userId: string, quiz: Quiz, locale: string) {
  const ids = quiz.variants.en.questions.map((q) => q.id);
  for (let tries = 0; ; tries++) {
    const state = await getQuizState(userId, quiz);
    if (state.open) return state.open;
    if (!state.verdict.allowed) throw ruleRefusal(state.verdict);
    if (tries === 0) await starts.consume(userId);
    const seed = randomInt(1, 2 ** 31 - 1);
    try {
      return await prisma.$transaction(async (tx) => {
        await touchActivity(tx, userId);
        return tx.quizAttempt.create({
          data: {
            userId,
            quizId: quiz.id,
            courseSlug: quiz.courseSlug,
            number: state.verdict.number,
            seed,
            locale: pick(quiz.variants, locale).locale,
            questions: questionIdsColumn.encode(drawQuestions(ids, quiz.rules, seed, timesSeen(quiz, state.attempts))),
          },
          select: attemptSummary,
        });
      }, WRITE_TRANSACTION);
    } catch (error) {
      if (!isUniqueViolation(error) || tries >= 2) throw error;
    }
  }
}

/** The questions of one attempt as its person sees them: only public data, in the attempt's order. */
export function attemptQuestions(quiz: Quiz, attempt: AttemptRow & { locale: string }) {
  const { value: variant, locale } = pick(quiz.variants, attempt.locale);
  const byId = new Map(variant.questions.map((q) => [q.id, q]));
  const drawn = attemptQuestionIds(quiz, attempt).flatMap((id) => byId.get(id) ?? []);
  return { locale, title: variant.title, questions: arrangeQuestions(drawn, attempt.seed, quiz.rules.shuffle) };
}

export type SubmitOutcome =
  | { status: "graded"; attemptId: string }
  | { status: "notFound" }
  | { status: "alreadySubmitted"; attemptId: string }
  | { status: "invalid"; problems: Array<{ questionId: string; message: string }> };

/**
 * Grades the answers to the attempt's own questions and stores them, a row per question and
 * the item-analysis sums, in one transaction behind a conditional update: of two submits of
 * the same attempt (double click, two tabs) exactly one is stored; the other is told.
 */
export async function submitAttempt(
  userId: string,
  quiz: Quiz,
  attemptId: string,
  answers: Answers,
): Promise<SubmitOutcome> {
  const attempt = await prisma.quizAttempt.findFirst({
    where: { id: attemptId, userId, quizId: quiz.id },
    select: { id: true, number: true, seed: true, locale: true, questions: true, answers: true, submittedAt: true },
  });
  if (!attempt) return { status: "notFound" };
  if (attempt.submittedAt) return { status: "alreadySubmitted", attemptId: attempt.id };
  const english = quiz.variants.en;
  const drawn = new Set(attemptQuestionIds(quiz, attempt));
  const questions = english.questions.filter((q) => drawn.has(q.id));
  const problems = validateAnswers(questions, answers);
  if (problems.length) return { status: "invalid", problems };
  const result = gradeAttempt(questions, english.keys, answers, quiz.rules.passMark);
  const points = Object.values(result.perQuestion).reduce((a, b) => a + b, 0);
  const submittedAt = new Date();
  const stored = await prisma.$transaction(async (tx) => {
    const { count } = await tx.quizAttempt.updateMany({
      where: { id: attempt.id, userId, submittedAt: null },
      data: {
        submittedAt,
        answers: answersColumn.encode(answers),
        score: result.score,
        passed: result.passed,
        competencies: quizCompetenciesColumn.encode(result.competencies),
      },
    });
    if (count !== 1) return false;
    const teamId = (await tx.user.findUnique({ where: { id: userId }, select: { teamId: true } }))?.teamId ?? "";
    const outcomes = questions.map((q) => ({
      questionId: q.id,
      kind: q.kind,
      score: result.perQuestion[q.id] ?? 0,
      chosen: (answers[q.id] ?? []).join(","),
    }));
    await tx.quizResponse.createMany({
      data: outcomes.map(({ questionId, score, chosen }) => ({
        attemptId: attempt.id,
        questionId,
        quizId: quiz.id,
        locale: attempt.locale,
        userId,
        teamId,
        number: attempt.number,
        score,
        total: points,
        chosen,
        submittedAt,
      })),
    });
    await recordOutcome(tx, {
      quizId: quiz.id,
      locale: attempt.locale,
      teamId,
      number: attempt.number,
      score: result.score,
      points,
      questions: outcomes,
    });
    // A passed quiz can complete a level: the certificate is stored with the result.
    await evidenceChanged(tx, userId);
    return true;
  }, WRITE_TRANSACTION);
  return stored ? { status: "graded", attemptId: attempt.id } : { status: "alreadySubmitted", attemptId: attempt.id };
}

/** Why a submission was not graded, as the refusal the person is shown (the result's id, if it was already). */
export function submitRefusal(outcome: Exclude<SubmitOutcome, { status: "graded" }>) {
  switch (outcome.status) {
    case "notFound":
      return notFound("quiz.errors.attemptNotFound");
    case "alreadySubmitted":
      return new DomainError("alreadySubmitted", 409, "quiz.errors.alreadySubmitted", {
        attemptId: outcome.attemptId,
      });
    case "invalid":
      return new DomainError("fixAnswers", 400, "quiz.errors.fixAnswers");
  }
}

/**
 * The English questions an attempt of this person asks (the quiz form's schema checks the
 * answers against these); a refusal when the attempt is not theirs or does not exist.
 */
export async function askedQuestions(userId: string, quiz: Quiz, attemptId: string) {
  const attempt = await prisma.quizAttempt.findFirst({
    where: { id: attemptId, userId, quizId: quiz.id },
    select: { seed: true, questions: true, answers: true, submittedAt: true },
  });
  if (!attempt) throw notFound("quiz.errors.attemptNotFound");
  const drawn = new Set(attemptQuestionIds(quiz, attempt));
  return quiz.variants.en.questions.filter((q) => drawn.has(q.id));
}

/**
 * A submitted attempt's result for its own person, with exactly what the quiz's review
 * options show at this moment: the rest of the key is never read into the answer.
 */
export async function getAttemptResult(userId: string, quiz: Quiz, attemptId: string) {
  const attempt = await prisma.quizAttempt.findFirst({
    where: { id: attemptId, userId, quizId: quiz.id, submittedAt: { not: null } },
    select: { ...attemptSummary, competencies: true },
  });
  if (!attempt) return null;
  const state = await getQuizState(userId, quiz);
  const show = state.review;
  const { locale, title, questions } = attemptQuestions(quiz, attempt);
  const { value: variant } = pick(quiz.variants, locale);
  const english = quiz.variants.en;
  const answers = attempt.answers ? answersColumn.decode(attempt.answers) : {};
  const graded = gradeAttempt(questions, { ...english.keys, ...variant.keys }, answers, quiz.rules.passMark);
  return {
    id: attempt.id,
    number: attempt.number,
    locale,
    title,
    submittedAt: attempt.submittedAt,
    passMark: quiz.rules.passMark,
    show,
    pending: reviewPending(quiz.rules.review, show),
    score: show.score ? (attempt.score ?? 0) : null,
    passed: show.score ? (attempt.passed ?? false) : null,
    // Per-competency scores say which questions were wrong where a competency has one question.
    competencies: show.wrong && attempt.competencies ? quizCompetenciesColumn.decode(attempt.competencies) : null,
    questions: questions.map((question) => {
      const key = variant.keys[question.id] ?? english.keys[question.id];
      const given = answers[question.id] ?? [];
      const textOf = (id: string) => question.options.find((o) => o.id === id)?.text ?? id;
      return {
        id: question.id,
        kind: question.kind,
        prompt: question.prompt,
        customer: question.customer,
        channel: question.channel,
        score: show.wrong ? (graded.perQuestion[question.id] ?? 0) : null,
        explanation: show.feedback ? (key?.explanation ?? "") : null,
        options: question.options.map((option) => ({
          id: option.id,
          text: option.text,
          chosen: given.includes(option.id),
          correct: show.answers ? (key?.correct.includes(option.id) ?? false) : null,
          feedback: show.feedback ? (key?.feedback[option.id] ?? null) : null,
        })),
        yourOrder: question.kind === "ordering" ? given.map(textOf) : null,
        correctOrder: question.kind === "ordering" && show.answers ? (key?.correct ?? []).map(textOf) : null,
      };
    }),
  };
}

export type AttemptResult = NonNullable<Awaited<ReturnType<typeof getAttemptResult>>>;

/** Quizzes this person has passed, for course completion: one query. */
export async function passedQuizIds(userId: string) {
  const rows = await prisma.quizAttempt.findMany({
    where: { userId, passed: true },
    select: { quizId: true },
    distinct: ["quizId"],
  });
  return new Set(rows.map((r) => r.quizId));
}

export type GrantOutcome =
  | { status: "granted"; number: number; keyShown: boolean }
  | { status: "inProgress" }
  | { status: "notNeeded" }
  | { status: "alreadyGranted" };

/**
 * One more attempt for a trainee who may not start another now (no attempts left, or
 * waiting): the grant names the attempt number it opens, unique, so two mentors granting at
 * once grant one attempt. Who may grant is the caller's check (reviews/access.server.ts).
 */
export async function grantAttempt(traineeId: string, quiz: Quiz, grantedById: string): Promise<GrantOutcome> {
  const state = await getQuizState(traineeId, quiz);
  if (state.open) return { status: "inProgress" };
  if (state.verdict.allowed) return { status: "notNeeded" };
  try {
    await prisma.quizAttemptGrant.create({
      data: { userId: traineeId, quizId: quiz.id, number: state.verdict.number, grantedById },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { status: "alreadyGranted" };
    throw error;
  }
  return { status: "granted", number: state.verdict.number, keyShown: state.review.answers };
}

/**
 * Where a trainee stands on every quiz they have tried, for their mentor's page: attempts
 * used and allowed, best score, and whether they are waiting or out of attempts (and so may
 * be granted another). Two queries, whatever the number of quizzes.
 */
export async function quizStandings(userId: string, quizzes: Record<string, Quiz>, now = new Date()) {
  const [attempts, grants] = await Promise.all([
    prisma.quizAttempt.findMany({
      where: { userId },
      select: { quizId: true, number: true, submittedAt: true, passed: true, score: true },
      orderBy: { number: "asc" },
    }),
    prisma.quizAttemptGrant.findMany({ where: { userId }, select: { quizId: true, number: true } }),
  ]);
  const byQuiz = new Map<string, typeof attempts>();
  for (const attempt of attempts) byQuiz.set(attempt.quizId, [...(byQuiz.get(attempt.quizId) ?? []), attempt]);
  // In the catalogue's order (course by course), not the order they were tried.
  return Object.values(quizzes).flatMap((quiz) => {
    const mine = byQuiz.get(quiz.id);
    if (!mine) return [];
    const granted = grants.filter((g) => g.quizId === quiz.id);
    const submitted = mine.filter((a) => a.submittedAt);
    const open = mine.some((a) => !a.submittedAt);
    const verdict = startVerdict(quiz.rules, mine, new Set(granted.map((g) => g.number)), now);
    const passed = submitted.some((a) => a.passed);
    const noAttemptsLeft = !open && !verdict.allowed && verdict.reason === "maxAttempts";
    return [
      {
        quiz,
        used: submitted.length,
        allowed: quiz.rules.maxAttempts === null ? null : quiz.rules.maxAttempts + granted.length,
        best: submitted.reduce<number | null>((best, a) => Math.max(best ?? 0, a.score ?? 0), null),
        passed,
        open,
        verdict,
        keyShown: reviewShown(quiz.rules.review, { passed, noAttemptsLeft }).answers,
      },
    ];
  });
}

/** A trainee's quizzes as their mentor's page lists them, titles in the reader's language. */
export async function traineeQuizRows(userId: string, locale: string) {
  const standings = await quizStandings(userId, getQuizzes());
  return standings.map((s) => ({
    quizId: s.quiz.id,
    title: pick(s.quiz.variants, locale).value.title,
    final: s.quiz.final,
    used: s.used,
    allowed: s.allowed,
    best: s.best,
    passed: s.passed,
    open: s.open,
    waitUntil: !s.verdict.allowed && s.verdict.reason === "wait" ? s.verdict.until : null,
    outOfAttempts: !s.verdict.allowed && s.verdict.reason === "maxAttempts",
    keyShown: s.keyShown,
  }));
}
