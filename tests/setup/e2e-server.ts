import { spawn, type ChildProcess, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createDatabase } from "./database.ts";
import { root } from "./paths.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    /** DATABASE_URL of the shared e2e server's database (SQLite or PostgreSQL, as the run). */
    e2eDatabaseUrl: string;
  }
}

export async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Several distinct free ports (each held until all are found, so none is handed out twice). */
export async function freePorts(count: number) {
  const held = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const server = net.createServer();
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => resolve(server));
        }),
    ),
  );
  const ports = held.map((server) => {
    const address = server.address();
    return typeof address === "object" && address ? address.port : 0;
  });
  await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

export const e2eEnv = (databaseUrl: string, port: number) => ({
  ...process.env,
  NODE_ENV: "production" as const,
  PORT: String(port),
  HOST: "127.0.0.1",
  DATABASE_URL: databaseUrl,
  SESSION_SECRET: "e2e-session-secret-0123456789abcdef",
  DEMO_MODE: "true",
  QUIET: "true",
  // The suite starts an attempt at every quiz and many scenarios as a few demo people, faster
  // than any person could; these limits are tested on their own (app/quizzes, app/scenarios,
  // app/accounts).
  WRITES_PER_MINUTE: "10000",
  QUIZ_ATTEMPTS_PER_HOUR: "10000",
  SCENARIO_ATTEMPTS_PER_HOUR: "10000",
  // A digest written at a quarter past would change unread counts under a running test;
  // the scheduler is tested with a chosen clock (app/digests).
  NOTICES_ENABLED: "false",
});

/** A migrated database of its own with the demo organisation in it. */
export async function seededDatabase(label: string) {
  const database = await createDatabase(label, { migrate: true });
  execFileSync(process.execPath, ["--import", "tsx", "prisma/seed.ts"], {
    cwd: root,
    env: e2eEnv(database.url, 0),
    stdio: "pipe",
  });
  return database;
}

let server: ChildProcess | undefined;

/** The production build on its own port and its own freshly seeded database. */
export default async function setup(project: TestProject) {
  if (!existsSync(path.join(root, "build/server/index.js"))) {
    throw new Error("Browser tests run against the production build: run `npm run build` first (npm test does).");
  }
  const database = await seededDatabase("e2e");
  const port = await freePort();
  const env = e2eEnv(database.url, port);
  server = spawn(process.execPath, ["server.js"], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  const baseURL = `http://localhost:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await fetch(`${baseURL}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`The server did not answer on ${baseURL} within 20 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
  project.provide("baseURL", baseURL);
  project.provide("e2eDatabaseUrl", database.url);
  return async () => {
    const child = server;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
    }
    await database.drop();
  };
}
