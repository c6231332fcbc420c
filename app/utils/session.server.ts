import { createCookie } from "@remix-run/node";
import { getEnv } from "./env.server.ts";

/** How long a session lasts at most, used or not (SESSION_MAX_HOURS). */
export const sessionLifetimeMs = () => getEnv().SESSION_MAX_HOURS * 60 * 60 * 1000;
/** How long a session may go unused (SESSION_IDLE_MINUTES). */
export const sessionIdleMs = () => getEnv().SESSION_IDLE_MINUTES * 60 * 1000;

/**
 * Holds only the session row's id, signed; everything else lives in the database. The
 * browser keeps it until the session's absolute end; the row decides before that.
 */
export const sessionCookie = createCookie("rapport_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: getEnv().NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "true",
  secrets: [getEnv().SESSION_SECRET],
  maxAge: getEnv().SESSION_MAX_HOURS * 60 * 60,
});

export async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}
