import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { root } from "#tests/setup/paths.ts";
import { checkAndCompile } from "./check.server.ts";
import { atLeast, keyPatternWarnings, longestIndex } from "./key-patterns.ts";
import { quizSchema } from "./schemas/quiz.ts";

const tf = (id: string, answer: boolean) => ({
  id,
  kind: "true-false",
  competencies: ["communication"],
  prompt: `Statement ${id}`,
  explanation: "Because.",
  options: [
    { id: "true", correct: answer, feedback: "T" },
    { id: "false", correct: !answer, feedback: "F" },
  ],
});

/** A single-choice question with options of the given lengths, the right one at `right`. */
const single = (id: string, lengths: number[], right: number) => ({
  id,
  kind: "single",
  competencies: ["communication"],
  prompt: `Question ${id}`,
  explanation: "Because.",
  options: lengths.map((length, i) => ({
    id: String.fromCharCode(97 + i),
    text: "x".repeat(length),
    correct: i === right,
    feedback: "F",
  })),
});

const multiple = (id: string, right: number) => ({
  id,
  kind: "multiple",
  competencies: ["communication"],
  prompt: `Question ${id}`,
  explanation: "Because.",
  options: Array.from({ length: 5 }, (_, i) => ({
    id: String.fromCharCode(97 + i),
    text: `Option ${i} of ${id}`,
    correct: i < right,
    feedback: "F",
  })),
});

function warnings(questions: unknown[], english = true) {
  const data = quizSchema.parse({ id: "q", title: "Q", final: false, passMark: 70, questions });
  // Each question's line is its index, so a warning says which question it points at.
  return keyPatternWarnings(
    { file: "q.yml", lineAt: (p) => (typeof p[1] === "number" ? p[1] + 1 : 0), data },
    english,
  ).map((w) => `${w.line}: ${w.message}`);
}

describe("guessable keys", () => {
  test("the tail of a Poisson binomial distribution", () => {
    expect(atLeast(0, [0.5, 0.5])).toBeCloseTo(1);
    expect(atLeast(2, [0.5, 0.5])).toBeCloseTo(0.25);
    expect(atLeast(1, [0.25, 0.5])).toBeCloseTo(1 - 0.75 * 0.5);
    expect(atLeast(3, [0.25, 0.25])).toBe(0);
  });

  test("the longest option: a tie has no longest", () => {
    expect(longestIndex(["aa", "a", "aaa"])).toBe(2);
    expect(longestIndex(["aaa", "a", "aaa"])).toBeNull();
  });

  test("every true/false answer the same is named; a mixed set is not", () => {
    expect(warnings([tf("a", false), tf("b", false), tf("c", false)])).toEqual([
      "1: all 3 true/false answers are False: answering False to each passes them all",
    ]);
    expect(warnings([tf("a", false), tf("b", true), tf("c", false)])).toEqual([]);
    // Two alike is not yet a pattern.
    expect(warnings([tf("a", true), tf("b", true)])).toEqual([]);
  });

  test("a true/false majority far beyond chance is named; one within chance is not", () => {
    const skewed = Array.from({ length: 14 }, (_, i) => tf(`s${i}`, i === 5));
    expect(warnings(skewed)).toEqual(["1: 13 of 14 true/false answers are False, far more than chance would give"]);
    const even = Array.from({ length: 14 }, (_, i) => tf(`s${i}`, i % 3 === 0));
    expect(warnings(even)).toEqual([]);
  });

  test("the right option as the longest far beyond chance is named, in every language", () => {
    const longest = Array.from({ length: 6 }, (_, i) => single(`l${i}`, [10, 11, 12, 40], 3));
    const found = warnings(longest, false);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^1: the longest option is a right one in 6 of 6 questions \(chance would give about 2\)/);
    // The longest right in two of six questions is what chance gives.
    const fair = Array.from({ length: 6 }, (_, i) => single(`f${i}`, [10, 20, 30, 40], i < 2 ? 3 : i % 3));
    expect(warnings(fair, false)).toEqual([]);
  });

  test("the right option in one position far beyond chance is named (English only)", () => {
    const sameSpot = Array.from({ length: 8 }, (_, i) =>
      single(
        `p${i}`,
        [20, 21, 22, 20].map((l) => l + (i % 2)),
        1,
      ),
    );
    expect(warnings(sameSpot)).toEqual([
      "1: the right option is option 2 in 8 of 8 questions, far more than chance would give",
    ]);
    expect(warnings(sameSpot, false)).toEqual([]);
    const spread = Array.from({ length: 8 }, (_, i) => single(`s${i}`, [20, 20, 21, 20], i % 4));
    expect(warnings(spread)).toEqual([]);
  });

  test("multiple-answer questions that always have the same number right are named", () => {
    expect(warnings([multiple("a", 3), multiple("b", 3), multiple("c", 3)])).toEqual([
      "1: every multiple-answer question has exactly 3 right options: vary how many are right",
    ]);
    expect(
      warnings([multiple("a", 3), multiple("b", 3), multiple("c", 3), multiple("d", 3), multiple("e", 2)]),
    ).toEqual(["1: 4 of 5 multiple-answer questions have exactly 3 right options: vary how many are right"]);
    expect(warnings([multiple("a", 3), multiple("b", 2), multiple("c", 4)])).toEqual([]);
  });

  test("warnings are shown by content:check with file:line, and do not fail it or the build", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "rapport-keys-"));
    try {
      cpSync(path.join(root, "tests/fixtures/content/valid"), dir, { recursive: true });
      const file = path.join(dir, "02-advanced/quizzes/advanced-final.yml");
      const extra = [1, 2, 3]
        .map(
          (n) => `  - id: extra-${n}
    kind: true-false
    competencies: [records]
    prompt: "Statement ${n} about notes."
    options:
      - { id: "true", correct: true, feedback: "Right." }
      - { id: "false", feedback: "No." }
    explanation: "Notes are for the next agent."`,
        )
        .join("\n");
      writeFileSync(file, `${readFileSync(file, "utf8").replace(/\n*$/, "\n")}${extra}\n`);
      const result = await checkAndCompile(dir);
      expect(result.problems).toEqual([]);
      expect(result.warnings.map((w) => `${w.file}:${w.line}`)).toEqual(["02-advanced/quizzes/advanced-final.yml:6"]);
      const run = promisify(execFile);
      const out = await run(process.execPath, ["--import", "tsx", "scripts/content-check.ts", dir], { cwd: root });
      expect(out.stderr).toContain(
        `${dir}/02-advanced/quizzes/advanced-final.yml:6: warning: all 4 true/false answers are True: answering True to each passes them all`,
      );
      expect(out.stdout).toContain("is valid");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
