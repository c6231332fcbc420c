// Databases for tests, on the engine the run was started on: `npm test` uses SQLite files
// under tests/.tmp; `DATABASE_URL=postgresql://… npm test` a database per test file (or
// per server) on that PostgreSQL server, each created and dropped here, named after the
// URL's database (which need not exist: CREATE and DROP DATABASE go through the server's
// `postgres` database, so the role needs CREATEDB). vitest.config.ts records the
// run's URL in TEST_DATABASE_URL, since each test file sets DATABASE_URL to its own.
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseTarget, type DatabaseTarget } from "#app/utils/database-url.server.ts";
import { applyMigrations, removeSqliteFiles, siblingDatabaseUrl } from "#root/prisma/migrator.ts";
import { tmpDir } from "./paths.ts";

export const runTarget: DatabaseTarget = databaseTarget(
  process.env.TEST_DATABASE_URL ?? `file:${path.join(tmpDir, "run.db")}`,
);
export const provider = runTarget.provider;

const unique = (label: string) => `${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

async function admin<T>(work: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: siblingDatabaseUrl(runTarget.url, "postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export type TestDatabase = { url: string; drop(): Promise<void> };

/** Names the template database (or file) that unit-test databases are copied from. */
export function templateName() {
  return runTarget.provider === "sqlite" ? path.join(tmpDir, "template.db") : `${runTarget.database}_template`;
}

/**
 * A database of its own: empty, migrated (`migrate`), or a copy of the migrated template
 * (`fromTemplate`, for unit tests: copying is much faster than migrating).
 */
export async function createDatabase(
  label: string,
  options: { migrate?: boolean; fromTemplate?: boolean } = {},
): Promise<TestDatabase> {
  if (runTarget.provider === "sqlite") {
    mkdirSync(tmpDir, { recursive: true });
    const file = path.join(tmpDir, `${unique(label)}.db`);
    removeSqliteFiles(file);
    if (options.fromTemplate) copyFileSync(templateName(), file);
    const url = `file:${file}`;
    if (options.migrate) await applyMigrations(url);
    return { url, drop: async () => removeSqliteFiles(file) };
  }
  const name = `${runTarget.database}_${unique(label)}`.toLowerCase();
  await admin((client) =>
    client.query(`CREATE DATABASE "${name}"${options.fromTemplate ? ` TEMPLATE "${templateName()}"` : ""}`),
  );
  const url = siblingDatabaseUrl(runTarget.url, name);
  if (options.migrate) await applyMigrations(url);
  return { url, drop: () => dropDatabase(name) };
}

function dropDatabase(name: string) {
  return admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
}

/** Builds the migrated template once per run (global setup). */
export async function createTemplate() {
  if (runTarget.provider === "sqlite") {
    mkdirSync(tmpDir, { recursive: true });
    removeSqliteFiles(templateName());
    await applyMigrations(templateName());
    return `file:${templateName()}`;
  }
  await dropDatabase(templateName());
  await admin((client) => client.query(`CREATE DATABASE "${templateName()}"`));
  const url = siblingDatabaseUrl(runTarget.url, templateName());
  await applyMigrations(url);
  return url;
}

/** Drops what a run left behind (a file's databases are dropped by the file itself). */
export async function dropTemplate() {
  if (runTarget.provider === "postgresql") await dropDatabase(templateName());
}

type Row = Record<string, unknown>;

/** What a test reads and writes with: plain SQL with `?` placeholders and quoted identifiers. */
export type Connection = {
  all<T = Row>(sql: string, ...params: unknown[]): Promise<T[]>;
  get<T = Row>(sql: string, ...params: unknown[]): Promise<T | undefined>;
  run(sql: string, ...params: unknown[]): Promise<number>;
  close(): Promise<void>;
};

// Rows come back as SQLite gives them, whichever the engine: dates as the text Prisma stores
// ("2026-11-23T10:00:00.000+00:00"), booleans as 1 or 0, counts as numbers.
const pgTypes = {
  getTypeParser(oid: number, format?: string): (value: string) => unknown {
    if (oid === 1114 || oid === 1184) return sqliteDate;
    if (oid === 16) return (value) => (value === "t" ? 1 : 0);
    if (oid === 20 || oid === 1700) return Number;
    return pg.types.getTypeParser(oid, format === "binary" ? "binary" : "text");
  },
};

function sqliteDate(value: string) {
  const [day, time = "00:00:00"] = value.replace(/([+-]\d\d)(:?\d\d)?$/, "").split(" ");
  const [clock, fraction = ""] = time.split(".");
  return `${day}T${clock}.${fraction.padEnd(3, "0").slice(0, 3)}+00:00`;
}

/**
 * A connection to a test database of either engine. `readonly` opens an SQLite file
 * without ever checkpointing its WAL, to look at it exactly as a crash left it (PostgreSQL
 * needs no such care).
 */
export async function connect(url: string, options: { readonly?: boolean } = {}): Promise<Connection> {
  const target = databaseTarget(url);
  if (target.provider === "sqlite") {
    const db = new Database(target.file, { timeout: 5000, readonly: options.readonly === true });
    const values = (params: unknown[]) =>
      params.map((p) =>
        p instanceof Date ? p.toISOString().replace("Z", "+00:00") : p === true ? 1 : p === false ? 0 : p,
      );
    return {
      all: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...values(params)) as T[],
      get: async <T>(sql: string, ...params: unknown[]) => db.prepare(sql).get(...values(params)) as T | undefined,
      run: async (sql, ...params) => db.prepare(sql).run(...values(params)).changes,
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: target.url, types: pgTypes });
  await client.connect();
  let n = 0;
  const numbered = (sql: string) => {
    n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  // Prisma stores UTC in columns without a time zone; pg would send local time.
  const values = (params: unknown[]) => params.map((p) => (p instanceof Date ? p.toISOString().replace("Z", "") : p));
  const query = (sql: string, params: unknown[]) => client.query(numbered(sql), values(params));
  return {
    all: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql, ...params) => (await query(sql, params)).rowCount ?? 0,
    close: () => client.end(),
  };
}

/** Opens, runs `work`, closes. */
export async function withConnection<T>(
  url: string,
  work: (db: Connection) => Promise<T>,
  options: { readonly?: boolean } = {},
) {
  const db = await connect(url, options);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}
