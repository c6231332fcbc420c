// What the browser gets of an attempt: what has been said, what the customer says now and
// the help desk as it stands. Never the steps ahead, the reply options' moods, feedback
// and next steps, or the required actions: those would give the game away.
import { type Channel, type Difficulty } from "#app/content/vocabulary.ts";

/** Limits the server enforces (engine.server.ts); the forms show the same numbers. */
export const MAX_REPLY_LENGTH = 2000;
export const MAX_NOTE_LENGTH = 2000;

export type CheckView = { id: string; ok: boolean | null; evidence: string | null };

export type Hint =
  | { type: "option"; feedback: string; moodChange: number; walkout: boolean }
  | {
      type: "text";
      checks: CheckView[];
      preScore: number;
      /** Written for the way the reply went (a branch's feedback), beside the checks. */
      feedback: string | null;
      moodChange: number;
      walkout: boolean;
    };

export type TurnView =
  | { kind: "customer"; stepId: string; text: string; at: string; private: boolean }
  /** `hint` is null while a hard attempt is played: hints show in the summary. */
  | { kind: "agent"; seq: number; text: string; at: string; private: boolean; hint: Hint | null };

export type LogEntry = {
  seq: number;
  at: string;
  type: string;
  value: string | null;
  from: string | null;
  note: string | null;
};

export type CurrentStepView = {
  id: string;
  private: boolean;
  options: Array<{ id: string; text: string }> | null;
  prompt: string | null;
  ended: boolean;
};

/** One customer: their conversation and the help desk of their ticket. */
export type ConversationView = {
  id: string;
  /** Has the customer written yet (a chat that joins later is closed until then). */
  open: boolean;
  /** Since when the customer has waited for an answer (their last message), while it is the trainee's turn. */
  waitingSince: string | null;
  mood: number;
  persona: { name: string; history: string; crm: Array<[string, string]> };
  transcript: TurnView[];
  current: CurrentStepView;
  ticket: {
    status: string;
    priority: string;
    category: string;
    tags: string[];
    linked: Array<{ id: string; title: string }>;
  };
  notes: Array<{ seq: number; at: string; note: string }>;
  escalations: Array<{ seq: number; at: string; team: string; note: string }>;
  log: LogEntry[];
};

export type AttemptView = {
  id: string;
  locale: string;
  startedAt: string;
  turn: number;
  channel: Channel;
  difficulty: Difficulty;
  /** Whether hints show beside the replies (always after the attempt is finished). */
  hints: boolean;
  email: { subject: string; history: string } | null;
  social: { platform: string; handle: string } | null;
  conversations: ConversationView[];
  /** Every conversation has reached its end: the attempt can be finished. */
  over: boolean;
  lists: { categories: string[]; teams: string[] };
};

/** The help desk's knowledge base as the player shows it: a search and the article opened. */
export type KnowledgeBase = {
  query: string;
  results: Array<{ id: string; title: string; snippet: string }> | null;
  article: { id: string; title: string; html: string } | null;
};

/** The moods 1–5, as words (i18n keys under scenario.mood). */
export const moodKeys = ["", "furious", "upset", "neutral", "content", "delighted"] as const;
