/**
 * 200 while this process is alive and serving, whatever the database does: for a process
 * supervisor's liveness check. Load balancers poll /readyz instead.
 */
export function loader() {
  return new Response("OK", { headers: { "Cache-Control": "no-store", "Content-Type": "text/plain" } });
}
