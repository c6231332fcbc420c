import { afterAll, afterEach, beforeEach, expect, vi } from "vitest";
import { createDatabase } from "./database.ts";

// Each test file gets its own database, copied from the migrated template.
const database = await createDatabase("unit", { fromTemplate: true });
process.env.DATABASE_URL = database.url;
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
  await database.drop();
});
