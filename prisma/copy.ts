// npm run db:copy -- file:./data/rapport.db — every row of an SQLite database into the
// (migrated, empty) PostgreSQL database DATABASE_URL names: how an install on one machine
// moves to several (docs/deploy.md), and how the benchmark puts its large organisation on
// PostgreSQL. One transaction: a failure leaves the target as it was.
import Database from "better-sqlite3";
import pg from "pg";
import { type DatabaseTarget, redactUrl } from "#app/utils/database-url.server.ts";
import { appliedMigrations } from "./migrator.ts";

type Column = { name: string; type: string };

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for Rapport's widest table. */
const BATCH = 1000;

/** SQLite's stored dates (Prisma's ISO text, CURRENT_TIMESTAMP's "YYYY-MM-DD HH:MM:SS" in UTC, or epoch ms) as UTC. */
function timestamp(value: unknown) {
  if (value === null) return null;
  const date =
    typeof value === "number" || typeof value === "bigint"
      ? new Date(Number(value))
      : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(String(value)) ? String(value) : `${String(value).replace(" ", "T")}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`not a date: ${String(value)}`);
  // The columns hold UTC without a zone, as Prisma writes them.
  return date.toISOString().replace("Z", "");
}

function convert(value: unknown, type: string) {
  if (value === null || value === undefined) return null;
  if (type.startsWith("timestamp")) return timestamp(value);
  if (type === "boolean") return value === 1 || value === 1n || value === true || value === "1" || value === "true";
  if (typeof value === "bigint") return value.toString();
  return value;
}

/** Tables in an order where every foreign key points at a table copied before it. */
function foreignKeyOrder(tables: string[], references: Array<{ from: string; to: string }>) {
  const ordered: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table)) return;
    if (path.includes(table)) throw new Error(`foreign keys form a cycle: ${[...path, table].join(" → ")}`);
    for (const ref of references) if (ref.from === table && ref.to !== table) visit(ref.to, [...path, table]);
    ordered.push(table);
  };
  for (const table of [...tables].sort()) visit(table, []);
  return ordered;
}

export async function copySqliteToPostgresql(
  sqliteFile: string,
  target: DatabaseTarget & { provider: "postgresql" },
  onTable: (table: string, rows: number) => void = () => {},
) {
  const [from, to] = await Promise.all([appliedMigrations(sqliteFile), appliedMigrations(target).catch(() => [])]);
  if (from.join() !== to.join()) {
    throw new Error(
      `${sqliteFile} has ${from.length} migration(s) applied and ${redactUrl(target.url)} has ${to.length}: ` +
        "run npm run db:migrate on both (same release) before copying.",
    );
  }
  const source = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  source.defaultSafeIntegers(true);
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    const columns = await client.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT table_name, column_name, data_type FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, ordinal_position`,
    );
    const byTable = new Map<string, Column[]>();
    for (const c of columns.rows) {
      const list = byTable.get(c.table_name) ?? [];
      list.push({ name: c.column_name, type: c.data_type });
      byTable.set(c.table_name, list);
    }
    const references = await client.query<{ from: string; to: string }>(
      `SELECT c.conrelid::regclass::text AS "from", c.confrelid::regclass::text AS "to"
       FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
    );
    const unquote = (name: string) => name.replace(/^"|"$/g, "");
    const order = foreignKeyOrder(
      [...byTable.keys()],
      references.rows.map((r) => ({ from: unquote(r.from), to: unquote(r.to) })),
    );
    for (const table of order) {
      const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${table}"`);
      if (Number(rows[0]?.n) > 0)
        throw new Error(`"${table}" in ${redactUrl(target.url)} is not empty: copy into an empty database.`);
    }

    await client.query("BEGIN");
    const copied: Record<string, number> = {};
    for (const table of order) {
      const cols = byTable.get(table) ?? [];
      const names = cols.map((c) => `"${c.name}"`).join(", ");
      let batch: unknown[][] = [];
      let count = 0;
      const flush = async () => {
        if (!batch.length) return;
        const values = batch.map((_, r) => `(${cols.map((__, c) => `$${r * cols.length + c + 1}`).join(", ")})`);
        await client.query(`INSERT INTO "${table}" (${names}) VALUES ${values.join(", ")}`, batch.flat());
        count += batch.length;
        batch = [];
      };
      for (const row of source.prepare(`SELECT ${names} FROM "${table}"`).iterate() as Iterable<
        Record<string, unknown>
      >) {
        batch.push(cols.map((c) => convert(row[c.name], c.type)));
        if (batch.length === BATCH) await flush();
      }
      await flush();
      copied[table] = count;
      onTable(table, count);
    }
    // Every row arrived: the same count on both sides, table by table.
    for (const table of order) {
      const { rows } = await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${table}"`);
      const expected = Number((source.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: bigint }).n);
      if (Number(rows[0]?.n) !== expected || copied[table] !== expected) {
        throw new Error(`"${table}": ${expected} rows in SQLite, ${rows[0]?.n} in PostgreSQL after the copy`);
      }
    }
    // Serial columns (ScenarioEvent's id) continue after the highest id copied.
    const serials = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
    );
    for (const s of serials.rows) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence('"${s.table_name}"', '${s.column_name}'),
           COALESCE((SELECT MAX("${s.column_name}") FROM "${s.table_name}"), 0) + 1, false)`,
      );
    }
    await client.query("COMMIT");
    await client.query("ANALYZE");
    return copied;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    source.close();
    await client.end();
  }
}
