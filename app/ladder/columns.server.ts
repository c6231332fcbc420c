// JSON columns the ladder reads, each through one schema. Several are written by the
// capabilities above (quiz attempts, reviews); they import these codecs from here, since the
// ladder sits below them (they refresh readiness when evidence changes).
import { z } from "zod";
import { competencies, difficulties } from "#app/content/vocabulary.ts";
import { jsonColumn } from "#app/utils/json-column.ts";

const isoDate = z.codec(z.iso.datetime(), z.date(), {
  decode: (text) => new Date(text),
  encode: (date) => date.toISOString(),
});
const common = { id: z.string(), met: z.boolean(), at: isoDate.nullable() };
const evidence = { ...common, min: z.number(), best: z.number().nullable(), attemptId: z.string().nullable() };

const requirementResult = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("course"), ...common, done: z.number(), total: z.number() }),
  z.object({ kind: z.literal("quiz"), ...evidence }),
  // The latest grade's decision ("passed" or "retry"); absent in rows stored before it was kept.
  z.object({
    kind: z.literal("scenario"),
    ...evidence,
    decision: z.string().nullable().optional(),
    /** The difficulty the ladder asks for (rows from before it existed: easy, any). */
    difficulty: z.enum(difficulties).default("easy"),
    /** A passing grade that did not count because it was played easier than that. */
    tooEasy: z.enum(difficulties).nullable().default(null),
  }),
  z.object({ kind: z.literal("behaviour"), ...common, stage: z.string() }),
  z.object({ kind: z.literal("stage"), ...common }),
]);

/** A requirement of a level or track, met or not, with the evidence that met it. */
export type RequirementResult = z.output<typeof requirementResult>;

/** Certification.evidence and Readiness.missing: requirements with the evidence that met them. */
export const requirementsColumn = jsonColumn(z.array(requirementResult));

/** Readiness.competencies: competency → percent (null: no evidence yet). */
export const competencyScoresColumn = jsonColumn(z.partialRecord(z.enum(competencies), z.number().nullable()));

/** QuizAttempt.competencies: competency → percent of that attempt. */
export const quizCompetenciesColumn = jsonColumn(z.record(z.string(), z.number()));

/** Review.scores and ReviewVersion.scores: rubric criterion id → level 1–4. */
export const rubricScoresColumn = jsonColumn(z.record(z.string(), z.number()));
