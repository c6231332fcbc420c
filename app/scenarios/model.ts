// The shape of a practice scenario (docs/authoring.md, "Scenarios").
import { type Competency, type Level } from "#app/courses/model.ts";
import { type Locale } from "#app/utils/i18n.ts";

export const scenarioChannels = ["chat", "email", "phone", "social"] as const;
export type ScenarioChannel = (typeof scenarioChannels)[number];
export const ticketStatuses = ["new", "open", "pending", "on-hold", "solved"] as const;
export const ticketPriorities = ["low", "normal", "high", "urgent"] as const;
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

export type ScenarioReply = {
  id: string;
  text: string;
  mood: number;
  competencies: Partial<Record<Competency, number>>;
  feedback: string;
  next: string;
};

export type ScenarioStep = {
  id: string;
  customer: string;
  /** Social only: the message is a direct message, not part of the public thread. */
  private: boolean;
  replies: ScenarioReply[] | null;
  freeText: { prompt: string; next: string } | null;
  end: { resolved: boolean; outcome: string } | null;
};

export type Scenario = {
  id: string;
  title: string;
  summary: string;
  channel: ScenarioChannel;
  level: Level;
  competencies: Competency[];
  review: boolean;
  minutes: number;
  persona: { name: string; situation: string; mood: number; history: string; crm: Record<string, string> };
  email: { subject: string; history: string } | null;
  social: { platform: string; handle: string } | null;
  ticket: { status: string; priority: string; category: string; tags: string[] };
  categories: string[];
  teams: string[];
  /** body is Markdown; html is filled in by the catalogue (rendered once, at build time in production). */
  articles: Array<{ id: string; title: string; body: string; html?: string }>;
  requiredActions: Array<{ id: string; type: ActionType; value: string | null; label: string }>;
  start: string;
  steps: ScenarioStep[];
  rubric: Array<{ id: string; title: string; competencies: Competency[]; levels: Record<1 | 2 | 3 | 4, string> }>;
};

/** A scenario with its language variants, as the catalogue serves it. */
export type ScenarioBundle = { id: string; variants: Partial<Record<Locale, Scenario>> };
