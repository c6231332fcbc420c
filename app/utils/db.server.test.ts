import { afterEach, describe, expect, test, vi } from "vitest";
import { provider as runProvider } from "#tests/setup/database.ts";
import { prisma, provider } from "./db.server.ts";

const original = { ...process.env };
afterEach(() => {
  process.env = { ...original };
  vi.resetModules();
});

describe("the database client", () => {
  test("runs on the engine DATABASE_URL names", () => {
    expect(provider).toBe(runProvider);
  });

  test("acknowledges a write once it is as durable as documented (docs/deploy.md)", async () => {
    if (provider === "sqlite") {
      // NORMAL (1) in WAL mode: safe from a crash of Rapport or its process.
      const [row] = await prisma.$queryRawUnsafe<Array<{ synchronous: number | bigint }>>("PRAGMA synchronous");
      expect(Number(row?.synchronous)).toBe(1);
      const [mode] = await prisma.$queryRawUnsafe<Array<{ journal_mode: string }>>("PRAGMA journal_mode");
      expect(mode?.journal_mode).toBe("wal");
    } else {
      const [row] = await prisma.$queryRawUnsafe<Array<{ synchronous_commit: string }>>("SHOW synchronous_commit");
      expect(row?.synchronous_commit).toBe("on");
    }
  });

  test("a transaction waits for a busy connection rather than failing after Prisma's 2 s", async () => {
    // One connection: the second transaction can only start when the first is done.
    process.env.DATABASE_POOL_SIZE = "1";
    vi.resetModules();
    const { createPrismaClient } = await import("./db.server.ts");
    const client = createPrismaClient(process.env.DATABASE_URL ?? "");
    try {
      const order: string[] = [];
      const first = client.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        await new Promise((r) => setTimeout(r, 3000));
        order.push("first");
      });
      await new Promise((r) => setTimeout(r, 200));
      const second = client.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        order.push("second");
      });
      await Promise.all([first, second]);
      expect(order).toEqual(["first", "second"]);
    } finally {
      await client.$disconnect();
    }
  });

  test.each([
    ["SQLITE_SYNCHRONOUS", "OFF", /SQLITE_SYNCHRONOUS/],
    [
      "DATABASE_URL",
      "mysql://rapport@db/rapport",
      /DATABASE_URL: DATABASE_URL "mysql:\/\/rapport@db\/rapport" is not supported/,
    ],
    ["DATABASE_POOL_SIZE", "0", /DATABASE_POOL_SIZE/],
  ])("refuses %s=%s at start with a clear message", async (name, value, message) => {
    process.env[name] = value;
    vi.resetModules();
    const { getEnv } = await import("./env.server.ts");
    expect(() => getEnv()).toThrow(message);
  });
});
