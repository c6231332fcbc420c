import { spawn, type ChildProcess, execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { applyMigrations, removeSqliteFiles } from "#root/prisma/migrator.ts";
import { root, tmpDir } from "./paths.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    e2eDatabase: string;
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

export const e2eEnv = (dbFile: string, port: number) => ({
  ...process.env,
  NODE_ENV: "production" as const,
  PORT: String(port),
  HOST: "127.0.0.1",
  DATABASE_URL: `file:${dbFile}`,
  SESSION_SECRET: "e2e-session-secret-0123456789abcdef",
  DEMO_MODE: "true",
  QUIET: "true",
  // The suite starts an attempt at every quiz and many scenarios as a few demo people, faster
  // than any person could; these limits are tested on their own (app/quizzes, app/scenarios,
  // app/accounts).
  WRITES_PER_MINUTE: "10000",
  QUIZ_ATTEMPTS_PER_HOUR: "10000",
  SCENARIO_ATTEMPTS_PER_HOUR: "10000",
});

let server: ChildProcess | undefined;

/** The production build on its own port and its own freshly seeded database. */
export default async function setup(project: TestProject) {
  if (!existsSync(path.join(root, "build/server/index.js"))) {
    throw new Error("Browser tests run against the production build: run `npm run build` first (npm test does).");
  }
  mkdirSync(tmpDir, { recursive: true });
  const dbFile = path.join(tmpDir, "e2e.db");
  removeSqliteFiles(dbFile);
  await applyMigrations(dbFile);
  const port = await freePort();
  const env = e2eEnv(dbFile, port);
  execFileSync(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { cwd: root, env, stdio: "pipe" });
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
  project.provide("e2eDatabase", dbFile);
  return () => {
    server?.kill("SIGTERM");
  };
}
