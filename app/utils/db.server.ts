import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "#app/generated/prisma/client.ts";
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

/** Counts queries so benchmarks can show queries per page. */
export const queryCount = { value: 0 };

const globalForPrisma = globalThis as unknown as { rapportPrisma?: ReturnType<typeof createClient> };

/** One client per process, kept across dev reloads. */
export const prisma = (globalForPrisma.rapportPrisma ??= createClient());
