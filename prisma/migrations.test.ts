import { copyFileSync, existsSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import { templateDb, tmpDir } from "#tests/setup/paths.ts";
import { applyMigrations, diffDatabaseToSchema, migrationsDir, removeSqliteFiles } from "./migrator.ts";

describe("migrations", () => {
  test("the database built from the migrations matches schema.prisma (no drift)", async () => {
    const drift = await diffDatabaseToSchema(templateDb);
    expect(drift.replace(/^-- This is an empty migration\.?$/m, "").trim()).toBe("");
  });

  test("a database missing a column is reported as drift", async () => {
    const file = path.join(tmpDir, `drift-${process.pid}.db`);
    copyFileSync(templateDb, file);
    const db = new Database(file);
    db.exec('ALTER TABLE "User" DROP COLUMN "locale"');
    db.close();
    try {
      expect(await diffDatabaseToSchema(file)).toMatch(/locale/);
    } finally {
      removeSqliteFiles(file);
    }
  });

  test("migrations are recorded by folder name, as prisma migrate deploy does, and applied once", async () => {
    const file = path.join(tmpDir, `fresh-${process.pid}.db`);
    removeSqliteFiles(file);
    try {
      const folders = readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
      expect(folders.length).toBeGreaterThan(0);
      for (const folder of folders) {
        expect(folder).toMatch(/^\d{14}_[a-z0-9_]+$/);
        expect(existsSync(path.join(migrationsDir, folder, "migration.sql"))).toBe(true);
      }
      expect(await applyMigrations(file)).toEqual(folders);
      expect(await applyMigrations(file)).toEqual([]);
      const db = new Database(file, { readonly: true });
      const rows = db
        .prepare("SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name")
        .all() as Array<{ migration_name: string; finished_at: string | null }>;
      db.close();
      expect(rows.map((r) => r.migration_name)).toEqual(folders);
      expect(new Database(file, { readonly: true }).pragma("journal_mode", { simple: true })).toBe("wal");
      expect(rows.every((r) => r.finished_at)).toBe(true);
    } finally {
      removeSqliteFiles(file);
    }
  });
});
