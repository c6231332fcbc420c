// Simulated quiz takers for the large organisation: questions drawn with the app's own draw,
// answered by people of a given ability, graded with the app's own grading. Each question
// has a difficulty and a discrimination (a two-parameter logistic model, as item response
// theory describes test items), and each wrong option a pull, so the item analysis of the
// large organisation finds what real data shows: easy and hard questions, a few that the
// weaker people get right more often than the stronger, and distractors nobody picks.
import { type Quiz } from "#app/content/catalog.server.ts";
import { drawQuestions } from "#app/quizzes/draw.server.ts";
import { type Answers, arrangeQuestions, gradeAttempt, seededRandom } from "#app/quizzes/grade.server.ts";

function hashOf(text: string) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A person's ability on the item scale: people who have been here longer answer better. */
export const abilityOf = (tenureDays: number, noise: number) => 0.2 + (tenureDays / 365) * 2.2 + (noise - 0.5);

type Item = { difficulty: number; discrimination: number; pulls: Map<string, number> };

/** The same items on every run: the parameters come from the quiz and question ids. */
function itemOf(quizId: string, questionId: string, options: string[], correct: string[]): Item {
  const random = seededRandom(hashOf(`${quizId}/${questionId}`));
  const difficulty = random() * 4 - 2.5;
  // One question in twelve is a bad item: the stronger get it wrong more often.
  const discrimination = random() < 1 / 12 ? -0.8 : 0.4 + random() * 1.6;
  const pulls = new Map<string, number>();
  for (const id of options) if (!correct.includes(id)) pulls.set(id, random() < 0.2 ? 0 : 0.2 + random());
  return { difficulty, discrimination, pulls };
}

export type SimulatedAttempt = {
  questions: string[];
  answers: Answers;
  score: number;
  passed: boolean;
  perQuestion: Record<string, number>;
  points: number;
  competencies: Record<string, number>;
};

/** Draws, answers and grades one attempt at `quiz` by a person of `ability` (about −2 to 2). */
export function simulateAttempt(quiz: Quiz, ability: number, seed: number, seen?: Map<string, number>) {
  const english = quiz.variants.en;
  const random = seededRandom(seed ^ 0x5bd1e995);
  const byId = new Map(english.questions.map((q) => [q.id, q]));
  const ids = drawQuestions(
    english.questions.map((q) => q.id),
    quiz.rules,
    seed,
    seen,
  );
  const shown = arrangeQuestions(
    ids.flatMap((id) => byId.get(id) ?? []),
    seed,
    quiz.rules.shuffle,
  );
  const answers: Answers = {};
  for (const question of shown) {
    const correct = english.keys[question.id]?.correct ?? [];
    const options = question.options.map((o) => o.id);
    const item = itemOf(quiz.id, question.id, options, correct);
    const right = random() < 1 / (1 + Math.exp(-item.discrimination * (ability - item.difficulty)));
    if (question.kind === "ordering") {
      const order = [...correct];
      if (!right) {
        const i = Math.floor(random() * (order.length - 1));
        [order[i], order[i + 1]] = [order[i + 1] ?? "", order[i] ?? ""];
      }
      answers[question.id] = order;
      continue;
    }
    const wrongOptions = [...item.pulls].filter(([, pull]) => pull > 0);
    const pickWrong = () => {
      const total = wrongOptions.reduce((s, [, pull]) => s + pull, 0);
      let at = random() * total;
      for (const [id, pull] of wrongOptions) {
        at -= pull;
        if (at <= 0) return id;
      }
      return wrongOptions.at(-1)?.[0] ?? options[0] ?? "";
    };
    if (question.kind === "multiple") {
      // Wrong: one right option missed, and sometimes a wrong one ticked.
      const chosen = right ? [...correct] : correct.slice(0, Math.max(1, correct.length - 1));
      if (!right && wrongOptions.length && random() < 0.6) chosen.push(pickWrong());
      answers[question.id] = [...new Set(chosen)];
    } else {
      answers[question.id] = right || wrongOptions.length === 0 ? correct.slice(0, 1) : [pickWrong()];
    }
  }
  const result = gradeAttempt(shown, english.keys, answers, quiz.rules.passMark);
  const points = Object.values(result.perQuestion).reduce((a, b) => a + b, 0);
  return {
    questions: ids,
    answers,
    score: result.score,
    passed: result.passed,
    perQuestion: result.perQuestion,
    points,
    competencies: result.competencies,
  } satisfies SimulatedAttempt;
}
