// A quiz file (courses/NN-course/quizzes/<id>.yml and its translations). One schema per
// question kind, joined on `kind`, so a new kind or a question pool adds a member here.
import { z } from "zod";
import { questionKinds } from "../vocabulary.ts";
import { channel, competencyList, optionId, slug, text, wholeNumber } from "./shared.ts";

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

export const quizSchema = z
  .strictObject({
    id: slug,
    title: text(200),
    final: z.boolean(),
    passMark: wholeNumber(1, 100, "passMark"),
    maxAttempts: wholeNumber(1, 100, "maxAttempts").nullable().default(null),
    waitMinutes: wholeNumber(1, 60 * 24 * 30, "waitMinutes")
      .nullable()
      .default(null),
    shuffle: z.boolean().default(true),
    questions: z.array(questionSchema).min(1, "questions must be a non-empty list"),
  })
  .superRefine((quiz, ctx) => {
    const seen = new Set<string>();
    quiz.questions.forEach((q, i) => {
      if (seen.has(q.id))
        ctx.addIssue({ code: "custom", message: `duplicate question id "${q.id}"`, path: ["questions", i] });
      seen.add(q.id);
    });
  });

export type QuizFile = z.output<typeof quizSchema>;
export type QuestionFile = z.output<typeof questionSchema>;
