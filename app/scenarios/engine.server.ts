// The rules of play, as pure functions: what a reply or a help-desk action does to an
// attempt, and what an attempt's events add up to. The database layer
// (attempts.server.ts) stores what these return and nothing else, so every check here
// is also what keeps bad input out of the database.
import { DomainError, type ErrorDetails, parseInput } from "#app/utils/errors.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { type Check, checkReply, preScore } from "./feedback/rules.server.ts";
import { ticketPriorities, ticketStatuses } from "#app/content/vocabulary.ts";
import { type Scenario, type ScenarioStep } from "#app/content/schemas/scenario.ts";

import { NoteSchema, ReplyTextSchema } from "./schemas.ts";
import { MAX_NOTE_LENGTH, MAX_REPLY_LENGTH } from "./view.ts";

export { MAX_NOTE_LENGTH, MAX_REPLY_LENGTH };
export const MAX_TAG_LENGTH = 40;
export const MAX_TAGS = 12;
/** A real case takes a few notes and an escalation or two; more is a flood the mentor must scroll. */
export const MAX_NOTES = 20;
export const MAX_ESCALATIONS = 5;
const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type ReplyEvent =
  | {
      type: "option";
      optionId: string;
      /** The text as shown when it was chosen, so the transcript never changes under a mentor. */
      text: string;
      feedback: string;
      competencies: Partial<Record<string, number>>;
      moodBefore: number;
      moodAfter: number;
      next: string;
    }
  | {
      type: "text";
      text: string;
      checks: Check[];
      preScore: number;
      moodBefore: number;
      moodAfter: number;
      next: string;
    };

export type ActionEvent =
  | { type: "set-status" | "set-priority" | "set-category"; value: string; from: string }
  | { type: "add-tag" | "remove-tag" | "link-article" | "unlink-article"; value: string }
  | { type: "add-note"; note: string }
  | { type: "escalate"; value: string; note: string };

export type StoredEvent =
  | { seq: number; at: Date; stepId: string; kind: "reply"; data: ReplyEvent }
  | { seq: number; at: Date; stepId: string; kind: "action"; data: ActionEvent };

export type Ticket = { status: string; priority: string; category: string; tags: string[]; linked: string[] };

export type PlayState = {
  stepId: string;
  mood: number;
  /** The starting mood, then the mood after each reply. */
  moodPath: number[];
  ticket: Ticket;
  notes: number;
  escalations: string[];
};

/** Problems a trainee can cause; each becomes a clear 4xx message and stores nothing. */
export type PlayRefusal =
  | "notCurrentStep"
  | "conversationOver"
  | "notAReplyStep"
  | "unknownOption"
  | "emptyReply"
  | "replyTooLong"
  | "unknownAction"
  | "unknownValue"
  | "unknownArticle"
  | "badTag"
  | "tooManyTags"
  | "tooManyNotes"
  | "tooManyEscalations"
  | "tooManyActions"
  | "noteRequired"
  | "chooseTeam"
  | "noteTooLong"
  | "noChange"
  | "notFinished"
  | "busy"
  | "attemptNotFound"
  | "finished";

export function playError(code: PlayRefusal, status: 400 | 404 | 409 = 400, details: ErrorDetails = {}) {
  return new DomainError(code, status, `scenario.errors.${code}`, details);
}

export const clampMood = (mood: number) => Math.min(5, Math.max(1, mood));

export function initialState(scenario: Scenario): PlayState {
  return {
    stepId: scenario.start,
    mood: scenario.persona.mood,
    moodPath: [scenario.persona.mood],
    ticket: { ...scenario.ticket, tags: [...scenario.ticket.tags], linked: [] },
    notes: 0,
    escalations: [],
  };
}

export function stepOf(scenario: Scenario, stepId: string): ScenarioStep {
  const step = scenario.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`Scenario ${scenario.id} has no step "${stepId}"`);
  return step;
}

/**
 * Free text moves the mood by its automatic checks: a reply that passes at least three
 * quarters of them calms the customer (+1), one that passes fewer than half upsets them
 * (−1), anything between leaves the mood as it was.
 */
export function moodChangeForText(score: number) {
  return score >= 75 ? 1 : score < 50 ? -1 : 0;
}

export type ReplyInput = { optionId: string } | { text: string };

/** Checks a reply to the current step; returns the event to store and the new state. */
export function reply(
  scenario: Scenario,
  locale: Locale,
  state: PlayState,
  stepId: string,
  input: ReplyInput,
): { event: ReplyEvent; state: PlayState } {
  if (stepId !== state.stepId) throw playError("notCurrentStep", 409);
  const step = stepOf(scenario, state.stepId);
  if (step.end) throw playError("conversationOver", 409);
  let event: ReplyEvent;
  if ("optionId" in input) {
    if (!step.replies) throw playError("notAReplyStep");
    const option = step.replies.find((r) => r.id === input.optionId);
    if (!option) throw playError("unknownOption");
    event = {
      type: "option",
      optionId: option.id,
      text: option.text,
      feedback: option.feedback,
      competencies: option.competencies,
      moodBefore: state.mood,
      moodAfter: clampMood(state.mood + option.mood),
      next: option.next,
    };
  } else {
    if (!step.freeText) throw playError("notAReplyStep");
    const text = parseInput(ReplyTextSchema, input.text);
    const checks = checkReply(text, locale, {
      customerName: scenario.persona.name,
      // An upset customer is owed an apology; a calm one is not.
      apologyExpected: state.mood <= 2,
    });
    const score = preScore(checks);
    event = {
      type: "text",
      text,
      checks,
      preScore: score,
      moodBefore: state.mood,
      moodAfter: clampMood(state.mood + moodChangeForText(score)),
      next: step.freeText.next,
    };
  }
  return {
    event,
    state: { ...state, stepId: event.next, mood: event.moodAfter, moodPath: [...state.moodPath, event.moodAfter] },
  };
}

export type ActionInput = { type: string; value?: string; note?: string };

const cleanNote = (note: string | undefined) => parseInput(NoteSchema, note);

/** Checks one help-desk action against the scenario's lists; returns the event and the new state. */
export function act(
  scenario: Scenario,
  state: PlayState,
  stepId: string,
  input: ActionInput,
): { event: ActionEvent; state: PlayState } {
  if (stepId !== state.stepId) throw playError("notCurrentStep", 409);
  const value = (input.value ?? "").trim();
  const ticket = state.ticket;
  switch (input.type) {
    case "set-status":
    case "set-priority":
    case "set-category": {
      const field = input.type === "set-status" ? "status" : input.type === "set-priority" ? "priority" : "category";
      const allowed: readonly string[] =
        field === "status" ? ticketStatuses : field === "priority" ? ticketPriorities : scenario.categories;
      if (!allowed.includes(value))
        throw playError("unknownValue", 400, { field: { t: `scenario.desk.${field}` }, value: value.slice(0, 40) });
      if (ticket[field] === value) throw playError("noChange");
      return {
        event: { type: input.type, value, from: ticket[field] },
        state: { ...state, ticket: { ...ticket, [field]: value } },
      };
    }
    case "add-tag": {
      const tag = value.toLowerCase();
      if (!TAG.test(tag) || tag.length > MAX_TAG_LENGTH) throw playError("badTag", 400, { max: MAX_TAG_LENGTH });
      if (ticket.tags.includes(tag)) throw playError("noChange");
      if (ticket.tags.length >= MAX_TAGS) throw playError("tooManyTags", 400, { max: MAX_TAGS });
      return {
        event: { type: "add-tag", value: tag },
        state: { ...state, ticket: { ...ticket, tags: [...ticket.tags, tag] } },
      };
    }
    case "remove-tag": {
      if (!ticket.tags.includes(value)) throw playError("noChange");
      return {
        event: { type: "remove-tag", value },
        state: { ...state, ticket: { ...ticket, tags: ticket.tags.filter((t) => t !== value) } },
      };
    }
    case "link-article":
    case "unlink-article": {
      if (!scenario.articles.some((a) => a.id === value)) throw playError("unknownArticle");
      const linked = ticket.linked.includes(value);
      if (linked === (input.type === "link-article")) throw playError("noChange");
      return {
        event: { type: input.type, value },
        state: {
          ...state,
          ticket: {
            ...ticket,
            linked: linked ? ticket.linked.filter((a) => a !== value) : [...ticket.linked, value],
          },
        },
      };
    }
    case "add-note":
      if (state.notes >= MAX_NOTES) throw playError("tooManyNotes", 400, { max: MAX_NOTES });
      return { event: { type: "add-note", note: cleanNote(input.note) }, state: { ...state, notes: state.notes + 1 } };
    case "escalate": {
      if (state.escalations.length >= MAX_ESCALATIONS)
        throw playError("tooManyEscalations", 400, { max: MAX_ESCALATIONS });
      if (!value) throw playError("chooseTeam");
      if (!scenario.teams.includes(value))
        throw playError("unknownValue", 400, { field: { t: "scenario.desk.team" }, value: value.slice(0, 40) });
      const note = cleanNote(input.note);
      return {
        event: { type: "escalate", value, note },
        state: { ...state, escalations: [...state.escalations, value] },
      };
    }
    default:
      throw playError("unknownAction");
  }
}

/** Replays stored events from the start: the state a resume shows. */
export function replay(scenario: Scenario, events: StoredEvent[]): PlayState {
  let state = initialState(scenario);
  for (const event of events) {
    if (event.kind === "reply") {
      state = {
        ...state,
        stepId: event.data.next,
        mood: event.data.moodAfter,
        moodPath: [...state.moodPath, event.data.moodAfter],
      };
    } else {
      const data = event.data;
      const input: ActionInput =
        data.type === "add-note"
          ? { type: data.type, note: data.note }
          : data.type === "escalate"
            ? { type: data.type, value: data.value, note: data.note }
            : { type: data.type, value: data.value };
      state = act(scenario, state, state.stepId, input).state;
    }
  }
  return state;
}

export type RequiredActionResult = { id: string; label: string; done: boolean };

/** Whether each required action holds at the end (the ticket as left, notes and escalations as made). */
export function requiredActionResults(scenario: Scenario, state: PlayState): RequiredActionResult[] {
  return scenario.requiredActions.map((action) => {
    const value = action.value ?? "";
    const done =
      action.type === "set-status"
        ? state.ticket.status === value
        : action.type === "set-priority"
          ? state.ticket.priority === value
          : action.type === "set-category"
            ? state.ticket.category === value
            : action.type === "add-tag"
              ? state.ticket.tags.includes(value)
              : action.type === "link-article"
                ? state.ticket.linked.includes(value)
                : action.type === "add-note"
                  ? state.notes > 0
                  : state.escalations.includes(value);
    return { id: action.id, label: action.label, done };
  });
}

export type Measures = {
  /** Seconds from the start to the first reply. */
  firstReplySeconds: number | null;
  /** Seconds each reply took, from the customer's message to the answer. */
  turnSeconds: number[];
  totalSeconds: number;
  moodPath: number[];
  csat: number;
  resolved: boolean;
  outcome: string;
  requiredActions: RequiredActionResult[];
  /** Mean pre-score of the free-text replies; null when there were none. */
  preScore: number | null;
  freeTextCount: number;
};

/**
 * The simulated CSAT is the customer's mood when the talk ends (1–5), capped at 2 when
 * the case was not resolved: an unsolved problem is never a satisfied customer.
 */
export function simulatedCsat(mood: number, resolved: boolean) {
  const csat = clampMood(Math.round(mood));
  return resolved ? csat : Math.min(csat, 2);
}

export function measure(scenario: Scenario, startedAt: Date, finishedAt: Date, events: StoredEvent[]): Measures {
  const state = replay(scenario, events);
  const end = stepOf(scenario, state.stepId).end;
  if (!end) throw playError("notFinished", 409);
  const replies = events.filter((e): e is Extract<StoredEvent, { kind: "reply" }> => e.kind === "reply");
  const turnSeconds: number[] = [];
  let previous = startedAt.getTime();
  for (const event of replies) {
    turnSeconds.push(Math.max(0, Math.round((event.at.getTime() - previous) / 1000)));
    previous = event.at.getTime();
  }
  const texts = replies.flatMap((e) => (e.data.type === "text" ? [e.data.preScore] : []));
  return {
    firstReplySeconds: turnSeconds[0] ?? null,
    turnSeconds,
    totalSeconds: Math.max(0, Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000)),
    moodPath: state.moodPath,
    csat: simulatedCsat(state.mood, end.resolved),
    resolved: end.resolved,
    outcome: end.outcome,
    requiredActions: requiredActionResults(scenario, state),
    preScore: texts.length ? Math.round(texts.reduce((a, b) => a + b, 0) / texts.length) : null,
    freeTextCount: texts.length,
  };
}
