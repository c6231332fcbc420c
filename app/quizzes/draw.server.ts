// Which questions an attempt asks: drawn once from the quiz's bank at start, from the
// attempt's seed and what the person was asked before, then stored with the attempt.
import { type QuizRules } from "#app/content/catalog.server.ts";
import { seededRandom } from "./grade.server.ts";

/**
 * How many questions each pool gives: fixed counts, or shares of `count` proportional to pool
 * size. `fresh` (per pool, how many questions the person has been asked least) settles equal
 * remainders in favour of a pool that still has unasked questions beyond its share, so a retake
 * does not ask a one-question pool again while another pool has questions left.
 */
export function poolQuotas(draw: NonNullable<QuizRules["draw"]>, random: () => number, fresh: number[] = []) {
  if (draw.pools.every((p) => p.count !== null)) return draw.pools.map((p) => p.count ?? 0);
  const total = draw.pools.reduce((sum, p) => sum + p.ids.length, 0);
  const exact = draw.pools.map((p) => (draw.count * p.ids.length) / total);
  const quotas = exact.map(Math.floor);
  // Largest remainders first; equal remainders to pools with unasked questions to spare, then
  // in a seeded order, so no pool always wins the tie.
  const order = exact
    .map((value, i) => ({
      i,
      remainder: value - Math.floor(value),
      spare: (fresh[i] ?? 0) > (quotas[i] ?? 0) ? 1 : 0,
      tie: random(),
    }))
    .sort((a, b) => b.remainder - a.remainder || b.spare - a.spare || a.tie - b.tie);
  let left = draw.count - quotas.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left <= 0) break;
    quotas[i] = (quotas[i] ?? 0) + 1;
    left--;
  }
  return quotas;
}

/**
 * The ids of the questions one attempt asks, in the order shown. Without a bank: every
 * question. With one: each pool's quota, taking first the questions this person has been
 * asked least often (so a retake asks others while the bank lasts), at random among equals.
 */
export function drawQuestions(
  questionIds: string[],
  rules: Pick<QuizRules, "draw" | "shuffle">,
  seed: number,
  timesSeen: ReadonlyMap<string, number> = new Map(),
): string[] {
  const random = seededRandom(seed);
  let chosen: Set<string>;
  if (!rules.draw) chosen = new Set(questionIds);
  else {
    const least = Math.min(...questionIds.map((id) => timesSeen.get(id) ?? 0));
    const fresh = rules.draw.pools.map((pool) => pool.ids.filter((id) => (timesSeen.get(id) ?? 0) === least).length);
    const quotas = poolQuotas(rules.draw, random, fresh);
    chosen = new Set(
      rules.draw.pools.flatMap((pool, i) =>
        pool.ids
          .map((id) => ({ id, seen: timesSeen.get(id) ?? 0, tie: random() }))
          .sort((a, b) => a.seen - b.seen || a.tie - b.tie)
          .slice(0, quotas[i] ?? 0)
          .map((q) => q.id),
      ),
    );
  }
  const inBank = questionIds.filter((id) => chosen.has(id));
  if (!rules.shuffle) return inBank;
  const keyed = inBank.map((id) => ({ id, key: random() }));
  return keyed.sort((a, b) => a.key - b.key).map((q) => q.id);
}
