/** Dates arrive from loaders as ISO strings; shown in the person's locale, in UTC (dates carry no time). */
export function formatDate(value: string | Date, locale: string) {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(value));
}

export function toDateInput(value: string | Date | null | undefined) {
  return value ? new Date(value).toISOString().slice(0, 10) : "";
}

export function formatDateTime(value: string | Date, locale: string) {
  return (
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(
      new Date(value),
    ) + " UTC"
  );
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
