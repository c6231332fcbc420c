// What /readyz reports: whether this server can do its work. A load balancer polls it and
// sends requests only to servers that answer 200 (docs/deploy.md, ADR 021).
import { readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseTarget } from "./database-url.server.ts";
import { prisma as appClient } from "./db.server.ts";
import { getEnv } from "./env.server.ts";

type Client = typeof appClient;

/** This process, as it signs its heartbeat row. */
export const instance = `${os.hostname()}:${process.pid}`;

/** How long the checks may take before the server is reported not ready. */
export const READY_TIMEOUT_MS = 3000;

let expected: string[] | undefined;

/**
 * The migrations this build expects, from the history of its engine in the deployed tree
 * (read once; the server runs from the project's root, as it serves build/ from there).
 */
function expectedMigrations() {
  const dir =
    databaseTarget(getEnv().DATABASE_URL).provider === "postgresql"
      ? "prisma/postgresql/migrations"
      : "prisma/migrations";
  expected ??= readdirSync(path.resolve(dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return expected;
}

/** `problems` name what is wrong, for anyone who asks; `details` add the database's words, for the log. */
export type Readiness = { ready: boolean; problems: string[]; details: string[] };

/**
 * Ready: the database answers, every migration this build expects is applied, and a
 * write goes through (this process's heartbeat row). A database that is read-only, full,
 * never migrated or one migration behind makes the server not ready.
 */
export async function checkReadiness(client: Client = appClient, now = new Date()): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => {
      const problem = `the database did not answer within ${READY_TIMEOUT_MS / 1000} s`;
      resolve({ ready: false, problems: [problem], details: [problem] });
    }, READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([checks(client, now), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function checks(client: Client, now: Date): Promise<Readiness> {
  const problems: string[] = [];
  const details: string[] = [];
  const fail = (problem: string, error?: unknown) => {
    problems.push(problem);
    details.push(error === undefined ? problem : `${problem}: ${reason(error)}`);
  };
  try {
    await client.$queryRaw`SELECT 1`;
  } catch (error) {
    fail("the database is unreachable", error);
    return { ready: false, problems, details };
  }
  try {
    const rows = await client.$queryRaw<Array<{ migration_name: string }>>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.migration_name));
    const pending = expectedMigrations().filter((name) => !applied.has(name));
    if (pending.length) fail(`${pending.length} migration(s) not applied: ${pending.join(", ")}`);
  } catch (error) {
    fail("the database has no migration history (run npm run db:migrate)", error);
  }
  try {
    await client.heartbeat.upsert({
      where: { instance },
      create: { instance, at: now },
      update: { at: now },
      select: { instance: true },
    });
  } catch (error) {
    fail("the database refuses writes", error);
  }
  return { ready: problems.length === 0, problems, details };
}

function reason(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  // Prisma prefixes its messages with the invocation; the cause is the last line.
  return message.trim().split("\n").at(-1)?.trim() ?? message;
}
