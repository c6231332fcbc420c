import { copyFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, expect, vi } from "vitest";
import { templateDb, tmpDir } from "./paths.ts";

// Each test file gets its own database, copied from the migrated template.
const dbFile = path.join(tmpDir, `test-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
copyFileSync(templateDb, dbFile);
process.env.DATABASE_URL = `file:${dbFile}`;
process.env.SESSION_SECRET = "test-session-secret-of-enough-length";
process.env.NODE_ENV = "test";

// A test that logs console.error fails, unless it says it expects one.
let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error");
});
afterEach(() => {
  const calls = consoleError.mock.calls;
  consoleError.mockRestore();
  expect(calls, "console.error was called").toEqual([]);
});

afterAll(async () => {
  const holder = globalThis as unknown as { rapportPrisma?: { $disconnect(): Promise<void> } };
  await holder.rapportPrisma?.$disconnect();
  delete holder.rapportPrisma;
  const { removeSqliteFiles } = await import("#root/prisma/migrator.ts");
  removeSqliteFiles(dbFile);
});
