import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { prisma, queryCount } from "#app/utils/db.server.ts";
import { root } from "#tests/setup/paths.ts";
import { createTeam, createUser } from "#tests/factories.ts";
import { DomainError } from "#app/utils/errors.ts";
import { assign } from "./assign.server.ts";
import { setLessonCompleted } from "#app/courses/progress.server.ts";
import { touchActivity } from "#app/ladder/evidence.server.ts";
import { contentVersion, parseMissing } from "#app/ladder/readiness.server.ts";
import { sweepReadiness } from "#app/ladder/sweep.server.ts";
import { getTeamView, missingLabels } from "./team.server.ts";

beforeAll(() => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
});

async function managedTeam(size: number) {
  const team = await createTeam();
  const manager = await createUser({ roles: ["manager"] });
  await prisma.teamManager.create({ data: { teamId: team.id, userId: manager.id } });
  const trainees = [];
  for (let i = 0; i < size; i++) trainees.push(await createUser({ roles: ["trainee"], teamId: team.id }));
  return { team, manager, trainees };
}

const now = new Date(Date.UTC(2026, 10, 22, 12));

describe("assignments", () => {
  test("a manager sets a trainee's mentor, target level and due date", async () => {
    const { manager, trainees } = await managedTeam(1);
    const mentor = await createUser({ roles: ["mentor"] });
    const trainee = trainees[0]!;
    await assign(
      manager,
      { traineeId: trainee.id, mentorId: mentor.id, targetLevel: "L2", dueDate: "2026-12-31" },
      now,
    );
    expect(await prisma.goal.findUnique({ where: { userId: trainee.id } })).toMatchObject({
      targetLevel: "L2",
      dueDate: new Date("2026-12-31T00:00:00Z"),
    });
    expect((await prisma.mentorship.findMany({ where: { traineeId: trainee.id } })).map((m) => m.mentorId)).toEqual([
      mentor.id,
    ]);
  });

  test.each([
    ["a target level that does not exist", { targetLevel: "L9" }, "unknownLevel"],
    ["a due date in the past", { dueDate: "2026-11-21" }, "pastDate"],
    ["an unparseable due date", { dueDate: "next friday" }, "badDate"],
    ["a date that does not exist", { dueDate: "2026-02-30" }, "badDate"],
    ["a mentor who is not a mentor", { mentorId: "TRAINEE" }, "notAMentor"],
  ])("%s is refused and nothing stored", async (_name, change, code) => {
    const { manager, trainees } = await managedTeam(2);
    const input = { traineeId: trainees[0]!.id, mentorId: "", targetLevel: "L1", dueDate: "2026-12-31", ...change };
    if (input.mentorId === "TRAINEE") input.mentorId = trainees[1]!.id;
    await expect(assign(manager, input, now)).rejects.toMatchObject({ code });
    expect(await prisma.goal.count({ where: { userId: trainees[0]!.id } })).toBe(0);
    expect(await prisma.mentorship.count({ where: { traineeId: trainees[0]!.id } })).toBe(0);
  });

  test("a manager cannot change people outside their teams", async () => {
    const { manager } = await managedTeam(0);
    const outsider = await createUser({ roles: ["trainee"] });
    const error = await assign(
      manager,
      { traineeId: outsider.id, mentorId: "", targetLevel: "L1", dueDate: "2026-12-31" },
      now,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(403);
  });
});

describe("the team view", () => {
  test("shows only the manager's teams, marks stalled people and late goals", async () => {
    const { manager, trainees } = await managedTeam(2);
    const other = await managedTeam(1);
    await prisma.lessonProgress.create({
      data: {
        userId: trainees[0]!.id,
        courseSlug: "basics",
        lessonSlug: "first",
        firstOpenedAt: now,
        completedAt: now,
      },
    });
    await prisma.goal.create({
      data: {
        userId: trainees[1]!.id,
        setById: manager.id,
        targetLevel: "L1",
        dueDate: new Date(Date.UTC(2026, 10, 1)),
      },
    });
    // New people get their readiness row from the background sweep (ADR 016), run here by hand.
    await sweepReadiness();
    const view = await getTeamView(manager, {}, "en", now);
    expect(view.rows.map((r) => r.id).sort()).toEqual(trainees.map((t) => t.id).sort());
    expect(view.rows.some((r) => r.id === other.trainees[0]!.id)).toBe(false);
    const byId = new Map(view.rows.map((r) => [r.id, r]));
    expect(byId.get(trainees[0]!.id)).toMatchObject({ stalled: false, nextLevel: "L1" });
    expect(byId.get(trainees[1]!.id)).toMatchObject({ stalled: true, goal: { late: true } });
    expect((await getTeamView(manager, { status: "late" }, "en", now)).rows.map((r) => r.id)).toEqual([
      trainees[1]!.id,
    ]);
  });

  test("the number of queries does not grow with the number of people", async () => {
    const small = await managedTeam(2);
    const large = await managedTeam(12);
    // The sweep gives the new people their readiness rows; views only read them.
    await sweepReadiness();
    let before = queryCount.value;
    await getTeamView(small.manager, {}, "en", now);
    const few = queryCount.value - before;
    before = queryCount.value;
    await getTeamView(large.manager, {}, "en", now);
    expect(queryCount.value - before).toBe(few);
    expect(few).toBeLessThanOrEqual(5);
  });

  test("writes keep the readiness rows current: the view shows a finished lesson without evaluating anyone", async () => {
    const { manager, trainees } = await managedTeam(2);
    const trainee = trainees[0]!;
    await sweepReadiness();
    const first = await getTeamView(manager, {}, "en", now);
    const row = first.rows.find((r) => r.id === trainee.id)!;
    expect(row).toMatchObject({ currentLevel: null, nextLevel: "L1", stalled: true, lastActivity: null });
    const course = (r: { missingJson: string | null }) =>
      parseMissing(r.missingJson ?? "[]").find((m) => m.kind === "course" && m.id === "basics");
    expect(course(row)).toMatchObject({ done: 0, met: false });

    await setLessonCompleted(trainee.id, "basics", "first", true);
    const before = queryCount.value;
    const second = await getTeamView(manager, {}, "en", now);
    const fewQueries = queryCount.value - before;
    const updated = second.rows.find((r) => r.id === trainee.id)!;
    expect(course(updated)).toMatchObject({ done: 1, met: false });
    expect(updated.lastActivity).not.toBeNull();
    expect(updated.stalled).toBe(false);
    expect(missingLabels(updated, "en")).toContain("Basics");
    // No one was re-evaluated: the same handful of queries as any fresh view.
    expect(fewQueries).toBeLessThanOrEqual(5);

    // Undoing the lesson is counted too.
    await setLessonCompleted(trainee.id, "basics", "first", false);
    const third = await getTeamView(manager, {}, "en", now);
    expect(course(third.rows.find((r) => r.id === trainee.id)!)).toMatchObject({ done: 0 });
  });

  test("activity moves last activity forward, never back; rows from other content are evaluated again", async () => {
    const { manager, trainees } = await managedTeam(1);
    const trainee = trainees[0]!;
    await sweepReadiness();
    const later = new Date(now.getTime() - 3_600_000);
    await touchActivity(prisma, trainee.id, later);
    await touchActivity(prisma, trainee.id, new Date(now.getTime() - 30 * 86_400_000));
    expect((await prisma.readiness.findUniqueOrThrow({ where: { userId: trainee.id } })).lastActivityAt).toEqual(later);

    await prisma.readiness.update({ where: { userId: trainee.id }, data: { contentVersion: "old", nextTotal: 999 } });
    await sweepReadiness();
    const view = await getTeamView(manager, {}, "en", now);
    expect(view.rows[0]!.share).toBeLessThan(100);
    const stored = await prisma.readiness.findUniqueOrThrow({ where: { userId: trainee.id } });
    expect(stored.contentVersion).toBe(contentVersion());
    expect(stored.nextTotal).not.toBe(999);
    // The refresh keeps the activity the evidence does not know about.
    expect(stored.lastActivityAt).toEqual(later);
  });

  test("the view only reads: stale and missing rows wait for the sweep, and the view says how many", async () => {
    const { manager, trainees } = await managedTeam(2);
    await sweepReadiness();
    await prisma.readiness.update({ where: { userId: trainees[0]!.id }, data: { contentVersion: "old" } });
    await prisma.readiness.delete({ where: { userId: trainees[1]!.id } });
    const before = await prisma.readiness.findMany({ where: { userId: { in: trainees.map((t) => t.id) } } });

    const view = await getTeamView(manager, {}, "en", now);
    expect(view.pending).toBe(2);
    expect(await prisma.readiness.findMany({ where: { userId: { in: trainees.map((t) => t.id) } } })).toEqual(before);

    expect(await sweepReadiness()).toBeGreaterThanOrEqual(2);
    expect((await getTeamView(manager, {}, "en", now)).pending).toBe(0);
    const stored = await prisma.readiness.findMany({ where: { userId: { in: trainees.map((t) => t.id) } } });
    expect(stored.map((r) => r.contentVersion)).toEqual([contentVersion(), contentVersion()]);
  });
});
