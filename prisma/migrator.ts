// Prisma migrations without Prisma's native schema engine: the Wasm build of the same
// engine, driven through the SQLite driver adapter. See docs/decisions/002.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";

const prismaDir = path.dirname(fileURLToPath(import.meta.url));
export const schemaPath = path.join(prismaDir, "schema.prisma");
export const migrationsDir = path.join(prismaDir, "migrations");
const filters = { externalTables: [], externalEnums: [] };

/** `file:./data/x.db` (relative to the project root) → absolute path. */
export function sqlitePathFromUrl(url: string) {
  const file = url.replace(/^file:/, "");
  return path.isAbsolute(file) ? file : path.resolve(prismaDir, "..", file);
}

/** The engine reports Rust panics through this global; keep the message for the thrown error. */
const panicRegistry = {
  lastMessage: "",
  set_message(message: string) {
    this.lastMessage = message;
  },
};

async function loadEngineModule() {
  (globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY: typeof panicRegistry }).PRISMA_WASM_PANIC_REGISTRY =
    panicRegistry;
  // Node 20 cannot import .wasm as an ES module without a flag, so instantiate it here.
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
  const bg = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = readFileSync(path.join(pkgDir, "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg as unknown as { SchemaEngine: typeof SchemaEngine };
}

// The engine's JS glue is one module per process; instantiating it twice (two copies of
// this file, as Vitest's projects make) would swap the Wasm under a running engine.
const holder = globalThis as unknown as {
  rapportSchemaEngine?: ReturnType<typeof loadEngineModule>;
  rapportSchemaEngineQueue?: Promise<unknown>;
};

// One Wasm instance serves the whole process and is not re-entrant: one command at a time.
function serialized<T>(work: () => Promise<T>): Promise<T> {
  const run = (holder.rapportSchemaEngineQueue ?? Promise.resolve()).then(work, work);
  holder.rapportSchemaEngineQueue = run.catch(() => undefined);
  return run;
}

function schemaFiles() {
  return [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }];
}

async function openEngine(dbFile: string) {
  holder.rapportSchemaEngine ??= loadEngineModule();
  const { SchemaEngine } = await holder.rapportSchemaEngine;
  mkdirSync(path.dirname(dbFile), { recursive: true });
  const factory = new PrismaBetterSqlite3({ url: `file:${dbFile}` });
  // engine.free() leaves the adapter's connections open (and the file locked), so track them.
  const opened: Array<{ dispose(): Promise<void> }> = [];
  const tracking: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const connection = await factory.connect();
      opened.push(connection);
      return connection;
    },
    connectToShadowDb: async () => {
      const connection = await factory.connectToShadowDb();
      opened.push(connection);
      return connection;
    },
  };
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, readFileSync(schemaPath, "utf8")]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(tracking),
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.map((connection) => connection.dispose()));
    },
  };
}

export function readMigrationList(): MigrationList {
  const dirs = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    // Relative names, as the Prisma CLI passes them: _prisma_migrations records the folder name.
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `missing ${file}` },
        },
      };
    }),
  };
}

/** Applies pending migrations; returns the names applied. Same bookkeeping as `prisma migrate deploy`. */
export function applyMigrations(dbFile: string) {
  return serialized(async () => {
    const { engine, close } = await openEngine(dbFile);
    try {
      const out = await engine.applyMigrations({ migrationsList: readMigrationList(), filters });
      return out.appliedMigrationNames;
    } finally {
      await close();
      useWriteAheadLog(dbFile);
    }
  });
}

/**
 * WAL lets readers go on while one writer commits. The mode is stored in the database file,
 * so setting it where the database is created and migrated covers every server that opens it.
 */
function useWriteAheadLog(dbFile: string) {
  const db = new Database(dbFile);
  try {
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}

/** SQL that would take the database at `dbFile` to schema.prisma; empty when there is no drift. */
export function diffDatabaseToSchema(dbFile: string) {
  return serialized(async () => {
    const { engine, close } = await openEngine(dbFile);
    try {
      const result = await engine.diff({
        from: { tag: "schemaDatasource", files: schemaFiles(), configDir: path.dirname(prismaDir) },
        to: { tag: "schemaDatamodel", files: schemaFiles() },
        script: true,
        exitCode: null,
        filters,
      });
      return (result.stdout ?? "").trim();
    } finally {
      await close();
    }
  });
}

export function removeSqliteFiles(dbFile: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/migration.sql for the difference between the
 * existing migrations and schema.prisma. Returns the folder, or null when nothing changed.
 */
export async function createMigration(name: string, scratchDir: string) {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`Migration name "${name}" must be lower case letters, digits and underscores.`);
  }
  const scratch = path.join(scratchDir, `migration-scratch-${process.pid}.db`);
  removeSqliteFiles(scratch);
  try {
    await applyMigrations(scratch);
    const sql = await diffDatabaseToSchema(scratch);
    if (!sql || /^-- This is an empty migration\.?$/.test(sql)) return null;
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
    const lock = path.join(migrationsDir, "migration_lock.toml");
    if (!existsSync(lock)) {
      writeFileSync(
        lock,
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "sqlite"\n',
      );
    }
    return dir;
  } finally {
    removeSqliteFiles(scratch);
  }
}
