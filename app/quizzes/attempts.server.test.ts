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
  startAttempt,
  startVerdict,
  submitAttempt,
} from "./attempts.server.ts";

let quiz: Quiz;
beforeAll(async () => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
  const { findQuiz } = await import("#app/content/catalog.server.ts");
  const found = findQuiz("basics-final");
  if (!found) throw new Error("fixture quiz missing");
  quiz = found;
});

const right = {
  opening: ["b"],
  parts: ["a", "c"],
  caps: ["false"],
  steps: ["listen", "acknowledge", "act", "close"],
  refund: ["b"],
};
const wrong = {
  opening: ["a"],
  parts: ["b"],
  caps: ["true"],
  steps: ["close", "act", "acknowledge", "listen"],
  refund: ["c"],
};

describe("quiz attempts", () => {
  test("an attempt keeps its seed: a reload shows the same order", async () => {
    const user = await createUser();
    const attempt = await startAttempt(user.id, quiz, "en");
    const again = await startAttempt(user.id, quiz, "en");
    expect(again.id).toBe(attempt.id);
    expect(attemptQuestions(quiz, again)).toEqual(attemptQuestions(quiz, attempt));
  });

  test("the public questions carry no answer, feedback or explanation", async () => {
    const user = await createUser();
    const attempt = await startAttempt(user.id, quiz, "uk");
    const shown = attemptQuestions(quiz, attempt);
    expect(shown.title).toBe("Основи: підсумковий тест");
    const text = JSON.stringify(shown);
    expect(text).not.toMatch(/FEEDBACK|EXPLANATION|"correct"/);
  });

  test("grading on the server: score, pass, per-competency results; feedback only after submit", async () => {
    const user = await createUser();
    const attempt = await startAttempt(user.id, quiz, "en");
    expect(await getAttemptResult(user.id, quiz, attempt.id)).toBeNull();
    expect(await submitAttempt(user.id, quiz, attempt.id, right)).toEqual({ status: "graded", attemptId: attempt.id });
    const result = await getAttemptResult(user.id, quiz, attempt.id);
    expect(result?.score).toBe(100);
    expect(result?.passed).toBe(true);
    expect(result?.competencies).toEqual({ communication: 100, empathy: 100 });
    const opening = result?.questions.find((q) => q.id === "opening");
    expect(opening?.explanation).toBe("EXPLANATION-OPENING: name the customer.");
    expect(opening?.options.find((o) => o.id === "b")).toMatchObject({
      chosen: true,
      correct: true,
      feedback: "FEEDBACK-OPENING-B names her.",
    });
  });

  test("another person's attempt can be neither submitted nor seen", async () => {
    const owner = await createUser();
    const intruder = await createUser();
    const attempt = await startAttempt(owner.id, quiz, "en");
    expect(await submitAttempt(intruder.id, quiz, attempt.id, right)).toEqual({ status: "notFound" });
    await submitAttempt(owner.id, quiz, attempt.id, wrong);
    expect(await getAttemptResult(intruder.id, quiz, attempt.id)).toBeNull();
    const stored = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attempt.id }, select: { score: true } });
    expect(stored.score).toBe(0);
  });

  test("an unknown option is refused and nothing is stored", async () => {
    const user = await createUser();
    const attempt = await startAttempt(user.id, quiz, "en");
    const outcome = await submitAttempt(user.id, quiz, attempt.id, { ...right, opening: ["zzz"] });
    expect(outcome).toEqual({
      status: "invalid",
      problems: [{ questionId: "opening", message: "quiz.errors.unknownOption" }],
    });
    const stored = await prisma.quizAttempt.findUniqueOrThrow({
      where: { id: attempt.id },
      select: { submittedAt: true, answers: true },
    });
    expect(stored).toEqual({ submittedAt: null, answers: null });
  });

  test("two submits of one attempt at once store exactly one result; the other is told", async () => {
    const user = await createUser();
    const attempt = await startAttempt(user.id, quiz, "en");
    const outcomes = await Promise.all([
      submitAttempt(user.id, quiz, attempt.id, right),
      submitAttempt(user.id, quiz, attempt.id, wrong),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["alreadySubmitted", "graded"]);
    const stored = await prisma.quizAttempt.findMany({ where: { userId: user.id }, select: { score: true } });
    expect(stored).toHaveLength(1);
    expect([0, 100]).toContain(stored[0]?.score);
    expect(await submitAttempt(user.id, quiz, attempt.id, right)).toEqual({
      status: "alreadySubmitted",
      attemptId: attempt.id,
    });
  });

  test("after a failed attempt the next waits; after the last allowed attempt none starts", async () => {
    const user = await createUser();
    const first = await startAttempt(user.id, quiz, "en");
    await submitAttempt(user.id, quiz, first.id, wrong);
    const refused = await startAttempt(user.id, quiz, "en").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe("wait");
    expect(await prisma.quizAttempt.count({ where: { userId: user.id } })).toBe(1);
    // Eleven minutes later the wait is over.
    await prisma.quizAttempt.update({
      where: { id: first.id },
      data: { submittedAt: new Date(Date.now() - 11 * 60_000) },
    });
    const second = await startAttempt(user.id, quiz, "en");
    await submitAttempt(user.id, quiz, second.id, right);
    const third = await startAttempt(user.id, quiz, "en");
    await submitAttempt(user.id, quiz, third.id, right);
    const state = await getQuizState(user.id, quiz);
    expect(state.attempts.map((a) => a.passed)).toEqual([false, true, true]);
    expect(state.verdict).toEqual({ allowed: false, reason: "maxAttempts" });
    await expect(startAttempt(user.id, quiz, "en")).rejects.toBeInstanceOf(DomainError);
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

  test("rules in isolation", () => {
    const now = new Date("2026-01-01T12:00:00Z");
    const failedAt = new Date("2026-01-01T11:55:00Z");
    expect(startVerdict(quiz, [], now)).toEqual({ allowed: true });
    expect(startVerdict(quiz, [{ submittedAt: failedAt, passed: false }], now)).toEqual({
      allowed: false,
      reason: "wait",
      until: new Date("2026-01-01T12:05:00Z"),
    });
    expect(startVerdict(quiz, [{ submittedAt: failedAt, passed: true }], now)).toEqual({ allowed: true });
  });
});
