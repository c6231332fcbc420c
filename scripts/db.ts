// npm run db:migrate | db:migration -- <name> | db:reset | db:copy -- <file:sqlite.db> —
// on the database DATABASE_URL names: SQLite (file:…) or PostgreSQL (postgresql://…).
// See docs/decisions/002 and 012, and docs/deploy.md for db:copy.
import "dotenv/config";
import os from "node:os";
import { databaseTarget, redactUrl } from "#app/utils/database-url.server.ts";
import { copySqliteToPostgresql } from "../prisma/copy.ts";
import { applyMigrations, createMigration, resetDatabase } from "../prisma/migrator.ts";

const [command, name] = process.argv.slice(2);

async function main() {
  const url = process.env.DATABASE_URL ?? "file:./data/rapport.db";
  switch (command) {
    case "migrate": {
      const target = databaseTarget(url);
      const applied = await applyMigrations(target);
      console.log(
        applied.length ? `Applied to ${redactUrl(url)}: ${applied.join(", ")}` : `${redactUrl(url)} is up to date.`,
      );
      return;
    }
    case "migration": {
      if (!name) throw new Error("Usage: npm run db:migration -- <name>");
      const dirs = await createMigration(name, os.tmpdir());
      console.log(
        dirs
          ? `Wrote\n${dirs.map((dir) => `  ${dir}/migration.sql`).join("\n")}`
          : "No schema changes: nothing written.",
      );
      return;
    }
    case "reset": {
      const applied = await resetDatabase(databaseTarget(url));
      console.log(`Rebuilt ${redactUrl(url)} from ${applied.length} migration(s).`);
      return;
    }
    case "copy": {
      const source = databaseTarget(name ?? "");
      const target = databaseTarget(url);
      if (source.provider !== "sqlite" || target.provider !== "postgresql") {
        throw new Error(
          "Usage: DATABASE_URL=postgresql://… npm run db:copy -- file:./data/rapport.db (from SQLite into PostgreSQL)",
        );
      }
      const copied = await copySqliteToPostgresql(source.file, target, (table, rows) =>
        console.log(`  ${table}: ${rows} rows`),
      );
      console.log(
        `Copied ${Object.values(copied).reduce((a, b) => a + b, 0)} rows from ${source.file} into ${redactUrl(url)}.`,
      );
      return;
    }
    default:
      throw new Error(`Unknown command "${command ?? ""}". Use migrate, migration <name>, reset or copy <file:…>.`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
