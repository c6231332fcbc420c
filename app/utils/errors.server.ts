import { json } from "@remix-run/node";
import { DomainError, type ErrorReply } from "./errors.ts";
import { type Locale } from "./i18n.ts";
import { getFixedT } from "./locale.server.ts";

/** The refusal in the person's language, with the values its sentence used. */
export function describeError(error: DomainError, locale: Locale): ErrorReply {
  const t = getFixedT(locale);
  const details = Object.fromEntries(
    Object.entries(error.details).map(([name, value]) => [name, typeof value === "object" ? t(value.t) : value]),
  );
  return { code: error.code, status: error.status, message: t(error.messageKey, details), details };
}

/**
 * The one answer every route gives a refusal: the error's status, `{ error }` (plus what the
 * page needs to show the form again, such as conform's `result`) and, for "wait", a
 * Retry-After. Actions return it; loaders throw it to their error boundary. Anything that is
 * not a DomainError is a fault, not a refusal: it is thrown on, to the 500 page and the log.
 */
export function refusal<E extends object = Record<never, never>>(error: unknown, locale: Locale, extra?: E) {
  if (!(error instanceof DomainError)) throw error;
  const retryAfter = error.details.retryAfter;
  // A Response (not single fetch's data()): guards throw it, and tests and clients read its status.
  return json(
    { ...(extra as E), error: describeError(error, locale) },
    {
      status: error.status,
      headers: typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : undefined,
    },
  );
}

/** Throws the refusal to the page's error boundary: `(await find(id)) ?? refuse(notFound(key), locale)`. */
export function refuse(error: unknown, locale: Locale): never {
  throw refusal(error, locale);
}
