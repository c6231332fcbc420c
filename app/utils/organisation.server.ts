// The organisation's defaults, set at first run and changed by an admin: the time zone of
// everyone who has not chosen one, and the language of mails to people who have not chosen one.
import { prisma } from "./db.server.ts";
import { defaultLocale, isLocale, type Locale } from "./i18n.ts";
import { canonicalTimeZone } from "./time-zone.ts";

export type Organisation = { timeZone: string; locale: Locale };

export const ORGANISATION_KEY = "organisation";
const defaults: Organisation = { timeZone: "UTC", locale: defaultLocale };

export function parseOrganisation(value: string | null | undefined): Organisation {
  if (!value) return defaults;
  let stored: unknown;
  try {
    stored = JSON.parse(value);
  } catch {
    return defaults;
  }
  if (!stored || typeof stored !== "object") return defaults;
  const { timeZone, locale } = stored as Record<string, unknown>;
  return {
    timeZone: (typeof timeZone === "string" && canonicalTimeZone(timeZone)) || defaults.timeZone,
    locale: isLocale(locale) ? locale : defaults.locale,
  };
}

export async function getOrganisation(): Promise<Organisation> {
  const row = await prisma.setting.findUnique({ where: { key: ORGANISATION_KEY }, select: { value: true } });
  return parseOrganisation(row?.value);
}

/** A person's own time zone, else the organisation's. */
export function zoneOf(person: { timeZone: string | null }, organisation: Organisation) {
  return (person.timeZone && canonicalTimeZone(person.timeZone)) || organisation.timeZone;
}

/** The language a mail to this person is written in: their own, else the organisation's. */
export function mailLocaleOf(person: { locale: string | null }, organisation: Organisation): Locale {
  return isLocale(person.locale) ? person.locale : organisation.locale;
}
