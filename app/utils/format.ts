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
