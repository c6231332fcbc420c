/**
 * An entry's details as short lines: "roles: trainee → mentor, trainee" for a change,
 * "method: totp" for a fact. Used by the page and the CSV alike.
 */
export function detailLines(json: string): string[] {
  let details: unknown;
  try {
    details = JSON.parse(json);
  } catch {
    return [];
  }
  if (!details || typeof details !== "object") return [];
  const show = (v: unknown) => (v === null || v === "" ? "—" : Array.isArray(v) ? v.join(", ") : String(v));
  return Object.entries(details).map(([key, value]) =>
    Array.isArray(value) && value.length === 2 && key !== "emails"
      ? `${key}: ${show(value[0])} → ${show(value[1])}`
      : `${key}: ${show(value)}`,
  );
}
