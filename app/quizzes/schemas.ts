// The quiz form: one schema for the browser (answers checked before they are sent) and the
// server (the check that counts). Fields are `answer:<question>` (the chosen option ids) and
// `order:<question>:<item>` (an item's position, 1 = first). Messages are i18n keys.
import { z } from "zod";
import { type PublicQuestion } from "#app/content/catalog.server.ts";
import { idField } from "#app/utils/forms.ts";
import { type Answers } from "./grade.server.ts";

/** What the checks need of a question: its kind and its option ids (public, in every language alike). */
type QuestionShape = Pick<PublicQuestion, "id" | "kind" | "options">;

export type AnswerProblem = { questionId: string; message: string };

/**
 * Checks the submitted answers against the quiz: every question answered, only its own
 * option ids, one choice where one is asked, a full order for ordering questions.
 */
export function validateAnswers(questions: QuestionShape[], answers: Answers): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push({ questionId: id, message: "quiz.errors.unknownQuestion" });
  }
  for (const question of questions) {
    const given = answers[question.id] ?? [];
    const optionIds = new Set(question.options.map((o) => o.id));
    if (given.some((id) => !optionIds.has(id))) {
      problems.push({ questionId: question.id, message: "quiz.errors.unknownOption" });
    } else if (question.kind === "ordering") {
      if (given.length !== optionIds.size || new Set(given).size !== optionIds.size) {
        problems.push({ questionId: question.id, message: "quiz.errors.orderIncomplete" });
      }
    } else if (question.kind === "multiple") {
      if (given.length === 0) problems.push({ questionId: question.id, message: "quiz.errors.unanswered" });
      else if (new Set(given).size !== given.length)
        problems.push({ questionId: question.id, message: "quiz.errors.unknownOption" });
    } else if (given.length !== 1) {
      problems.push({
        questionId: question.id,
        message: given.length ? "quiz.errors.oneAnswer" : "quiz.errors.unanswered",
      });
    }
  }
  return problems;
}

const ANSWER = "answer:";
const ORDER = "order:";
/** More fields than any quiz has: a form that big is not an answer sheet. */
const MAX_FIELDS = 500;

/** Where a question's problem is shown: beside its options (ordering questions too). */
export const answerField = (questionId: string) => `${ANSWER}${questionId}`;

/** The answer fields as answers; null for a malformed sheet (a position that is not a whole number). */
function answersFrom(fields: Record<string, string | string[] | undefined>): Answers | null {
  const answers: Answers = {};
  const positions = new Map<string, Array<{ item: string; position: number }>>();
  for (const [name, raw] of Object.entries(fields)) {
    const values = raw === undefined ? [] : typeof raw === "string" ? [raw] : raw;
    if (name.startsWith(ANSWER)) {
      answers[name.slice(ANSWER.length)] = values;
    } else if (name.startsWith(ORDER)) {
      const [, question = "", item = ""] = name.split(":");
      const position = Number(values[0]);
      if (values.length !== 1 || !Number.isInteger(position)) return null;
      positions.set(question, [...(positions.get(question) ?? []), { item, position }]);
    }
  }
  for (const [question, items] of positions) {
    const sorted = [...items].sort((a, b) => a.position - b.position);
    // Two items given the same position make the order incomplete; the check refuses it.
    const distinct = new Set(sorted.map((s) => s.position)).size === sorted.length;
    answers[question] = distinct ? sorted.map((s) => s.item) : [];
  }
  return answers;
}

/**
 * The quiz page's form: start an attempt, or submit the open one's answers, checked against
 * these questions (the server passes the English ones, the browser those it shows: the ids
 * are the same).
 */
export function quizFormSchema(questions: QuestionShape[]) {
  const submit = z
    .object({ intent: z.literal("submit"), attemptId: idField("quiz.errors.unreadable") })
    .catchall(z.union([z.string().max(200), z.array(z.string().max(200)).max(50)]).optional())
    .transform(({ intent, attemptId, ...fields }, ctx) => {
      const answers = Object.keys(fields).length <= MAX_FIELDS ? answersFrom(fields) : null;
      if (!answers) {
        ctx.addIssue({ code: "custom", path: [], message: "quiz.errors.unreadable" });
        return z.NEVER;
      }
      for (const problem of validateAnswers(questions, answers))
        ctx.addIssue({ code: "custom", path: [answerField(problem.questionId)], message: problem.message });
      return { intent, attemptId, answers };
    });
  return z.discriminatedUnion("intent", [z.object({ intent: z.literal("start") }), submit], {
    error: "form.unknownIntent",
  });
}
