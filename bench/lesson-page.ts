// npm run bench:content — how long the build's precompile takes for the whole catalogue,
// and the time of a warm lesson page (median and p95), measured on loopback one request at
// a time against the production build. Run `npm run build` first.
import { execFileSync, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const requests = Number(process.env.REQUESTS ?? 500);
const port = Number(process.env.PORT ?? 3457);
const base = `http://127.0.0.1:${port}`;

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const precompileStarted = performance.now();
execFileSync(process.execPath, ["--import", "tsx", "scripts/precompile-content.ts"], { cwd: root, stdio: "inherit" });
const precompileSeconds = (performance.now() - precompileStarted) / 1000;

if (!existsSync(path.join(root, "data/rapport.db")))
  throw new Error("Run npm run setup first (it creates and seeds data/rapport.db).");
mkdirSync(path.join(root, "tests/.tmp"), { recursive: true });
const db = path.join(root, "tests/.tmp/bench-lesson.db");
copyFileSync(path.join(root, "data/rapport.db"), db);
const server = spawn(process.execPath, ["server.js"], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${db}`,
    SESSION_SECRET: "bench-secret-0123456789abcdef",
    QUIET: "true",
  },
  stdio: "ignore",
});
try {
  const startedAt = performance.now();
  for (;;) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (performance.now() - startedAt > 20_000) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  const login = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: "email=trainee%40demo.rapport.test&password=rapport-demo",
  });
  const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  const lesson = `${base}/courses/communication/tone-and-channel`;
  const first = performance.now();
  await (await fetch(lesson, { headers: { Cookie: cookie } })).text();
  const firstMs = performance.now() - first;
  for (let i = 0; i < 50; i++) await (await fetch(lesson, { headers: { Cookie: cookie } })).text();
  const times: number[] = [];
  for (let i = 0; i < requests; i++) {
    const t0 = performance.now();
    const response = await fetch(lesson, { headers: { Cookie: cookie } });
    await response.text();
    if (response.status !== 200) throw new Error(`lesson answered ${response.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`precompile of the whole catalogue: ${precompileSeconds.toFixed(1)} s (including tsx start-up)`);
  console.log(`lesson page, first request after start: ${firstMs.toFixed(1)} ms`);
  console.log(
    `lesson page, warm, ${requests} sequential requests: median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
  );
} finally {
  server.kill("SIGTERM");
}
