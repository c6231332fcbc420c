// Time zones: the list people choose from and the check of a typed or stored name. Shared by
// server and browser (the forms' schemas); the calendar arithmetic is in calendar.server.ts.
import { z } from "zod";

let zones: string[] | undefined;

/**
 * Every IANA zone this runtime knows, as it names them (Node 20's ICU still says
 * "Europe/Kiev"), plus UTC, which `supportedValuesOf` leaves out.
 */
export function timeZones() {
  zones ??= [...new Set([...Intl.supportedValuesOf("timeZone"), "UTC"])].sort();
  return zones;
}

/**
 * The zone's name as this runtime knows it ("Europe/Kyiv" → "Europe/Kiev" on Node 20,
 * "utc" → "UTC"), or null for a name that is no time zone. Offsets like "+03:00" are refused:
 * they do not follow summer time.
 */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 64) return null;
  try {
    const resolved = new Intl.DateTimeFormat("en", { timeZone: trimmed }).resolvedOptions().timeZone;
    return timeZones().includes(resolved) ? resolved : null;
  } catch {
    return null;
  }
}

export function isTimeZone(name: unknown): name is string {
  return typeof name === "string" && canonicalTimeZone(name) !== null;
}

/** A time zone typed or chosen in a form; stored as the runtime's canonical name. */
export const TimeZoneSchema = z
  .string({ error: "form.timeZoneInvalid" })
  .trim()
  .min(1, "form.timeZoneInvalid")
  .max(64, "form.timeZoneInvalid")
  .transform((v, ctx) => {
    const zone = canonicalTimeZone(v);
    if (!zone) {
      ctx.addIssue({ code: "custom", message: "form.timeZoneInvalid" });
      return z.NEVER;
    }
    return zone;
  });

/** The zone the server's machine runs in: the suggestion on the first-run page. */
export function machineTimeZone() {
  return canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone) ?? "UTC";
}

/**
 * How a zone is named in lists: spaces for underscores, and the city names the runtime may
 * still spell the old way (ICU of Node 20 says "Europe/Kiev" for Kyiv).
 */
const renamed: Record<string, string> = { "Europe/Kiev": "Europe/Kyiv", "Europe/Uzhgorod": "Europe/Uzhhorod" };
export function timeZoneLabel(zone: string) {
  return (renamed[zone] ?? zone).replace(/_/g, " ");
}
