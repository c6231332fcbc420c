// npm run db:migrate | db:migration -- <name> | db:reset
import "dotenv/config";
import { applyMigrations, createMigration, removeSqliteFiles, sqlitePathFromUrl } from "../prisma/migrator.ts";
import os from "node:os";

const [command, name] = process.argv.slice(2);
const dbFile = sqlitePathFromUrl(process.env.DATABASE_URL ?? "file:./data/rapport.db");

async function main() {
  switch (command) {
    case "migrate": {
      const applied = await applyMigrations(dbFile);
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
      return;
    }
    case "migration": {
      if (!name) throw new Error("Usage: npm run db:migration -- <name>");
      const dir = await createMigration(name, os.tmpdir());
      console.log(dir ? `Wrote ${dir}/migration.sql` : "No schema changes: nothing written.");
      return;
    }
    case "reset": {
      removeSqliteFiles(dbFile);
      const applied = await applyMigrations(dbFile);
      console.log(`Rebuilt ${dbFile} from ${applied.length} migration(s).`);
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
