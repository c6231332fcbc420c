// Readiness against real databases of the run's engine: never migrated, one migration
// behind, read-only, full, unreachable.
import { afterAll, describe, expect, test } from "vitest";
import { createDatabase, provider, withConnection } from "#tests/setup/database.ts";
import { freePort } from "#tests/setup/e2e-server.ts";
import { createPrismaClient, prisma } from "./db.server.ts";
import { checkReadiness, instance } from "./health.server.ts";

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

async function clientFor(options: { migrate?: boolean; fromTemplate?: boolean }) {
  const database = await createDatabase("ready", options);
  cleanup.push(database.drop);
  const client = createPrismaClient(database.url);
  cleanup.push(() => client.$disconnect());
  return { url: database.url, client };
}

describe("readiness", () => {
  test("ready on a migrated database that takes writes, and this process's heartbeat is written", async () => {
    const now = new Date("2026-11-20T10:00:00Z");
    expect(await checkReadiness(prisma, now)).toEqual({ ready: true, problems: [], details: [] });
    expect(await prisma.heartbeat.findUnique({ where: { instance } })).toEqual({ instance, at: now });
  });

  test("not ready on a database that was never migrated", async () => {
    const { client } = await clientFor({});
    const result = await checkReadiness(client);
    expect(result.ready).toBe(false);
    expect(result.problems).toContain("the database has no migration history (run npm run db:migrate)");
    expect(result.problems).toContain("the database refuses writes");
  });

  test("not ready when a migration this build expects is not applied, naming it", async () => {
    const { url, client } = await clientFor({ fromTemplate: true });
    const last = await withConnection(url, async (db) => {
      const row = await db.get<{ migration_name: string }>(
        'SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1',
      );
      await db.run('DELETE FROM "_prisma_migrations" WHERE migration_name = ?', row?.migration_name);
      return row?.migration_name ?? "";
    });
    expect(await checkReadiness(client)).toEqual({
      ready: false,
      problems: [`1 migration(s) not applied: ${last}`],
      details: [`1 migration(s) not applied: ${last}`],
    });
  });

  test("not ready on a read-only database", async () => {
    const database = await createDatabase("readonly", { fromTemplate: true });
    cleanup.push(database.drop);
    if (provider === "postgresql")
      await withConnection(database.url, (db) =>
        db.run(`ALTER DATABASE "${new URL(database.url).pathname.slice(1)}" SET default_transaction_read_only = on`),
      );
    const client = createPrismaClient(database.url);
    cleanup.push(() => client.$disconnect());
    // SQLite: the process opens its one connection read-only.
    if (provider === "sqlite") await client.$executeRawUnsafe("PRAGMA query_only = ON");
    const result = await checkReadiness(client);
    expect(result.problems).toEqual(["the database refuses writes"]);
    expect(result.details[0]).toMatch(/read.?only/i);
  });

  test("not ready when the disk is full (every write refused)", async () => {
    const { url, client } = await clientFor({ fromTemplate: true });
    await withConnection(url, async (db) => {
      if (provider === "sqlite") {
        await db.run(
          `CREATE TRIGGER "full" BEFORE INSERT ON "Heartbeat" BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`,
        );
      } else {
        await db.run(
          `CREATE FUNCTION "full"() RETURNS trigger AS 'BEGIN RAISE EXCEPTION ''could not extend file: No space left on device'' USING ERRCODE = ''disk_full''; END' LANGUAGE plpgsql`,
        );
        await db.run(
          `CREATE TRIGGER "full" BEFORE INSERT OR UPDATE ON "Heartbeat" FOR EACH ROW EXECUTE FUNCTION "full"()`,
        );
      }
    });
    const result = await checkReadiness(client);
    expect(result.problems).toEqual(["the database refuses writes"]);
    // The log has the database's own words (SQLite's adapter reports a trigger's refusal as a constraint).
    expect(result.details[0]).toMatch(provider === "sqlite" ? /^the database refuses writes: \S/ : /No space left/);
  });

  test("not ready, and quickly, when the database cannot be reached", async () => {
    const url =
      provider === "sqlite"
        ? "file:/nonexistent-directory/rapport.db"
        : `postgresql://rapport@127.0.0.1:${await freePort()}/rapport`;
    const client = createPrismaClient(url);
    cleanup.push(() => client.$disconnect().catch(() => undefined));
    const result = await checkReadiness(client);
    expect(result.ready).toBe(false);
    expect(result.problems).toEqual(["the database is unreachable"]);
  });
});
