// The two migration histories (SQLite and PostgreSQL) against schema.prisma. Run on each
// engine in CI, so a change to the schema that either history lacks fails one run or the
// other; the checks that need no database run in both.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { createDatabase, provider, withConnection } from "#tests/setup/database.ts";
import { root } from "#tests/setup/paths.ts";
import {
  appliedMigrations,
  applyMigrations,
  createMigration,
  layout,
  type Layout,
  migrationNames,
  schemaDrift,
} from "./migrator.ts";

const dropped: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of dropped) await drop();
});
async function freshDatabase(label: string, options: { migrate?: boolean } = {}) {
  const database = await createDatabase(label, options);
  dropped.push(database.drop);
  return database.url;
}

/** A copy of the schema and both histories, so a test can change them freely. */
function copyOfLayout(): Layout {
  const dir = mkdtempSync(path.join(os.tmpdir(), "rapport-layout-"));
  dropped.push(async () => rmSync(dir, { recursive: true, force: true }));
  cpSync(layout.schemaPath, path.join(dir, "schema.prisma"));
  cpSync(layout.migrations.sqlite, path.join(dir, "migrations"), { recursive: true });
  cpSync(layout.migrations.postgresql, path.join(dir, "postgresql/migrations"), { recursive: true });
  return {
    schemaPath: path.join(dir, "schema.prisma"),
    migrations: { sqlite: path.join(dir, "migrations"), postgresql: path.join(dir, "postgresql/migrations") },
  };
}

/** `npm run db:<command>` as a deploy runs it: its own process, DATABASE_URL from the environment. */
function dbScript(command: string, databaseUrl: string) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/db.ts", command], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe(`migrations on ${provider}`, () => {
  test("the database built from this engine's migrations matches schema.prisma (no drift)", async () => {
    expect(await schemaDrift(process.env.DATABASE_URL ?? "")).toBe("");
  });

  test("a database missing a column is reported as drift", async () => {
    const url = await freshDatabase("drift", { migrate: true });
    await withConnection(url, (db) => db.run('ALTER TABLE "User" DROP COLUMN "locale"'));
    expect(await schemaDrift(url)).toMatch(/locale/);
  });

  test("migrations are recorded by folder name, as prisma migrate deploy does, and applied once", async () => {
    const url = await freshDatabase("fresh");
    const folders = migrationNames(provider);
    expect(folders.length).toBeGreaterThan(0);
    expect(await applyMigrations(url)).toEqual(folders);
    expect(await applyMigrations(url)).toEqual([]);
    expect(await appliedMigrations(url)).toEqual(folders);
    await withConnection(url, async (db) => {
      const failed = await db.all('SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NULL');
      expect(failed).toEqual([]);
      if (provider === "sqlite") expect(await db.get("PRAGMA journal_mode")).toEqual({ journal_mode: "wal" });
    });
  });

  test("two servers running db:migrate at the same moment: both succeed and each migration is applied exactly once", async () => {
    const url = await freshDatabase("race");
    const [a, b] = await Promise.all([dbScript("migrate", url), dbScript("migrate", url)]);
    expect([a?.code, b?.code], `${a?.out}\n${b?.out}`).toEqual([0, 0]);
    // One applied everything, the other waited for the lock and found nothing to do.
    expect([a?.out, b?.out].filter((out) => /is up to date/.test(out ?? ""))).toHaveLength(1);
    await withConnection(url, async (db) => {
      const rows = await db.all<{ migration_name: string; finished: number }>(
        'SELECT migration_name, COUNT(*) AS finished FROM "_prisma_migrations" WHERE finished_at IS NOT NULL GROUP BY migration_name ORDER BY migration_name',
      );
      expect(rows).toEqual(migrationNames(provider).map((name) => ({ migration_name: name, finished: 1 })));
    });
  }, 120_000);
});

describe("the one-open-attempt migration on a database that already has data", () => {
  test("keeps the latest open quiz attempt and the open scenario attempt with most turns (closing the others), and numbers existing sign-offs in time order", async () => {
    const target = "one_open_attempt_and_signoff_sequence";
    const name = migrationNames(provider).find((n) => n.endsWith(`_${target}`)) ?? "";
    expect(name).not.toBe("");
    // Every migration before this one, then data the old code could have written.
    const before = copyOfLayout();
    for (const later of migrationNames(provider, before).filter((n) => n >= name))
      for (const engine of ["sqlite", "postgresql"] as const)
        rmSync(path.join(before.migrations[engine], later), { recursive: true, force: true });
    const url = await freshDatabase("upgrade");
    await applyMigrations(url, before);
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 9, minutes));
    await withConnection(url, async (db) => {
      for (const id of ["u1", "u2"])
        await db.run(
          'INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES (?, ?, ?, ?)',
          id,
          `${id}@x.test`,
          id,
          at(0),
        );
      const quiz =
        'INSERT INTO "QuizAttempt" ("id", "userId", "quizId", "courseSlug", "seed", "locale", "startedAt", "submittedAt") VALUES (?, ?, ?, \'c\', 1, \'en\', ?, ?)';
      await db.run(quiz, "q-old", "u1", "quiz-a", at(1), null);
      await db.run(quiz, "q-new", "u1", "quiz-a", at(2), null);
      await db.run(quiz, "q-done", "u1", "quiz-a", at(0), at(1));
      await db.run(quiz, "q-other", "u2", "quiz-a", at(1), null);
      const play =
        'INSERT INTO "ScenarioAttempt" ("id", "userId", "scenarioId", "locale", "startedAt", "stepId", "turn", "state") VALUES (?, ?, \'s\', \'en\', ?, \'x\', ?, \'{}\')';
      await db.run(play, "s-short", "u1", at(1), 2);
      await db.run(play, "s-long-early", "u1", at(2), 5);
      await db.run(play, "s-long-late", "u1", at(3), 5);
      const signOff =
        'INSERT INTO "SignOffEvent" ("id", "traineeId", "level", "behaviourId", "action", "note", "mentorId", "at") VALUES (?, \'u1\', \'L1\', ?, ?, \'n\', \'u2\', ?)';
      await db.run(signOff, "e3", "calm", "confirm", at(30));
      await db.run(signOff, "e1", "calm", "confirm", at(10));
      await db.run(signOff, "e2", "calm", "withdraw", at(20));
      await db.run(signOff, "f1", "kind", "confirm", at(15));
    });
    expect(await applyMigrations(url)).toContain(name);
    await withConnection(url, async (db) => {
      expect(await db.all('SELECT "id" FROM "QuizAttempt" ORDER BY "id"')).toEqual(
        ["q-done", "q-new", "q-other"].map((id) => ({ id })),
      );
      const plays = await db.all<{ id: string; open: number }>(
        'SELECT "id", CASE WHEN "finishedAt" IS NULL THEN 1 ELSE 0 END AS "open" FROM "ScenarioAttempt" ORDER BY "id"',
      );
      expect(plays).toEqual([
        { id: "s-long-early", open: 0 },
        { id: "s-long-late", open: 1 },
        { id: "s-short", open: 0 },
      ]);
      expect(await db.all('SELECT "id", "seq" FROM "SignOffEvent" ORDER BY "id"')).toEqual([
        { id: "e1", seq: 1 },
        { id: "e2", seq: 2 },
        { id: "e3", seq: 3 },
        { id: "f1", seq: 1 },
      ]);
    });
    expect(await schemaDrift(url)).toBe("");
  }, 120_000);
});

describe("the certificate verification migration on a database that already has certificates", () => {
  test("gives every existing certificate its own code of 32 hex digits and makes it the first issue", async () => {
    const name = migrationNames(provider).find((n) => n.endsWith("_certificate_verification")) ?? "";
    expect(name).not.toBe("");
    const before = copyOfLayout();
    for (const later of migrationNames(provider, before).filter((n) => n >= name))
      for (const engine of ["sqlite", "postgresql"] as const)
        rmSync(path.join(before.migrations[engine], later), { recursive: true, force: true });
    const url = await freshDatabase("certificates");
    await applyMigrations(url, before);
    const at = new Date(Date.UTC(2026, 10, 20, 9));
    await withConnection(url, async (db) => {
      await db.run(
        'INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES (\'u1\', \'u1@x.test\', \'u1\', ?)',
        at,
      );
      for (const [id, stage] of [
        ["c1", "L1"],
        ["c2", "L2"],
        ["c3", "tier2"],
      ])
        await db.run(
          'INSERT INTO "Certification" ("id", "userId", "stage", "certifiedAt", "evidence") VALUES (?, \'u1\', ?, ?, \'[]\')',
          id,
          stage,
          at,
        );
    });
    expect(await applyMigrations(url)).toContain(name);
    const rows = await withConnection(url, (db) =>
      db.all<{ id: string; code: string; issue: number }>(
        'SELECT "id", "code", "issue" FROM "Certification" ORDER BY "id"',
      ),
    );
    expect(rows.map((r) => r.id)).toEqual(["c1", "c2", "c3"]);
    for (const row of rows) {
      expect(row.code).toMatch(/^[0-9a-f]{32}$/);
      expect(Number(row.issue)).toBe(1);
    }
    expect(new Set(rows.map((r) => r.code)).size).toBe(3);
    expect(await schemaDrift(url)).toBe("");
  }, 120_000);
});

describe("both histories", () => {
  test("hold the same migrations under the same folder names, each history with a lock file naming its engine", () => {
    const sqlite = migrationNames("sqlite");
    expect(sqlite.length).toBeGreaterThan(0);
    expect(migrationNames("postgresql")).toEqual(sqlite);
    for (const name of sqlite) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    for (const engine of ["sqlite", "postgresql"] as const) {
      const dir = layout.migrations[engine];
      for (const name of sqlite)
        expect(existsSync(path.join(dir, name, "migration.sql")), `${engine}/${name}`).toBe(true);
      expect(readFileSync(path.join(dir, "migration_lock.toml"), "utf8")).toMatch(
        new RegExp(`^provider = "${engine}"$`, "m"),
      );
    }
  });

  test("db:migrate refuses a database it cannot run on, saying what it needs, and touches nothing", async () => {
    const mysql = await dbScript("migrate", "mysql://rapport:s3cret@db.internal/rapport");
    expect(mysql.code).toBe(1);
    expect(mysql.out).toContain("is not supported");
    expect(mysql.out).toContain("postgresql://");
    expect(mysql.out).not.toContain("s3cret");
    const bare = await dbScript("migrate", "./data/elsewhere.db");
    expect(bare.code).toBe(1);
    expect(bare.out).toContain("file:./data/elsewhere.db");
    expect(existsSync(path.join(root, "data/elsewhere.db"))).toBe(false);
  }, 60_000);
});

describe("npm run db:migration", () => {
  test("writes the same change into both histories under one name; each applies and matches the changed schema", async () => {
    const at = copyOfLayout();
    const schema = readFileSync(at.schemaPath, "utf8")
      .replace("  locale    String?\n", "  locale    String?\n  nickname  String?\n")
      .replace("  @@index([teamId])\n", "  @@index([teamId])\n  @@index([nickname])\n");
    writeFileSync(at.schemaPath, schema);
    const written = await createMigration("add_nickname", os.tmpdir(), at);
    expect(written).toHaveLength(2);
    const [sqliteDir, postgresqlDir] = written ?? [];
    expect(path.basename(sqliteDir ?? "")).toMatch(/^\d{14}_add_nickname$/);
    expect(path.basename(postgresqlDir ?? "")).toBe(path.basename(sqliteDir ?? ""));
    expect(readFileSync(path.join(sqliteDir ?? "", "migration.sql"), "utf8")).toMatch(
      /ALTER TABLE "User" ADD COLUMN "nickname" TEXT/,
    );
    const postgresql = readFileSync(path.join(postgresqlDir ?? "", "migration.sql"), "utf8");
    expect(postgresql).toMatch(/ALTER TABLE "User" ADD COLUMN\s+"nickname" TEXT/);
    expect(postgresql).toContain('CREATE INDEX "User_nickname_idx" ON "User"("nickname")');
    // The new history of this run's engine builds exactly the changed schema.
    const url = await freshDatabase("changed");
    expect((await applyMigrations(url, at)).at(-1)).toBe(path.basename(sqliteDir ?? ""));
    expect(await schemaDrift(url, at)).toBe("");
    // Nothing more to write once both histories have it.
    expect(await createMigration("again", os.tmpdir(), at)).toBeNull();
  }, 120_000);

  test("refuses to write while the histories are out of step", async () => {
    const at = copyOfLayout();
    const last = migrationNames("postgresql", at).at(-1) ?? "";
    rmSync(path.join(at.migrations.postgresql, last), { recursive: true });
    await expect(createMigration("anything", os.tmpdir(), at)).rejects.toThrow(/out of step/);
  });

  test("refuses a name that is not lower case letters, digits and underscores", async () => {
    await expect(createMigration("Add Nickname!", os.tmpdir(), copyOfLayout())).rejects.toThrow(/lower case/);
  });
});
