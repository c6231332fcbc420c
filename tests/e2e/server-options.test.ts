// server.js's own settings, checked on the production build: TRUST_PROXY is validated at
// start and decides whose X-Forwarded-For is believed; crashing workers come back later
// each time instead of in a loop.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createDatabase, type TestDatabase, withConnection } from "#tests/setup/database.ts";
import { e2eEnv, freePort } from "#tests/setup/e2e-server.ts";
import { root } from "#tests/setup/paths.ts";

let database: TestDatabase | undefined;
const running: ChildProcess[] = [];

beforeAll(async () => {
  database = await createDatabase("options", { migrate: true });
});

afterAll(async () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await database?.drop();
});

function start(env: Record<string, string>, port: number) {
  const child = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: { ...e2eEnv(database?.url ?? "", port), ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  running.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, stderr: () => stderr };
}

async function serving(base: string, child: ChildProcess) {
  for (let tries = 0; tries < 200; tries++) {
    if (child.exitCode !== null) return false;
    const up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** A wrong password from `forwardedFor`, through a server with this TRUST_PROXY: the address the throttle counts. */
async function addressSeen(trust: string | undefined, forwardedFor: string) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = start(trust === undefined ? {} : { TRUST_PROXY: trust }, port);
  expect(await serving(base, server.child), server.stderr()).toBe(true);
  const email = `nobody-${port}@example.test`;
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": forwardedFor },
    body: new URLSearchParams({ email, password: "wrong password" }),
  });
  expect(response.status).toBe(400);
  server.child.kill("SIGTERM");
  // The per-address counter of the sign-in limits; the newest window is this request's.
  const rows = await withConnection(database?.url ?? "", (db) =>
    db.all<{ key: string }>(
      `SELECT "key" FROM "RateLimit" WHERE "key" LIKE 'signin-address:%' ORDER BY "expire" DESC LIMIT 1`,
    ),
  );
  return rows[0]?.key ?? "";
}

describe("TRUST_PROXY", () => {
  test("unset, the client's own address counts and a forged X-Forwarded-For is ignored", async () => {
    expect(await addressSeen(undefined, "203.0.113.9")).not.toContain("203.0.113.9");
  });

  test("true (which used to crash every worker) and a hop count both take the address the proxy forwarded", async () => {
    expect(await addressSeen("true", "203.0.113.9")).toBe("signin-address:203.0.113.9");
    // One proxy in front: the last address it appended, not what the client claimed before it.
    expect(await addressSeen("1", "198.51.100.7, 203.0.113.10")).toBe("signin-address:203.0.113.10");
  });

  test("a value it cannot use stops the server at start, once, with what it accepts; no worker is started", async () => {
    const server = start({ TRUST_PROXY: "yes", WEB_CONCURRENCY: "2" }, await freePort());
    const code = await new Promise<number | null>((resolve) => server.child.once("exit", (c) => resolve(c)));
    expect(code).toBe(1);
    expect(server.stderr()).toContain('TRUST_PROXY="yes": invalid IP address: yes. Use true');
    expect(server.stderr()).not.toContain("worker");
  });
});

describe("workers that crash", () => {
  test("are restarted after 0.5, 1, 2, 4, 8 s, not at once in a loop", async () => {
    // The port is taken, so every worker dies as it starts.
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const server = start({ WEB_CONCURRENCY: "2" }, port);
      const delays = () => [...server.stderr().matchAll(/starting another in ([\d.]+) s/g)].map((m) => Number(m[1]));
      for (let waited = 0; delays().length < 5 && waited < 1500; waited++) await new Promise((r) => setTimeout(r, 100));
      expect(delays().slice(0, 5)).toEqual([0.5, 1, 2, 4, 8]);
      expect(server.stderr()).toContain("EADDRINUSE");
      // The primary itself keeps running, to start the next one.
      expect(server.child.exitCode).toBeNull();
    } finally {
      blocker.close();
    }
    // Each worker loads the whole build before it dies: on a busy machine that alone takes seconds.
  }, 240_000);
});
