import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { type Quiz } from "#app/content/catalog.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { DomainError } from "#app/utils/errors.ts";
import { RateLimited } from "#app/utils/rate-limit.server.ts";
import { root } from "#tests/setup/paths.ts";
import { createUser } from "#tests/factories.ts";
import {
  attemptQuestions,
  getAttemptResult,
  getQuizState,
  grantAttempt,
  quizStandings,
  startAttempt,
  submitAttempt,
} from "./attempts.server.ts";
import { type Answers } from "./grade.server.ts";

/** basics-final: a bank of five (three communication, two empathy) drawing two; 3 attempts, 10 min wait. */
let quiz: Quiz;
beforeAll(async () => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
  const { findQuiz } = await import("#app/content/catalog.server.ts");
  const found = findQuiz("basics-final");
  if (!found) throw new Error("fixture quiz missing");
  quiz = found;
});

const right: Answers = {
  opening: ["b"],
  parts: ["a", "c"],
  caps: ["false"],
  steps: ["listen", "acknowledge", "act", "close"],
  refund: ["b"],
};
const wrong: Answers = {
  opening: ["a"],
  parts: ["b"],
  caps: ["true"],
  steps: ["close", "act", "acknowledge", "listen"],
  refund: ["c"],
};
const communication = ["opening", "parts", "caps"];

type Started = Awaited<ReturnType<typeof startAttempt>>;
const askedIn = (attempt: Started) => attemptQuestions(quiz, attempt).questions.map((q) => q.id);
const answersFor = (attempt: Started, from: Answers) =>
  Object.fromEntries(askedIn(attempt).map((id) => [id, from[id] ?? []]));

/** Moves a person's submitted attempts back in time, past any wait. */
const longAgo = (userId: string) =>
  prisma.quizAttempt.updateMany({
    where: { userId, submittedAt: { not: null } },
    data: { submittedAt: new Date(Date.now() - 30 * 86_400_000) },
  });

describe("quiz attempts", () => {
  test("an attempt draws from the bank and keeps its questions: a reload shows the same ones", async () => {
    const user = await createUser();
    const attempt = await startAttempt(user.id, quiz, "en");
    const again = await startAttempt(user.id, quiz, "en");
    expect(again.id).toBe(attempt.id);
    expect(attemptQuestions(quiz, again)).toEqual(attemptQuestions(quiz, attempt));
    const asked = askedIn(attempt);
    expect(asked).toHaveLength(2);
    // One of the three communication questions, one of the two empathy ones.
    expect(asked.filter((id) => communication.includes(id))).toHaveLength(1);
    expect(attempt.number).toBe(1);
  });

  test("the public questions carry no answer, feedback or explanation", async () => {
    const user = await createUser();
    const attempt = await startAttempt(user.id, quiz, "uk");
    const shown = attemptQuestions(quiz, attempt);
    expect(shown.title).toBe("Основи: підсумковий тест");
    expect(JSON.stringify(shown)).not.toMatch(/FEEDBACK|EXPLANATION|"correct"/);
  });

  test("a retake asks the questions the person has not seen while the bank lasts", async () => {
    const user = await createUser();
    const first = await startAttempt(user.id, quiz, "en");
    await submitAttempt(user.id, quiz, first.id, answersFor(first, wrong));
    await longAgo(user.id);
    const second = await startAttempt(user.id, quiz, "en");
    expect(second.number).toBe(2);
    expect(askedIn(second).filter((id) => askedIn(first).includes(id))).toEqual([]);
    await submitAttempt(user.id, quiz, second.id, answersFor(second, wrong));
    await longAgo(user.id);
    const third = await startAttempt(user.id, quiz, "en");
    // The one communication question not yet asked comes now.
    const unseen = communication.filter((id) => !askedIn(first).includes(id) && !askedIn(second).includes(id));
    expect(askedIn(third)).toContain(unseen[0]);
  });

  test("grading on the server, a row per question for analysis, and a final's result keeps its key", async () => {
    const user = await createUser();
    const attempt = await startAttempt(user.id, quiz, "en");
    expect(await getAttemptResult(user.id, quiz, attempt.id)).toBeNull();
    expect(await submitAttempt(user.id, quiz, attempt.id, answersFor(attempt, right))).toEqual({
      status: "graded",
      attemptId: attempt.id,
    });
    const rows = await prisma.quizResponse.findMany({
      where: { attemptId: attempt.id },
      select: { questionId: true, score: true, total: true, number: true, locale: true, quizId: true },
    });
    expect(rows.map((r) => r.questionId).sort()).toEqual(askedIn(attempt).sort());
    expect(rows.every((r) => r.score === 1 && r.total === 2 && r.number === 1 && r.locale === "en")).toBe(true);
    const result = await getAttemptResult(user.id, quiz, attempt.id);
    expect(result?.score).toBe(100);
    expect(result?.passed).toBe(true);
    expect(result?.show).toEqual({ score: true, wrong: false, answers: false, feedback: false });
    expect(result?.competencies).toBeNull();
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/FEEDBACK|EXPLANATION/);
    expect(result?.questions.every((q) => q.score === null && q.explanation === null && q.correctOrder === null)).toBe(
      true,
    );
    expect(result?.questions.flatMap((q) => q.options).every((o) => o.correct === null && o.feedback === null)).toBe(
      true,
    );
  });

  test("after the last allowed attempt the result shows which were wrong, the key and the feedback", async () => {
    const user = await createUser();
    const ids: string[] = [];
    for (let n = 0; n < 3; n++) {
      const attempt = await startAttempt(user.id, quiz, "en");
      ids.push(attempt.id);
      await submitAttempt(user.id, quiz, attempt.id, answersFor(attempt, wrong));
      await longAgo(user.id);
    }
    const state = await getQuizState(user.id, quiz);
    expect(state.verdict).toMatchObject({ allowed: false, reason: "maxAttempts" });
    await expect(startAttempt(user.id, quiz, "en")).rejects.toBeInstanceOf(DomainError);
    const result = await getAttemptResult(user.id, quiz, ids[0] ?? "");
    expect(result?.show).toEqual({ score: true, wrong: true, answers: true, feedback: true });
    expect(result?.score).toBe(0);
    expect(JSON.stringify(result)).toMatch(/FEEDBACK-|EXPLANATION-/);
    expect(result?.questions.every((q) => q.score === 0)).toBe(true);
  });

  test("a lesson check (or any quiz whose review says always) shows everything at once", async () => {
    const user = await createUser();
    const open = {
      ...quiz,
      rules: { ...quiz.rules, review: { score: "always", wrong: "always", answers: "always", feedback: "always" } },
    } satisfies Quiz;
    const attempt = await startAttempt(user.id, open, "en");
    await submitAttempt(user.id, open, attempt.id, answersFor(attempt, right));
    const result = await getAttemptResult(user.id, open, attempt.id);
    const [first] = result?.questions ?? [];
    expect(first?.explanation).toMatch(/^EXPLANATION-/);
    expect(first?.options.some((o) => o.correct)).toBe(true);
  });

  test("an answer to a question not drawn for this attempt is refused, and nothing is stored", async () => {
    const user = await createUser();
    const attempt = await startAttempt(user.id, quiz, "en");
    const notAsked = Object.keys(right).find((id) => !askedIn(attempt).includes(id)) ?? "";
    const outcome = await submitAttempt(user.id, quiz, attempt.id, {
      ...answersFor(attempt, right),
      [notAsked]: right[notAsked] ?? [],
    });
    expect(outcome).toEqual({
      status: "invalid",
      problems: [{ questionId: notAsked, message: "quiz.errors.unknownQuestion" }],
    });
    const stored = await prisma.quizAttempt.findUniqueOrThrow({
      where: { id: attempt.id },
      select: { submittedAt: true, answers: true },
    });
    expect(stored).toEqual({ submittedAt: null, answers: null });
    expect(await prisma.quizResponse.count({ where: { attemptId: attempt.id } })).toBe(0);
  });

  test("an unknown option is refused and nothing is stored", async () => {
    const user = await createUser();
    const attempt = await startAttempt(user.id, quiz, "en");
    const [first = ""] = askedIn(attempt);
    const outcome = await submitAttempt(user.id, quiz, attempt.id, { ...answersFor(attempt, right), [first]: ["zzz"] });
    expect(outcome).toEqual({
      status: "invalid",
      problems: [{ questionId: first, message: "quiz.errors.unknownOption" }],
    });
    expect(await prisma.quizResponse.count({ where: { attemptId: attempt.id } })).toBe(0);
  });

  test("another person's attempt can be neither submitted nor seen", async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const attempt = await startAttempt(owner.id, quiz, "en");
    expect(await submitAttempt(intruder.id, quiz, attempt.id, answersFor(attempt, right))).toEqual({
      status: "notFound",
    });
    await submitAttempt(owner.id, quiz, attempt.id, answersFor(attempt, wrong));
    expect(await getAttemptResult(intruder.id, quiz, attempt.id)).toBeNull();
    const stored = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attempt.id }, select: { score: true } });
    expect(stored.score).toBe(0);
  });

  test("two submits of one attempt at once store exactly one result and one set of rows", async () => {
    const user = await createUser();
    const attempt = await startAttempt(user.id, quiz, "en");
    const outcomes = await Promise.all([
      submitAttempt(user.id, quiz, attempt.id, answersFor(attempt, right)),
      submitAttempt(user.id, quiz, attempt.id, answersFor(attempt, wrong)),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["alreadySubmitted", "graded"]);
    const stored = await prisma.quizAttempt.findMany({ where: { userId: user.id }, select: { score: true } });
    expect(stored).toHaveLength(1);
    expect([0, 100]).toContain(stored[0]?.score);
    expect(await prisma.quizResponse.count({ where: { attemptId: attempt.id } })).toBe(2);
  });

  test("the database itself refuses a second open attempt for a person and quiz, and takes any number submitted", async () => {
    const user = await createUser();
    const row = { userId: user.id, quizId: quiz.id, courseSlug: quiz.courseSlug, seed: 1, locale: "en" };
    await prisma.quizAttempt.create({ data: { ...row, number: 1, submittedAt: new Date() } });
    await prisma.quizAttempt.create({ data: { ...row, number: 2, submittedAt: new Date() } });
    await prisma.quizAttempt.create({ data: { ...row, number: 3 } });
    await expect(prisma.quizAttempt.create({ data: { ...row, number: 4 } })).rejects.toMatchObject({ code: "P2002" });
    // Another quiz, or another person, is another key.
    await prisma.quizAttempt.create({ data: { ...row, number: 1, quizId: "another-quiz" } });
    await prisma.quizAttempt.create({ data: { ...row, number: 1, userId: (await createUser()).id } });
    expect(await prisma.quizAttempt.count({ where: { userId: user.id, quizId: quiz.id } })).toBe(3);
  });

  test("ten starts at once store one attempt, and every start resumes it", async () => {
    const user = await createUser();
    const started = await Promise.all(Array.from({ length: 10 }, () => startAttempt(user.id, quiz, "en")));
    const stored = await prisma.quizAttempt.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(stored).toHaveLength(1);
    expect(new Set(started.map((a) => a.id))).toEqual(new Set([stored[0]?.id]));
  });

  test("a retake before the wait is refused and stores nothing; the wait grows after each failure", async () => {
    const user = await createUser();
    const growing = { ...quiz, rules: { ...quiz.rules, maxAttempts: null, waitMinutes: [10, 60] } } satisfies Quiz;
    const first = await startAttempt(user.id, growing, "en");
    await submitAttempt(user.id, growing, first.id, answersFor(first, wrong));
    const refused = await startAttempt(user.id, growing, "en").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe("wait");
    expect(await prisma.quizAttempt.count({ where: { userId: user.id } })).toBe(1);
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000);
    await prisma.quizAttempt.updateMany({ where: { userId: user.id }, data: { submittedAt: elevenMinutesAgo } });
    const second = await startAttempt(user.id, growing, "en");
    await submitAttempt(user.id, growing, second.id, answersFor(second, wrong));
    await prisma.quizAttempt.updateMany({ where: { userId: user.id }, data: { submittedAt: elevenMinutesAgo } });
    const state = await getQuizState(user.id, growing);
    expect(state.verdict).toMatchObject({ allowed: false, reason: "wait" });
    if (state.verdict.allowed || state.verdict.reason !== "wait") throw new Error("expected a wait");
    expect(state.verdict.until.getTime()).toBe(elevenMinutesAgo.getTime() + 60 * 60_000);
  });

  test("concurrent starts for the last allowed attempt create exactly one", async () => {
    const user = await createUser();
    const last = { ...quiz, rules: { ...quiz.rules, maxAttempts: 2, waitMinutes: [] } } satisfies Quiz;
    const first = await startAttempt(user.id, last, "en");
    await submitAttempt(user.id, last, first.id, answersFor(first, wrong));
    await Promise.all(Array.from({ length: 8 }, () => startAttempt(user.id, last, "en")));
    const rows = await prisma.quizAttempt.findMany({ where: { userId: user.id }, select: { number: true } });
    expect(rows.map((r) => r.number).sort()).toEqual([1, 2]);
  });

  test("the database refuses a second attempt with the same number", async () => {
    const user = await createUser();
    const row = { userId: user.id, quizId: quiz.id, courseSlug: quiz.courseSlug, seed: 1, locale: "en", number: 1 };
    await prisma.quizAttempt.create({ data: { ...row, submittedAt: new Date() } });
    await expect(prisma.quizAttempt.create({ data: row })).rejects.toMatchObject({ code: "P2002" });
  });

  test("a mentor's grant opens one more attempt at once; two grants at once grant one", async () => {
    const trainee = await createUser();
    const mentor = await createUser({ roles: ["mentor"] });
    const other = await createUser({ roles: ["mentor"] });
    expect(await grantAttempt(trainee.id, quiz, mentor.id)).toEqual({ status: "notNeeded" });
    for (let n = 0; n < 3; n++) {
      const attempt = await startAttempt(trainee.id, quiz, "en");
      if (n === 2) expect(await grantAttempt(trainee.id, quiz, mentor.id)).toEqual({ status: "inProgress" });
      await submitAttempt(trainee.id, quiz, attempt.id, answersFor(attempt, wrong));
      if (n < 2) await longAgo(trainee.id);
    }
    // The last attempt just failed: no attempt left (and the wait would apply too).
    const outcomes = await Promise.all([
      grantAttempt(trainee.id, quiz, mentor.id),
      grantAttempt(trainee.id, quiz, other.id),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["alreadyGranted", "granted"]);
    expect(outcomes.find((o) => o.status === "granted")).toEqual({ status: "granted", number: 4, keyShown: true });
    expect(await prisma.quizAttemptGrant.count({ where: { userId: trainee.id } })).toBe(1);
    const fourth = await startAttempt(trainee.id, quiz, "en");
    expect(fourth.number).toBe(4);
    await submitAttempt(trainee.id, quiz, fourth.id, answersFor(fourth, wrong));
    await expect(startAttempt(trainee.id, quiz, "en")).rejects.toBeInstanceOf(DomainError);
  });

  test("a trainee's standings: attempts used and allowed, best score, blocked or not", async () => {
    const trainee = await createUser();
    const mentor = await createUser({ roles: ["mentor"] });
    for (let n = 0; n < 3; n++) {
      const attempt = await startAttempt(trainee.id, quiz, "en");
      await submitAttempt(trainee.id, quiz, attempt.id, answersFor(attempt, n === 1 ? right : wrong));
      await longAgo(trainee.id);
    }
    const [standing] = await quizStandings(trainee.id, { [quiz.id]: quiz });
    expect(standing).toMatchObject({ used: 3, allowed: 3, best: 100, passed: true, open: false, keyShown: true });
    expect(standing?.verdict).toMatchObject({ allowed: false, reason: "maxAttempts" });
    await grantAttempt(trainee.id, quiz, mentor.id);
    const [after] = await quizStandings(trainee.id, { [quiz.id]: quiz });
    expect(after).toMatchObject({ used: 3, allowed: 4, keyShown: false });
    expect(after?.verdict).toEqual({ allowed: true, number: 4, granted: true });
    expect(await quizStandings((await createUser()).id, { [quiz.id]: quiz })).toEqual([]);
  });

  test("an attempt from before banks (no stored questions) is read from its answers", async () => {
    const user = await createUser();
    const legacy = await prisma.quizAttempt.create({
      data: {
        userId: user.id,
        quizId: quiz.id,
        courseSlug: quiz.courseSlug,
        number: 1,
        seed: 7,
        locale: "en",
        submittedAt: new Date(Date.now() - 86_400_000),
        answers: JSON.stringify(right),
        score: 100,
        passed: true,
        competencies: "{}",
      },
      select: { id: true },
    });
    const result = await getAttemptResult(user.id, quiz, legacy.id);
    expect(result?.questions.map((q) => q.id).sort()).toEqual(Object.keys(right).sort());
  });

  test("new attempts per hour are limited across quizzes, whatever each quiz's own rules allow", async () => {
    const user = await createUser();
    const limit = getEnv().QUIZ_ATTEMPTS_PER_HOUR;
    for (let i = 0; i < limit; i++) {
      const attempt = await startAttempt(user.id, quiz, "en");
      // Resuming the open attempt takes nothing.
      expect((await startAttempt(user.id, quiz, "en")).id).toBe(attempt.id);
      // Out of the way, so the quiz's own attempt rules never refuse first.
      await prisma.quizAttempt.delete({ where: { id: attempt.id } });
    }
    const refused = await startAttempt(user.id, quiz, "en").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimited);
    expect((refused as RateLimited).retryAfterSeconds).toBeGreaterThan(3000);
    expect(await prisma.quizAttempt.count({ where: { userId: user.id } })).toBe(0);
  }, 60_000);
});
