import { afterAll, describe, expect, test } from "vitest";
import { createPrismaClient, prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { CLEANUP_SCHEDULE, claimLease, cleanUp, runScheduledCleanup, startScheduledCleanup } from "./cleanup.server.ts";

const HOUR = 3_600_000;

// Three servers: three processes, each with its own client on the same database.
const servers = [0, 1, 2].map(() => createPrismaClient(process.env.DATABASE_URL ?? ""));
afterAll(async () => {
  for (const client of servers) await client.$disconnect();
});

describe("the scheduled cleanup", () => {
  test("deletes ended and idle sessions, expired rate-limit counters, old audit entries and day-old heartbeats; keeps the rest", async () => {
    const now = new Date();
    const user = await createUser();
    await prisma.session.createMany({
      data: [
        { id: "expired", userId: user.id, expiresAt: new Date(now.getTime() - 1000) },
        // Unused for longer than SESSION_IDLE_MINUTES (30 by default), though not past its end.
        {
          id: "idle",
          userId: user.id,
          expiresAt: new Date(now.getTime() + HOUR),
          lastSeenAt: new Date(now.getTime() - HOUR),
        },
        { id: "live", userId: user.id, expiresAt: new Date(now.getTime() + HOUR), lastSeenAt: now },
      ],
    });
    await prisma.rateLimit.createMany({
      data: [
        { key: "signin-pair:old@x.test|10.0.0.1", points: 3, expire: new Date(now.getTime() - 1000) },
        { key: "signin-pair:recent@x.test|10.0.0.1", points: 1, expire: new Date(now.getTime() + 60_000) },
      ],
    });
    await prisma.auditEvent.createMany({
      data: [
        { kind: "signin.success", at: new Date(now.getTime() - 500 * 24 * HOUR) },
        { kind: "signin.success", at: new Date(now.getTime() - HOUR) },
      ],
    });
    await prisma.heartbeat.createMany({
      data: [
        { instance: "gone:1", at: new Date(now.getTime() - 25 * HOUR) },
        { instance: "alive:2", at: new Date(now.getTime() - HOUR) },
      ],
    });
    expect(await cleanUp(now)).toEqual({ sessions: 2, counters: 1, auditEntries: 1, mails: 0, heartbeats: 1 });
    expect(await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual([
      { id: "live" },
    ]);
    expect((await prisma.rateLimit.findMany({ select: { key: true } })).map((r) => r.key)).toEqual([
      "signin-pair:recent@x.test|10.0.0.1",
    ]);
    expect(await prisma.auditEvent.count()).toBe(1);
    expect((await prisma.heartbeat.findMany({ select: { instance: true } })).map((h) => h.instance)).toEqual([
      "alive:2",
    ]);
  });

  test("three servers run it at the same moment: exactly one cleans up; next hour one again; a dead holder's lease runs out", async () => {
    const at = new Date("2026-11-20T10:07:00Z");
    const run = (when: Date) =>
      Promise.all(servers.map((client, i) => runScheduledCleanup(when, client, `server-${i}`)));
    const first = await run(at);
    expect(first.filter((r) => r !== null)).toHaveLength(1);
    // A minute later (a clock a little off): still held, nobody runs it again.
    expect((await run(new Date(at.getTime() + 60_000))).filter((r) => r !== null)).toHaveLength(0);
    const second = await run(new Date(at.getTime() + HOUR));
    expect(second.filter((r) => r !== null)).toHaveLength(1);
    const lease = await prisma.lease.findUniqueOrThrow({ where: { name: "cleanup" } });
    expect(lease.holder).toMatch(/^server-[012]$/);
    expect(lease.until.getTime()).toBe(at.getTime() + HOUR + 50 * 60_000);
  });

  test("a lease is not taken from its holder before it runs out", async () => {
    const now = new Date("2026-11-21T10:00:00Z");
    expect(await claimLease("report", "a", new Date(now.getTime() + 1000), now)).toBe(true);
    expect(await claimLease("report", "b", new Date(now.getTime() + 5000), new Date(now.getTime() + 999))).toBe(false);
    expect(await claimLease("report", "b", new Date(now.getTime() + 5000), new Date(now.getTime() + 1001))).toBe(true);
  });

  test("each server process schedules it once, at 7 minutes past every hour", () => {
    const cron = startScheduledCleanup();
    try {
      expect(startScheduledCleanup()).toBe(cron);
      expect(cron.getPattern()).toBe(CLEANUP_SCHEDULE);
      const next = cron.nextRuns(2, new Date("2026-11-20T10:30:00"));
      expect(next.map((d) => [d.getHours(), d.getMinutes()])).toEqual([
        [11, 7],
        [12, 7],
      ]);
    } finally {
      cron.stop();
    }
  });
});
