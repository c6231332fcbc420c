// Building an Intl formatter costs far more than using one (a page of dates spent
// milliseconds on it), so each is made once per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, withTime: boolean) {
  const key = `${locale}|${withTime}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      ...(withTime ? { timeStyle: "short" } : {}),
      timeZone: "UTC",
    });
    formatters.set(key, made);
  }
  return made;
}

/** Dates arrive from loaders as ISO strings; shown in the person's locale, in UTC (dates carry no time). */
export function formatDate(value: string | Date, locale: string) {
  return formatter(locale, false).format(new Date(value));
}

export function toDateInput(value: string | Date | null | undefined) {
  return value ? new Date(value).toISOString().slice(0, 10) : "";
}

export function formatDateTime(value: string | Date, locale: string) {
  return formatter(locale, true).format(new Date(value)) + " UTC";
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
