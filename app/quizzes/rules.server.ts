// A quiz's retake rules and review options, as pure functions of its rules and a person's
// attempts: whether the next attempt may start (and when), and what a result may show.
import { type QuizReview, type QuizRules } from "#app/content/catalog.server.ts";
import { type ReviewPart, reviewParts, type ReviewTime } from "#app/content/schemas/quiz.ts";

export type PastAttempt = { number: number; submittedAt: Date | null; passed: boolean | null };

export type StartVerdict =
  | { allowed: true; number: number; granted: boolean }
  | { allowed: false; number: number; reason: "maxAttempts" }
  | { allowed: false; number: number; reason: "wait"; until: Date };

/** Minutes to wait after the n-th attempt that did not pass (1-based); the last wait repeats. */
export function waitAfterFailure(rules: Pick<QuizRules, "waitMinutes">, failures: number) {
  if (failures < 1 || rules.waitMinutes.length === 0) return null;
  return rules.waitMinutes[Math.min(failures, rules.waitMinutes.length) - 1] ?? null;
}

/**
 * Whether attempt number `max + 1` may start now. A mentor's grant for that number lets it
 * start at once, past the limit and the wait; otherwise the limit, then the wait after an
 * attempt that did not pass (growing with each one), decide.
 */
export function startVerdict(
  rules: Pick<QuizRules, "maxAttempts" | "waitMinutes">,
  submitted: PastAttempt[],
  granted: ReadonlySet<number>,
  now = new Date(),
): StartVerdict {
  const number = submitted.reduce((max, a) => Math.max(max, a.number), 0) + 1;
  if (granted.has(number)) return { allowed: true, number, granted: true };
  if (rules.maxAttempts !== null && number > rules.maxAttempts)
    return { allowed: false, number, reason: "maxAttempts" };
  const last = [...submitted].sort((a, b) => a.number - b.number).at(-1);
  if (last?.submittedAt && !last.passed) {
    const minutes = waitAfterFailure(rules, submitted.filter((a) => !a.passed).length);
    if (minutes !== null) {
      const until = new Date(last.submittedAt.getTime() + minutes * 60_000);
      if (until > now) return { allowed: false, number, reason: "wait", until };
    }
  }
  return { allowed: true, number, granted: false };
}

/** Where a person stands on a quiz, as far as the review options care. */
export type ReviewMoment = { passed: boolean; noAttemptsLeft: boolean };

const opensAt = (time: ReviewTime, moment: ReviewMoment) =>
  time === "always" ||
  (time === "after-pass" && moment.passed) ||
  (time === "after-last-attempt" && moment.noAttemptsLeft);

export type ReviewShown = Record<ReviewPart, boolean>;

/**
 * What a submitted attempt's result may show now. A part further along the key is never
 * shown while an earlier one is hidden (the format refuses such review options; this holds
 * for any combination anyway).
 */
export function reviewShown(review: QuizReview, moment: ReviewMoment): ReviewShown {
  const shown = {} as ReviewShown;
  let open = true;
  for (const part of reviewParts) {
    open = open && opensAt(review[part], moment);
    shown[part] = open;
  }
  return shown;
}

/** For each hidden part, the moment that would show it (for the result page's note), or "never". */
export function reviewPending(review: QuizReview, shown: ReviewShown) {
  return reviewParts.filter((part) => !shown[part]).map((part) => ({ part, opens: review[part] }));
}
