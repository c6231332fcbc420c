// Krippendorff's alpha: how far graders agree beyond chance. Computed from value counts per
// unit (the database groups the grades; see results.server.ts), so its cost does not grow
// with the number of grades, only with units × levels.

/** How many graders gave each value to one unit (an attempt's criterion): value → count. */
export type UnitCounts = Map<number, number>;

export type Metric = "nominal" | "ordinal" | "interval";

export type Alpha =
  | { value: number; pairable: number }
  /** Fewer than two values in any unit: nobody to agree with. */
  | { value: null; reason: "tooFewGraders"; pairable: number }
  /** Everyone gave the same value: chance agreement is total, so alpha is undefined. */
  | { value: null; reason: "noVariation"; pairable: number };

/**
 * Alpha over units whose values were given by different graders; missing grades are simply
 * absent from a unit, and a unit with a single value is not pairable and counts for nothing
 * (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011). Ordinal distances use
 * the marginal counts of the values in between, as that paper defines them.
 */
export function krippendorffAlpha(units: Iterable<UnitCounts>, metric: Metric = "ordinal"): Alpha {
  const coincidences = new Map<string, number>();
  const totals = new Map<number, number>();
  let pairable = 0;
  for (const unit of units) {
    const m = [...unit.values()].reduce((sum, n) => sum + n, 0);
    if (m < 2) continue;
    pairable += m;
    for (const [c, nc] of unit) {
      totals.set(c, (totals.get(c) ?? 0) + nc);
      for (const [k, nk] of unit) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs) coincidences.set(`${c}|${k}`, (coincidences.get(`${c}|${k}`) ?? 0) + pairs / (m - 1));
      }
    }
  }
  if (pairable < 2) return { value: null, reason: "tooFewGraders", pairable };
  const values = [...totals.keys()].sort((a, b) => a - b);
  if (values.length < 2) return { value: null, reason: "noVariation", pairable };
  const distance = distanceFor(metric, values, totals);
  let observed = 0;
  let expected = 0;
  for (const c of values)
    for (const k of values) {
      const d = distance(c, k);
      observed += (coincidences.get(`${c}|${k}`) ?? 0) * d;
      expected += (totals.get(c) ?? 0) * (totals.get(k) ?? 0) * d;
    }
  return { value: 1 - ((pairable - 1) * observed) / expected, pairable };
}

function distanceFor(metric: Metric, values: number[], totals: Map<number, number>) {
  if (metric === "nominal") return (c: number, k: number) => (c === k ? 0 : 1);
  if (metric === "interval") return (c: number, k: number) => (c - k) ** 2;
  // Ordinal: the values between c and k, each weighted by how often it was given.
  const index = new Map(values.map((v, i) => [v, i]));
  const cumulative = values.reduce<number[]>((acc, v) => [...acc, (acc.at(-1) ?? 0) + (totals.get(v) ?? 0)], []);
  return (c: number, k: number) => {
    const [lo, hi] = [index.get(Math.min(c, k)) ?? 0, index.get(Math.max(c, k)) ?? 0];
    const between = (cumulative[hi] ?? 0) - (lo ? (cumulative[lo - 1] ?? 0) : 0);
    const ends = ((totals.get(c) ?? 0) + (totals.get(k) ?? 0)) / 2;
    return (between - ends) ** 2;
  };
}

/** Value counts per unit from one value per grader per unit (null: missing). */
export function unitsFromTable(table: Array<Array<number | null>>): UnitCounts[] {
  const width = Math.max(0, ...table.map((row) => row.length));
  return Array.from({ length: width }, (_, u) => {
    const counts: UnitCounts = new Map();
    for (const row of table) {
      const v = row[u];
      if (v !== null && v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return counts;
  });
}
