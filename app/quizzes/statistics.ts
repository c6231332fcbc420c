// The statistics of item analysis, as Moodle's quiz statistics report defines them, from
// sums an SQL GROUP BY returns: no list of attempts is ever held in memory.

/** Sums over the responses to one question: x is its score (0–1), t the attempt's points. */
export type Sums = { n: number; sx: number; sxx: number; st: number; stt: number; sxt: number };

export const emptySums = (): Sums => ({ n: 0, sx: 0, sxx: 0, st: 0, stt: 0, sxt: 0 });

export function addSums(a: Sums, b: Sums): Sums {
  return { n: a.n + b.n, sx: a.sx + b.sx, sxx: a.sxx + b.sxx, st: a.st + b.st, stt: a.stt + b.stt, sxt: a.sxt + b.sxt };
}

/** Population variance from a count, a sum and a sum of squares (never below zero from rounding). */
const variance = (n: number, sum: number, squares: number) => Math.max(0, squares / n - (sum / n) ** 2);

export type ItemStatistics = {
  responses: number;
  /** Mean score ÷ maximum score (Moodle's facility index), 0–1. */
  facility: number;
  sd: number;
  /**
   * The correlation between the question's score and the rest of the attempt (its points
   * without this question): Moodle's discrimination index, here −1–1. Null when either
   * never varies.
   */
  discrimination: number | null;
};

export function itemStatistics(s: Sums): ItemStatistics | null {
  if (s.n === 0) return null;
  const { n, sx, sxx, st, stt, sxt } = s;
  // The rest of the attempt, r = t − x, from the same sums.
  const sr = st - sx;
  const srr = stt - 2 * sxt + sxx;
  const sxr = sxt - sxx;
  const varX = variance(n, sx, sxx);
  const varR = variance(n, sr, srr);
  const covariance = sxr / n - (sx / n) * (sr / n);
  const discrimination = varX > 1e-12 && varR > 1e-12 ? covariance / Math.sqrt(varX * varR) : null;
  return { responses: n, facility: sx / n, sd: Math.sqrt(varX), discrimination };
}

export type ScoreSummary = {
  attempts: number;
  mean: number;
  median: number;
  sd: number;
  /** Attempts per ten points: 0–9, 10–19, … 90–100. */
  bins: number[];
};

/** The distribution of attempt scores (0–100) from (score, count) groups. */
export function scoreSummary(groups: Array<{ score: number; count: number }>): ScoreSummary | null {
  const sorted = [...groups].filter((g) => g.count > 0).sort((a, b) => a.score - b.score);
  const attempts = sorted.reduce((sum, g) => sum + g.count, 0);
  if (attempts === 0) return null;
  const sum = sorted.reduce((s, g) => s + g.score * g.count, 0);
  const squares = sorted.reduce((s, g) => s + g.score * g.score * g.count, 0);
  const bins = Array.from({ length: 10 }, () => 0);
  for (const g of sorted) {
    const bin = Math.min(9, Math.floor(g.score / 10));
    bins[bin] = (bins[bin] ?? 0) + g.count;
  }
  const at = (rank: number) => {
    let seen = 0;
    for (const g of sorted) {
      seen += g.count;
      if (seen > rank) return g.score;
    }
    return sorted.at(-1)?.score ?? 0;
  };
  const median = attempts % 2 ? at((attempts - 1) / 2) : (at(attempts / 2 - 1) + at(attempts / 2)) / 2;
  return { attempts, mean: sum / attempts, median, sd: Math.sqrt(variance(attempts, sum, squares)), bins };
}

/**
 * Cronbach's alpha (KR-20 when every question scores 0 or 1), generalised to a bank: an
 * attempt asks k questions, so the sum of its item variances is k times the mean variance of
 * the questions it may draw, each weighted by how often it was asked.
 * alpha = k / (k − 1) × (1 − k × mean item variance ÷ variance of the attempts' points).
 */
export function cronbachAlpha(k: number, meanItemVariance: number, pointsVariance: number) {
  if (k < 2 || pointsVariance <= 1e-12) return null;
  return (k / (k - 1)) * (1 - (k * meanItemVariance) / pointsVariance);
}
