// One model for every refusal a person can meet (ADR 017): what was refused (a code the
// tests and the page can branch on), the HTTP status, the i18n key of the sentence that says
// why and what to do, and the values that sentence needs. Capabilities throw it; routes turn
// it into their answer with one helper (errors.server.ts), in the person's language.
import { z } from "zod";
import { readFieldMessage } from "./forms.ts";

export type ErrorStatus = 400 | 403 | 404 | 409 | 429 | 503;

/** A placeholder's value; `{ t: key }` is itself translated first (a field's label, say). */
export type ErrorDetail = string | number | { t: string };
export type ErrorDetails = Record<string, ErrorDetail>;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: ErrorStatus,
    readonly messageKey: string,
    readonly details: ErrorDetails = {},
  ) {
    super(code);
    this.name = "DomainError";
  }
}

/** Nothing at this address for this person: someone else's things are "not found" too. */
export const notFound = (messageKey: string) => new DomainError("notFound", 404, messageKey);

/** Signed in, but this is not theirs to see or change. */
export const forbidden = (messageKey: string) => new DomainError("forbidden", 403, messageKey);

/** A refusal as the browser gets it: the sentence already in the person's language. */
export const errorReplySchema = z.object({
  code: z.string(),
  status: z.number(),
  message: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ErrorReply = z.infer<typeof errorReplySchema>;

/** The refusal inside a route's error data, if that is what it carries (error boundaries). */
export function errorReplyIn(data: unknown): ErrorReply | null {
  const parsed = z.object({ error: errorReplySchema }).safeParse(data);
  return parsed.success ? parsed.data.error : null;
}

/**
 * Checks what a capability is given with the form's own schema (whose messages are i18n keys,
 * `<area>.errors.<code>`, utils/forms.ts), so a caller that skipped the form is refused by the
 * same rules: the first problem becomes the refusal.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, status: ErrorStatus = 400): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const { key, values } = readFieldMessage(parsed.error.issues[0]?.message ?? "errors.bad.body");
  throw new DomainError(key.split(".").at(-1) ?? key, status, key, values);
}
