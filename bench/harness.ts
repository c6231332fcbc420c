// What the benchmarks share: the production server on a given database, and percentiles.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Starts the production build on the database file and waits for /healthz. */
export async function startServer(file: string, port: number, extraEnv: Record<string, string> = {}) {
  const base = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${file}`,
      SESSION_SECRET: "bench-secret-0123456789abcdef",
      QUIET: "true",
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const started = performance.now();
  while (
    !(await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (performance.now() - started > 30_000) {
      server.kill("SIGKILL");
      throw new Error(`the server on port ${port} did not start`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, stop: () => server.kill("SIGTERM") };
}
