import { describe, expect, test } from "vitest";
import { type QuizRules } from "#app/content/catalog.server.ts";
import { drawQuestions, poolQuotas } from "./draw.server.ts";
import { seededRandom } from "./grade.server.ts";

const ids = Array.from({ length: 20 }, (_, i) => `q${i + 1}`);
/** Twenty questions over four competencies: 8, 6, 4 and 2. */
const pools = [ids.slice(0, 8), ids.slice(8, 14), ids.slice(14, 18), ids.slice(18)];
const bank: Pick<QuizRules, "draw" | "shuffle"> = {
  shuffle: true,
  draw: { count: 10, pools: pools.map((p) => ({ ids: p, count: null })) },
};

describe("drawing from a bank", () => {
  test("without a bank every question is asked, shuffled or in the authored order", () => {
    expect(drawQuestions(ids, { draw: null, shuffle: false }, 5)).toEqual(ids);
    const shuffled = drawQuestions(ids, { draw: null, shuffle: true }, 5);
    expect([...shuffled].sort()).toEqual([...ids].sort());
    expect(shuffled).not.toEqual(ids);
  });

  test("the same seed draws the same questions in the same order (a reload); other seeds others", () => {
    expect(drawQuestions(ids, bank, 42)).toEqual(drawQuestions(ids, bank, 42));
    const draws = new Set(Array.from({ length: 30 }, (_, seed) => drawQuestions(ids, bank, seed).sort().join()));
    expect(draws.size).toBeGreaterThan(20);
  });

  test("each competency gives its share of the count: 8, 6, 4, 2 of 20 give 4, 3, 2, 1 of 10", () => {
    for (let seed = 1; seed < 50; seed++) {
      const drawn = new Set(drawQuestions(ids, bank, seed));
      expect(drawn.size).toBe(10);
      expect(pools.map((p) => p.filter((id) => drawn.has(id)).length)).toEqual([4, 3, 2, 1]);
    }
  });

  test("shares that do not divide evenly go to the largest remainders, ties by the seed", () => {
    const even = {
      count: 2,
      pools: [
        { ids: ["a", "b"], count: null },
        { ids: ["c", "d"], count: null },
        { ids: ["e", "f"], count: null },
      ],
    };
    const seen = new Set<string>();
    for (let seed = 1; seed < 40; seed++) {
      const quotas = poolQuotas(even, seededRandom(seed));
      expect(quotas.reduce((a, b) => a + b, 0)).toBe(2);
      expect(Math.max(...quotas)).toBe(1);
      seen.add(quotas.join());
    }
    // Every pool sometimes gives the extra question.
    expect(seen.size).toBe(3);
  });

  test("explicit pools give exactly their counts", () => {
    const explicit = {
      shuffle: false,
      draw: {
        count: 3,
        pools: [
          { ids: ["q1", "q2", "q3"], count: 2 },
          { ids: ["q4", "q5"], count: 1 },
        ],
      },
    };
    const drawn = drawQuestions(ids.slice(0, 5), explicit, 9);
    expect(drawn.filter((id) => ["q1", "q2", "q3"].includes(id))).toHaveLength(2);
    expect(drawn.filter((id) => ["q4", "q5"].includes(id))).toHaveLength(1);
    // shuffle: false keeps the authored order of what was drawn.
    expect(drawn).toEqual([...drawn].sort());
  });

  test("a retake asks questions not seen before while the bank lasts, then the least seen", () => {
    for (let seed = 1; seed < 20; seed++) {
      const seen = new Map<string, number>();
      const first = drawQuestions(ids, bank, seed, seen);
      for (const id of first) seen.set(id, 1);
      const second = drawQuestions(ids, bank, seed + 1000, seen);
      expect(second.filter((id) => first.includes(id))).toEqual([]);
      for (const id of second) seen.set(id, (seen.get(id) ?? 0) + 1);
      const third = drawQuestions(ids, bank, seed + 2000, seen);
      // Everything has been seen once: the third draw keeps the shares and repeats nothing twice.
      expect(new Set(third).size).toBe(10);
      expect(third.every((id) => seen.get(id) === 1)).toBe(true);
    }
  });

  test("a retake asks none of the first draw's questions when one-question pools share the remainders", () => {
    // support-role-final's competencies: 9, 4, 2, 1, 1, 2 and 1 of 20; the shares 4.5, 0.5,
    // 0.5 and 0.5 leave two questions to pools tied on their remainder.
    const sizes = [9, 4, 2, 1, 1, 2, 1];
    const uneven = sizes.map((size, i) => ids.slice(sizes.slice(0, i).reduce((a, b) => a + b, 0)).slice(0, size));
    const rules = { shuffle: true, draw: { count: 10, pools: uneven.map((p) => ({ ids: p, count: null })) } };
    for (let seed = 1; seed < 200; seed++) {
      const first = drawQuestions(ids, rules, seed);
      const second = drawQuestions(ids, rules, seed + 1000, new Map(first.map((id) => [id, 1])));
      expect(second).toHaveLength(10);
      expect(
        second.filter((id) => first.includes(id)),
        `seed ${seed}`,
      ).toEqual([]);
    }
  });
});
