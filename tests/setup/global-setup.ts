import { mkdirSync } from "node:fs";
import { applyMigrations, removeSqliteFiles } from "#root/prisma/migrator.ts";
import { templateDb, tmpDir } from "./paths.ts";

/** Builds the migrated template once per run; each test file then copies it (setup-test-env.ts). */
export default async function setup() {
  mkdirSync(tmpDir, { recursive: true });
  removeSqliteFiles(templateDb);
  await applyMigrations(templateDb);
}
