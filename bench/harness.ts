// What the benchmarks share: the production server on a given database, and percentiles.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Starts the production build on the database `databaseUrl` names and waits for /readyz. */
export async function startServer(databaseUrl: string, port: number, extraEnv: Record<string, string> = {}) {
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: "bench-secret-0123456789abcdef",
      QUIET: "true",
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const started = performance.now();
  while (
    !(await fetch(`${base}/readyz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (performance.now() - started > 60_000) {
      server.kill("SIGKILL");
      throw new Error(`the server on port ${port} did not become ready`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    stop: () =>
      new Promise<void>((resolve) => {
        if (server.exitCode !== null || server.signalCode !== null) return resolve();
        server.once("exit", () => resolve());
        server.kill("SIGTERM");
      }),
  };
}
