// Which database DATABASE_URL names. The one place where the two engines are told apart;
// the app, the migrations, the tests and the benchmark all ask here (ADR 019).
import path from "node:path";

export type DatabaseTarget =
  { provider: "sqlite"; url: string; file: string } | { provider: "postgresql"; url: string; database: string };

export type Provider = DatabaseTarget["provider"];

/** A URL that names no database Rapport can use. The message says what would. */
export class DatabaseUrlError extends Error {}

/** The URL with its password hidden, for messages and logs. */
export function redactUrl(url: string) {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, "$1:***@");
}

/**
 * `file:./data/rapport.db` (relative to `root`) → SQLite; `postgresql://` or `postgres://`
 * → PostgreSQL. Anything else is refused with a message naming both forms.
 */
export function databaseTarget(url: string, root = process.cwd()): DatabaseTarget {
  const shown = redactUrl(url);
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length).replace(/\?.*$/, "");
    if (!file) throw new DatabaseUrlError(`DATABASE_URL "${shown}" names no file; use e.g. file:./data/rapport.db`);
    return { provider: "sqlite", url, file: path.isAbsolute(file) ? file : path.resolve(root, file) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new DatabaseUrlError(`DATABASE_URL "${shown}" is not a valid URL`);
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
    if (!parsed.hostname && !parsed.searchParams.get("host")) {
      throw new DatabaseUrlError(
        `DATABASE_URL "${shown}" names no host, e.g. postgresql://rapport@db.internal/rapport`,
      );
    }
    if (!database) {
      throw new DatabaseUrlError(
        `DATABASE_URL "${shown}" names no database, e.g. postgresql://rapport@db.internal/rapport`,
      );
    }
    return { provider: "postgresql", url, database };
  }
  const hint = /^[./\w-]+\.(db|sqlite3?)$/.test(url) ? ` (for an SQLite file write file:${url})` : "";
  throw new DatabaseUrlError(
    `DATABASE_URL "${shown}" is not supported${hint}. Rapport runs on SQLite (file:./data/rapport.db) or PostgreSQL (postgresql://user:password@host:5432/database).`,
  );
}
