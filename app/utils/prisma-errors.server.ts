/** A write refused by a unique index or primary key (Prisma's P2002), on SQLite and PostgreSQL. */
export function isUniqueViolation(error: unknown) {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
