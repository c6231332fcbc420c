import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { detailLines } from "./details.ts";
import { audit, changes, pruneAuditLog } from "./log.server.ts";
import { auditFiltersFrom, listAuditEvents } from "./query.server.ts";

const actor = { id: "a1", email: "admin@example.test" };

describe("the audit log", () => {
  test("filters by person (actor or target), kind and whole days; unreadable filters are dropped", async () => {
    await audit({ kind: "signin.success", actor, ip: "192.0.2.1" });
    await audit({
      kind: "user.updated",
      actor,
      target: { id: "u2", label: "sam@example.test" },
      ip: "192.0.2.1",
      details: { name: ["Sam", "Samuel"] },
    });
    await prisma.auditEvent.create({
      data: { kind: "signin.failure", at: new Date("2020-01-01T23:59:00Z"), targetLabel: "old@example.test" },
    });
    const list = async (query: string) =>
      (await listAuditEvents(auditFiltersFrom(new URL(`http://x/admin/audit?${query}`)), 1)).events.map((e) => e.kind);
    expect(await list("who=SAM@")).toEqual(["user.updated"]);
    expect(await list("who=admin@example.test&kind=signin.success")).toEqual(["signin.success"]);
    expect(await list("from=2020-01-01&to=2020-01-01")).toEqual(["signin.failure"]);
    expect(await list("kind=drop.tables&from=2020-13-45")).toHaveLength(3);
  });

  test("what changed reads as before → after; entries past the retention period are pruned", async () => {
    expect(changes({ name: "Sam", roles: "trainee" }, { name: "Samuel", roles: "trainee" })).toEqual({
      name: ["Sam", "Samuel"],
    });
    expect(detailLines(JSON.stringify({ name: ["Sam", "Samuel"], team: [null, "Aurora"], method: "totp" }))).toEqual([
      "name: Sam → Samuel",
      "team: — → Aurora",
      "method: totp",
    ]);
    expect(detailLines("not json")).toEqual([]);
    await prisma.auditEvent.create({ data: { kind: "signout", at: new Date(Date.now() - 500 * 24 * 3600_000) } });
    await audit({ kind: "signout", actor, ip: "192.0.2.1" });
    const cutoff = new Date(Date.now() - 400 * 24 * 3600_000);
    const old = await prisma.auditEvent.count({ where: { at: { lt: cutoff } } });
    expect(old).toBeGreaterThan(0);
    expect(await pruneAuditLog(400)).toBe(old);
    expect(await prisma.auditEvent.count({ where: { at: { lt: cutoff } } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { kind: "signout" } })).toBe(1);
  });
});
