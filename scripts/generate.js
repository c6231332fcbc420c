// npm run db:generate (and postinstall): the Prisma clients for both engines, from the one
// schema people edit (prisma/schema.prisma, SQLite). The PostgreSQL schema is derived from
// it here, never edited: prisma/postgresql/schema.prisma. See docs/decisions/019.
//
// Plain JavaScript with no dependencies, so that a production install (`npm ci --omit=dev`)
// can run it: without the Prisma CLI (a devDependency) it says so and does nothing, since
// the production build carries the generated clients inside it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schemaPath = path.join(root, "prisma/schema.prisma");
export const postgresqlSchemaPath = path.join(root, "prisma/postgresql/schema.prisma");

/**
 * The PostgreSQL twin of the schema: the same models, another provider, and its client
 * generated beside the SQLite one. Everything else stays as written.
 */
export function postgresqlSchema(source) {
  const datasource = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
  const output = /(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/app\/generated\/prisma"/;
  if (!datasource.test(source))
    throw new Error('prisma/schema.prisma: expected `provider = "sqlite"` in datasource db');
  if (!output.test(source)) throw new Error('prisma/schema.prisma: expected `output = "../app/generated/prisma"`');
  return [
    "// Generated from ../schema.prisma by `npm run db:generate`. Do not edit: edit ../schema.prisma.",
    source.replace(datasource, '$1"postgresql"').replace(output, '$1"../../app/generated/prisma-postgresql"'),
  ].join("\n");
}

export function writePostgresqlSchema() {
  const derived = postgresqlSchema(readFileSync(schemaPath, "utf8"));
  mkdirSync(path.dirname(postgresqlSchemaPath), { recursive: true });
  if (!existsSync(postgresqlSchemaPath) || readFileSync(postgresqlSchemaPath, "utf8") !== derived) {
    writeFileSync(postgresqlSchemaPath, derived);
  }
  return derived;
}

function prismaCli() {
  try {
    return createRequire(import.meta.url).resolve("prisma/build/index.js");
  } catch {
    return null;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writePostgresqlSchema();
  const cli = prismaCli();
  if (!cli) {
    console.log("Prisma CLI not installed (production install): the clients are not regenerated.");
  } else {
    // generate checks that an engine file exists but does not use it; it cannot be downloaded here.
    const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: path.join(root, "package.json") };
    for (const schema of [schemaPath, postgresqlSchemaPath]) {
      execFileSync(process.execPath, [cli, "generate", "--schema", schema], { cwd: root, env, stdio: "inherit" });
    }
  }
}
