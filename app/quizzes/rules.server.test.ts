import { describe, expect, test } from "vitest";
import { type QuizReview } from "#app/content/catalog.server.ts";
import { reviewPending, reviewShown, startVerdict, waitAfterFailure } from "./rules.server.ts";

const now = new Date("2026-01-01T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const rules = { maxAttempts: 4, waitMinutes: [10, 60, 1440] };
const failed = (number: number, ago: number) => ({ number, submittedAt: minutesAgo(ago), passed: false });

describe("retake rules", () => {
  test("the first attempt may start", () => {
    expect(startVerdict(rules, [], new Set(), now)).toEqual({ allowed: true, number: 1, granted: false });
  });

  test("waits grow after each attempt that does not pass, and the last one repeats", () => {
    expect([1, 2, 3, 4, 9].map((n) => waitAfterFailure(rules, n))).toEqual([10, 60, 1440, 1440, 1440]);
    expect(waitAfterFailure({ waitMinutes: [] }, 2)).toBeNull();
    expect(startVerdict(rules, [failed(1, 5)], new Set(), now)).toEqual({
      allowed: false,
      number: 2,
      reason: "wait",
      until: minutesAgo(-5),
    });
    expect(startVerdict(rules, [failed(1, 11)], new Set(), now)).toMatchObject({ allowed: true, number: 2 });
    // After the second failure, eleven minutes are not enough: the wait is an hour.
    expect(startVerdict(rules, [failed(1, 200), failed(2, 11)], new Set(), now)).toMatchObject({
      allowed: false,
      reason: "wait",
      until: minutesAgo(-49),
    });
    expect(startVerdict(rules, [failed(1, 3000), failed(2, 2000), failed(3, 1000)], new Set(), now)).toMatchObject({
      allowed: false,
      reason: "wait",
      until: minutesAgo(-440),
    });
  });

  test("no wait after an attempt that passed", () => {
    expect(startVerdict(rules, [{ number: 1, submittedAt: minutesAgo(1), passed: true }], new Set(), now)).toEqual({
      allowed: true,
      number: 2,
      granted: false,
    });
  });

  test("after the last allowed attempt none starts, until a mentor grants the next one, which skips the wait", () => {
    const used = [failed(1, 9000), failed(2, 8000), failed(3, 7000), failed(4, 1)];
    expect(startVerdict(rules, used, new Set(), now)).toEqual({ allowed: false, number: 5, reason: "maxAttempts" });
    expect(startVerdict(rules, used, new Set([5]), now)).toEqual({ allowed: true, number: 5, granted: true });
    // A grant opens one attempt: after it, the limit holds again.
    expect(startVerdict(rules, [...used, failed(5, 9)], new Set([5]), now)).toMatchObject({ reason: "maxAttempts" });
    // A grant also lifts a wait.
    expect(startVerdict(rules, [failed(1, 1)], new Set([2]), now)).toEqual({ allowed: true, number: 2, granted: true });
  });
});

describe("review options", () => {
  const final: QuizReview = {
    score: "always",
    wrong: "after-last-attempt",
    answers: "after-last-attempt",
    feedback: "after-last-attempt",
  };
  const check: QuizReview = { score: "always", wrong: "always", answers: "always", feedback: "always" };

  test("a lesson check shows everything after each attempt", () => {
    expect(reviewShown(check, { passed: false, noAttemptsLeft: false })).toEqual({
      score: true,
      wrong: true,
      answers: true,
      feedback: true,
    });
  });

  test("a final shows the score at once and the rest after the last attempt", () => {
    const during = reviewShown(final, { passed: true, noAttemptsLeft: false });
    expect(during).toEqual({ score: true, wrong: false, answers: false, feedback: false });
    expect(reviewPending(final, during).map((p) => `${p.part}:${p.opens}`)).toEqual([
      "wrong:after-last-attempt",
      "answers:after-last-attempt",
      "feedback:after-last-attempt",
    ]);
    expect(reviewShown(final, { passed: false, noAttemptsLeft: true })).toEqual({
      score: true,
      wrong: true,
      answers: true,
      feedback: true,
    });
  });

  test("after a pass, and never", () => {
    const review: QuizReview = { score: "always", wrong: "after-pass", answers: "after-pass", feedback: "never" };
    expect(reviewShown(review, { passed: false, noAttemptsLeft: true })).toEqual({
      score: true,
      wrong: false,
      answers: false,
      feedback: false,
    });
    expect(reviewShown(review, { passed: true, noAttemptsLeft: false })).toEqual({
      score: true,
      wrong: true,
      answers: true,
      feedback: false,
    });
  });

  test("a later part never shows while an earlier one is hidden", () => {
    const odd: QuizReview = { score: "always", wrong: "after-pass", answers: "always", feedback: "always" };
    expect(reviewShown(odd, { passed: false, noAttemptsLeft: false })).toEqual({
      score: true,
      wrong: false,
      answers: false,
      feedback: false,
    });
  });
});
