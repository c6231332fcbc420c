import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { root } from "#tests/setup/paths.ts";
import { type Evidence, evaluatePerson } from "./evaluate.server.ts";
import { nextStep } from "./next-step.server.ts";
import { stageShare } from "./share.ts";

beforeAll(() => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
});

const at = new Date(Date.UTC(2026, 10, 2));
const evidence = (): Evidence => ({
  lessons: new Map(),
  quizzes: new Map(),
  grades: [],
  signOffs: new Map(),
  certifications: new Map(),
  lastActivity: null,
});
const step = (e: Evidence, waiting: string[] = []) =>
  nextStep(evaluatePerson(e).nextLevel, "pt-BR", { evidence: e, waitingScenarios: new Set(waiting) });

describe("the next step toward a level", () => {
  test("leads lesson by lesson, then to the final quiz, the scenario, and the sign-offs: never a dead end", () => {
    const e = evidence();
    expect(step(e)).toMatchObject({ kind: "lesson", href: "/courses/basics/first" });
    e.lessons.set("basics", new Map([["first", at]]));
    expect(step(e)).toMatchObject({ kind: "lesson", href: "/courses/basics/second" });
    e.lessons.get("basics")?.set("second", at);
    // Every lesson read: the final quiz is next, not "all done".
    expect(step(e)).toMatchObject({ kind: "quiz", href: "/quizzes/basics-final", retake: false });
    e.quizzes.set("basics-final", [{ attemptId: "q1", score: 60, passed: false, at, competencies: {} }]);
    expect(step(e)).toMatchObject({ kind: "quiz", retake: true });
    e.quizzes.get("basics-final")?.push({ attemptId: "q2", score: 90, passed: true, at, competencies: {} });
    expect(step(e)).toMatchObject({ kind: "scenario", href: "/scenarios/fixture-chat", state: "notGraded" });
    // Played and waiting for a grade: nothing to do but wait.
    expect(step(e, ["fixture-chat"])).toEqual({ kind: "waitingReview", count: 1 });
    // Graded above the minimum but the mentor asked for another try: the step says so.
    e.grades.push({ attemptId: "s1", scenarioId: "fixture-chat", mean: 3.5, decision: "retry", at, scores: {}, difficulty: "normal" });
    const retry = step(e);
    expect(retry).toMatchObject({ kind: "scenario", state: "retryAsked" });
    expect(retry.kind === "scenario" && retry.detail).toContain("nova tentativa");
    e.grades.push({ attemptId: "s2", scenarioId: "fixture-chat", mean: 3, decision: "passed", at, scores: {}, difficulty: "normal" });
    expect(step(e)).toEqual({ kind: "signOff", behaviours: ["Mantém a calma", "Registra tudo"] });
  });

  test("progress toward a level counts every requirement once and a course in part", () => {
    expect(stageShare(4, [])).toBe(100);
    expect(stageShare(4, [{ kind: "behaviour", met: false }])).toBe(75);
    // Half a course of four requirements: (3 + 0.5) / 4.
    expect(stageShare(4, [{ kind: "course", met: false, done: 1, total: 2 }])).toBe(87);
    // Nearly everything is never shown as 100 %.
    expect(stageShare(1000, [{ kind: "course", met: false, done: 99, total: 100 }])).toBe(99);
    expect(stageShare(0, [])).toBe(100);
  });
});
