// Form schemas shared by server and browser. Messages are i18n keys.
import { z } from "zod";
import { isoDay } from "#app/utils/forms.ts";
import { locales } from "#app/utils/i18n.ts";
import { EmailChoicesSchema } from "#app/notifications/kinds.ts";
import { TimeZoneSchema } from "#app/utils/time-zone.ts";
import { roles } from "./roles.ts";

export const EmailSchema = z
  .string({ error: "form.required" })
  .trim()
  .min(1, "form.required")
  .max(254, "form.emailTooLong")
  .email("form.emailInvalid")
  .transform((v) => v.toLowerCase());

/**
 * Invisible formatting characters: right-to-left overrides and isolates, zero-width spaces and
 * joiners, soft hyphens. In a name they make "\u202Eotas" display as "sato".
 */
const INVISIBLE = /\p{Cf}/u;

export const NameSchema = z
  .string({ error: "form.required" })
  .trim()
  .min(1, "form.required")
  .max(100, "form.nameTooLong")
  .refine((v) => !/[\p{Cc}<>]/u.test(v), "form.nameInvalid")
  .refine((v) => !INVISIBLE.test(v), "form.nameInvisible");

/** Counted in characters as a person sees them, not in UTF-16 units or bytes. */
const characters = (v: string) => [...v].length;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

/** A new password. The server also refuses common ones (password.server.ts: isCommonPassword). */
export const PasswordSchema = z
  .string({ error: "form.required" })
  .refine((v) => characters(v) >= PASSWORD_MIN, { message: "form.passwordTooShort", abort: true })
  .refine((v) => characters(v) <= PASSWORD_MAX, "form.passwordTooLong");

export const LocaleSchema = z.enum(locales, { error: "form.localeInvalid" });

/** A start date: a real day, in a year an employee can have started (1990–2100). */
export const StartDateSchema = isoDay("form.dateInvalid").refine((v) => {
  const year = Number(v.slice(0, 4));
  return year >= 1990 && year <= 2100;
}, "form.dateInvalid");

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: "form.required" }).min(1, "form.required").max(200, "form.passwordTooLong"),
  redirectTo: z.string().max(2000).optional(),
});

export const ProfileSchema = z.object({
  intent: z.literal("profile"),
  name: NameSchema,
  locale: z.union([LocaleSchema, z.literal("auto")], { error: "form.localeInvalid" }),
  /** "organisation": follow the organisation's zone, and its changes. */
  timeZone: z.union([z.literal("organisation"), TimeZoneSchema], { error: "form.timeZoneInvalid" }).optional(),
});

export const PasswordChangeSchema = z
  .object({
    intent: z.literal("password"),
    currentPassword: z.string({ error: "form.required" }).min(1, "form.required").max(200, "form.passwordTooLong"),
    newPassword: PasswordSchema,
    confirmPassword: z.string({ error: "form.required" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "form.passwordMismatch",
  });

/** The profile page's forms: details, password, and ending one or all of one's sessions. */
export const ProfileFormSchema = z.discriminatedUnion(
  "intent",
  [
    ProfileSchema,
    PasswordChangeSchema,
    // A handle that is not one of the person's sessions is "not found" (sessions.server.ts).
    z.object({ intent: z.literal("end-session"), session: z.string({ error: "form.required" }).min(1).max(100) }),
    z.object({ intent: z.literal("end-all") }),
    EmailChoicesSchema,
  ],
  { error: "form.unknownIntent" },
);

/** A code from the authenticator app or a recovery code, as typed (spaces and dashes are allowed). */
const OneTimeCodeSchema = z
  .string({ error: "login.codeRequired" })
  .trim()
  .min(1, "login.codeRequired")
  .max(64, "login.codeRequired");

/** The second step of signing in. */
export const SecondStepSchema = z.object({ code: OneTimeCodeSchema });

const currentPassword = z.string({ error: "form.required" }).min(1, "form.required").max(200, "form.passwordTooLong");

/** Two-factor settings: turn on with a first code; renew the recovery codes or turn off with the password. */
export const TwoFactorFormSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("confirm"), code: OneTimeCodeSchema }),
    z.object({ intent: z.literal("renew"), password: currentPassword }),
    z.object({ intent: z.literal("disable"), password: currentPassword }),
  ],
  { error: "twoFactor.unknownIntent" },
);

/** The admin's security settings; an unchecked box is not sent at all. */
export const SecuritySettingsSchema = z.object({
  intent: z.literal("save", { error: "form.unknownIntent" }),
  requireTwoFactor: z.literal("on", { error: "form.unknownIntent" }).optional(),
});

const optionalId = z
  .string()
  .max(100)
  .optional()
  .transform((v) => (v ? v : null));

export const UserFormSchema = z.object({
  email: EmailSchema,
  name: NameSchema,
  roles: z
    .array(z.enum(roles, { error: "form.roleInvalid" }), { error: "form.rolesRequired" })
    .min(1, "form.rolesRequired"),
  teamId: optionalId,
  mentorId: optionalId,
  startDate: StartDateSchema.optional(),
  locale: z.union([LocaleSchema, z.literal("auto")], { error: "form.localeInvalid" }).default("auto"),
  password: PasswordSchema.optional(),
});

/** An admin's page for one person: save the form, or (de)activate them, or reset their two-factor sign-in. */
export const UserEditSchema = z.discriminatedUnion(
  "intent",
  [
    UserFormSchema.extend({ intent: z.literal("save") }),
    // Signing someone out everywhere is not undone by a click: the admin ticks that they mean it.
    z.object({
      intent: z.literal("deactivate"),
      confirm: z.literal("on", { error: "admin.errors.confirmDeactivate" }),
    }),
    z.object({ intent: z.literal("reactivate") }),
    z.object({ intent: z.literal("reset-two-factor") }),
    z.object({ intent: z.literal("resend-invitation") }),
  ],
  { error: "form.unknownIntent" },
);

export const TeamNameSchema = z
  .string({ error: "form.required" })
  .trim()
  .min(1, "form.required")
  .max(80, "form.teamNameTooLong")
  .refine((v) => !/[\p{Cc}<>]/u.test(v), "form.nameInvalid")
  .refine((v) => !INVISIBLE.test(v), "form.nameInvisible");

export const TeamFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("create"), name: TeamNameSchema }),
  z.object({ intent: z.literal("rename"), teamId: z.string().min(1).max(100), name: TeamNameSchema }),
  z.object({
    intent: z.literal("set-manager"),
    teamId: z.string().min(1).max(100),
    managerId: optionalId,
  }),
]);

const confirmed = <T extends { password: string; confirmPassword: string }>(value: T) =>
  value.password === value.confirmPassword;
const mismatch = { path: ["confirmPassword"], message: "form.passwordMismatch" };

/** A new password chosen through a link (invitation, reset): typed twice. */
export const NewPasswordSchema = z
  .object({
    password: PasswordSchema,
    confirmPassword: z.string({ error: "form.required" }),
  })
  .refine(confirmed, mismatch);

/** The first-run page: the first admin and the organisation's defaults. */
export const SetupSchema = z
  .object({
    name: NameSchema,
    email: EmailSchema,
    password: PasswordSchema,
    confirmPassword: z.string({ error: "form.required" }),
    timeZone: TimeZoneSchema,
    locale: LocaleSchema,
  })
  .refine(confirmed, mismatch);

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

/** The language switcher in the header (and on the sign-in page). */
export const LocaleFormSchema = z.object({
  locale: LocaleSchema,
  /** Where to go back to; an odd one only loses the way back (misc.ts: safeRedirect). */
  redirectTo: z.string().max(2000).optional().catch(undefined),
});

/** Largest CSV of people accepted in one import. */
export const CSV_MAX_BYTES = 512 * 1024;
const bytes = (text: string) => new TextEncoder().encode(text).length;

/**
 * The CSV import: a file to preview, or the checked text sent back to import. What is in it
 * is checked row by row on the server (csv-import.server.ts).
 */
export const CsvImportSchema = z
  .object({
    intent: z.enum(["preview", "import"], { error: "form.unknownIntent" }),
    /** Rows of people who already have an account update them (a sync) instead of being refused. */
    update: z.boolean().default(false),
    file: z
      .instanceof(File, { message: "csv.noFile" })
      .refine((file) => file.size <= CSV_MAX_BYTES, "csv.tooLarge")
      .optional(),
    csv: z
      .string()
      .refine((text) => bytes(text) <= CSV_MAX_BYTES, "csv.tooLarge")
      .optional(),
  })
  .refine((form) => form.file || form.csv?.trim(), { path: ["file"], message: "csv.noFile" });
