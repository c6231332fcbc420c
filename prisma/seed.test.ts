import { describe, expect, test } from "vitest";
import { findScenario } from "#app/content/catalog.server.ts";
import { type StoredEvent, replay } from "#app/scenarios/engine.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { NotADemoDatabase, seed } from "./seed.ts";

describe("the demo seed", () => {
  test("runs twice to the same organisation, with scenario attempts the app's own rules can replay", async () => {
    await seed(new Date("2026-11-20T12:00:00Z"));
    const counts = async () => ({
      users: await prisma.user.count(),
      attempts: await prisma.scenarioAttempt.count(),
      events: await prisma.scenarioEvent.count(),
      waiting: await prisma.scenarioAttempt.count({ where: { reviewStatus: "waiting" } }),
      open: await prisma.scenarioAttempt.count({ where: { finishedAt: null } }),
    });
    const first = await counts();
    await seed(new Date("2026-11-20T12:00:00Z"));
    expect(await counts()).toEqual(first);
    expect(first.attempts).toBeGreaterThanOrEqual(10);
    expect(first.waiting).toBeGreaterThanOrEqual(5);
    expect(first.open).toBe(1);

    const attempts = await prisma.scenarioAttempt.findMany({ include: { events: { orderBy: { seq: "asc" } } } });
    for (const attempt of attempts) {
      const bundle = findScenario(attempt.scenarioId);
      const scenario = bundle?.variants[attempt.locale as "en"];
      if (!scenario) throw new Error(`no ${attempt.locale} variant of ${attempt.scenarioId}`);
      const events = attempt.events.map(
        (e) => ({ seq: e.seq, at: e.at, stepId: e.stepId, kind: e.kind, data: JSON.parse(e.data) }) as StoredEvent,
      );
      const stored = JSON.parse(attempt.state) as { difficulty: "easy" | "normal" | "hard" };
      expect(replay(scenario, stored.difficulty, events), attempt.scenarioId).toEqual(stored);
      expect(attempt.turn).toBe(events.length);
    }
  }, 60_000);

  test("refuses a database that holds people outside the demo domain, and changes nothing", async () => {
    await prisma.user.create({
      data: { email: "ana@acme.example", name: "Ana", roles: { create: [{ role: "admin" }] } },
    });
    const counts = async () => ({
      users: await prisma.user.count(),
      teams: await prisma.team.count(),
      goals: await prisma.goal.count(),
      passwords: await prisma.password.count(),
    });
    const before = await counts();
    await expect(seed(new Date("2026-11-21T12:00:00Z"))).rejects.toThrow(NotADemoDatabase);
    expect(await counts()).toEqual(before);
  });
});
