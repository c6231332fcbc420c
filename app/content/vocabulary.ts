// The words every content file and every capability share. No zod here: this module also
// reaches the browser (filters, the help desk's selects), so it stays plain constants.
import { type Locale, locales } from "#app/utils/i18n.ts";

export const competencies = [
  "communication",
  "empathy",
  "problem-solving",
  "tools",
  "time-management",
  "records",
  "analytics",
  "collaboration",
  "leadership",
] as const;
export type Competency = (typeof competencies)[number];

export const levels = ["L1", "L2", "L3", "L4", "L5"] as const;
export type Level = (typeof levels)[number];

export const tracks = ["technical-support", "customer-success", "quality-assurance"] as const;
export type Track = (typeof tracks)[number];

/** Lower-case words joined by dashes: course, lesson, quiz, scenario, step and behaviour ids. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Languages a translation may be written in (English is the reference, never a variant). */
export const translationLocales = locales.filter((l): l is Exclude<Locale, "en"> => l !== "en");
export type TranslationLocale = (typeof translationLocales)[number];

/** The components authors may use in lessons (docs/authoring.md), and the Callout kinds. */
export const mdxComponentNames = ["Callout", "Checklist", "SayThis", "Term", "ScenarioLink", "Quiz"] as const;
export const calloutKinds = ["tip", "warning", "policy"] as const;

export const questionKinds = ["single", "multiple", "true-false", "ordering", "best-response"] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const channels = ["chat", "email", "phone", "social"] as const;
export type Channel = (typeof channels)[number];

export const ticketStatuses = ["new", "open", "pending", "on-hold", "solved"] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export const ticketPriorities = ["low", "normal", "high", "urgent"] as const;
export type TicketPriority = (typeof ticketPriorities)[number];
export const actionTypes = [
  "set-status",
  "set-priority",
  "set-category",
  "add-tag",
  "link-article",
  "add-note",
  "escalate",
] as const;
export type ActionType = (typeof actionTypes)[number];

const isOneOf =
  <T extends string>(list: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === "string" && list.some((item) => item === value);

export const isCompetency = isOneOf(competencies);
export const isLevel = isOneOf(levels);
export const isTrack = isOneOf(tracks);

/**
 * What a free-text reply can get wrong, as the automatic checks of ADR 007 see it: the
 * words a scenario's `when:` conditions use. `rude` stands for the first three.
 */
export const replyProblems = [
  "blame",
  "banned",
  "shouting",
  "no-greeting",
  "no-name",
  "no-empathy",
  "no-apology",
  "no-next-step",
  "no-closing",
  "long-sentences",
] as const;
export type ReplyProblem = (typeof replyProblems)[number];
export const rudeProblems = ["blame", "banned", "shouting"] as const satisfies readonly ReplyProblem[];
/** The words a condition may name: every problem, and `rude` for any of blame, banned and shouting. */
export const problemWords = ["rude", ...replyProblems] as const;
export type ProblemWord = (typeof problemWords)[number];

/** How hard a scenario is played: the customer's patience, how far their mood falls, hints. */
export const difficulties = ["easy", "normal", "hard"] as const;
export type Difficulty = (typeof difficulties)[number];
export const isDifficulty = isOneOf(difficulties);
