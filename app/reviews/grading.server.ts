// The pure part of grading: pre-filling rubric levels from the automatic checks, and
// describing what changed between two versions of a grade. Reading a grade from its form is
// the form's schema (schemas.ts).
import { type Measures, type StoredEvent } from "#app/scenarios/engine.server.ts";
import { type Scenario } from "#app/content/schemas/scenario.ts";
import { type Grade } from "./schemas.ts";

/** The seqs of the trainee's replies: the only turns a comment can be attached to. */
export function replySeqs(events: StoredEvent[]) {
  return events.filter((e) => e.kind === "reply").map((e) => String(e.seq));
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
