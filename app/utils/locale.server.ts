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

/**
 * One i18next instance per language, made on first use: the server never changes an
 * instance's language or resources, and making one per request cost more than a lesson's
 * database queries.
 */
const i18nByLocale = new Map<Locale, ReturnType<typeof createI18n>>();
export function i18nFor(locale: Locale) {
  let instance = i18nByLocale.get(locale);
  if (!instance) {
    instance = createI18n(locale, { translation: translations[locale] });
    i18nByLocale.set(locale, instance);
  }
  return instance;
}

/** A translator for text the server writes itself (refusals, CSV headers, certificates). */
export function getFixedT(locale: Locale) {
  return i18nFor(locale).t;
}
