// Field rules the capabilities' form schemas share (app/<capability>/schemas.ts). They run in
// the browser and on the server alike. conform hands a schema `undefined` for an empty
// field, never "".
import { z } from "zod";

/**
 * A field message: an i18n key, with the values its sentence needs after "?" as in a query
 * string ("scenario.errors.replyTooLong?max=2000&length=2100"). conform carries messages as
 * plain strings; ErrorList and parseInput read them back with readFieldMessage.
 */
export function fieldMessage(key: string, values: Record<string, string | number> = {}) {
  const query = new URLSearchParams(Object.entries(values).map(([name, value]) => [name, String(value)])).toString();
  return query ? `${key}?${query}` : key;
}

export function readFieldMessage(message: string) {
  const [key = message, query = ""] = message.split("?", 2);
  return { key, values: Object.fromEntries(new URLSearchParams(query)) };
}

/**
 * The first problem of a form that shows one message for the whole form (an i18n key): for
 * small forms whose page says what went wrong in one place rather than beside each field.
 */
export function firstError(result: { error?: Record<string, string[] | null> | null }) {
  return (
    Object.values(result.error ?? {})
      .flat()
      .find((message): message is string => typeof message === "string") ?? "form.unknownIntent"
  );
}

/** At most `max` characters; the message says how many there were. */
const limited = (max: number, tooLong: string) =>
  z.string().max(max, {
    error: (issue) =>
      fieldMessage(tooLong, { max, length: typeof issue.input === "string" ? issue.input.length : max + 1 }),
  });

/** An id sent back in a hidden field or a select: present, and short. */
export const idField = (required = "form.required") =>
  z.string({ error: required }).trim().min(1, required).max(100, "form.tooLong");

/** Line ends as \n (browsers send \r\n), surrounding space dropped: what is stored. */
const normalized = z.string().transform((value) => value.replace(/\r\n?/g, "\n").trim());

/** Free text that may be left empty (then ""). */
export const optionalText = (max: number, tooLong: string) =>
  normalized
    .pipe(limited(max, tooLong))
    .optional()
    .transform((value) => value ?? "");

/** Free text that must say something. */
export const requiredText = (max: number, tooLong: string, required: string) =>
  z.string({ error: required }).pipe(normalized).pipe(z.string().min(1, required)).pipe(limited(max, tooLong));

/** A calendar day as YYYY-MM-DD that exists (no 30 February). */
export const isoDay = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((value) => {
      const day = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
    }, message);

/** Midnight UTC of a day that isoDay accepted. */
export const dayOf = (value: string) => new Date(`${value}T00:00:00Z`);
