// The calibration forms, one schema each, for the browser and the server. Messages are i18n keys.
import { z } from "zod";
import { idField, isoDay, optionalText, requiredText } from "#app/utils/forms.ts";

export const MAX_TITLE = 120;
export const MAX_NOTE = 4000;
export const MAX_ITEMS = 10;
export const MAX_MENTORS = 60;

/** Checkboxes sent once per ticked box: none is undefined, one a string, several an array. */
const ticked = (max: number, none: string, tooMany: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => [...new Set(value === undefined ? [] : Array.isArray(value) ? value : [value])])
    .pipe(z.array(z.string().min(1).max(100)).min(1, none).max(max, tooMany));

export const NewSessionSchema = z.object({
  title: requiredText(MAX_TITLE, "calibration.errors.titleTooLong", "calibration.errors.titleRequired"),
  team: idField("calibration.errors.teamRequired"),
  deadline: isoDay("calibration.errors.deadlineInvalid"),
  attempt: ticked(MAX_ITEMS, "calibration.errors.noAttempts", "calibration.errors.tooManyAttempts"),
  mentor: ticked(MAX_MENTORS, "calibration.errors.noMentors", "calibration.errors.tooManyMentors"),
});
export type NewSession = z.output<typeof NewSessionSchema>;

export const CloseSessionSchema = z.object({
  intent: z.literal("close"),
  note: requiredText(MAX_NOTE, "calibration.errors.noteTooLong", "calibration.errors.noteRequired"),
});

export const HiddenSettingSchema = z.object({
  intent: z.literal("hidden"),
  team: idField("calibration.errors.teamRequired"),
  enabled: z.enum(["on", "off"], { error: "form.unknownIntent" }),
});

export const NoteSchema = optionalText(MAX_NOTE, "calibration.errors.noteTooLong");
