import { createCookie } from "@remix-run/node";
import { getEnv } from "./env.server.ts";

export const SESSION_TTL_MS = 1000 * 60 * 60 * 24 * 14;

/** Holds only the session row's id, signed; everything else lives in the database. */
export const sessionCookie = createCookie("rapport_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: getEnv().NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "true",
  secrets: getEnv().SESSION_SECRETS,
  maxAge: SESSION_TTL_MS / 1000,
});

export async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}
