// Grading and shuffling: pure functions of the quiz, the key and the stored attempt.
import { type Competency } from "#app/content/vocabulary.ts";
import { type PublicQuestion, type QuestionKey } from "#app/content/catalog.server.ts";

/** Question id → the chosen option ids (in order, for ordering questions). */
export type Answers = Record<string, string[]>;

/** A small seeded PRNG (mulberry32): the same seed gives the same order on every reload. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(list: T[], random: () => number) {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * The order one attempt shows. Ordering items are always shuffled, and never left in the
 * authored order (which is the answer); true/false keeps true first.
 */
export function arrangeQuestions(questions: PublicQuestion[], seed: number, shuffle: boolean): PublicQuestion[] {
  const random = seededRandom(seed);
  const ordered = shuffle ? shuffled(questions, random) : questions;
  return ordered.map((question) => {
    if (question.kind === "true-false") return question;
    if (question.kind === "ordering") {
      let items = shuffled(question.options, random);
      if (items.length > 1 && items.every((item, i) => item.id === question.options[i]?.id)) {
        items = [...items.slice(1), items[0] as (typeof items)[number]];
      }
      return { ...question, options: items };
    }
    return shuffle ? { ...question, options: shuffled(question.options, random) } : question;
  });
}

/**
 * Score of one question, 0..1.
 * - single, best response, true/false: 1 for the correct option, else 0.
 * - multiple: (correct picks − wrong picks) ÷ number of correct options, never below 0.
 * - ordering: the share of items in their correct position.
 */
export function scoreQuestion(question: PublicQuestion, key: QuestionKey, given: string[]) {
  switch (question.kind) {
    case "multiple": {
      const right = given.filter((id) => key.correct.includes(id)).length;
      const wrong = given.length - right;
      return Math.max(0, (right - wrong) / key.correct.length);
    }
    case "ordering":
      return key.correct.filter((id, i) => given[i] === id).length / key.correct.length;
    default:
      return given.length === 1 && key.correct.includes(given[0] ?? "") ? 1 : 0;
  }
}

export function gradeAttempt(
  questions: PublicQuestion[],
  keys: Record<string, QuestionKey>,
  answers: Answers,
  passMark: number,
) {
  const perQuestion: Record<string, number> = {};
  const byCompetency = new Map<Competency, number[]>();
  for (const question of questions) {
    const key = keys[question.id];
    if (!key) throw new Error(`no key for question ${question.id}`);
    const score = scoreQuestion(question, key, answers[question.id] ?? []);
    perQuestion[question.id] = score;
    for (const competency of question.competencies) {
      byCompetency.set(competency, [...(byCompetency.get(competency) ?? []), score]);
    }
  }
  const values = Object.values(perQuestion);
  const score = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 10;
  const competencies = Object.fromEntries(
    [...byCompetency].map(([competency, scores]) => [
      competency,
      Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 1000) / 10,
    ]),
  );
  return { score, passed: score >= passMark, perQuestion, competencies };
}
