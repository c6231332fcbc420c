import { databaseAnswers } from "#app/utils/db.server.ts";

/** 200 when the database answers, 503 when it does not. For load balancers; no session needed. */
export async function loader() {
  try {
    await databaseAnswers();
    return new Response("OK", { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthz: database unreachable", error);
    return new Response("Database unreachable", { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
