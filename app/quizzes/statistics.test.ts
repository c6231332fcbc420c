import { describe, expect, test } from "vitest";
import { cronbachAlpha, emptySums, itemStatistics, scoreSummary, type Sums, addSums } from "./statistics.ts";

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const pvar = (v: number[]) => mean(v.map((x) => x * x)) - mean(v) ** 2;
function pearson(a: number[], b: number[]) {
  const ma = mean(a);
  const mb = mean(b);
  const cov = mean(a.map((x, i) => (x - ma) * ((b[i] ?? 0) - mb)));
  return cov / Math.sqrt(pvar(a) * pvar(b));
}
const sumsOf = (x: number[], t: number[]): Sums =>
  x.reduce(
    (s, xi, i) =>
      addSums(s, { n: 1, sx: xi, sxx: xi * xi, st: t[i] ?? 0, stt: (t[i] ?? 0) ** 2, sxt: xi * (t[i] ?? 0) }),
    emptySums(),
  );

/** Eight attempts at four 0/1 questions (rows: attempts). */
const matrix = [
  [1, 1, 1, 0],
  [1, 1, 0, 0],
  [1, 0, 1, 1],
  [0, 0, 0, 0],
  [1, 1, 1, 1],
  [1, 0, 0, 1],
  [0, 1, 0, 0],
  [1, 1, 1, 1],
];
const totals = matrix.map((row) => row.reduce((a, b) => a + b, 0));

describe("item statistics from sums", () => {
  test("facility, sd and the correlation with the rest of the attempt match a direct computation", () => {
    for (let q = 0; q < 4; q++) {
      const x = matrix.map((row) => row[q] ?? 0);
      const stats = itemStatistics(sumsOf(x, totals));
      expect(stats?.responses).toBe(8);
      expect(stats?.facility).toBeCloseTo(mean(x), 12);
      expect(stats?.sd).toBeCloseTo(Math.sqrt(pvar(x)), 12);
      expect(stats?.discrimination).toBeCloseTo(
        pearson(
          x,
          totals.map((t, i) => t - (x[i] ?? 0)),
        ),
        12,
      );
    }
  });

  test("partial credit (0.5, 0.25…) works the same way", () => {
    const x = [0.5, 1, 0.25, 0, 1, 0.75];
    const t = [3.5, 4, 2.25, 1, 5, 2.75];
    expect(itemStatistics(sumsOf(x, t))?.discrimination).toBeCloseTo(
      pearson(
        x,
        t.map((ti, i) => ti - (x[i] ?? 0)),
      ),
      12,
    );
  });

  test("no discrimination when everyone scores the same on the question", () => {
    expect(itemStatistics(sumsOf([1, 1, 1], [3, 2, 1]))?.discrimination).toBeNull();
    expect(itemStatistics(emptySums())).toBeNull();
  });
});

describe("the score distribution", () => {
  test("mean, median, sd and bins of ten points (100 in the last)", () => {
    const scores = [0, 15, 15, 40, 70, 70, 85, 100];
    const groups = [...new Set(scores)].map((score) => ({ score, count: scores.filter((s) => s === score).length }));
    const summary = scoreSummary(groups);
    expect(summary?.attempts).toBe(8);
    expect(summary?.mean).toBeCloseTo(mean(scores), 12);
    expect(summary?.sd).toBeCloseTo(Math.sqrt(pvar(scores)), 12);
    expect(summary?.median).toBe(55);
    expect(summary?.bins).toEqual([1, 2, 0, 0, 1, 0, 0, 2, 1, 1]);
    expect(scoreSummary([{ score: 60, count: 3 }])?.median).toBe(60);
    expect(scoreSummary([])).toBeNull();
  });
});

describe("reliability", () => {
  test("with every question asked in every attempt, alpha is KR-20", () => {
    const k = 4;
    const p = Array.from({ length: k }, (_, q) => mean(matrix.map((row) => row[q] ?? 0)));
    const kr20 = (k / (k - 1)) * (1 - p.reduce((s, pi) => s + pi * (1 - pi), 0) / pvar(totals));
    const meanItemVariance = p.reduce((s, pi) => s + pi * (1 - pi), 0) / k;
    expect(cronbachAlpha(k, meanItemVariance, pvar(totals))).toBeCloseTo(kr20, 12);
  });

  test("undefined for one question or attempts that all score the same", () => {
    expect(cronbachAlpha(1, 0.2, 1)).toBeNull();
    expect(cronbachAlpha(10, 0.2, 0)).toBeNull();
  });
});
