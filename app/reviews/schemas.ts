// The mentor's forms, one schema each, for the browser (instant hints) and the server (the
// check that counts). Messages are i18n keys.
import { z } from "zod";
import { fieldMessage, idField, optionalText, requiredText } from "#app/utils/forms.ts";
import { MAX_COMMENT_LENGTH, MAX_FEEDBACK_LENGTH, MAX_SIGNOFF_NOTE } from "./limits.ts";

export const decisions = ["passed", "retry"] as const;
export type Decision = (typeof decisions)[number];

export type Grade = {
  scores: Record<string, number>;
  /** Event seq of a trainee reply → comment. */
  comments: Record<string, string>;
  feedback: string;
  decision: Decision | null;
};

const SCORE = "score:";
const COMMENT = "comment:";

/** Any other field of the grading form: a level per criterion, a comment per reply (empty: undefined). */
const dynamicField = z.union([z.string(), z.array(z.string())]).optional();

const levelOf = (value: string | string[] | undefined) => {
  const level = typeof value === "string" ? Number(value) : NaN;
  return Number.isInteger(level) && level >= 1 && level <= 4 ? level : null;
};

/**
 * The grading form for one attempt: `score:<criterion>` (1–4) for the rubric's criteria,
 * `comment:<seq>` on the trainee's replies, feedback and a decision. Unknown criteria and
 * turns, levels outside 1–4 and over-long texts are refused; a submission also needs every
 * criterion scored and a decision. "claim" starts grading (takes the attempt for a while),
 * "release" gives it back.
 */
export function gradeFormSchema({ criteria, turns }: { criteria: readonly string[]; turns: readonly string[] }) {
  const grading = {
    basedOn: z.coerce.number().int().min(0).catch(-1),
    feedback: optionalText(MAX_FEEDBACK_LENGTH, "reviews.problems.feedbackTooLong"),
    decision: z.enum(decisions, { error: "reviews.problems.unknownDecision" }).optional(),
  };
  const read = <I extends "draft" | "submit">(intent: I) =>
    z
      .object({ intent: z.literal(intent), ...grading })
      .catchall(dynamicField)
      .transform(({ intent, basedOn, feedback, decision, ...fields }, ctx) => {
        const grade: Grade = { scores: {}, comments: {}, feedback, decision: decision ?? null };
        const problem = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
        for (const [name, raw] of Object.entries(fields)) {
          if (name.startsWith(SCORE)) {
            const criterion = name.slice(SCORE.length);
            const level = levelOf(raw);
            if (!criteria.includes(criterion))
              problem(name, fieldMessage("reviews.problems.unknownCriterion", { criterion: criterion.slice(0, 60) }));
            else if (raw !== undefined && level === null)
              problem(name, fieldMessage("reviews.problems.levelOutOfRange", { value: String(raw).slice(0, 20) }));
            else if (level !== null) grade.scores[criterion] = level;
          } else if (name.startsWith(COMMENT)) {
            const seq = name.slice(COMMENT.length);
            const text = typeof raw === "string" ? raw.replace(/\r\n?/g, "\n").trim() : raw === undefined ? "" : null;
            if (!turns.includes(seq))
              problem(name, fieldMessage("reviews.problems.unknownTurn", { turn: seq.slice(0, 20) }));
            else if (text === null || text.length > MAX_COMMENT_LENGTH)
              problem(
                name,
                fieldMessage("reviews.problems.commentTooLong", { max: MAX_COMMENT_LENGTH, length: text?.length ?? 0 }),
              );
            else if (text) grade.comments[seq] = text;
          }
        }
        if (intent === "submit") {
          for (const criterion of criteria)
            if (!grade.scores[criterion]) problem(`${SCORE}${criterion}`, "reviews.problems.scoreRequired");
          if (!grade.decision) problem("decision", "reviews.problems.decisionRequired");
        }
        return { intent, basedOn, grade };
      });
  return z.discriminatedUnion(
    "intent",
    [
      z.object({ intent: z.literal("claim") }),
      z.object({ intent: z.literal("release") }),
      read("draft"),
      read("submit"),
    ],
    { error: "form.unknownIntent" },
  );
}

/** A sign-off's note: where the mentor saw the behaviour, or why it is withdrawn. */
export const SignOffNoteSchema = requiredText(
  MAX_SIGNOFF_NOTE,
  "trainee.errors.noteTooLong",
  "trainee.errors.noteRequired",
);
export const SignOffActionSchema = z.enum(["confirm", "withdraw"], { error: "trainee.errors.unknownAction" });

/** One behaviour's sign-off form on a trainee's page: the button says confirm or withdraw. */
export const SignOffFormSchema = z.object({
  intent: SignOffActionSchema,
  level: idField("trainee.errors.unknownLevel"),
  behaviour: idField("trainee.errors.unknownBehaviour"),
  note: SignOffNoteSchema,
});
