// One person's competency profile: quiz results, scenario choices and mentors' rubric
// levels per competency, each as a percentage (null when there is no evidence).
import { competencies, type Competency } from "#app/content/vocabulary.ts";
import { findScenario } from "#app/content/catalog.server.ts";
import { z } from "zod";
import { prisma } from "#app/utils/db.server.ts";
import { type Evidence } from "./evaluate.server.ts";

export type CompetencyRow = {
  competency: Competency;
  quiz: number | null;
  choices: number | null;
  rubric: number | null;
};

export const mean = (values: number[]) =>
  values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : null;

/** Quiz percentages (best attempt per quiz) and mentor rubric levels (as %) per competency. */
export function evidenceByCompetency(evidence: Evidence) {
  const quiz = new Map<string, number[]>();
  for (const attempts of evidence.quizzes.values()) {
    const best = attempts.reduce((a, b) => (b.score > a.score ? b : a));
    for (const [c, percent] of Object.entries(best.competencies)) quiz.set(c, [...(quiz.get(c) ?? []), percent]);
  }
  // Rubric: mentors' levels (1–4 → 25–100 %) on criteria tied to the competency.
  const rubric = new Map<string, number[]>();
  for (const grade of evidence.grades) {
    for (const criterion of findScenario(grade.scenarioId)?.variants.en?.rubric ?? []) {
      const level = grade.scores[criterion.id];
      if (!level) continue;
      for (const c of criterion.competencies) rubric.set(c, [...(rubric.get(c) ?? []), level * 25]);
    }
  }
  return { quiz, rubric };
}

/**
 * The part of a stored reply event (scenarios/columns.server.ts) this profile counts: the
 * ladder sits below scenarios, so it reads only these two fields.
 */
const chosenOption = z.object({ type: z.string(), competencies: z.record(z.string(), z.number()).optional() });

export async function competencyProfile(userId: string, evidence: Evidence): Promise<CompetencyRow[]> {
  const { quiz, rubric } = evidenceByCompetency(evidence);
  // Scenario choices: the share of chosen replies that helped the competency they touched.
  const replies = await prisma.scenarioEvent.findMany({
    where: { kind: "reply", attempt: { userId, finishedAt: { not: null } } },
    select: { data: true },
  });
  const choices = new Map<string, { good: number; all: number }>();
  for (const row of replies) {
    const data = chosenOption.parse(JSON.parse(row.data));
    if (data.type !== "option") continue;
    for (const [c, effect] of Object.entries(data.competencies ?? {})) {
      const entry = choices.get(c) ?? { good: 0, all: 0 };
      entry.all++;
      if (effect > 0) entry.good++;
      choices.set(c, entry);
    }
  }
  return competencies.map((competency) => {
    const choice = choices.get(competency);
    return {
      competency,
      quiz: mean(quiz.get(competency) ?? []),
      choices: choice ? Math.round((choice.good / choice.all) * 100) : null,
      rubric: mean(rubric.get(competency) ?? []),
    };
  });
}
