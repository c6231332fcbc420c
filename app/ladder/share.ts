// The one measure of "how far toward a level" (ADR 032), used wherever progress toward a
// level is shown: every requirement counts one, and a course counts in part for each of its
// lessons and its final quiz done. Shared with the browser: it holds no answer or rule.

type Countable = { kind: string; met: boolean; done?: number; total?: number };

/** How much of one requirement is done, from 0 to 1. */
export function requirementShare(requirement: Countable) {
  if (requirement.met) return 1;
  if (requirement.kind === "course" && requirement.total) return (requirement.done ?? 0) / requirement.total;
  return 0;
}

/**
 * Percent of the way to a level, from `met` requirements of `total` and the ones still open
 * (only courses among them count in part). 100 when there is nothing to meet.
 */
export function stageShare(total: number, open: Countable[]) {
  if (total <= 0) return 100;
  const met = total - open.length;
  const partial = open.reduce((sum, r) => sum + requirementShare(r), 0);
  // Never shows 100 % while a requirement is open.
  return Math.min(open.length ? 99 : 100, Math.floor(((met + partial) / total) * 100));
}
