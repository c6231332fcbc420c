// Quiz shapes. The public part may reach the browser; the key (correct answers, feedback,
// explanations) lives only on the server and is sent only with a submitted attempt's result.
import { type Competency } from "#app/courses/model.ts";

export const questionKinds = ["single", "multiple", "true-false", "ordering", "best-response"] as const;
export type QuestionKind = (typeof questionKinds)[number];
export const channels = ["chat", "email", "phone", "social"] as const;
export type Channel = (typeof channels)[number];

export type PublicQuestion = {
  id: string;
  kind: QuestionKind;
  competencies: Competency[];
  prompt: string;
  /** best-response: the customer's message and where it came from. */
  customer: string | null;
  channel: Channel | null;
  /** Options for choice kinds; the items to order for ordering (in authored = correct order). */
  options: Array<{ id: string; text: string }>;
};

export type QuestionKey = {
  /** Correct option ids (choice kinds), or the item ids in the correct order (ordering). */
  correct: string[];
  feedback: Record<string, string>;
  explanation: string;
};

export type QuizRules = { passMark: number; maxAttempts: number | null; waitMinutes: number | null; shuffle: boolean };

export type QuizVariant = {
  title: string;
  questions: PublicQuestion[];
  keys: Record<string, QuestionKey>;
};

export type QuizMeta = {
  id: string;
  courseSlug: string;
  final: boolean;
  rules: QuizRules;
  locales: string[];
};
