// The readiness sweep (ADR 016): every server process, shortly after it starts and then
// every minute, brings stale readiness rows up to date a batch at a time: people who have no
// row yet and rows computed against other content (after a deploy, or an edit in
// development). Pages never do this: /team shows rows as they are and says how many wait.
import { refreshStaleReadiness } from "./readiness.server.ts";

const FIRST_RUN_MS = 2_000;
const EVERY_MS = 60_000;

let running = false;

/** Refreshes stale rows until none are left; returns how many. One run at a time per process. */
export async function sweepReadiness() {
  if (running) return 0;
  running = true;
  let refreshed = 0;
  try {
    for (let batch = await refreshStaleReadiness(); batch > 0; batch = await refreshStaleReadiness())
      refreshed += batch;
  } finally {
    running = false;
  }
  return refreshed;
}

const started = globalThis as unknown as { rapportReadinessSweep?: NodeJS.Timeout };

/** Schedules the sweep in this process, once (dev reloads re-import this module). */
export function startReadinessSweep() {
  if (started.rapportReadinessSweep) return;
  const run = () =>
    void sweepReadiness().then(
      (count) => {
        if (count) console.log(`readiness: ${count} people brought up to date`);
      },
      (error: unknown) => {
        console.warn(`readiness sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  setTimeout(run, FIRST_RUN_MS).unref();
  started.rapportReadinessSweep = setInterval(run, EVERY_MS).unref();
}
