// npm run db:migrate | db:migration -- <name> | db:reset — on the database DATABASE_URL
// names: SQLite (file:…) or PostgreSQL (postgresql://…). See docs/decisions/002 and 012.
import "dotenv/config";
import os from "node:os";
import { databaseTarget, redactUrl } from "#app/utils/database-url.server.ts";
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
    default:
      throw new Error(`Unknown command "${command ?? ""}". Use migrate, migration <name> or reset.`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
