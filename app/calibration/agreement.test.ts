import { describe, expect, test } from "vitest";
import { krippendorffAlpha, unitsFromTable } from "./agreement.ts";

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section E: four
// observers, twelve units, values 1–5, with missing values. The paper gives
// nominal 0.743, ordinal 0.815, interval 0.849.
const _ = null;
const published = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
];

describe("Krippendorff's alpha", () => {
  test("matches the paper's worked example for each metric", () => {
    const units = unitsFromTable(published);
    expect(krippendorffAlpha(units, "nominal").value).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(units, "ordinal").value).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(units, "interval").value).toBeCloseTo(0.849, 3);
    // Unit 12 has one value: not pairable; 40 of the 41 values count.
    expect(krippendorffAlpha(units).pairable).toBe(40);
  });

  test("by hand: two graders, three units, one disagreement of one level", () => {
    // Values 1,1 | 2,2 | 2,3. Totals n1=2, n2=3, n3=1, n=6. Coincidences off the diagonal:
    // o23 = o32 = 1. Ordinal distance 2–3: (3 + 1 − (3 + 1)/2)² = 4; 1–2: (2+3 − 2.5)² = 6.25;
    // 1–3: (2+3+1 − 1.5)² = 20.25. Observed: 2 × 4 = 8. Expected:
    // 2 × (2·3·6.25 + 2·1·20.25 + 3·1·4) = 2 × 90 = 180. Alpha = 1 − 5 × 8 / 180 = 7/9.
    const units = unitsFromTable([
      [1, 2, 2],
      [1, 2, 3],
    ]);
    expect(krippendorffAlpha(units).value).toBeCloseTo(7 / 9, 10);
  });

  test("perfect agreement is 1; systematic disagreement is below 0", () => {
    expect(
      krippendorffAlpha(
        unitsFromTable([
          [1, 2, 3, 4],
          [1, 2, 3, 4],
        ]),
      ).value,
    ).toBeCloseTo(1, 10);
    expect(
      krippendorffAlpha(
        unitsFromTable([
          [1, 4, 1, 4],
          [4, 1, 4, 1],
        ]),
      ).value,
    ).toBeLessThan(0);
  });

  test("one grader, or nothing graded twice: too few graders", () => {
    expect(krippendorffAlpha(unitsFromTable([[1, 2, 3, 4]]))).toEqual({
      value: null,
      reason: "tooFewGraders",
      pairable: 0,
    });
    expect(
      krippendorffAlpha(
        unitsFromTable([
          [1, _],
          [_, 2],
        ]),
      ),
    ).toMatchObject({ reason: "tooFewGraders" });
    expect(krippendorffAlpha([])).toMatchObject({ value: null, reason: "tooFewGraders" });
  });

  test("everyone gives the same level: no variation, alpha undefined", () => {
    expect(
      krippendorffAlpha(
        unitsFromTable([
          [3, 3],
          [3, 3],
          [3, _],
        ]),
      ),
    ).toEqual({
      value: null,
      reason: "noVariation",
      pairable: 5,
    });
  });
});
