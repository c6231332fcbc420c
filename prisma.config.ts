import { defineConfig } from "prisma/config";

// Used by the standard Prisma CLI where its native engine is available
// (`prisma migrate deploy`). On machines without it, scripts/db.ts does the same work.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/rapport.db" },
});
