// Scenario attempts in the database. Every reply and help-desk action is one event,
// stored in the same transaction as the attempt's new snapshot, the moment it happens:
// a reload, a closed tab or a restarted server resumes from exactly what was stored.
import { touchActivity } from "#app/ladder/evidence.server.ts";
import { isUniqueViolation, prisma } from "#app/utils/db.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { pick } from "#app/content/localized.ts";
import {
  actionColumn,
  eventKind,
  measuresColumn,
  replyColumn,
  reviewStatus,
  type ReviewStatus,
  stateColumn,
} from "./columns.server.ts";
import { type Scenario } from "#app/content/schemas/scenario.ts";
import { type ScenarioBundle } from "#app/content/catalog.server.ts";
import { type Difficulty } from "#app/content/vocabulary.ts";
import { createLimiter } from "#app/utils/rate-limit.server.ts";
import {
  act,
  type ActionEvent,
  type ActionInput,
  initialState,
  isOver,
  measure,
  type Measures,
  playError,
  type PlayState,
  reply,
  type ReplyEvent,
  type ReplyInput,
  type StoredEvent,
  type Target,
} from "./engine.server.ts";

/** Someone else's attempt, or none at all: the same 404 either way. */
const notFound = () => playError("attemptNotFound", 404);
const finished = () => playError("finished", 409);

/** The columns of an attempt a LoadedAttempt is made of (not the claim: that is the mentor's). */
export const attemptColumns = {
  id: true,
  userId: true,
  scenarioId: true,
  locale: true,
  startedAt: true,
  stepId: true,
  turn: true,
  state: true,
  finishedAt: true,
  measures: true,
  reviewStatus: true,
  submittedAt: true,
  previousAttemptId: true,
} as const;

type AttemptRow = {
  id: string;
  userId: string;
  scenarioId: string;
  locale: string;
  startedAt: Date;
  stepId: string;
  turn: number;
  state: string;
  finishedAt: Date | null;
  measures: string | null;
  reviewStatus: ReviewStatus;
  submittedAt: Date | null;
  previousAttemptId: string | null;
};

export type LoadedAttempt = Omit<AttemptRow, "state" | "measures"> & {
  scenario: Scenario;
  state: PlayState;
  measures: Measures | null;
  events: StoredEvent[];
};

/** Stored event rows as typed events. */
export function parseEvents(
  rows: Array<{ seq: number; at: Date; stepId: string; kind: string; data: string }>,
): StoredEvent[] {
  return rows.map((row) =>
    eventKind.parse(row.kind) === "reply"
      ? { seq: row.seq, at: row.at, stepId: row.stepId, kind: "reply", data: replyColumn.decode(row.data) }
      : { seq: row.seq, at: row.at, stepId: row.stepId, kind: "action", data: actionColumn.decode(row.data) },
  );
}

type AttemptWithEvents = Omit<AttemptRow, "reviewStatus"> & {
  reviewStatus: string;
  events: Array<{ seq: number; at: Date; stepId: string; kind: string; data: string }>;
};

/** A stored attempt with its events, read through the columns' schemas in its own language. */
export function loadedAttempt(row: AttemptWithEvents, bundle: ScenarioBundle): LoadedAttempt {
  const { events, state, measures, ...rest } = row;
  return {
    ...rest,
    scenario: pick(bundle.variants, row.locale).value,
    state: stateColumn.decode(state),
    measures: measures ? measuresColumn.decode(measures) : null,
    reviewStatus: reviewStatus.parse(rest.reviewStatus),
    events: parseEvents(events),
  };
}

/** The attempt with its events, only for its owner. */
export async function loadAttempt(userId: string, bundle: ScenarioBundle, attemptId: string): Promise<LoadedAttempt> {
  const row = await prisma.scenarioAttempt.findFirst({
    where: { id: attemptId, userId, scenarioId: bundle.id },
    select: { ...attemptColumns, events: { orderBy: { seq: "asc" } } },
  });
  if (!row) throw notFound();
  return loadedAttempt(row, bundle);
}

export async function listAttempts(userId: string, scenarioId?: string) {
  return prisma.scenarioAttempt.findMany({
    where: { userId, ...(scenarioId ? { scenarioId } : {}) },
    select: {
      id: true,
      scenarioId: true,
      startedAt: true,
      finishedAt: true,
      csat: true,
      resolved: true,
      reviewStatus: true,
    },
    orderBy: { startedAt: "desc" },
  });
}

/** The attempt row's stepId: where each conversation stands (one step, or several separated by spaces). */
const stepsOf = (state: PlayState) => state.conversations.map((c) => c.stepId).join(" ");

/** Replies and help-desk actions one attempt may hold: far above any real case, well below a flood. */
export const MAX_EVENTS_PER_ATTEMPT = 200;

/** New attempts per person and hour, over every scenario (SCENARIO_ATTEMPTS_PER_HOUR). */
const starts = createLimiter(
  "scenario-start",
  () => ({ points: getEnv().SCENARIO_ATTEMPTS_PER_HOUR, durationSeconds: 3600 }),
  "scenario.errors.tooManyAttempts",
);

/**
 * The open attempt, or a new one in the reader's language and the chosen difficulty. "Try again" names the attempt it
 * follows, which must be this person's, of this scenario. Past the hourly limit a new one is
 * refused with RateLimited and nothing is stored. The database holds at most one open
 * attempt per person and scenario (ADR 020): of two starts at once, on one server or two,
 * the one stored first wins and the other resumes it.
 */
export async function startAttempt(
  userId: string,
  bundle: ScenarioBundle,
  locale: Locale,
  difficulty: Difficulty,
  previousAttemptId?: string,
) {
  if (previousAttemptId) {
    const owned = await prisma.scenarioAttempt.count({
      where: { id: previousAttemptId, userId, scenarioId: bundle.id },
    });
    if (!owned) throw notFound();
  }
  const openAttempt = () =>
    prisma.scenarioAttempt.findFirst({
      where: { userId, scenarioId: bundle.id, finishedAt: null },
      select: { id: true },
    });
  const open = await openAttempt();
  if (open) return open.id;
  await starts.consume(userId);
  const { value: scenario, locale: shown } = pick(bundle.variants, locale);
  const state = initialState(scenario, difficulty);
  try {
    const created = await prisma.$transaction(async (tx) => {
      await touchActivity(tx, userId);
      return tx.scenarioAttempt.create({
        data: {
          userId,
          scenarioId: bundle.id,
          locale: shown,
          stepId: stepsOf(state),
          state: stateColumn.encode(state),
          previousAttemptId: previousAttemptId ?? null,
        },
        select: { id: true },
      });
    });
    return created.id;
  } catch (error) {
    // The transaction is rolled back whole; the attempt stored first is the one to resume.
    if (!isUniqueViolation(error)) throw error;
    const winner = await openAttempt();
    if (!winner) throw error;
    return winner.id;
  }
}

type NewEvent = { kind: "reply"; data: ReplyEvent } | { kind: "action"; data: ActionEvent };
/** A change to the attempt: `turn` is the number the first new event gets. */
type Change = (
  scenario: Scenario,
  state: PlayState,
  locale: Locale,
  turn: number,
) => { events: NewEvent[]; state: PlayState };

/**
 * Applies one change to the attempt's current state and stores it with the next event
 * number, if and only if nobody stored another event in between (the turn guard).
 */
async function record(userId: string, bundle: ScenarioBundle, attemptId: string, stepId: string, change: Change) {
  // A lost race is tried again on the fresh state, where the change is checked anew (a
  // second reply to the same step then fails as "not the current step").
  for (let tries = 1; tries <= 3; tries++) {
    const recorded = await recordOnce(userId, bundle, attemptId, stepId, change);
    if (recorded) return recorded;
  }
  // Other tabs kept writing first: tell this one rather than fail with a 500.
  throw playError("busy", 409);
}

/** Stores the change, or returns null when another writer took the turn first (nothing stored). */
async function recordOnce(userId: string, bundle: ScenarioBundle, attemptId: string, stepId: string, change: Change) {
  const row = await prisma.scenarioAttempt.findFirst({
    where: { id: attemptId, userId, scenarioId: bundle.id },
    select: { turn: true, state: true, finishedAt: true, locale: true, stepId: true },
  });
  if (!row) throw notFound();
  if (row.finishedAt) throw finished();
  const { value: scenario, locale } = pick(bundle.variants, row.locale);
  const before = stateColumn.decode(row.state);
  const { events, state } = change(scenario, before, locale, row.turn + 1);
  if (row.turn + events.length > MAX_EVENTS_PER_ATTEMPT) {
    throw playError("tooManyActions", 400, { max: MAX_EVENTS_PER_ATTEMPT });
  }
  const at = new Date();
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.scenarioAttempt.updateMany({
      where: { id: attemptId, turn: row.turn, finishedAt: null },
      data: { turn: row.turn + events.length, stepId: stepsOf(state), state: stateColumn.encode(state) },
    });
    if (claimed.count !== 1) return null;
    await tx.scenarioEvent.createMany({
      data: events.map((event, i) => ({
        attemptId,
        seq: row.turn + 1 + i,
        at,
        kind: event.kind,
        stepId,
        data: event.kind === "reply" ? replyColumn.encode(event.data) : actionColumn.encode(event.data),
      })),
    });
    await touchActivity(tx, userId, at);
    return { events, state };
  });
}

export async function recordReply(
  userId: string,
  bundle: ScenarioBundle,
  attemptId: string,
  target: Target,
  input: ReplyInput,
) {
  const result = await record(userId, bundle, attemptId, target.step, (scenario, state, locale, turn) => {
    const { event, state: next } = reply(scenario, locale, state, target, input, turn);
    return { events: [{ kind: "reply" as const, data: event }], state: next };
  });
  const [first] = result.events;
  if (first?.kind !== "reply") throw new Error("a reply records one reply event");
  return { event: first.data, state: result.state };
}

export function recordAction(
  userId: string,
  bundle: ScenarioBundle,
  attemptId: string,
  target: Target,
  input: ActionInput,
) {
  return recordActions(userId, bundle, attemptId, target, [input]);
}

/** Applies actions one after another; nothing to apply is refused (no event is stored). */
function applyActions(scenario: Scenario, state: PlayState, target: Target, inputs: ActionInput[]) {
  const events: NewEvent[] = [];
  let current = state;
  for (const input of inputs) {
    const applied = act(scenario, current, target, input);
    events.push({ kind: "action", data: applied.event });
    current = applied.state;
  }
  if (!events.length) throw playError("noChange");
  return { events, state: current };
}

/** Several help-desk actions: all stored, or none. */
export function recordActions(
  userId: string,
  bundle: ScenarioBundle,
  attemptId: string,
  target: Target,
  inputs: ActionInput[],
) {
  return record(userId, bundle, attemptId, target.step, (scenario, state) =>
    applyActions(scenario, state, target, inputs),
  );
}

const ticketFields = [
  ["status", "set-status"],
  ["priority", "set-priority"],
  ["category", "set-category"],
] as const;

/**
 * The ticket form sends its three fields together: each that differs from the ticket as it
 * stands (read inside the turn guard) is one action, and they are stored together or not at all.
 */
export function recordTicket(
  userId: string,
  bundle: ScenarioBundle,
  attemptId: string,
  target: Target,
  fields: Partial<Record<(typeof ticketFields)[number][0], string>>,
) {
  return record(userId, bundle, attemptId, target.step, (scenario, state) => {
    const ticket = state.conversations.find((c) => c.id === target.conversation)?.ticket;
    const inputs = ticketFields.flatMap(([name, type]) => {
      const value = fields[name];
      return value !== undefined && value !== ticket?.[name] ? [{ type, value }] : [];
    });
    return applyActions(scenario, state, target, inputs);
  });
}

/** Whether a finished attempt goes to the mentor queue: free text in it, or a scenario marked for review. */
export function needsReview(scenario: Scenario, measures: Measures) {
  return scenario.review || measures.freeTextCount > 0;
}

/** Ends the attempt once the conversation is over: measures it and, where needed, queues it for review. */
export async function finishAttempt(userId: string, bundle: ScenarioBundle, attemptId: string) {
  const attempt = await loadAttempt(userId, bundle, attemptId);
  if (attempt.finishedAt) throw finished();
  if (!isOver(attempt.scenario, attempt.state)) throw playError("notFinished", 409);
  const finishedAt = new Date();
  const measures = measure(attempt.scenario, attempt.state.difficulty, attempt.startedAt, finishedAt, attempt.events);
  const review = needsReview(attempt.scenario, measures);
  await prisma.$transaction(async (tx) => {
    const done = await tx.scenarioAttempt.updateMany({
      where: { id: attempt.id, finishedAt: null, turn: attempt.turn },
      data: {
        finishedAt,
        measures: measuresColumn.encode(measures),
        csat: measures.csat,
        resolved: measures.resolved,
        preScore: measures.preScore,
        reviewStatus: reviewStatus.enum[review ? "waiting" : "none"],
        submittedAt: review ? finishedAt : null,
      },
    });
    if (done.count !== 1) throw finished();
    await touchActivity(tx, userId, finishedAt);
  });
  return { measures, review };
}
