// The scenario player's forms (start, reply, help-desk action, ticket, finish) as one union
// on `intent`: one schema for the browser (hints before sending) and the server. The reply
// and note rules are also what the engine applies to whatever it is given (engine.server.ts).
// Messages are i18n keys.
import { z } from "zod";
import { actionTypes } from "#app/content/vocabulary.ts";
import { idField, requiredText } from "#app/utils/forms.ts";
import { MAX_NOTE_LENGTH, MAX_REPLY_LENGTH } from "./view.ts";

export const ReplyTextSchema = requiredText(
  MAX_REPLY_LENGTH,
  "scenario.errors.replyTooLong",
  "scenario.errors.emptyReply",
);
export const NoteSchema = requiredText(MAX_NOTE_LENGTH, "scenario.errors.noteTooLong", "scenario.errors.noteRequired");

/** The help desk's actions a form can post one at a time (the ticket form sends its three fields together, intent "ticket"). */
export const deskActions = [...actionTypes, "remove-tag", "unlink-article"] as const;
const withNote = new Set<string>(["add-note", "escalate"]);

const turn = {
  attemptId: idField("scenario.errors.attemptNotFound"),
  step: idField("form.unknownIntent"),
  /** The chat a form belongs to; absent for a scenario with one customer. */
  conversation: z.string().trim().max(100, "form.tooLong").optional(),
};
/** A value picked from the scenario's lists; the engine knows which values exist. */
const choice = z.string().trim().max(100, "form.tooLong");

export const ScenarioFormSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("start"), previous: choice.optional(), difficulty: choice.optional() }),
    z
      .object({ intent: z.literal("reply"), ...turn, option: choice.optional(), text: ReplyTextSchema.optional() })
      .refine((reply) => reply.option !== undefined || reply.text !== undefined, {
        path: ["text"],
        message: "scenario.errors.chooseReply",
      }),
    z
      .object({
        intent: z.literal("action"),
        ...turn,
        type: z.enum(deskActions, { error: "scenario.errors.unknownAction" }),
        value: choice.optional(),
        note: NoteSchema.optional(),
      })
      .refine((action) => action.type !== "escalate" || action.value, {
        path: ["value"],
        message: "scenario.errors.chooseTeam",
      })
      .refine((action) => !withNote.has(action.type) || action.note, {
        path: ["note"],
        message: "scenario.errors.noteRequired",
      }),
    z.object({
      intent: z.literal("ticket"),
      ...turn,
      status: choice.optional(),
      priority: choice.optional(),
      category: choice.optional(),
    }),
    z.object({ intent: z.literal("finish"), attemptId: turn.attemptId }),
  ],
  { error: "form.unknownIntent" },
);
export type ScenarioForm = z.output<typeof ScenarioFormSchema>;

/** The panel of the page a form sits in, where its answer is shown (and the page scrolls to). */
export function panelOf(sent: { intent?: unknown; type?: unknown } | null | undefined) {
  if (!sent) return null;
  if (sent.intent === "reply" || sent.intent === "finish") return "reply";
  if (sent.intent === "start") return "start";
  if (sent.intent !== "action") return "desk-ticket";
  return sent.type === "add-note"
    ? "desk-notes"
    : sent.type === "escalate"
      ? "desk-escalate"
      : sent.type === "link-article"
        ? "desk-kb"
        : "desk-ticket";
}
