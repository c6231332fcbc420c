import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import en from "#app/locales/en.json";
import es from "#app/locales/es.json";
import ptBR from "#app/locales/pt-BR.json";
import uk from "#app/locales/uk.json";
import { createI18n, defaultLocale, isLocale, locales, type Locale } from "./i18n.ts";

export const translations = { en, "pt-BR": ptBR, es, uk } satisfies Record<Locale, unknown>;

/** The browser's preferred language among ours, else English. */
export function localeFromAcceptLanguage(header: string | null): Locale {
  const requested = new Negotiator({ headers: { "accept-language": header ?? "" } })
    .languages()
    .filter((tag) => tag !== "*");
  try {
    const found = match(requested, [...locales], defaultLocale);
    return isLocale(found) ? found : defaultLocale;
  } catch {
    // Malformed language tags in the header: fall back rather than fail the request.
    return defaultLocale;
  }
}

export const LOCALE_COOKIE = "rapport_locale";

function localeFromCookie(request: Request): Locale | null {
  const cookie = request.headers.get("Cookie") ?? "";
  const value = cookie
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === LOCALE_COOKIE)?.[1];
  return isLocale(value) ? value : null;
}

/** Profile first, then the switcher's cookie (signed-out people), then the browser. */
export function resolveLocale(request: Request, profileLocale?: string | null): Locale {
  if (isLocale(profileLocale)) return profileLocale;
  return localeFromCookie(request) ?? localeFromAcceptLanguage(request.headers.get("Accept-Language"));
}

const fixed = new Map<Locale, ReturnType<typeof createI18n>["t"]>();

/**
 * A translator for text the server writes itself (emails, CSV headers, page titles), made
 * once per language: an import of two thousand people writes two thousand invitations.
 */
export function getFixedT(locale: Locale) {
  let t = fixed.get(locale);
  if (!t) {
    t = createI18n(locale, { translation: translations[locale] }).t;
    fixed.set(locale, t);
  }
  return t;
}
