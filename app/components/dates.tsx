import { createContext, useContext, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formatCalendarDate, formatDate, formatDateTime } from "#app/utils/format.ts";

/** The reader's time zone; the root provides it from the profile (else the organisation's). */
const TimeZoneContext = createContext("UTC");
export const TimeZoneProvider = TimeZoneContext.Provider;

/** Formatters bound to the reader's language and time zone. */
export function useDates() {
  const { i18n } = useTranslation();
  const timeZone = useContext(TimeZoneContext);
  const locale = i18n.language;
  return useMemo(
    () => ({
      timeZone,
      date: (value: string | Date) => formatDate(value, locale, timeZone),
      dateTime: (value: string | Date) => formatDateTime(value, locale, timeZone),
      calendarDate: (value: string | Date) => formatCalendarDate(value, locale),
    }),
    [locale, timeZone],
  );
}
