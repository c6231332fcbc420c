// Dates and times as people read them: in their language and their time zone. Instants (a
// submission, a sign-in) are shown in the reader's zone; calendar dates that carry no time
// (a start date, a goal's due date, stored as midnight UTC) are shown as that same date
// everywhere.
//
// Building an Intl formatter costs far more than using one (a page of dates spent
// milliseconds on it), so each is made once per locale, style and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, withTime: boolean, timeZone: string) {
  const key = `${locale}|${withTime}|${timeZone}`;
  let made = formatters.get(key);
  if (!made) {
    try {
      made = new Intl.DateTimeFormat(locale, {
        dateStyle: "medium",
        ...(withTime ? { timeStyle: "short" } : {}),
        timeZone,
      });
    } catch {
      // A zone this runtime does not know (an older browser): UTC rather than a broken page.
      made = new Intl.DateTimeFormat(locale, {
        dateStyle: "medium",
        ...(withTime ? { timeStyle: "short" } : {}),
        timeZone: "UTC",
      });
    }
    formatters.set(key, made);
  }
  return made;
}

/** The day of an instant, in the reader's zone. Values arrive from loaders as ISO strings. */
export function formatDate(value: string | Date, locale: string, timeZone: string) {
  return formatter(locale, false, timeZone).format(new Date(value));
}

/** An instant's date and time, in the reader's zone. */
export function formatDateTime(value: string | Date, locale: string, timeZone: string) {
  return formatter(locale, true, timeZone).format(new Date(value));
}

/** A date that carries no time (stored as midnight UTC): the same date in every zone. */
export function formatCalendarDate(value: string | Date, locale: string) {
  return formatter(locale, false, "UTC").format(new Date(value));
}

export function toDateInput(value: string | Date | null | undefined) {
  return value ? new Date(value).toISOString().slice(0, 10) : "";
}

/** Seconds as m:ss (or h:mm:ss): time into an attempt, the same on server and browser. */
export function formatElapsed(totalSeconds: number) {
  const s = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, "0");
  return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

export function secondsBetween(from: string | Date, to: string | Date) {
  return (new Date(to).getTime() - new Date(from).getTime()) / 1000;
}

/** A wait in minutes as the person says it: "10 minutes", "1 hour", "1 day" (whole units only). */
export function formatWait(minutes: number, locale: string) {
  const [value, unit] =
    minutes % 1440 === 0 ? [minutes / 1440, "day"] : minutes % 60 === 0 ? [minutes / 60, "hour"] : [minutes, "minute"];
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" }).format(value);
}
