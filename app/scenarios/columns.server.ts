// The JSON columns of scenario attempts, each read and written through its schema, and the
// review status as a checked union (prisma/schema.prisma keeps them as text).
import { z } from "zod";
import { jsonColumn } from "#app/utils/json-column.ts";
import { type ActionEvent, type Measures, type PlayState, type ReplyEvent } from "./engine.server.ts";
import { ruleIds } from "./feedback/rules.server.ts";

const moodChange = { moodBefore: z.number(), moodAfter: z.number(), next: z.string() };

const replyEvent: z.ZodType<ReplyEvent> = z.discriminatedUnion("type", [
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
    ...moodChange,
  }),
]);

const actionEvent: z.ZodType<ActionEvent> = z.union([
  z.object({ type: z.enum(["set-status", "set-priority", "set-category"]), value: z.string(), from: z.string() }),
  z.object({ type: z.enum(["add-tag", "remove-tag", "link-article", "unlink-article"]), value: z.string() }),
  z.object({ type: z.literal("add-note"), note: z.string() }),
  z.object({ type: z.literal("escalate"), value: z.string(), note: z.string() }),
]);

const playState: z.ZodType<PlayState> = z.object({
  stepId: z.string(),
  mood: z.number(),
  moodPath: z.array(z.number()),
  ticket: z.object({
    status: z.string(),
    priority: z.string(),
    category: z.string(),
    tags: z.array(z.string()),
    linked: z.array(z.string()),
  }),
  notes: z.number(),
  escalations: z.array(z.string()),
});

const measures: z.ZodType<Measures> = z.object({
  firstReplySeconds: z.number().nullable(),
  turnSeconds: z.array(z.number()),
  totalSeconds: z.number(),
  moodPath: z.array(z.number()),
  csat: z.number(),
  resolved: z.boolean(),
  outcome: z.string(),
  requiredActions: z.array(z.object({ id: z.string(), label: z.string(), done: z.boolean() })),
  preScore: z.number().nullable(),
  freeTextCount: z.number(),
});

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
