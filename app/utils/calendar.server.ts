// The local calendar of an instant in a time zone: its day, hour and weekday, and moving by
// whole days at the same wall-clock time. Digests are due by the person's day; review targets
// count the mentor's working days.
import { TZDate } from "@date-fns/tz";

const pad = (n: number) => String(n).padStart(2, "0");
const dayString = (d: TZDate) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** The instant as the wall clock of the zone shows it. */
export function inZone(instant: Date | number, timeZone: string) {
  return new TZDate(typeof instant === "number" ? instant : instant.getTime(), timeZone);
}

/** The local day of an instant in a zone, as YYYY-MM-DD. */
export function localDay(instant: Date, timeZone: string) {
  return dayString(inZone(instant, timeZone));
}

/** The Monday (YYYY-MM-DD) of the local week an instant falls in. */
export function localWeekStart(instant: Date, timeZone: string) {
  const local = inZone(instant, timeZone);
  const sinceMonday = (local.getDay() + 6) % 7;
  const monday = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() - sinceMonday, timeZone);
  return dayString(monday);
}

export function localHour(instant: Date, timeZone: string) {
  return inZone(instant, timeZone).getHours();
}

/** Monday to Friday on the zone's calendar. */
export function isLocalWeekday(instant: Date | number, timeZone: string) {
  const day = inZone(instant, timeZone).getDay();
  return day !== 0 && day !== 6;
}

/**
 * The instant `days` calendar days from `from` in the zone, at the same wall-clock time (a
 * summer-time change makes that day 23 or 25 hours long).
 */
export function addLocalDays(from: Date, days: number, timeZone: string) {
  const local = inZone(from, timeZone);
  const moved = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() + days,
    local.getHours(),
    local.getMinutes(),
    local.getSeconds(),
    local.getMilliseconds(),
    timeZone,
  );
  return new Date(moved.getTime());
}

/** Midnight starting the local day `days` days after the instant's (0: its own day). */
export function localMidnight(instant: Date, days: number, timeZone: string) {
  const local = inZone(instant, timeZone);
  return new Date(new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, timeZone).getTime());
}

/** 0 for Sunday … 6 for Saturday, on the zone's calendar. */
export function localWeekday(instant: Date | number, timeZone: string) {
  return inZone(instant, timeZone).getDay();
}

/** Midnight starting a calendar day ("2026-12-08") in the zone. */
export function dayStartIn(day: string, timeZone: string) {
  const [year = 1970, month = 1, date = 1] = day.split("-").map(Number);
  return new Date(new TZDate(year, month - 1, date, timeZone).getTime());
}
