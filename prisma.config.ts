import { defineConfig } from "prisma/config";

// Used by the standard Prisma CLI where its native engine is available
// (`prisma migrate deploy`), on the history of the engine DATABASE_URL names. On machines
// without it, scripts/db.ts does the same work (docs/decisions/002 and 012).
const url = process.env.DATABASE_URL ?? "file:./data/rapport.db";
const postgresql = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  schema: postgresql ? "prisma/postgresql/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: postgresql ? "prisma/postgresql/migrations" : "prisma/migrations" },
  datasource: { url },
});
