// courses/ladder.yml: the levels L1–L5 and the specialist tracks, each with what it
// requires and the behaviours a mentor signs off.
import { z } from "zod";
import { difficulties, levels } from "../vocabulary.ts";
import { everyLanguage, level, slug, track } from "./shared.ts";

const minScore = z
  .number({ error: (issue) => (issue.input === undefined ? undefined : "minScore is a percentage from 1 to 100") })
  .superRefine((value, ctx) => {
    if (value > 0 && value <= 1 && !Number.isInteger(value))
      ctx.addIssue({
        code: "custom",
        message: `minScore ${value} looks like a fraction: scores are percentages, write ${Math.round(value * 100)}`,
      });
    else if (value < 1 || value > 100)
      ctx.addIssue({ code: "custom", message: `minScore ${value} is outside 1–100 (a percentage)` });
  });

const minRubric = z
  .number({
    error: (issue) => (issue.input === undefined ? undefined : "minRubric is a mean rubric level from 1 to 4"),
  })
  .min(1, "minRubric is a mean rubric level from 1 to 4")
  .max(4, "minRubric is a mean rubric level from 1 to 4");

const requirementsSchema = z.strictObject({
  courses: z.array(slug).default([]),
  quizzes: z.array(z.strictObject({ id: slug, minScore })).default([]),
  /** The mean rubric level (1–4) of a mentor's grade that passed, on an attempt played at least this hard. */
  scenarios: z
    .array(
      z.strictObject({
        id: slug,
        minRubric,
        difficulty: z
          .enum(difficulties, {
            error: (issue) =>
              issue.input === undefined
                ? undefined
                : `unknown difficulty "${String(issue.input)}" (use ${difficulties.join(", ")})`,
          })
          .default("easy"),
      }),
    )
    .default([]),
});

const behaviourSchema = z.strictObject({ id: slug, title: everyLanguage });

const stage = {
  title: everyLanguage,
  requires: requirementsSchema.default({ courses: [], quizzes: [], scenarios: [] }),
  behaviours: z.array(behaviourSchema).default([]),
};

const levelSchema = z.strictObject({ id: level, ...stage });
const trackSchema = z.strictObject({ id: track, from: level, ...stage });

type Issue = (path: PropertyKey[], message: string) => void;

function uniqueBehaviours(behaviours: Array<{ id: string }>, stageId: string, at: PropertyKey[], issue: Issue) {
  const seen = new Set<string>();
  behaviours.forEach((b, i) => {
    if (seen.has(b.id)) issue([...at, "behaviours", i], `${stageId}: behaviour "${b.id}" is listed twice`);
    seen.add(b.id);
  });
}

export const ladderSchema = z
  .strictObject({ levels: z.array(levelSchema), tracks: z.array(trackSchema).default([]) })
  .superRefine((ladder, ctx) => {
    const issue: Issue = (path, message) => ctx.addIssue({ code: "custom", path, message });
    const seen = new Set<string>();
    ladder.levels.forEach((l, i) => {
      if (seen.has(l.id)) issue(["levels", i], `level ${l.id} is listed twice`);
      seen.add(l.id);
      uniqueBehaviours(l.behaviours, l.id, ["levels", i], issue);
    });
    for (const l of levels) if (!seen.has(l)) issue(["levels"], `level ${l} is missing`);
    ladder.tracks.forEach((t, i) => uniqueBehaviours(t.behaviours, t.id, ["tracks", i], issue));
  })
  .transform((ladder) => ({
    levels: ladder.levels.sort((a, b) => levels.indexOf(a.id) - levels.indexOf(b.id)),
    tracks: ladder.tracks,
  }));

export type Ladder = z.output<typeof ladderSchema>;
export type LadderLevel = Ladder["levels"][number];
export type LadderTrack = Ladder["tracks"][number];
export type LadderStage = LadderLevel | LadderTrack;
export type Requirements = LadderStage["requires"];
