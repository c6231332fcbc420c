// Backups as docs/deploy.md takes them, of a server's database while it serves: SQLite with
// `sqlite3 … ".backup …"`, PostgreSQL with `pg_dump`. Restored, a server runs on the copy
// and finds everything written before the backup, and nothing written after.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { databaseTarget } from "#app/utils/database-url.server.ts";
import { removeSqliteFiles } from "#root/prisma/migrator.ts";
import { createDatabase, provider, type TestDatabase, withConnection } from "#tests/setup/database.ts";
import { e2eEnv, freePort, seededDatabase } from "#tests/setup/e2e-server.ts";
import { root } from "#tests/setup/paths.ts";
import { clientOf } from "./http.ts";

const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

async function serve(databaseUrl: string) {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const child: ChildProcess = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: e2eEnv(databaseUrl, port),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  cleanup.push(stop);
  for (let tries = 0; tries < 300; tries++) {
    if (
      await fetch(`${base}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { ...clientOf(() => base), stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no server on ${base}`);
}

const openQuizzes = (url: string) =>
  withConnection(url, (db) =>
    db.all<{ quizId: string }>(
      `SELECT q."quizId" FROM "QuizAttempt" q JOIN "User" u ON u."id" = q."userId"
       WHERE u."email" = 'carmen.lopez@demo.rapport.test' AND q."submittedAt" IS NULL ORDER BY q."quizId"`,
    ),
  );

describe(`backups on ${provider}`, () => {
  test("a backup taken while the server writes restores to a database a server runs on, as it was at the backup", async () => {
    const live: TestDatabase = await seededDatabase("backup");
    cleanup.push(live.drop);
    const server = await serve(live.url);
    const cookie = await server.signIn("carmen.lopez");
    const start = (quizId: string) => server.send(`/quizzes/${quizId}`, { cookie, form: [["intent", "start"]] });
    expect((await start("communication-clear-writing-check")).status).toBe(302);

    const folder = mkdtempSync(path.join(os.tmpdir(), "rapport-backup-"));
    cleanup.push(() => rmSync(folder, { recursive: true, force: true }));
    const target = databaseTarget(live.url);
    // The commands of docs/deploy.md, while the server runs.
    const backup = path.join(folder, target.provider === "sqlite" ? "rapport.db" : "rapport.dump");
    if (target.provider === "sqlite") execFileSync("sqlite3", [target.file, `.backup '${backup}'`]);
    else execFileSync("pg_dump", ["--format=custom", `--file=${backup}`, target.url]);

    // Written after the backup: not in the restored copy.
    expect((await start("support-role-the-customer-journey-check")).status).toBe(302);
    await server.stop();

    let restoredUrl: string;
    if (target.provider === "sqlite") {
      // Restore: the server stopped, the file replaced, its old WAL and shared memory gone.
      const restoredFile = path.join(folder, "restored.db");
      cleanup.push(() => removeSqliteFiles(restoredFile));
      copyFileSync(backup, restoredFile);
      restoredUrl = `file:${restoredFile}`;
    } else {
      const restored = await createDatabase("restored");
      cleanup.push(restored.drop);
      execFileSync("pg_restore", ["--no-owner", `--dbname=${restored.url}`, backup]);
      restoredUrl = restored.url;
    }
    expect(await openQuizzes(restoredUrl)).toEqual([{ quizId: "communication-clear-writing-check" }]);
    const again = await serve(restoredUrl);
    const page = await again.send("/quizzes/communication-clear-writing-check", {
      cookie: await again.signIn("carmen.lopez"),
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="attemptId"');
    // A seeded database and two server starts: minutes on a machine shared with other runs.
  }, 300_000);
});
