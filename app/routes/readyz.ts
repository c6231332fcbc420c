import { checkReadiness } from "#app/utils/health.server.ts";

/**
 * 200 when this server can do its work (database reachable, fully migrated, taking
 * writes), 503 with the reasons otherwise. What a load balancer polls (docs/deploy.md).
 */
export async function loader() {
  const { ready, problems, details } = await checkReadiness();
  if (!ready) console.warn(`readyz: not ready: ${details.join("; ")}`);
  return new Response(ready ? "Ready" : `Not ready:\n${problems.map((p) => `- ${p}`).join("\n")}\n`, {
    status: ready ? 200 : 503,
    headers: { "Cache-Control": "no-store", "Content-Type": "text/plain" },
  });
}
