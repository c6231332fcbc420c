import { describe, expect, test } from "vitest";
import { type PublicQuestion, type QuestionKey } from "#app/content/catalog.server.ts";
import { arrangeQuestions, gradeAttempt, scoreQuestion } from "./grade.server.ts";
import { validateAnswers } from "./schemas.ts";

const q = (
  id: string,
  kind: PublicQuestion["kind"],
  options: string[],
  competencies: PublicQuestion["competencies"] = ["communication"],
): PublicQuestion => ({
  id,
  kind,
  competencies,
  prompt: id,
  customer: null,
  channel: null,
  options: options.map((o) => ({ id: o, text: o.toUpperCase() })),
});
const key = (correct: string[]): QuestionKey => ({ correct, feedback: {}, explanation: "" });

describe("grading", () => {
  test("single, best response and true/false: all or nothing", () => {
    expect(scoreQuestion(q("s", "single", ["a", "b"]), key(["b"]), ["b"])).toBe(1);
    expect(scoreQuestion(q("s", "single", ["a", "b"]), key(["b"]), ["a"])).toBe(0);
    expect(scoreQuestion(q("t", "true-false", ["true", "false"]), key(["false"]), ["false"])).toBe(1);
    expect(scoreQuestion(q("r", "best-response", ["a", "b", "c"]), key(["c"]), ["a", "c"])).toBe(0);
  });

  test("multiple: right picks minus wrong picks over the number right, never below zero", () => {
    const question = q("m", "multiple", ["a", "b", "c", "d"]);
    expect(scoreQuestion(question, key(["a", "c"]), ["a", "c"])).toBe(1);
    expect(scoreQuestion(question, key(["a", "c"]), ["a"])).toBe(0.5);
    expect(scoreQuestion(question, key(["a", "c"]), ["a", "b"])).toBe(0);
    expect(scoreQuestion(question, key(["a", "c"]), ["b", "d"])).toBe(0);
    expect(scoreQuestion(question, key(["a", "c"]), ["a", "b", "c", "d"])).toBe(0);
  });

  test("ordering: the share of items in their right place", () => {
    const question = q("o", "ordering", ["w", "x", "y", "z"]);
    expect(scoreQuestion(question, key(["w", "x", "y", "z"]), ["w", "x", "y", "z"])).toBe(1);
    expect(scoreQuestion(question, key(["w", "x", "y", "z"]), ["w", "x", "z", "y"])).toBe(0.5);
    expect(scoreQuestion(question, key(["w", "x", "y", "z"]), ["z", "y", "x", "w"])).toBe(0);
  });

  test("the score rolls up per competency and against the pass mark", () => {
    const questions = [
      q("a", "single", ["x", "y"], ["communication"]),
      q("b", "single", ["x", "y"], ["empathy", "communication"]),
    ];
    const keys = { a: key(["x"]), b: key(["x"]) };
    const result = gradeAttempt(questions, keys, { a: ["x"], b: ["y"] }, 50);
    expect(result.score).toBe(50);
    expect(result.passed).toBe(true);
    expect(result.competencies).toEqual({ communication: 50, empathy: 0 });
    expect(gradeAttempt(questions, keys, { a: ["x"], b: ["y"] }, 51).passed).toBe(false);
  });
});

describe("answers", () => {
  const questions = [
    q("s", "single", ["a", "b"]),
    q("m", "multiple", ["a", "b", "c"]),
    q("o", "ordering", ["x", "y", "z"]),
  ];

  test("a complete, valid set passes", () => {
    expect(validateAnswers(questions, { s: ["a"], m: ["a", "c"], o: ["z", "x", "y"] })).toEqual([]);
  });

  test.each([
    [{ s: ["nope"], m: ["a"], o: ["x", "y", "z"] }, "s", "quiz.errors.unknownOption"],
    [{ s: ["a", "b"], m: ["a"], o: ["x", "y", "z"] }, "s", "quiz.errors.oneAnswer"],
    [{ m: ["a"], o: ["x", "y", "z"] }, "s", "quiz.errors.unanswered"],
    [{ s: ["a"], m: [], o: ["x", "y", "z"] }, "m", "quiz.errors.unanswered"],
    [{ s: ["a"], m: ["a", "a"], o: ["x", "y", "z"] }, "m", "quiz.errors.unknownOption"],
    [{ s: ["a"], m: ["a"], o: ["x", "y"] }, "o", "quiz.errors.orderIncomplete"],
    [{ s: ["a"], m: ["a"], o: ["x", "x", "z"] }, "o", "quiz.errors.orderIncomplete"],
    [{ s: ["a"], m: ["a"], o: ["x", "y", "z"], extra: ["a"] }, "extra", "quiz.errors.unknownQuestion"],
  ])("refuses %j", (answers, questionId, message) => {
    expect(validateAnswers(questions, answers)).toContainEqual({ questionId, message });
  });
});

describe("shuffling", () => {
  const questions = [
    q("a", "single", ["1", "2", "3", "4"]),
    q("b", "ordering", ["p", "q", "r"]),
    q("c", "true-false", ["true", "false"]),
  ];

  test("the same seed gives the same order; another seed another", () => {
    expect(arrangeQuestions(questions, 42, true)).toEqual(arrangeQuestions(questions, 42, true));
    const orders = new Set(
      Array.from({ length: 20 }, (_, seed) =>
        JSON.stringify(arrangeQuestions(questions, seed, true).map((x) => [x.id, x.options.map((o) => o.id)])),
      ),
    );
    expect(orders.size).toBeGreaterThan(5);
  });

  test("ordering items never appear in the right order, even without shuffling", () => {
    for (let seed = 0; seed < 200; seed++) {
      const ordering = arrangeQuestions(questions, seed, false).find((x) => x.id === "b");
      expect(ordering?.options.map((o) => o.id).join()).not.toBe("p,q,r");
    }
  });
});
