// What a scenario's `when:` means, in one place: the engine asks it about a real attempt,
// the checker about every case that could happen (reachable endings, rude paths).
import { type ProblemWord, type ReplyProblem, rudeProblems } from "./vocabulary.ts";

/** A condition as the schema reads it: every key given must hold. */
export type Condition = {
  /** The free-text reply just written has any of these problems (free-text steps only). */
  reply?: ProblemWord[];
  /** Every one of these required actions is done, as the help desk stands now. */
  done?: string[];
  /** At least one of these required actions is not done. */
  missed?: string[];
  /** An escalation went to any of these teams. */
  escalated?: string[];
  /** Some free-text reply in this conversation so far had any of these problems. */
  ever?: ProblemWord[];
  /** No free-text reply in this conversation so far had any of these problems. */
  never?: ProblemWord[];
};
export const conditionKeys = ["reply", "done", "missed", "escalated", "ever", "never"] as const;

/** The facts a condition is asked about. */
export type World = {
  /** Problems of the reply being answered now; null when it is not free text (a chosen reply, an ending). */
  reply: ReadonlySet<ReplyProblem> | null;
  /** Problems of every free-text reply of the conversation so far, the current one included. */
  said: ReadonlySet<ReplyProblem>;
  /** Required action ids done now. */
  done: ReadonlySet<string>;
  /** Teams escalated to. */
  escalated: ReadonlySet<string>;
};

/** `rude` is shorthand for blame, banned and shouting. */
export function expandProblems(words: readonly ProblemWord[]): ReplyProblem[] {
  return [...new Set(words.flatMap((w): ReplyProblem[] => (w === "rude" ? [...rudeProblems] : [w])))];
}

const anyIn = (words: readonly ProblemWord[], set: ReadonlySet<ReplyProblem>) =>
  expandProblems(words).some((p) => set.has(p));

/** Whether every part of the condition holds; no condition at all always holds. */
export function holds(when: Condition | null | undefined, world: World): boolean {
  if (!when) return true;
  if (when.reply && !(world.reply && anyIn(when.reply, world.reply))) return false;
  if (when.done && !when.done.every((id) => world.done.has(id))) return false;
  if (when.missed && !when.missed.some((id) => !world.done.has(id))) return false;
  if (when.escalated && !when.escalated.some((team) => world.escalated.has(team))) return false;
  if (when.ever && !anyIn(when.ever, world.said)) return false;
  if (when.never && anyIn(when.never, world.said)) return false;
  return true;
}

/** The first condition in a list that holds (its index), or -1 when none does. */
export function firstHolding(conditions: ReadonlyArray<Condition | null | undefined>, world: World) {
  return conditions.findIndex((when) => holds(when, world));
}
