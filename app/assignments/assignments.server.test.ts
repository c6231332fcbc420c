import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { type SessionUser } from "#app/accounts/auth.server.ts";
import { findCourse } from "#app/content/catalog.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { DomainError } from "#app/utils/errors.ts";
import { createTeam, createUser } from "#tests/factories.ts";
import { root } from "#tests/setup/paths.ts";
import {
  assignItems,
  dueAssignments,
  listAssignments,
  withdrawAssignment,
  assignmentCounts,
} from "./assignments.server.ts";

beforeAll(() => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
});

const now = new Date(Date.UTC(2026, 10, 22, 12));

async function as(id: string, roles: SessionUser["roles"]) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id }, select: { id: true, email: true, name: true } });
  return { ...user, roles, timeZone: "UTC" };
}

async function managedTeam(size: number) {
  const team = await createTeam();
  const manager = await as((await createUser({ roles: ["manager"] })).id, ["manager"]);
  await prisma.teamManager.create({ data: { teamId: team.id, userId: manager.id } });
  const trainees = [];
  for (let i = 0; i < size; i++) trainees.push(await createUser({ roles: ["trainee"], teamId: team.id }));
  return { team, manager, trainees };
}

async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const base = { kind: "scenario" as const, itemId: "fixture-chat", dueDate: "2026-11-30", note: "" };

describe("assigning", () => {
  test("a manager assigns a scenario to a whole team: one row, one notification and one mail each", async () => {
    const { team, manager, trainees } = await managedTeam(3);
    const count = await assignItems(manager, { ...base, teamId: team.id, note: "Before the launch" }, now);
    expect(count).toBe(3);
    const rows = await prisma.assignment.findMany({ where: { assignedById: manager.id } });
    expect(rows.map((r) => r.userId).sort()).toEqual(trainees.map((t) => t.id).sort());
    expect(rows[0]).toMatchObject({ kind: "scenario", itemId: "fixture-chat", note: "Before the launch" });
    expect(rows[0]!.dueDate.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(
      await prisma.notification.count({ where: { userId: { in: trainees.map((t) => t.id) }, kind: "assignment" } }),
    ).toBe(3);
    expect(
      await prisma.outboxMail.count({ where: { kind: "assignment", userId: { in: trainees.map((t) => t.id) } } }),
    ).toBe(3);
  });

  test("a mentor assigns to their own trainee, never to someone else's", async () => {
    const mentor = await as((await createUser({ roles: ["mentor"] })).id, ["mentor"]);
    const mine = await createUser();
    const theirs = await createUser();
    await prisma.mentorship.create({ data: { mentorId: mentor.id, traineeId: mine.id } });
    expect(await assignItems(mentor, { ...base, userIds: [mine.id] }, now)).toBe(1);
    const error = await refusal(
      assignItems(mentor, { ...base, kind: "quiz", itemId: "basics-final", userIds: [mine.id, theirs.id] }, now),
    );
    expect([error.status, error.code]).toEqual([403, "notYours"]);
    // All or nothing: the trainee who was in scope got no quiz either.
    expect(await prisma.assignment.count({ where: { kind: "quiz", userId: mine.id } })).toBe(0);
  });

  test("bad input is refused with a 4xx and nothing is stored", async () => {
    const { team, manager, trainees } = await managedTeam(1);
    const other = await managedTeam(1);
    const to = { userIds: [trainees[0]!.id] };
    const cases: Array<[Parameters<typeof assignItems>[1], number, string]> = [
      [{ ...base, ...to, itemId: "no-such-scenario" }, 404, "unknownItem"],
      [{ ...base, ...to, kind: "lesson" as "quiz" }, 400, "unknownItem"],
      [{ ...base, ...to, dueDate: "2026-11-21" }, 400, "pastDate"],
      [{ ...base, ...to, dueDate: "2026-02-30" }, 400, "badDate"],
      [{ ...base, ...to, note: "x".repeat(501) }, 400, "noteTooLong"],
      [{ ...base, userIds: [] }, 400, "nobody"],
      [{ ...base, teamId: other.team.id }, 403, "notYourTeam"],
      [{ ...base, userIds: [other.trainees[0]!.id] }, 403, "notYours"],
    ];
    for (const [input, status, code] of cases) {
      const error = await refusal(assignItems(manager, input, now));
      expect([error.status, error.code]).toEqual([status, code]);
    }
    expect(await prisma.assignment.count({ where: { assignedById: manager.id } })).toBe(0);
    expect(team.id).toBeTruthy();
  });

  test("today in the assigner's zone is allowed, although it is already tomorrow in UTC", async () => {
    const { manager, trainees } = await managedTeam(1);
    const lateEvening = new Date(Date.UTC(2026, 10, 23, 2)); // 23:00 on the 22nd in São Paulo
    const count = await assignItems(
      { ...manager, timeZone: "America/Sao_Paulo" },
      { ...base, userIds: [trainees[0]!.id], dueDate: "2026-11-22" },
      lateEvening,
    );
    expect(count).toBe(1);
  });

  test("a duplicate open assignment is refused and names the person; nothing else is stored", async () => {
    const { manager, trainees } = await managedTeam(2);
    await assignItems(manager, { ...base, userIds: [trainees[0]!.id] }, now);
    const error = await refusal(assignItems(manager, { ...base, userIds: trainees.map((t) => t.id) }, now));
    expect([error.status, error.code]).toEqual([409, "duplicate"]);
    expect(error.details.names).toBe(trainees[0]!.name);
    expect(await prisma.assignment.count({ where: { userId: trainees[1]!.id } })).toBe(0);
  });
});

describe("done is read from the evidence", () => {
  test("a scenario is done once an attempt is submitted after it was assigned; overdue until then", async () => {
    const { manager, trainees } = await managedTeam(1);
    const trainee = trainees[0]!;
    await prisma.scenarioAttempt.create({
      data: {
        userId: trainee.id,
        scenarioId: "fixture-chat",
        locale: "en",
        stepId: "end",
        state: "{}",
        startedAt: new Date(Date.UTC(2026, 10, 1)),
        finishedAt: new Date(Date.UTC(2026, 10, 1)),
        submittedAt: new Date(Date.UTC(2026, 10, 1)),
      },
    });
    await assignItems(manager, { ...base, userIds: [trainee.id], dueDate: "2026-11-23" }, now);
    const later = new Date(Date.UTC(2026, 10, 25, 9));
    let open = await dueAssignments(trainee.id, later);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({
      overdue: true,
      done: false,
      href: "/scenarios/fixture-chat",
      title: expect.any(String),
    });
    expect((await assignmentCounts([trainee.id], later, "UTC")).get(trainee.id)).toEqual({ open: 1, overdue: 1 });
    await prisma.scenarioAttempt.create({
      data: {
        userId: trainee.id,
        scenarioId: "fixture-chat",
        locale: "en",
        stepId: "end",
        state: "{}",
        finishedAt: later,
        submittedAt: later,
        reviewStatus: "waiting",
      },
    });
    open = await dueAssignments(trainee.id, later);
    expect(open).toHaveLength(0);
    const all = await listAssignments(trainee.id, "en", "2026-11-25");
    expect(all[0]).toMatchObject({ done: true, overdue: false });
  });

  test("a course is done when every lesson is done, a quiz when an attempt passed", async () => {
    const { manager, trainees } = await managedTeam(1);
    const trainee = trainees[0]!;
    const course = findCourse("basics");
    expect(course?.lessons.length).toBeGreaterThan(1);
    await assignItems(manager, { ...base, kind: "course", itemId: "basics", userIds: [trainee.id] }, now);
    await assignItems(manager, { ...base, kind: "quiz", itemId: "basics-final", userIds: [trainee.id] }, now);
    const [first, ...rest] = course!.lessons;
    await prisma.lessonProgress.create({
      data: { userId: trainee.id, courseSlug: "basics", lessonSlug: first!.slug, completedAt: now },
    });
    expect((await dueAssignments(trainee.id, now)).map((a) => a.kind).sort()).toEqual(["course", "quiz"]);
    for (const lesson of rest)
      await prisma.lessonProgress.create({
        data: { userId: trainee.id, courseSlug: "basics", lessonSlug: lesson.slug, completedAt: now },
      });
    await prisma.quizAttempt.create({
      data: {
        userId: trainee.id,
        quizId: "basics-final",
        courseSlug: "basics",
        number: 1,
        seed: 1,
        locale: "en",
        submittedAt: now,
        score: 40,
        passed: false,
      },
    });
    expect((await dueAssignments(trainee.id, now)).map((a) => a.kind)).toEqual(["quiz"]);
    await prisma.quizAttempt.create({
      data: {
        userId: trainee.id,
        quizId: "basics-final",
        courseSlug: "basics",
        number: 2,
        seed: 1,
        locale: "en",
        submittedAt: now,
        score: 90,
        passed: true,
      },
    });
    expect(await dueAssignments(trainee.id, now)).toEqual([]);
  });
});

describe("withdrawing", () => {
  test("the assigner or the assignee's manager withdraws, with an audit entry; anyone else gets 404", async () => {
    const { manager, trainees } = await managedTeam(1);
    const trainee = trainees[0]!;
    const mentor = await as((await createUser({ roles: ["mentor"] })).id, ["mentor"]);
    const stranger = await as((await createUser({ roles: ["mentor"] })).id, ["mentor"]);
    await prisma.mentorship.create({ data: { mentorId: mentor.id, traineeId: trainee.id } });
    await assignItems(mentor, { ...base, userIds: [trainee.id] }, now);
    const { id } = await prisma.assignment.findFirstOrThrow({ where: { userId: trainee.id } });
    const error = await refusal(withdrawAssignment(stranger, id, "127.0.0.1", now));
    expect([error.status, error.code]).toEqual([404, "notFound"]);
    await withdrawAssignment(manager, id, "127.0.0.1", now);
    expect((await prisma.assignment.findUniqueOrThrow({ where: { id } })).withdrawnAt).toEqual(now);
    expect(
      await prisma.auditEvent.count({
        where: { kind: "assignment.withdrawn", actorId: manager.id, targetId: trainee.id },
      }),
    ).toBe(1);
    expect(await dueAssignments(trainee.id, now)).toEqual([]);
    expect((await refusal(withdrawAssignment(mentor, id, "127.0.0.1", now))).status).toBe(404);
    // Withdrawn, the same scenario can be assigned again.
    expect(await assignItems(mentor, { ...base, userIds: [trainee.id] }, now)).toBe(1);
  });
});
