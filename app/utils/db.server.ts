import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { type Prisma, PrismaClient } from "#app/generated/prisma/client.ts";
import { getEnv } from "./env.server.ts";

function sqliteFile(url: string) {
  return url.replace(/^file:/, "");
}

function createClient() {
  const env = getEnv();
  // WAL lets readers work while one writer commits; the busy timeout makes a second writer
  // wait for the lock instead of failing at once.
  const adapter = new PrismaBetterSqlite3({ url: sqliteFile(env.DATABASE_URL), timeout: 5000 });
  const client = new PrismaClient({
    adapter,
    log: [
      { level: "query", emit: "event" },
      { level: "warn", emit: "stdout" },
      { level: "error", emit: "stdout" },
    ],
  });
  client.$on("query", (event) => {
    queryCount.value++;
    if (event.duration >= env.SLOW_QUERY_MS) {
      console.warn(`prisma:slow-query ${event.duration}ms ${event.query.slice(0, 300)}`);
    }
  });
  return client;
}

/** The client, or the transaction a write runs in: code that writes inside another's transaction takes either. */
export type Db = Prisma.TransactionClient;

/**
 * Options for transactions that evaluate someone (ADR 016): SQLite lets one writer in at a
 * time, so under load a write waits its turn longer than Prisma's default two seconds, and a
 * batch of the readiness sweep takes longer than its default five.
 */
export const WRITE_TRANSACTION = { maxWait: 15_000, timeout: 60_000 };

/** Whether the database answers a trivial query (for /healthz). */
export async function databaseAnswers() {
  await prisma.$queryRaw`SELECT 1`;
}

/** Counts queries so benchmarks can show queries per page. */
export const queryCount = { value: 0 };

const globalForPrisma = globalThis as unknown as { rapportPrisma?: ReturnType<typeof createClient> };

/** One client per process, kept across dev reloads. */
export const prisma = (globalForPrisma.rapportPrisma ??= withPlannerStatistics(createClient()));

/**
 * Keeps SQLite's query planner informed. Without statistics it guesses, and for the review
 * queue it guessed wrong (a scan of every waiting attempt instead of the trainee index:
 * 17 ms instead of 0.3 ms with 20,000 waiting). `PRAGMA optimize` gathers statistics where
 * they are missing or stale: once at start, then every few hours.
 */
function withPlannerStatistics(client: ReturnType<typeof createClient>) {
  const run = async () => {
    // A bounded sample per index keeps this to milliseconds even on large databases.
    await client.$executeRawUnsafe("PRAGMA analysis_limit=1000");
    const stats = await client.$queryRawUnsafe<unknown[]>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'",
    );
    // Never analysed: optimize alone would not start, so analyse once; after that it keeps them fresh.
    await client.$executeRawUnsafe(stats.length ? "PRAGMA optimize" : "ANALYZE");
  };
  const safely = () =>
    run().catch((error: unknown) => {
      console.warn(
        `updating the query planner's statistics failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
  void safely();
  setInterval(() => void safely(), 6 * 60 * 60 * 1000).unref();
  return client;
}
