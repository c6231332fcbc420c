// Keys that can be guessed without reading: every true/false answer the same, the right
// option the longest or in one place far more often than chance, multiple-answer questions
// that always have the same number right. These are warnings (the quiz still works), shown
// by `npm run content:check` and the build, so an author fixes the pattern before a trainee
// finds it.
import { type Problem } from "./problems.ts";
import { type QuestionFile, type QuizFile } from "./schemas/quiz.ts";
import { type Path } from "./yaml.ts";

/** "Far beyond chance": a pattern an honest key shows less than once in a hundred quizzes. */
export const ALPHA = 0.01;

/**
 * P(X ≥ k) where X counts successes of independent trials with the given chances
 * (a Poisson binomial distribution), by dynamic programming over the trials.
 */
export function atLeast(k: number, chances: number[]) {
  let dist = [1];
  for (const p of chances) {
    const next = new Array<number>(dist.length + 1).fill(0);
    dist.forEach((q, i) => {
      next[i] = (next[i] ?? 0) + q * (1 - p);
      next[i + 1] = (next[i + 1] ?? 0) + q * p;
    });
    dist = next;
  }
  return dist.slice(Math.max(0, k)).reduce((a, b) => a + b, 0);
}

type Choice = Extract<QuestionFile, { options: Array<{ text: string }> }>;
const isChoice = (q: QuestionFile): q is Choice =>
  q.kind === "single" || q.kind === "multiple" || q.kind === "best-response";

/** The index of the one strictly longest option, or null when two share the length. */
export function longestIndex(texts: string[]) {
  const lengths = texts.map((t) => t.trim().length);
  const max = Math.max(...lengths);
  return lengths.filter((l) => l === max).length === 1 ? lengths.indexOf(max) : null;
}

type Warn = (path: Path, message: string) => void;

function trueFalse(questions: QuestionFile[], warn: Warn) {
  const items = questions.flatMap((q, i) =>
    q.kind === "true-false" ? [{ i, answer: q.options.find((o) => o.correct)?.id ?? "" }] : [],
  );
  const n = items.length;
  if (n < 3) return;
  const trues = items.filter((x) => x.answer === "true").length;
  const majority = trues * 2 >= n ? "true" : "false";
  const k = Math.max(trues, n - trues);
  const first = items.find((x) => x.answer === majority);
  if (!first) return;
  const word = majority === "true" ? "True" : "False";
  if (k === n)
    warn(["questions", first.i], `all ${n} true/false answers are ${word}: answering ${word} to each passes them all`);
  else if (
    2 *
      atLeast(
        k,
        items.map(() => 0.5),
      ) <
    ALPHA
  )
    warn(["questions", first.i], `${k} of ${n} true/false answers are ${word}, far more than chance would give`);
}

function longest(questions: QuestionFile[], warn: Warn) {
  const trials = questions.flatMap((q, i) => {
    if (!isChoice(q) || q.options.length < 2) return [];
    const at = longestIndex(q.options.map((o) => o.text));
    const correct = q.options.filter((o) => o.correct).length;
    return [{ i, hit: at !== null && q.options[at]?.correct === true, chance: correct / q.options.length }];
  });
  const hits = trials.filter((t) => t.hit);
  const first = hits[0];
  if (!first || hits.length < 3) return;
  if (
    atLeast(
      hits.length,
      trials.map((t) => t.chance),
    ) < ALPHA
  )
    warn(
      ["questions", first.i],
      `the longest option is a right one in ${hits.length} of ${trials.length} questions (chance would give about ${Math.round(trials.reduce((s, t) => s + t.chance, 0))}): picking the longest passes without reading`,
    );
}

function position(questions: QuestionFile[], warn: Warn) {
  const single = questions.flatMap((q, i) =>
    isChoice(q) && q.kind !== "multiple" && q.options.length >= 2
      ? [{ i, size: q.options.length, at: q.options.findIndex((o) => o.correct) }]
      : [],
  );
  const widest = Math.max(0, ...single.map((q) => q.size));
  for (let at = 0; at < widest; at++) {
    const eligible = single.filter((q) => q.size > at);
    const here = eligible.filter((q) => q.at === at);
    const first = here[0];
    if (!first || here.length < 3) continue;
    // Tested at every position, so the chance of a false alarm is shared among them.
    if (
      atLeast(
        here.length,
        eligible.map((q) => 1 / q.size),
      ) *
        widest <
      ALPHA
    )
      warn(
        ["questions", first.i],
        `the right option is option ${at + 1} in ${here.length} of ${eligible.length} questions, far more than chance would give`,
      );
  }
}

function multipleCount(questions: QuestionFile[], warn: Warn) {
  const items = questions.flatMap((q, i) =>
    q.kind === "multiple" ? [{ i, right: q.options.filter((o) => o.correct).length }] : [],
  );
  const n = items.length;
  if (n < 3) return;
  const counts = new Map<number, number>();
  for (const x of items) counts.set(x.right, (counts.get(x.right) ?? 0) + 1);
  const [right, k] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  const first = items.find((x) => x.right === right);
  if (!first) return;
  if (k === n)
    warn(
      ["questions", first.i],
      `every multiple-answer question has exactly ${right} right options: vary how many are right`,
    );
  else if (n >= 5 && k / n >= 0.8)
    warn(
      ["questions", first.i],
      `${k} of ${n} multiple-answer questions have exactly ${right} right options: vary how many are right`,
    );
}

/**
 * Warnings about guessable keys in one quiz file. Answers, positions and counts are the same
 * in every translation (another rule checks that), so they are checked on the English file;
 * lengths differ by language, so every file is checked for the longest option.
 */
export function keyPatternWarnings(
  quiz: { file: string; lineAt: (path: Path) => number; data: QuizFile },
  english: boolean,
): Problem[] {
  const warnings: Problem[] = [];
  const warn: Warn = (path, message) => warnings.push({ file: quiz.file, line: quiz.lineAt(path), message });
  const { questions } = quiz.data;
  if (english) {
    trueFalse(questions, warn);
    position(questions, warn);
    multipleCount(questions, warn);
  }
  longest(questions, warn);
  return warnings;
}
