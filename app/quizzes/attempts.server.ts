// Quiz attempts: start (with a stored shuffle seed), submit once, grade on the server.
import { randomInt } from "node:crypto";
import { type Quiz } from "#app/content/catalog.server.ts";
import { quizCompetenciesColumn } from "#app/ladder/columns.server.ts";
import { evidenceChanged, touchActivity } from "#app/ladder/evidence.server.ts";
import { prisma, WRITE_TRANSACTION } from "#app/utils/db.server.ts";
import { DomainError, notFound } from "#app/utils/errors.ts";
import { pick } from "#app/content/localized.ts";
import { answersColumn } from "./columns.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { createLimiter } from "#app/utils/rate-limit.server.ts";
import { type Answers, arrangeQuestions, gradeAttempt } from "./grade.server.ts";
import { validateAnswers } from "./schemas.ts";

const attemptSummary = {
  id: true,
  startedAt: true,
  submittedAt: true,
  score: true,
  passed: true,
  locale: true,
  seed: true,
} as const;

export type StartVerdict =
  { allowed: true } | { allowed: false; reason: "maxAttempts" } | { allowed: false; reason: "wait"; until: Date };

/** The quiz's rules applied to what this person has already submitted. */
export function startVerdict(
  quiz: Quiz,
  submitted: Array<{ submittedAt: Date | null; passed: boolean | null }>,
  now = new Date(),
): StartVerdict {
  const { maxAttempts, waitMinutes } = quiz.rules;
  if (maxAttempts !== null && submitted.length >= maxAttempts) return { allowed: false, reason: "maxAttempts" };
  const last = submitted.at(-1);
  if (waitMinutes && last?.submittedAt && !last.passed) {
    const until = new Date(last.submittedAt.getTime() + waitMinutes * 60_000);
    if (until > now) return { allowed: false, reason: "wait", until };
  }
  return { allowed: true };
}

export async function getQuizState(userId: string, quiz: Quiz) {
  const attempts = await prisma.quizAttempt.findMany({
    where: { userId, quizId: quiz.id },
    select: attemptSummary,
    orderBy: { startedAt: "asc" },
  });
  const submitted = attempts.filter((a) => a.submittedAt);
  const open = attempts.filter((a) => !a.submittedAt).at(-1) ?? null;
  return { attempts: submitted, open, verdict: startVerdict(quiz, submitted), passed: submitted.some((a) => a.passed) };
}

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
 * Resumes the open attempt, or starts one if the quiz's rules and the hourly limit allow
 * (RateLimited otherwise: nothing is stored).
 */
export async function startAttempt(userId: string, quiz: Quiz, locale: string) {
  const state = await getQuizState(userId, quiz);
  if (state.open) return state.open;
  if (!state.verdict.allowed) throw ruleRefusal(state.verdict);
  await starts.consume(userId);
  return prisma.$transaction(async (tx) => {
    await touchActivity(tx, userId);
    return tx.quizAttempt.create({
      data: {
        userId,
        quizId: quiz.id,
        courseSlug: quiz.courseSlug,
        seed: randomInt(1, 2 ** 31 - 1),
        locale: pick(quiz.variants, locale).locale,
      },
      select: attemptSummary,
    });
  });
}

/** The questions of one attempt as its person sees them: only public data, in the seeded order. */
export function attemptQuestions(quiz: Quiz, attempt: { seed: number; locale: string }) {
  const { value: variant, locale } = pick(quiz.variants, attempt.locale);
  return {
    locale,
    title: variant.title,
    questions: arrangeQuestions(variant.questions, attempt.seed, quiz.rules.shuffle),
  };
}

export type SubmitOutcome =
  | { status: "graded"; attemptId: string }
  | { status: "notFound" }
  | { status: "alreadySubmitted"; attemptId: string }
  | { status: "invalid"; problems: Array<{ questionId: string; message: string }> };

/**
 * Grades and stores the answers in one conditional update: of two submits of the same
 * attempt (double click, two tabs) exactly one is stored; the other is told.
 */
export async function submitAttempt(
  userId: string,
  quiz: Quiz,
  attemptId: string,
  answers: Answers,
): Promise<SubmitOutcome> {
  const attempt = await prisma.quizAttempt.findFirst({
    where: { id: attemptId, userId, quizId: quiz.id },
    select: { id: true, seed: true, locale: true, submittedAt: true },
  });
  if (!attempt) return { status: "notFound" };
  if (attempt.submittedAt) return { status: "alreadySubmitted", attemptId: attempt.id };
  const english = quiz.variants.en;
  const problems = validateAnswers(english.questions, answers);
  if (problems.length) return { status: "invalid", problems };
  const result = gradeAttempt(english.questions, english.keys, answers, quiz.rules.passMark);
  const count = await prisma.$transaction(async (tx) => {
    const stored = await tx.quizAttempt.updateMany({
      where: { id: attempt.id, userId, submittedAt: null },
      data: {
        submittedAt: new Date(),
        answers: answersColumn.encode(answers),
        score: result.score,
        passed: result.passed,
        competencies: quizCompetenciesColumn.encode(result.competencies),
      },
    });
    // A passed quiz can complete a level: the certificate is stored with the result.
    if (stored.count === 1) await evidenceChanged(tx, userId);
    return stored.count;
  }, WRITE_TRANSACTION);
  return count === 1
    ? { status: "graded", attemptId: attempt.id }
    : { status: "alreadySubmitted", attemptId: attempt.id };
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

/** A submitted attempt with everything the key says: only for its own person, only once submitted. */
export async function getAttemptResult(userId: string, quiz: Quiz, attemptId: string) {
  const attempt = await prisma.quizAttempt.findFirst({
    where: { id: attemptId, userId, quizId: quiz.id, submittedAt: { not: null } },
    select: {
      id: true,
      seed: true,
      locale: true,
      answers: true,
      score: true,
      passed: true,
      submittedAt: true,
      competencies: true,
    },
  });
  if (!attempt) return null;
  const { value: variant, locale } = pick(quiz.variants, attempt.locale);
  const answers = attempt.answers ? answersColumn.decode(attempt.answers) : {};
  const english = quiz.variants.en;
  const questions = arrangeQuestions(variant.questions, attempt.seed, quiz.rules.shuffle).map((question) => {
    const key = variant.keys[question.id] ?? english.keys[question.id];
    const given = answers[question.id] ?? [];
    const score = key
      ? (gradeAttempt([question], { [question.id]: key }, answers, 0).perQuestion[question.id] ?? 0)
      : 0;
    const textOf = (id: string) => question.options.find((o) => o.id === id)?.text ?? id;
    return {
      id: question.id,
      kind: question.kind,
      prompt: question.prompt,
      customer: question.customer,
      channel: question.channel,
      score,
      explanation: key?.explanation ?? "",
      options: question.options.map((option) => ({
        id: option.id,
        text: option.text,
        chosen: given.includes(option.id),
        correct: key?.correct.includes(option.id) ?? false,
        feedback: key?.feedback[option.id] ?? null,
      })),
      yourOrder: question.kind === "ordering" ? given.map(textOf) : null,
      correctOrder: question.kind === "ordering" ? (key?.correct ?? []).map(textOf) : null,
    };
  });
  return {
    id: attempt.id,
    locale,
    title: variant.title,
    score: attempt.score ?? 0,
    passed: attempt.passed ?? false,
    passMark: quiz.rules.passMark,
    submittedAt: attempt.submittedAt,
    competencies: attempt.competencies ? quizCompetenciesColumn.decode(attempt.competencies) : {},
    questions,
  };
}

/** Quizzes this person has passed, for course completion: one query. */
export async function passedQuizIds(userId: string) {
  const rows = await prisma.quizAttempt.findMany({
    where: { userId, passed: true },
    select: { quizId: true },
    distinct: ["quizId"],
  });
  return new Set(rows.map((r) => r.quizId));
}
