// The manager's assignment form (mentor, target level, due date): one schema for the browser
// and the server. Messages are i18n keys.
import { z } from "zod";
import { levels } from "#app/content/vocabulary.ts";
import { idField, isoDay } from "#app/utils/forms.ts";

export const AssignSchema = z.object({
  traineeId: idField(),
  /** Empty: keep the mentor the trainee has. */
  mentorId: z.string().trim().max(100, "form.tooLong").optional().default(""),
  targetLevel: z.enum(levels, { error: "team.errors.unknownLevel" }),
  dueDate: isoDay("team.errors.badDate"),
});
/** What a capability may be handed before the schema has checked it. */
export type AssignInput = { traineeId: string; mentorId?: string; targetLevel: string; dueDate: string };
