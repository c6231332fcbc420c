// WEB_CONCURRENCY=2: two server processes share the port and the database; a session made
// by one is good on the other; when the primary goes (stopped or killed) the workers go too,
// so a restart never finds the port still held.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type TestDatabase } from "#tests/setup/database.ts";
import { e2eEnv, freePort, seededDatabase } from "#tests/setup/e2e-server.ts";
import { root } from "#tests/setup/paths.ts";
import { DEMO_PASSWORD, demo } from "./browser.ts";

let database: TestDatabase | undefined;
let port = 0;
let base = "";
const running: ChildProcess[] = [];

beforeAll(async () => {
  // A demo database of its own, so nothing here reaches other tests.
  database = await seededDatabase("processes");
  port = await freePort();
  base = `http://localhost:${port}`;
});

afterAll(async () => {
  await Promise.all(
    running.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGKILL");
        }),
    ),
  );
  await database?.drop();
});

const up = () =>
  fetch(`${base}/healthz`).then(
    (r) => r.ok,
    () => false,
  );

async function start() {
  const child = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: { ...e2eEnv(database?.url ?? "", port), WEB_CONCURRENCY: "2" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  running.push(child);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (await up()) return child;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the two-process server did not start");
}

/** Whether the port stops answering before a generous limit (a hang, not a speed test). */
async function goesDown(limitMs = 30_000) {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (!(await up())) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe("several server processes", () => {
  test("two processes serve one signed-in person; killing the primary takes the workers down", async () => {
    const primary = await start();
    const login = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: demo("trainee"), password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(302);
    const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
    // Forty requests at once land on both processes: the session is in the database, so
    // every one of them knows the person.
    const pages = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(`${base}/learn`, { headers: { Cookie: cookie }, redirect: "manual" }).then(async (r) => ({
          status: r.status,
          body: await r.text(),
        })),
      ),
    );
    expect(pages.map((p) => p.status)).toEqual(Array(40).fill(200));
    expect(pages.every((p) => p.body.includes("Sam"))).toBe(true);

    primary.kill("SIGKILL");
    expect(await goesDown()).toBe(true);
  });

  test("SIGTERM stops the primary and its workers cleanly", async () => {
    const primary = await start();
    const exited = new Promise<number | null>((resolve) => primary.once("exit", (code) => resolve(code)));
    primary.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(await goesDown()).toBe(true);
  });
});
