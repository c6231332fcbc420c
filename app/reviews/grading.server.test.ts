import path from "node:path";
import { parseWithZod } from "@conform-to/zod/v4";
import { beforeAll, describe, expect, test } from "vitest";
import { initialState, measure, reply, type StoredEvent } from "#app/scenarios/engine.server.ts";
import { type Scenario } from "#app/content/schemas/scenario.ts";
import { root } from "#tests/setup/paths.ts";
import { changesBetween, prefillScores, replySeqs } from "./grading.server.ts";
import { readFieldMessage } from "#app/utils/forms.ts";
import { gradeFormSchema } from "./schemas.ts";

let scenario: Scenario;
let events: StoredEvent[];
beforeAll(async () => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
  const { findScenario } = await import("#app/content/catalog.server.ts");
  const found = findScenario("fixture-chat")?.variants.en;
  if (!found) throw new Error("fixture scenario missing");
  scenario = found;
  const at = (step: string) => ({ conversation: "main", step });
  let state = initialState(scenario, "normal");
  const first = reply(scenario, "en", state, at("opening"), { optionId: "a" }, 1);
  state = first.state;
  const second = reply(scenario, "en", state, at("checking"), { text: "CALM DOWN, it ships when it ships" }, 2);
  state = second.state;
  const third = reply(scenario, "en", state, at("offended"), { optionId: "a" }, 3);
  events = [
    { seq: 1, at: new Date(), stepId: "opening", kind: "reply", data: first.event },
    { seq: 2, at: new Date(), stepId: "checking", kind: "reply", data: second.event },
    { seq: 3, at: new Date(), stepId: "offended", kind: "reply", data: third.event },
  ];
});

/** The grading form read with its schema (as the route and the browser do): the grade, and each problem by field and code. */
function readGrade(form: FormData, scenario: Scenario, events: StoredEvent[], submitting: boolean) {
  form.set("intent", submitting ? "submit" : "draft");
  const schema = gradeFormSchema({ criteria: scenario.rubric.map((c) => c.id), turns: replySeqs(events) });
  const submission = parseWithZod(form, { schema });
  const errors = submission.status === "error" ? (submission.error ?? {}) : {};
  const problems = Object.entries(errors).flatMap(([field, messages]) =>
    (messages ?? []).map((message) => ({ field, code: readFieldMessage(message).key.split(".").at(-1) })),
  );
  const grade = submission.status === "success" && "grade" in submission.value ? submission.value.grade : null;
  return { grade, problems };
}

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.append(k, v);
  return data;
};

describe("reading a grade", () => {
  test("a full submission reads scores, comments on replies, feedback and the decision", () => {
    const { grade, problems } = readGrade(
      form({
        "score:empathy": "3",
        "score:next-step": "2",
        "score:tools": "4",
        "comment:2": "No shouting.",
        "comment:1": "",
        feedback: " Good start. ",
        decision: "retry",
      }),
      scenario,
      events,
      true,
    );
    expect(problems).toEqual([]);
    expect(grade).toEqual({
      scores: { empathy: 3, "next-step": 2, tools: 4 },
      comments: { "2": "No shouting." },
      feedback: "Good start.",
      decision: "retry",
    });
  });

  test.each([
    ["a level above 4", { "score:empathy": "5" }, "levelOutOfRange"],
    ["a level that is not a number", { "score:empathy": "three" }, "levelOutOfRange"],
    ["a criterion the rubric lacks", { "score:speed": "3" }, "unknownCriterion"],
    ["a comment on a turn that does not exist", { "comment:99": "hm" }, "unknownTurn"],
    ["a comment on a help-desk action, not a reply", { "comment:0": "hm" }, "unknownTurn"],
    ["an over-long comment", { "comment:1": "x".repeat(2001) }, "commentTooLong"],
    ["a decision that does not exist", { decision: "maybe" }, "unknownDecision"],
  ])("%s is a problem", (_name, entries, code) => {
    expect(readGrade(form(entries), scenario, events, false).problems.map((p) => p.code)).toContain(code);
  });

  test("a draft may be partial; a submission needs every criterion and a decision", () => {
    expect(readGrade(form({ "score:empathy": "2" }), scenario, events, false).problems).toEqual([]);
    const codes = readGrade(form({ "score:empathy": "2" }), scenario, events, true).problems.map(
      (p) => `${p.field}:${p.code}`,
    );
    expect(codes).toEqual(["score:next-step:scoreRequired", "score:tools:scoreRequired", "decision:decisionRequired"]);
  });
});

describe("pre-filling the rubric from the automatic evidence", () => {
  test("maps the checks and required actions that speak to each criterion onto 1–4, and explains it", () => {
    const measures = measure(scenario, "normal", new Date(0), new Date(60_000), events);
    const prefill = prefillScores(scenario, events, measures);
    // The shouted, blaming reply fails most empathy checks.
    expect(prefill.empathy?.level).toBeLessThanOrEqual(2);
    expect(prefill.empathy?.basis.some((b) => b.id === "banned" && !b.ok)).toBe(true);
    // No required action was done: the tools criterion starts at 1, with the actions as its basis.
    expect(prefill.tools).toEqual({
      level: 1,
      basis: [
        { id: "action:set-high", ok: false },
        { id: "action:link-late", ok: false },
        { id: "action:to-logistics", ok: false },
      ],
    });
  });

  test("without evidence for a criterion there is no guess", () => {
    expect(prefillScores(scenario, events, null).tools).toBeUndefined();
  });
});

describe("what changed between versions", () => {
  test("lists scores, decision, feedback and comments that changed", () => {
    const before = {
      scores: { a: 2, b: 3 },
      comments: { "1": "x", "2": "y" },
      feedback: "f",
      decision: "retry" as const,
    };
    const after = {
      scores: { a: 3, b: 3 },
      comments: { "1": "x2", "3": "z" },
      feedback: "f",
      decision: "passed" as const,
    };
    expect(changesBetween(before, after)).toEqual([
      { kind: "score", criterion: "a", from: 2, to: 3 },
      { kind: "decision", from: "retry", to: "passed" },
      { kind: "comment", seq: "1", change: "edited" },
      { kind: "comment", seq: "2", change: "removed" },
      { kind: "comment", seq: "3", change: "added" },
    ]);
    expect(changesBetween(null, after)).toEqual([]);
  });
});
