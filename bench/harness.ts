// What the benchmarks share: the production server on a given database, signing in, and
// timing sequential requests (median and p95 on loopback).
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

export async function signIn(base: string, email: string, password: string) {
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email, password }).toString(),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (!cookie) throw new Error(`could not sign in ${email}: ${response.status}`);
  return cookie;
}

/** Warms up, then times `requests` sequential GETs; every answer must be 200. */
export async function time(label: string, url: string, cookie: string, requests: number, warmUp = 10) {
  for (let i = 0; i < warmUp; i++) await (await fetch(url, { headers: { Cookie: cookie } })).text();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    const response = await fetch(url, { headers: { Cookie: cookie } });
    await response.text();
    if (response.status !== 200) throw new Error(`${label} answered ${response.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}: ${requests} sequential requests, median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
  );
}
