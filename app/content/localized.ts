// One shape for everything that exists in several languages, and one way to choose.
import { isLocale, type Locale } from "#app/utils/i18n.ts";

/** English always, the other locales where the content gives them. */
export type Localized<T> = { en: T } & Partial<Record<Exclude<Locale, "en">, T>>;

/**
 * The variant in the wanted language, else English. `translated` tells the page whether to
 * show the "not yet translated" mark.
 */
export function pick<T>(variants: Localized<T>, wanted: string): { value: T; locale: Locale; translated: boolean } {
  if (isLocale(wanted) && wanted !== "en") {
    const own = variants[wanted];
    if (own !== undefined) return { value: own, locale: wanted, translated: true };
  }
  return { value: variants.en, locale: "en", translated: wanted === "en" };
}

/** The locales a Localized value has, English first. */
export function localesOf<T>(variants: Localized<T>): Locale[] {
  return Object.keys(variants).filter(isLocale);
}
