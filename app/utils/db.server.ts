import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { type Prisma, PrismaClient } from "#app/generated/prisma/client.ts";
import { databaseTarget, type Provider } from "./database-url.server.ts";
import { getEnv } from "./env.server.ts";

/** The engine this process runs on, for the few places SQL differs (ADR 019). */
export const provider: Provider = databaseTarget(getEnv().DATABASE_URL).provider;

// PostgreSQL's adapter and client are loaded only by a server that runs on it.
const postgresql =
  provider === "postgresql"
    ? {
        PrismaPg: (await import("@prisma/adapter-pg")).PrismaPg,
        Client: (await import("#app/generated/prisma-postgresql/client.ts")).PrismaClient,
      }
    : null;

const log = [
  { level: "query", emit: "event" },
  { level: "warn", emit: "stdout" },
  { level: "error", emit: "event" },
] as const;

/**
 * A transaction waits up to 10 s for a connection (PostgreSQL's pool, SQLite's one writer)
 * and may run 15 s: Prisma's 2 s and 5 s made a busy server answer 500 where a slower
 * answer was right (the benchmark's mixed load on PostgreSQL).
 */
export const transactionOptions = { maxWait: 10_000, timeout: 15_000 };

const sqliteClient = (adapter: PrismaBetterSqlite3) => new PrismaClient({ adapter, log: [...log], transactionOptions });
type Client = ReturnType<typeof sqliteClient>;

/**
 * The client for the engine DATABASE_URL names. App code is typed against the SQLite
 * client; the PostgreSQL one is generated from the same models (ADR 019) and accepts every
 * query the SQLite one does, but TypeScript cannot see that through their transaction
 * signatures, hence the one cast.
 */
export function createPrismaClient(url: string): Client {
  const env = getEnv();
  const target = databaseTarget(url);
  if (target.provider === "postgresql") {
    if (!postgresql) throw new Error("This process runs on SQLite (DATABASE_URL): it has no PostgreSQL client.");
    const adapter = new postgresql.PrismaPg({ connectionString: target.url, max: env.DATABASE_POOL_SIZE });
    return new postgresql.Client({ adapter, log: [...log], transactionOptions }) as unknown as Client;
  }
  // WAL (set by the migrations) lets readers work while one writer commits; the busy timeout
  // makes a second writer wait for the lock instead of failing at once.
  const client = sqliteClient(new PrismaBetterSqlite3({ url: target.file, timeout: 5000 }));
  // Per connection, and the adapter opens one: set before any other query runs.
  client.$executeRawUnsafe(`PRAGMA synchronous = ${env.SQLITE_SYNCHRONOUS}`).catch((error: unknown) => {
    console.warn(`setting SQLite's synchronous failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  return client;
}

function createClient() {
  const env = getEnv();
  const client = createPrismaClient(env.DATABASE_URL);
  client.$on("error", (event) => {
    // A unique key refusing the loser of a race is how the database keeps its promises
    // (ADR 020); the caller answers it. Anything unexpected still reaches the request's error.
    if (!/Unique constraint failed/.test(event.message)) console.warn(`prisma:error ${event.message}`);
  });
  client.$on("query", (event) => {
    queryCount.value++;
    if (event.duration >= env.SLOW_QUERY_MS) {
      console.warn(`prisma:slow-query ${event.duration}ms ${event.query.slice(0, 300)}`);
    }
  });
  return client;
}

/**
 * The database refused a row because a unique key (or a partial unique index) already holds
 * one: the loser of a race another request or server won (ADR 020).
 */
export function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}

/**
 * A filter for text containing `text`, ignoring case on either engine: SQLite's LIKE already
 * does (for ASCII letters, as before PostgreSQL), PostgreSQL needs Prisma's insensitive mode,
 * which the SQLite client's types do not know.
 */
export function containsText(text: string): { contains: string } {
  return provider === "postgresql"
    ? ({ contains: text, mode: "insensitive" } as { contains: string })
    : { contains: text };
}

/** The client, or the transaction a write runs in: code that writes inside another's transaction takes either. */
export type Db = Prisma.TransactionClient;

/**
 * Options for transactions that evaluate someone (ADR 016): SQLite lets one writer in at a
 * time, so under load a write waits its turn longer than Prisma's default two seconds, and a
 * batch of the readiness sweep takes longer than its default five.
 */
export const WRITE_TRANSACTION = { maxWait: 15_000, timeout: 60_000 };

/** Counts queries so benchmarks can show queries per page. */
export const queryCount = { value: 0 };

const globalForPrisma = globalThis as unknown as { rapportPrisma?: ReturnType<typeof createClient> };

/** One client per process, kept across dev reloads. */
export const prisma = (globalForPrisma.rapportPrisma ??=
  provider === "sqlite" ? withPlannerStatistics(createClient()) : createClient());

/**
 * Keeps SQLite's query planner informed. Without statistics it guesses, and for the review
 * queue it guessed wrong (a scan of every waiting attempt instead of the trainee index:
 * 17 ms instead of 0.3 ms with 20,000 waiting). `PRAGMA optimize` gathers statistics where
 * they are missing or stale: once at start, then every few hours. PostgreSQL's autovacuum
 * does the same on its own.
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
