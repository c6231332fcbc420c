// The assignment form (what, to whom, by when): one schema for the browser and the server.
// Messages are i18n keys.
import { z } from "zod";
import { difficulties } from "#app/content/vocabulary.ts";
import { idField, isoDay, optionalText } from "#app/utils/forms.ts";

export const assignmentKinds = ["course", "quiz", "scenario"] as const;
export type AssignmentKind = (typeof assignmentKinds)[number];
export const NOTE_MAX = 500;

export const AssignItemsSchema = z.object({
  kind: z.enum(assignmentKinds, { error: "assignments.errors.unknownItem" }),
  itemId: idField("assignments.errors.unknownItem"),
  difficulty: z
    .union([z.enum(difficulties), z.literal("")])
    .optional()
    .default(""),
  /** People chosen one by one; a team adds everyone in it. */
  userIds: z.array(z.string().trim().min(1).max(100)).max(500).optional().default([]),
  teamId: z.string().trim().max(100).optional().default(""),
  dueDate: isoDay("assignments.errors.badDate"),
  note: optionalText(NOTE_MAX, "assignments.errors.noteTooLong"),
});
export type AssignItemsInput = z.input<typeof AssignItemsSchema>;

/** The two forms that post to /assignments, told apart by `intent`; `back` is the page to return to. */
export const AssignmentActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("assign"),
    back: z.string().max(300).optional().default("/trainees"),
    item: z.string({ error: "assignments.errors.unknownItem" }).max(200),
    difficulty: z.string().max(20).optional().default(""),
    userIds: z.array(z.string().max(100)).max(500).optional().default([]),
    teamId: z.string().max(100).optional().default(""),
    dueDate: z.string({ error: "assignments.errors.badDate" }).max(20),
    note: z.string().max(5000).optional().default(""),
  }),
  z.object({
    intent: z.literal("withdraw"),
    back: z.string().max(300).optional().default("/trainees"),
    assignmentId: idField(),
    confirm: z.literal("yes", { error: "assignments.errors.confirm" }),
  }),
]);
