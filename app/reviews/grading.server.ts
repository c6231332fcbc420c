// The pure part of grading: reading a grade from a form against the rubric and the
// transcript, pre-filling rubric levels from the automatic checks, and describing what
// changed between two versions of a grade.
import { type Measures, type StoredEvent } from "#app/scenarios/engine.server.ts";
import { type Scenario } from "#app/content/schemas/scenario.ts";

import { MAX_COMMENT_LENGTH, MAX_FEEDBACK_LENGTH } from "./limits.ts";

export const decisions = ["passed", "retry"] as const;
export type Decision = (typeof decisions)[number];

export type Grade = {
  scores: Record<string, number>;
  /** Event seq of a trainee reply → comment. */
  comments: Record<string, string>;
  feedback: string;
  decision: Decision | null;
};

export type GradeProblem = { field: string; code: string; detail?: Record<string, string | number> };

/** The seqs of the trainee's replies: the only turns a comment can be attached to. */
export function replySeqs(events: StoredEvent[]) {
  return new Set(events.filter((e) => e.kind === "reply").map((e) => String(e.seq)));
}

/**
 * Reads score:<criterion>, comment:<seq>, feedback and decision. Unknown criteria and
 * turns, levels outside 1–4 and over-long texts are problems; a submission also needs
 * every criterion scored and a decision.
 */
export function readGrade(
  form: FormData,
  scenario: Scenario,
  events: StoredEvent[],
  submitting: boolean,
): { grade: Grade; problems: GradeProblem[] } {
  const problems: GradeProblem[] = [];
  const criteria = new Set(scenario.rubric.map((c) => c.id));
  const turns = replySeqs(events);
  const grade: Grade = { scores: {}, comments: {}, feedback: "", decision: null };
  for (const [name, raw] of form.entries()) {
    if (typeof raw !== "string") continue;
    const value = raw.replace(/\r\n?/g, "\n").trim();
    if (name.startsWith("score:")) {
      const criterion = name.slice("score:".length);
      if (!criteria.has(criterion)) {
        problems.push({ field: name, code: "unknownCriterion", detail: { criterion: criterion.slice(0, 60) } });
        continue;
      }
      if (value === "") continue;
      const level = Number(value);
      if (!Number.isInteger(level) || level < 1 || level > 4) {
        problems.push({ field: name, code: "levelOutOfRange", detail: { value: value.slice(0, 20) } });
        continue;
      }
      grade.scores[criterion] = level;
    } else if (name.startsWith("comment:")) {
      const seq = name.slice("comment:".length);
      if (!turns.has(seq)) {
        problems.push({ field: name, code: "unknownTurn", detail: { turn: seq.slice(0, 20) } });
        continue;
      }
      if (!value) continue;
      if (value.length > MAX_COMMENT_LENGTH) {
        problems.push({
          field: name,
          code: "commentTooLong",
          detail: { max: MAX_COMMENT_LENGTH, length: value.length },
        });
        continue;
      }
      grade.comments[seq] = value;
    } else if (name === "feedback") {
      if (value.length > MAX_FEEDBACK_LENGTH)
        problems.push({
          field: name,
          code: "feedbackTooLong",
          detail: { max: MAX_FEEDBACK_LENGTH, length: value.length },
        });
      else grade.feedback = value;
    } else if (name === "decision") {
      if (value === "") continue;
      const chosen = decisions.find((d) => d === value);
      if (chosen) grade.decision = chosen;
      else problems.push({ field: name, code: "unknownDecision" });
    }
  }
  if (submitting) {
    for (const criterion of scenario.rubric)
      if (!grade.scores[criterion.id]) problems.push({ field: `score:${criterion.id}`, code: "scoreRequired" });
    if (!grade.decision) problems.push({ field: "decision", code: "decisionRequired" });
  }
  return { grade, problems };
}

/** Which automatic checks speak to which competency. */
const checksFor: Record<string, string[]> = {
  empathy: ["feelings", "apology", "banned", "blame"],
  communication: ["greeting", "name", "nextStep", "closing", "longSentences", "shouting", "banned", "blame"],
  "problem-solving": ["nextStep"],
};
const usesRequiredActions = new Set(["tools", "records", "collaboration"]);

export type Prefill = { level: number; basis: Array<{ id: string; ok: boolean }> };

/**
 * A starting level for each rubric criterion the automatic evidence speaks to: the share
 * of its signals met (free-text checks over every reply, required actions done, the case
 * resolved) mapped onto 1–4. Criteria with no such evidence get no pre-fill.
 */
export function prefillScores(scenario: Scenario, events: StoredEvent[], measures: Measures | null) {
  const texts = events.flatMap((e) => (e.kind === "reply" && e.data.type === "text" ? [e.data] : []));
  const result: Record<string, Prefill> = {};
  for (const criterion of scenario.rubric) {
    const basis: Prefill["basis"] = [];
    const checkIds = new Set(criterion.competencies.flatMap((c) => checksFor[c] ?? []));
    for (const text of texts)
      for (const check of text.checks)
        if (checkIds.has(check.id) && check.ok !== null) basis.push({ id: check.id, ok: check.ok });
    const several = (measures?.conversations.length ?? 0) > 1;
    for (const c of measures?.conversations ?? []) {
      const of = several ? `${c.id}:` : "";
      if (criterion.competencies.some((x) => usesRequiredActions.has(x)))
        for (const action of c.requiredActions) basis.push({ id: `action:${of}${action.id}`, ok: action.done });
      if (criterion.competencies.includes("problem-solving"))
        basis.push({ id: `resolved${several ? `:${c.id}` : ""}`, ok: c.resolved });
    }
    if (!basis.length) continue;
    const share = basis.filter((b) => b.ok).length / basis.length;
    result[criterion.id] = { level: 1 + Math.round(share * 3), basis };
  }
  return result;
}

export type Change =
  | { kind: "score"; criterion: string; from: number | null; to: number | null }
  | { kind: "decision"; from: string | null; to: string | null }
  | { kind: "feedback" }
  | { kind: "comment"; seq: string; change: "added" | "edited" | "removed" };

/** What a new version changes from the one before (nothing for a first grade). */
export function changesBetween(before: Grade | null, after: Grade): Change[] {
  if (!before) return [];
  const changes: Change[] = [];
  for (const criterion of new Set([...Object.keys(before.scores), ...Object.keys(after.scores)])) {
    const from = before.scores[criterion] ?? null;
    const to = after.scores[criterion] ?? null;
    if (from !== to) changes.push({ kind: "score", criterion, from, to });
  }
  if (before.decision !== after.decision) changes.push({ kind: "decision", from: before.decision, to: after.decision });
  if (before.feedback !== after.feedback) changes.push({ kind: "feedback" });
  for (const seq of new Set([...Object.keys(before.comments), ...Object.keys(after.comments)])) {
    const from = before.comments[seq];
    const to = after.comments[seq];
    if (from === to) continue;
    changes.push({
      kind: "comment",
      seq,
      change: from === undefined ? "added" : to === undefined ? "removed" : "edited",
    });
  }
  return changes;
}
