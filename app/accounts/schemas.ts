// Form schemas shared by server and browser. Messages are i18n keys.
import { z } from "zod";
import { locales } from "#app/utils/i18n.ts";
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

export const StartDateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "form.dateInvalid")
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return (
      !Number.isNaN(d.getTime()) &&
      d.toISOString().startsWith(v) &&
      d.getUTCFullYear() >= 1990 &&
      d.getUTCFullYear() <= 2100
    );
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
