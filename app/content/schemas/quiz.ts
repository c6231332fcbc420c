// A quiz file (courses/NN-course/quizzes/<id>.yml and its translations). One schema per
// question kind, joined on `kind`; a quiz may draw each attempt's questions from a bank.
import { z } from "zod";
import { questionKinds } from "../vocabulary.ts";
import { channel, competency, competencyList, optionId, slug, text, wholeNumber } from "./shared.ts";

const choice = z.strictObject({
  id: optionId,
  text: text(500),
  correct: z.boolean().default(false),
  feedback: text(1000),
});

const question = {
  id: slug,
  competencies: competencyList,
  prompt: text(1000),
  explanation: text(2000),
};

const single = z.strictObject({ ...question, kind: z.literal("single"), options: z.array(choice) });
const multiple = z.strictObject({ ...question, kind: z.literal("multiple"), options: z.array(choice) });
const trueFalse = z.strictObject({
  ...question,
  kind: z.literal("true-false"),
  options: z.array(z.strictObject({ id: optionId, correct: z.boolean().default(false), feedback: text(1000) })),
});
const ordering = z.strictObject({
  ...question,
  kind: z.literal("ordering"),
  /** In the correct order: the authored order is the answer. */
  items: z.array(z.strictObject({ id: optionId, text: text(500) })),
});
const bestResponse = z.strictObject({
  ...question,
  kind: z.literal("best-response"),
  channel,
  customer: text(2000),
  options: z.array(choice),
});

export const questionSchema = z
  .discriminatedUnion("kind", [single, multiple, trueFalse, ordering, bestResponse], {
    error: (issue) => (issue.code === "invalid_union" ? `kind must be one of ${questionKinds.join(", ")}` : undefined),
  })
  .superRefine((q, ctx) => {
    const where = `question "${q.id}"`;
    const say = (message: string) => ctx.addIssue({ code: "custom", message: `${where}: ${message}`, path: [] });
    const list = q.kind === "ordering" ? q.items : q.options;
    const seen = new Set<string>();
    list.forEach((option, i) => {
      if (seen.has(option.id))
        ctx.addIssue({
          code: "custom",
          message: `${where}: duplicate option id "${option.id}"`,
          path: [q.kind === "ordering" ? "items" : "options", i],
        });
      seen.add(option.id);
    });
    if (q.kind === "ordering") {
      if (list.length < 2) say("an ordering question needs at least two items");
      return;
    }
    const correct = q.options.filter((o) => o.correct).length;
    if (q.kind === "true-false") {
      if ([...seen].sort().join() !== "false,true")
        say('a true-false question has exactly the options "true" and "false"');
      if (correct !== 1) say("a true-false question needs exactly one correct option");
      return;
    }
    if (q.options.length < 2) say("needs at least two options");
    if (q.kind === "multiple") {
      if (correct === 0) say("a multiple question needs at least one correct option");
    } else if (correct !== 1) {
      say(`a ${q.kind} question needs exactly one correct option (has ${correct})`);
    }
  });

/** When a result shows a part of the key (as Moodle's review options). */
export const reviewTimes = ["always", "after-pass", "after-last-attempt", "never"] as const;
export type ReviewTime = (typeof reviewTimes)[number];
/** What a result can show, from the least to the most of the key. */
export const reviewParts = ["score", "wrong", "answers", "feedback"] as const;
export type ReviewPart = (typeof reviewParts)[number];

const reviewTime = z.enum(reviewTimes);

/**
 * What a result page shows, and when. Left out, a part follows the quiz's default (a final
 * keeps its key until the last attempt, ADR 022); a lesson check shows everything.
 */
const review = z.strictObject({
  score: reviewTime.optional(),
  wrong: reviewTime.optional(),
  answers: reviewTime.optional(),
  feedback: reviewTime.optional(),
});

/** Whether `part` is shown at every moment `later` is: a part further along the key must not open sooner. */
export const shownWhenever = (part: ReviewTime, later: ReviewTime) =>
  later === "never" || part === "always" || part === later;

const pool = z
  .strictObject({
    /** Questions whose first competency is this one. */
    competency: competency.optional(),
    /** Or the questions named here. */
    questions: z.array(slug).min(1, "questions must name at least one question").optional(),
    count: wholeNumber(1, 100, "count"),
  })
  .refine((p) => (p.competency === undefined) !== (p.questions === undefined), {
    message: "a pool names either a competency or a list of questions",
  });

/**
 * A bank: each attempt draws `count` questions, spread over the competencies as the bank is
 * (`per: competency`, the default) or from the whole bank (`per: bank`); or exactly `count`
 * from each of the `pools`.
 */
const draw = z.union(
  [
    z.strictObject({
      count: wholeNumber(1, 100, "draw.count"),
      per: z.enum(["competency", "bank"]).default("competency"),
    }),
    z.strictObject({ pools: z.array(pool).min(1, "pools must be a non-empty list") }),
  ],
  { error: "draw is either { count: N } (optionally with per: competency or bank) or { pools: [...] }" },
);

const minutes = wholeNumber(1, 60 * 24 * 30, "waitMinutes");

export const quizSchema = z
  .strictObject({
    id: slug,
    title: text(200),
    final: z.boolean(),
    passMark: wholeNumber(1, 100, "passMark"),
    maxAttempts: wholeNumber(1, 100, "maxAttempts").nullable().default(null),
    /** Minutes to wait after an attempt that does not pass; a list grows the wait after each one. */
    waitMinutes: z
      .union([minutes, z.array(minutes).min(1, "waitMinutes must list at least one wait")], {
        error: "waitMinutes must be a whole number of minutes or a list of them, e.g. [10, 60, 1440]",
      })
      .nullable()
      .default(null),
    shuffle: z.boolean().default(true),
    draw: draw.nullable().default(null),
    review: review.default({}),
    questions: z.array(questionSchema).min(1, "questions must be a non-empty list"),
  })
  .superRefine((quiz, ctx) => {
    const seen = new Set<string>();
    quiz.questions.forEach((q, i) => {
      if (seen.has(q.id))
        ctx.addIssue({ code: "custom", message: `duplicate question id "${q.id}"`, path: ["questions", i] });
      seen.add(q.id);
    });
    checkDraw(quiz, ctx);
    const times = reviewParts.map((part) => [part, quiz.review[part]] as const);
    for (const [part, time] of times) {
      if (time === "after-last-attempt" && quiz.maxAttempts === null)
        ctx.addIssue({
          code: "custom",
          message: `review.${part}: after-last-attempt never comes without maxAttempts; set maxAttempts or choose another time`,
          path: ["review", part],
        });
    }
    for (let i = 1; i < times.length; i++) {
      const [earlierPart, earlier] = times[i - 1] ?? [];
      const [part, time] = times[i] ?? [];
      if (!earlierPart || !part || !earlier || !time) continue;
      if (!shownWhenever(earlier, time))
        ctx.addIssue({
          code: "custom",
          message: `review.${part} (${time}) would show what review.${earlierPart} (${earlier}) still hides: ${part} gives ${earlierPart} away, so show it no sooner`,
          path: ["review", part],
        });
    }
  });

type QuizInput = {
  questions: Array<{ id: string; competencies: string[] }>;
  draw: z.output<typeof draw> | null;
};

function checkDraw(quiz: QuizInput, ctx: z.core.$RefinementCtx) {
  const spec = quiz.draw;
  if (!spec) return;
  const total = quiz.questions.length;
  if ("count" in spec) {
    if (spec.count > total)
      ctx.addIssue({
        code: "custom",
        message: `draw.count is ${spec.count}, but the quiz has only ${total} questions`,
        path: ["draw", "count"],
      });
    return;
  }
  const ids = new Set(quiz.questions.map((q) => q.id));
  const owner = new Map<string, number>();
  spec.pools.forEach((p, i) => {
    const members = quiz.questions.filter((q) =>
      p.questions ? p.questions.includes(q.id) : q.competencies[0] === p.competency,
    );
    for (const id of p.questions ?? [])
      if (!ids.has(id))
        ctx.addIssue({
          code: "custom",
          message: `draw.pools: no question "${id}" in this quiz`,
          path: ["draw", "pools", i],
        });
    for (const q of members) {
      const other = owner.get(q.id);
      if (other !== undefined)
        ctx.addIssue({
          code: "custom",
          message: `question "${q.id}" is in pools ${other + 1} and ${i + 1}: a question belongs to one pool`,
          path: ["draw", "pools", i],
        });
      owner.set(q.id, i);
    }
    if (p.count > members.length)
      ctx.addIssue({
        code: "custom",
        message: `pool ${i + 1} draws ${p.count} but holds ${members.length} question${members.length === 1 ? "" : "s"}`,
        path: ["draw", "pools", i, "count"],
      });
  });
  const left = quiz.questions.filter((q) => !owner.has(q.id)).map((q) => q.id);
  if (left.length)
    ctx.addIssue({
      code: "custom",
      message: `in no pool, so never asked: ${left.join(", ")} (a pool takes questions by their first competency or by name)`,
      path: ["draw", "pools"],
    });
}

export type QuizFile = z.output<typeof quizSchema>;
export type QuestionFile = z.output<typeof questionSchema>;
