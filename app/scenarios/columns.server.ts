// The JSON columns of scenario attempts, each read and written through its schema, and the
// review status as a checked union (prisma/schema.prisma keeps them as text). Rows written
// before scenarios had several conversations and endings (ADR 028) are read as one
// conversation, "main", played at normal difficulty.
import { z } from "zod";
import { SINGLE_CONVERSATION } from "#app/content/schemas/scenario.ts";
import { difficulties, replyProblems } from "#app/content/vocabulary.ts";
import { jsonColumn } from "#app/utils/json-column.ts";
import {
  type ActionEvent,
  type ConversationMeasures,
  type ConversationState,
  type Measures,
  type PlayState,
  type ReplyEvent,
} from "./engine.server.ts";
import { ruleIds } from "./feedback/rules.server.ts";

const conversation = z.string().default(SINGLE_CONVERSATION);
const moodChange = {
  conversation,
  moodBefore: z.number(),
  moodAfter: z.number(),
  next: z.string(),
  branch: z.number().nullable().default(null),
  walkout: z.boolean().default(false),
};

const replyEvent: z.ZodType<ReplyEvent, unknown> = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("option"),
    optionId: z.string(),
    text: z.string(),
    feedback: z.string(),
    competencies: z.record(z.string(), z.number()),
    ...moodChange,
  }),
  z.object({
    type: z.literal("text"),
    text: z.string(),
    checks: z.array(z.object({ id: z.enum(ruleIds), ok: z.boolean().nullable(), evidence: z.string().nullable() })),
    preScore: z.number(),
    feedback: z.string().nullable().default(null),
    ...moodChange,
  }),
]);

const actionEvent: z.ZodType<ActionEvent, unknown> = z.union([
  z.object({
    conversation,
    type: z.enum(["set-status", "set-priority", "set-category"]),
    value: z.string(),
    from: z.string(),
  }),
  z.object({
    conversation,
    type: z.enum(["add-tag", "remove-tag", "link-article", "unlink-article"]),
    value: z.string(),
  }),
  z.object({ conversation, type: z.literal("add-note"), note: z.string() }),
  z.object({ conversation, type: z.literal("escalate"), value: z.string(), note: z.string() }),
]);

const ticket = z.object({
  status: z.string(),
  priority: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  linked: z.array(z.string()),
});

const conversationState: z.ZodType<ConversationState> = z.object({
  id: z.string(),
  openedAt: z.number().nullable(),
  stepId: z.string(),
  mood: z.number(),
  moodPath: z.array(z.number()),
  ticket,
  notes: z.number(),
  escalations: z.array(z.string()),
  said: z.array(z.enum(replyProblems)),
  furious: z.number(),
});

/** The snapshot before several conversations: one customer's step, mood and help desk. */
const oneConversationState = z
  .object({
    stepId: z.string(),
    mood: z.number(),
    moodPath: z.array(z.number()),
    ticket,
    notes: z.number(),
    escalations: z.array(z.string()),
  })
  .transform((old): PlayState => ({
    difficulty: "normal",
    replies: old.moodPath.length - 1,
    conversations: [{ ...old, id: SINGLE_CONVERSATION, openedAt: 0, said: [], furious: old.mood <= 1 ? 1 : 0 }],
  }));

const playState: z.ZodType<PlayState, unknown> = z.union([
  z.object({
    difficulty: z.enum(difficulties),
    replies: z.number(),
    conversations: z.array(conversationState),
  }),
  oneConversationState,
]);

const requiredActions = z.array(z.object({ id: z.string(), label: z.string(), done: z.boolean() }));

const conversationMeasures: z.ZodType<ConversationMeasures> = z.object({
  id: z.string(),
  ending: z.string(),
  outcome: z.string(),
  resolved: z.boolean(),
  csat: z.number(),
  moodPath: z.array(z.number()),
  requiredActions,
  firstReplySeconds: z.number().nullable(),
  turnSeconds: z.array(z.number()),
  longestWaitSeconds: z.number().nullable(),
  walkedOut: z.boolean(),
});

/** The measures before several conversations and endings. */
const oneConversationMeasures = z
  .object({
    firstReplySeconds: z.number().nullable(),
    turnSeconds: z.array(z.number()),
    totalSeconds: z.number(),
    moodPath: z.array(z.number()),
    csat: z.number(),
    resolved: z.boolean(),
    outcome: z.string(),
    requiredActions,
    preScore: z.number().nullable(),
    freeTextCount: z.number(),
  })
  .transform((old): Measures => ({
    difficulty: "normal",
    firstReplySeconds: old.firstReplySeconds,
    totalSeconds: old.totalSeconds,
    csat: old.csat,
    resolved: old.resolved,
    preScore: old.preScore,
    freeTextCount: old.freeTextCount,
    checks: [],
    conversations: [
      {
        id: SINGLE_CONVERSATION,
        ending: "",
        outcome: old.outcome,
        resolved: old.resolved,
        csat: old.csat,
        moodPath: old.moodPath,
        requiredActions: old.requiredActions,
        firstReplySeconds: old.firstReplySeconds,
        turnSeconds: old.turnSeconds,
        longestWaitSeconds: old.turnSeconds.length ? Math.max(...old.turnSeconds) : null,
        walkedOut: false,
      },
    ],
  }));

const measures: z.ZodType<Measures, unknown> = z.union([
  z.object({
    difficulty: z.enum(difficulties),
    firstReplySeconds: z.number().nullable(),
    totalSeconds: z.number(),
    csat: z.number(),
    resolved: z.boolean(),
    preScore: z.number().nullable(),
    freeTextCount: z.number(),
    checks: z.array(z.object({ id: z.enum(ruleIds), passed: z.number(), applicable: z.number() })),
    conversations: z.array(conversationMeasures),
  }),
  oneConversationMeasures,
]);

/** ScenarioAttempt.state */
export const stateColumn = jsonColumn(playState);
/** ScenarioAttempt.measures */
export const measuresColumn = jsonColumn(measures);
/** ScenarioEvent.data of a reply event */
export const replyColumn = jsonColumn(replyEvent);
/** ScenarioEvent.data of an action event */
export const actionColumn = jsonColumn(actionEvent);

/** ScenarioEvent.kind */
export const eventKind = z.enum(["reply", "action"]);

/** ScenarioAttempt.reviewStatus: none (nothing to review), waiting (in the queue), graded. */
export const reviewStatus = z.enum(["none", "waiting", "graded"]);
export type ReviewStatus = z.infer<typeof reviewStatus>;
