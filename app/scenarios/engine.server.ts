// The rules of play, as pure functions: what a reply or a help-desk action does to an
// attempt, and what an attempt's events add up to. The database layer
// (attempts.server.ts) stores what these return and nothing else, so every check here
// is also what keeps bad input out of the database.
//
// A scenario has one customer conversation or several at once; each has its own step,
// mood, ticket, notes and escalations. Where a reply leads, how the customer takes it and
// how the case ends follow from what the reply does (the free-text checks) and from the
// help desk as it stands (docs/authoring.md, ADR 028).
import { DomainError, type ErrorDetails, parseInput } from "#app/utils/errors.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { firstHolding, type World } from "#app/content/conditions.ts";
import {
  type Branch,
  type Conversation,
  type DifficultySettings,
  type Ending,
  type Scenario,
  type ScenarioStep,
} from "#app/content/schemas/scenario.ts";
import { type Difficulty, type ReplyProblem, ticketPriorities, ticketStatuses } from "#app/content/vocabulary.ts";
import { type Check, checkReply, preScore, problemsOf, type RuleId, ruleIds } from "./feedback/rules.server.ts";

import { NoteSchema, ReplyTextSchema } from "./schemas.ts";
import { MAX_NOTE_LENGTH, MAX_REPLY_LENGTH } from "./view.ts";

export { MAX_NOTE_LENGTH, MAX_REPLY_LENGTH };
export const MAX_TAG_LENGTH = 40;
export const MAX_TAGS = 12;
/** A real case takes a few notes and an escalation or two; more is a flood the mentor must scroll. */
export const MAX_NOTES = 20;
export const MAX_ESCALATIONS = 5;
const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type MoodChange = {
  moodBefore: number;
  moodAfter: number;
  next: string;
  /** The branch of the step that was taken (its index), or null for the reply's own `next`. */
  branch: number | null;
  /** The customer ran out of patience: `next` is the walkout step. */
  walkout: boolean;
};

export type ReplyEvent =
  | ({
      type: "option";
      conversation: string;
      optionId: string;
      /** The text as shown when it was chosen, so the transcript never changes under a mentor. */
      text: string;
      feedback: string;
      competencies: Partial<Record<string, number>>;
    } & MoodChange)
  | ({
      type: "text";
      conversation: string;
      text: string;
      checks: Check[];
      preScore: number;
      /** The branch's feedback, when a branch was taken that has one. */
      feedback: string | null;
    } & MoodChange);

export type ActionEvent = { conversation: string } & (
  | { type: "set-status" | "set-priority" | "set-category"; value: string; from: string }
  | { type: "add-tag" | "remove-tag" | "link-article" | "unlink-article"; value: string }
  | { type: "add-note"; note: string }
  | { type: "escalate"; value: string; note: string }
);

export type StoredEvent =
  | { seq: number; at: Date; stepId: string; kind: "reply"; data: ReplyEvent }
  | { seq: number; at: Date; stepId: string; kind: "action"; data: ActionEvent };

export type Ticket = { status: string; priority: string; category: string; tags: string[]; linked: string[] };

export type ConversationState = {
  id: string;
  /** The number of events stored when the customer's first message arrived; null until then. */
  openedAt: number | null;
  stepId: string;
  mood: number;
  /** The starting mood, then the mood after each reply. */
  moodPath: number[];
  ticket: Ticket;
  notes: number;
  escalations: string[];
  /** Problems found in this conversation's free-text replies so far (for ever/never). */
  said: ReplyProblem[];
  /** Replies in a row that left the customer furious (mood 1): past the patience, they leave. */
  furious: number;
};

export type PlayState = {
  difficulty: Difficulty;
  /** Replies sent in every conversation: a waiting conversation joins after `joinsAfter` of them. */
  replies: number;
  conversations: ConversationState[];
};

/** Where a reply or action is aimed: a conversation and the step it was made at. */
export type Target = { conversation: string; step: string };

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
  | "unknownConversation"
  | "conversationNotOpen"
  | "otherConversation"
  | "unknownDifficulty"
  | "attemptNotFound"
  | "finished";

export function playError(code: PlayRefusal, status: 400 | 404 | 409 = 400, details: ErrorDetails = {}) {
  return new DomainError(code, status, `scenario.errors.${code}`, details);
}

export const clampMood = (mood: number) => Math.min(5, Math.max(1, Math.round(mood * 100) / 100));

/** The difficulty a start form names, or a 400. */
export function parseDifficulty(value: string | null | undefined): Difficulty {
  const difficulty = (["easy", "normal", "hard"] as const).find((d) => d === (value || "normal"));
  if (!difficulty) throw playError("unknownDifficulty", 400, { value: String(value).slice(0, 20) });
  return difficulty;
}

export const settingsOf = (scenario: Scenario, state: Pick<PlayState, "difficulty">): DifficultySettings =>
  scenario.difficulty[state.difficulty];

function conversationOf(scenario: Scenario, id: string): Conversation {
  const conversation = scenario.conversations.find((c) => c.id === id);
  if (!conversation) throw new Error(`Scenario ${scenario.id} has no conversation "${id}"`);
  return conversation;
}

export function stepOf(conversation: Conversation, stepId: string): ScenarioStep {
  const step = conversation.steps.find((s) => s.id === stepId);
  if (!step) throw new Error(`Conversation ${conversation.id} has no step "${stepId}"`);
  return step;
}

/** Opens the conversations whose turn has come: after `joinsAfter` replies, or when every open one is over. */
function openWaiting(scenario: Scenario, state: PlayState, turn: number): PlayState {
  const ended = (c: ConversationState) => Boolean(stepOf(conversationOf(scenario, c.id), c.stepId).endings);
  const allOver = state.conversations.every((c) => c.openedAt === null || ended(c));
  let opened = false;
  const conversations = state.conversations.map((c) => {
    if (c.openedAt !== null) return c;
    const due = conversationOf(scenario, c.id).joinsAfter <= state.replies;
    // When every open chat is over, only the next waiting one opens, not all at once.
    if (due || (allOver && !opened)) {
      opened = true;
      return { ...c, openedAt: turn };
    }
    return c;
  });
  return { ...state, conversations };
}

export function initialState(scenario: Scenario, difficulty: Difficulty): PlayState {
  const state: PlayState = {
    difficulty,
    replies: 0,
    conversations: scenario.conversations.map((c) => ({
      id: c.id,
      openedAt: null,
      stepId: c.start,
      mood: c.persona.mood,
      moodPath: [c.persona.mood],
      ticket: { ...c.ticket, tags: [...c.ticket.tags], linked: [] },
      notes: 0,
      escalations: [],
      said: [],
      furious: 0,
    })),
  };
  return openWaiting(scenario, state, 0);
}

/** The conversation a reply or action is aimed at, checked: known, open, and still at that step. */
function aim(scenario: Scenario, state: PlayState, target: Target) {
  const index = state.conversations.findIndex((c) => c.id === target.conversation);
  const current = state.conversations[index];
  if (!current) throw playError("unknownConversation", 400, { value: target.conversation.slice(0, 40) });
  if (current.openedAt === null) throw playError("conversationNotOpen", 409);
  const conversation = conversationOf(scenario, current.id);
  if (target.step !== current.stepId) {
    // A step another customer is waiting on: the form of one chat was sent to another.
    const other = state.conversations.find((c) => c.id !== current.id && c.stepId === target.step);
    if (other)
      throw playError("otherConversation", 400, {
        name: conversationOf(scenario, other.id).persona.name,
        other: conversation.persona.name,
      });
    throw playError("notCurrentStep", 409);
  }
  return { index, current, conversation };
}

const withConversation = (state: PlayState, index: number, next: ConversationState): PlayState => ({
  ...state,
  conversations: state.conversations.map((c, i) => (i === index ? next : c)),
});

/**
 * Free text moves the mood by its automatic checks: a reply that passes at least three
 * quarters of them calms the customer (+1), one that passes fewer than half upsets them
 * (−1), anything between leaves the mood as it was.
 */
export function moodChangeForText(score: number) {
  return score >= 75 ? 1 : score < 50 ? -1 : 0;
}

/** The required actions of a conversation done as its help desk stands. */
export function doneActions(conversation: Conversation, state: ConversationState) {
  return new Set(requiredActionResults(conversation, state).flatMap((r) => (r.done ? [r.id] : [])));
}

const worldOf = (conversation: Conversation, state: ConversationState, reply: ReplyProblem[] | null): World => ({
  reply: reply && new Set(reply),
  said: new Set([...state.said, ...(reply ?? [])]),
  done: doneActions(conversation, state),
  escalated: new Set(state.escalations),
});

export type ReplyInput = { optionId: string } | { text: string };

/** Checks a reply to the current step of a conversation; returns the event to store and the new state. */
export function reply(
  scenario: Scenario,
  locale: Locale,
  state: PlayState,
  target: Target,
  input: ReplyInput,
  turn: number,
): { event: ReplyEvent; state: PlayState } {
  const { index, current, conversation } = aim(scenario, state, target);
  const step = stepOf(conversation, current.stepId);
  if (step.endings) throw playError("conversationOver", 409);
  const settings = settingsOf(scenario, state);
  let event: ReplyEvent;
  let problems: ReplyProblem[] = [];
  /** The first branch whose condition holds, else the reply's own next and mood. */
  const move = (branches: Branch[], change: number, next: string, found: ReplyProblem[] | null) => {
    const branch = firstHolding(
      branches.map((b) => b.when),
      worldOf(conversation, current, found),
    );
    const taken = branches[branch];
    return {
      change: taken?.mood ?? change,
      next: taken?.next ?? next,
      branch: taken ? branch : null,
      feedback: taken?.feedback ?? null,
    };
  };
  if ("optionId" in input) {
    if (!step.replies) throw playError("notAReplyStep");
    const option = step.replies.find((r) => r.id === input.optionId);
    if (!option) throw playError("unknownOption");
    const moved = move(option.branches, option.mood, option.next, null);
    event = {
      type: "option",
      conversation: current.id,
      optionId: option.id,
      text: option.text,
      feedback: moved.feedback ?? option.feedback,
      competencies: option.competencies,
      ...moodChange(conversation, current, settings, moved),
    };
  } else {
    if (!step.freeText) throw playError("notAReplyStep");
    const text = parseInput(ReplyTextSchema, input.text);
    const checks = checkReply(text, locale, {
      customerName: conversation.persona.name,
      // An upset customer is owed an apology; a calm one is not.
      apologyExpected: current.mood <= 2,
    });
    const score = preScore(checks);
    problems = problemsOf(checks);
    const moved = move(step.freeText.branches, moodChangeForText(score), step.freeText.next, problems);
    event = {
      type: "text",
      conversation: current.id,
      text,
      checks,
      preScore: score,
      feedback: moved.feedback,
      ...moodChange(conversation, current, settings, moved),
    };
  }
  const next = afterReply(current, event, problems);
  const counted = { ...withConversation(state, index, next), replies: state.replies + 1 };
  return { event, state: openWaiting(scenario, counted, turn) };
}

/**
 * How the customer takes a reply: the change (falls scaled by the difficulty), and whether
 * this reply used up their patience, which sends them to the walkout step.
 */
function moodChange(
  conversation: Conversation,
  current: ConversationState,
  settings: DifficultySettings,
  moved: { change: number; next: string; branch: number | null },
): MoodChange {
  const scaled = moved.change < 0 ? moved.change * settings.moodDrop : moved.change;
  const moodAfter = clampMood(current.mood + scaled);
  const furious = moodAfter <= 1 ? current.furious + 1 : 0;
  const endsAnyway = Boolean(stepOf(conversation, moved.next).endings);
  const walkout = furious > settings.patience && !endsAnyway && conversation.walkout !== null;
  return {
    moodBefore: current.mood,
    moodAfter,
    next: walkout && conversation.walkout ? conversation.walkout : moved.next,
    branch: walkout ? null : moved.branch,
    walkout,
  };
}

function afterReply(current: ConversationState, event: ReplyEvent, problems: ReplyProblem[]): ConversationState {
  return {
    ...current,
    stepId: event.next,
    mood: event.moodAfter,
    moodPath: [...current.moodPath, event.moodAfter],
    said: [...new Set([...current.said, ...problems])],
    furious: event.moodAfter <= 1 ? current.furious + 1 : 0,
  };
}

export type ActionInput = { type: string; value?: string; note?: string };

const cleanNote = (note: string | undefined) => parseInput(NoteSchema, note);

type ActionResult = { event: ActionEvent; state: ConversationState };

/** One help-desk action on one conversation's ticket, notes or escalations. */
function actOn(scenario: Scenario, state: ConversationState, input: ActionInput): ActionResult {
  const value = (input.value ?? "").trim();
  const ticket = state.ticket;
  const conversation = state.id;
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
        event: { conversation, type: input.type, value, from: ticket[field] },
        state: { ...state, ticket: { ...ticket, [field]: value } },
      };
    }
    case "add-tag": {
      const tag = value.toLowerCase();
      if (!TAG.test(tag) || tag.length > MAX_TAG_LENGTH) throw playError("badTag", 400, { max: MAX_TAG_LENGTH });
      if (ticket.tags.includes(tag)) throw playError("noChange");
      if (ticket.tags.length >= MAX_TAGS) throw playError("tooManyTags", 400, { max: MAX_TAGS });
      return {
        event: { conversation, type: "add-tag", value: tag },
        state: { ...state, ticket: { ...ticket, tags: [...ticket.tags, tag] } },
      };
    }
    case "remove-tag": {
      if (!ticket.tags.includes(value)) throw playError("noChange");
      return {
        event: { conversation, type: "remove-tag", value },
        state: { ...state, ticket: { ...ticket, tags: ticket.tags.filter((t) => t !== value) } },
      };
    }
    case "link-article":
    case "unlink-article": {
      if (!scenario.articles.some((a) => a.id === value)) throw playError("unknownArticle");
      const linked = ticket.linked.includes(value);
      if (linked === (input.type === "link-article")) throw playError("noChange");
      return {
        event: { conversation, type: input.type, value },
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
      return {
        event: { conversation, type: "add-note", note: cleanNote(input.note) },
        state: { ...state, notes: state.notes + 1 },
      };
    case "escalate": {
      if (state.escalations.length >= MAX_ESCALATIONS)
        throw playError("tooManyEscalations", 400, { max: MAX_ESCALATIONS });
      if (!value) throw playError("chooseTeam");
      if (!scenario.teams.includes(value))
        throw playError("unknownValue", 400, { field: { t: "scenario.desk.team" }, value: value.slice(0, 40) });
      const note = cleanNote(input.note);
      return {
        event: { conversation, type: "escalate", value, note },
        state: { ...state, escalations: [...state.escalations, value] },
      };
    }
    default:
      throw playError("unknownAction");
  }
}

/** Checks one help-desk action against the scenario's lists; returns the event and the new state. */
export function act(
  scenario: Scenario,
  state: PlayState,
  target: Target,
  input: ActionInput,
): { event: ActionEvent; state: PlayState } {
  const { index, current } = aim(scenario, state, target);
  const done = actOn(scenario, current, input);
  return { event: done.event, state: withConversation(state, index, done.state) };
}

const inputOf = (data: ActionEvent): ActionInput =>
  data.type === "add-note"
    ? { type: data.type, note: data.note }
    : data.type === "escalate"
      ? { type: data.type, value: data.value, note: data.note }
      : { type: data.type, value: data.value };

/** Replays stored events from the start: the state a resume shows. */
export function replay(scenario: Scenario, difficulty: Difficulty, events: StoredEvent[]): PlayState {
  let state = initialState(scenario, difficulty);
  for (const event of events) {
    const index = state.conversations.findIndex((c) => c.id === event.data.conversation);
    const current = state.conversations[index];
    if (!current) throw new Error(`event ${event.seq} names no conversation "${event.data.conversation}"`);
    if (event.kind === "reply") {
      const problems = event.data.type === "text" ? problemsOf(event.data.checks) : [];
      const counted = {
        ...withConversation(state, index, afterReply(current, event.data, problems)),
        replies: state.replies + 1,
      };
      state = openWaiting(scenario, counted, event.seq);
    } else {
      state = withConversation(state, index, actOn(scenario, current, inputOf(event.data)).state);
    }
  }
  return state;
}

export type RequiredActionResult = { id: string; label: string; done: boolean };

/** Whether each required action holds at the end (the ticket as left, notes and escalations as made). */
export function requiredActionResults(conversation: Conversation, state: ConversationState): RequiredActionResult[] {
  return conversation.requiredActions.map((action) => {
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

/** How a finished conversation ends: the first of its end step's endings whose `when` holds. */
export function endingOf(scenario: Scenario, state: ConversationState): Ending {
  const conversation = conversationOf(scenario, state.id);
  const endings = stepOf(conversation, state.stepId).endings;
  if (!endings) throw playError("notFinished", 409);
  const index = firstHolding(
    endings.map((e) => e.when),
    worldOf(conversation, state, null),
  );
  const ending = endings[index] ?? endings.at(-1);
  if (!ending) throw playError("notFinished", 409);
  return ending;
}

/** Every conversation has reached an end step: the attempt can be finished. */
export const isOver = (scenario: Scenario, state: PlayState) =>
  state.conversations.every((c) => Boolean(stepOf(conversationOf(scenario, c.id), c.stepId).endings));

export type ConversationMeasures = {
  id: string;
  ending: string;
  outcome: string;
  resolved: boolean;
  csat: number;
  moodPath: number[];
  requiredActions: RequiredActionResult[];
  /** Seconds from the customer's first message to the first reply. */
  firstReplySeconds: number | null;
  /** Seconds each reply took, from the customer's message to the answer. */
  turnSeconds: number[];
  /** The longest the customer waited for an answer. */
  longestWaitSeconds: number | null;
  walkedOut: boolean;
};

export type Measures = {
  difficulty: Difficulty;
  /** Seconds from the start to the first reply in any conversation. */
  firstReplySeconds: number | null;
  totalSeconds: number;
  /** The mean of the conversations' CSATs, rounded. */
  csat: number;
  /** Every conversation resolved. */
  resolved: boolean;
  /** Mean pre-score of the free-text replies; null when there were none. */
  preScore: number | null;
  freeTextCount: number;
  /** The checks behind the pre-score: how many free-text replies passed each, of those it applied to. */
  checks: Array<{ id: RuleId; passed: number; applicable: number }>;
  conversations: ConversationMeasures[];
};

/**
 * The simulated CSAT is the customer's mood when the talk ends (1–5), at most what the
 * ending allows (2 for an unresolved case unless it says otherwise): an unsolved problem
 * is never a satisfied customer.
 */
export function simulatedCsat(mood: number, ending: Pick<Ending, "maxCsat">) {
  return Math.min(Math.round(clampMood(mood)), ending.maxCsat);
}

const seconds = (from: number, to: number) => Math.max(0, Math.round((to - from) / 1000));

export function measure(
  scenario: Scenario,
  difficulty: Difficulty,
  startedAt: Date,
  finishedAt: Date,
  events: StoredEvent[],
): Measures {
  const state = replay(scenario, difficulty, events);
  if (!isOver(scenario, state)) throw playError("notFinished", 409);
  const replies = events.filter((e): e is Extract<StoredEvent, { kind: "reply" }> => e.kind === "reply");
  const timeOf = (seq: number) =>
    seq === 0 ? startedAt.getTime() : (events.find((e) => e.seq === seq)?.at.getTime() ?? startedAt.getTime());
  const conversations = state.conversations.map((c): ConversationMeasures => {
    const conversation = conversationOf(scenario, c.id);
    const ending = endingOf(scenario, c);
    const turnSeconds: number[] = [];
    let previous = timeOf(c.openedAt ?? 0);
    for (const event of replies.filter((e) => e.data.conversation === c.id)) {
      turnSeconds.push(seconds(previous, event.at.getTime()));
      previous = event.at.getTime();
    }
    return {
      id: c.id,
      ending: ending.id,
      outcome: ending.outcome,
      resolved: ending.resolved,
      csat: simulatedCsat(c.mood, ending),
      moodPath: c.moodPath,
      requiredActions: requiredActionResults(conversation, c),
      firstReplySeconds: turnSeconds[0] ?? null,
      turnSeconds,
      longestWaitSeconds: turnSeconds.length ? Math.max(...turnSeconds) : null,
      walkedOut: replies.some((e) => e.data.conversation === c.id && e.data.walkout),
    };
  });
  const texts = replies.flatMap((e) => (e.data.type === "text" ? [e.data] : []));
  const first = replies[0];
  return {
    difficulty,
    firstReplySeconds: first ? seconds(startedAt.getTime(), first.at.getTime()) : null,
    totalSeconds: seconds(startedAt.getTime(), finishedAt.getTime()),
    csat: Math.round(conversations.reduce((sum, c) => sum + c.csat, 0) / Math.max(1, conversations.length)),
    resolved: conversations.every((c) => c.resolved),
    preScore: texts.length ? Math.round(texts.reduce((a, b) => a + b.preScore, 0) / texts.length) : null,
    freeTextCount: texts.length,
    checks: ruleIds.map((id) => {
      const results = texts.flatMap((t) => t.checks.filter((c) => c.id === id && c.ok !== null));
      return { id, passed: results.filter((c) => c.ok).length, applicable: results.length };
    }),
    conversations,
  };
}
