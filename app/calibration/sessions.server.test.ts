import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { type Role } from "#app/accounts/roles.ts";
import { type ScenarioBundle } from "#app/content/catalog.server.ts";
import { type Grade } from "#app/reviews/schemas.ts";
import { finishAttempt, recordReply, startAttempt } from "#app/scenarios/attempts.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { DomainError } from "#app/utils/errors.ts";
import { createTeam, createUser } from "#tests/factories.ts";
import { root } from "#tests/setup/paths.ts";
import { findHidden, hiddenQueueRow, saveHidden, setHiddenCalibration } from "./hidden.server.ts";
import { sessionResults, teamTrend } from "./results.server.ts";
import {
  closeSession,
  createSession,
  listSessions,
  openCalibrationItem,
  openSession,
  saveCalibrationGrade,
} from "./sessions.server.ts";

let bundle: ScenarioBundle;
beforeAll(async () => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
  const { findScenario } = await import("#app/content/catalog.server.ts");
  const found = findScenario("fixture-chat");
  if (!found) throw new Error("fixture scenario missing");
  bundle = found;
});

async function person(roles: Role[], teamId: string | null = null) {
  const user = await createUser({ roles, teamId });
  return { ...user, roles, timeZone: "UTC" };
}

async function submittedAttempt(userId: string) {
  const id = await startAttempt(userId, bundle, "en", "normal");
  await recordReply(userId, bundle, id, { conversation: "main", step: "opening" }, { optionId: "a" });
  await recordReply(
    userId,
    bundle,
    id,
    { conversation: "main", step: "checking" },
    { text: "Hi Ana, sorry, I will reship it today." },
  );
  await finishAttempt(userId, bundle, id);
  return id;
}

const grade = (empathy: number, next: number, tools: number): Grade => ({
  scores: { empathy, "next-step": next, tools },
  comments: {},
  feedback: "",
  decision: "retry",
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const NOW = new Date("2026-12-08T10:00:00Z");
const LATER = "2026-12-20";

async function setting() {
  const team = await createTeam();
  const manager = await person(["manager"], team.id);
  await prisma.teamManager.create({ data: { teamId: team.id, userId: manager.id } });
  const trainee = await person(["trainee"], team.id);
  const mentors = [
    await person(["mentor"], team.id),
    await person(["mentor"], team.id),
    await person(["mentor"], team.id),
  ];
  const attempts = [await submittedAttempt(trainee.id), await submittedAttempt(trainee.id)];
  const input = {
    title: "November",
    team: team.id,
    deadline: LATER,
    attempt: attempts,
    mentor: mentors.map((m) => m.id),
  };
  return { team, manager, trainee, mentors, attempts, input };
}

describe("calibration sessions", () => {
  test("bad input is refused whole: a past deadline, another team's attempt, a non-mentor, a trainee", async () => {
    const { manager, trainee, input } = await setting();
    const before = await prisma.calibrationSession.count();
    expect((await refusal(createSession(manager, { ...input, deadline: "2026-12-07" }, NOW))).code).toBe(
      "deadlineInPast",
    );
    const other = await setting();
    expect((await refusal(createSession(manager, { ...input, attempt: other.attempts }, NOW))).code).toBe(
      "attemptNotUsable",
    );
    expect((await refusal(createSession(manager, { ...input, mentor: [trainee.id] }, NOW))).code).toBe(
      "mentorNotUsable",
    );
    expect((await refusal(createSession(manager, { ...input, team: other.team.id }, NOW))).status).toBe(403);
    expect((await refusal(createSession(trainee, input, NOW))).status).toBe(403);
    expect(await prisma.calibrationSession.count()).toBe(before + 0);
    expect(await prisma.calibrationItem.count({ where: { attemptId: { in: input.attempt } } })).toBe(0);
  });

  test("grading is blind until one's own grade is in, once only, and never reaches the trainee", async () => {
    const { manager, trainee, mentors, input } = await setting();
    const [a, b, c] = mentors as [typeof manager, typeof manager, typeof manager];
    const id = await createSession(manager, input, NOW);
    const stranger = await person(["mentor"]);
    expect((await refusal(openSession(stranger, id, "en"))).status).toBe(404);
    expect(await listSessions(stranger)).toEqual([]);
    expect((await listSessions(a)).map((s) => s.id)).toEqual([id]);

    await saveCalibrationGrade(a, id, 1, grade(3, 3, 3), "submit", NOW);
    // b has not graded: nothing of a's grade in b's screen, and no results.
    const blind = await openCalibrationItem(b, id, 1, NOW);
    expect(blind.others).toEqual([]);
    expect(blind.working).toBeNull();
    expect(JSON.stringify(blind)).not.toContain(a.name);
    expect((await refusal(sessionResults(b, id, "en"))).code).toBe("resultsHidden");
    // A draft is b's own; it reveals nothing either.
    await saveCalibrationGrade(b, id, 1, grade(2, 2, 2), "draft", NOW);
    expect((await openCalibrationItem(b, id, 1, NOW)).others).toEqual([]);
    await saveCalibrationGrade(b, id, 1, grade(2, 2, 4), "submit", NOW);
    const seen = await openCalibrationItem(b, id, 1, NOW);
    expect(seen.others.map((g) => g.name).sort()).toEqual([a.name, b.name].sort());

    // Twice: refused, nothing changed.
    const levels = await prisma.calibrationScore.count({ where: { sessionId: id } });
    expect((await refusal(saveCalibrationGrade(a, id, 1, grade(1, 1, 1), "submit", NOW))).status).toBe(409);
    expect((await refusal(saveCalibrationGrade(a, id, 1, grade(1, 1, 1), "draft", NOW))).status).toBe(409);
    expect(await prisma.calibrationScore.count({ where: { sessionId: id } })).toBe(levels);
    expect((await openCalibrationItem(a, id, 1, NOW)).working?.scores).toEqual(grade(3, 3, 3).scores);

    // After the deadline a mentor may no longer grade; the lead still records the reference.
    const late = new Date("2026-12-21T00:00:01Z");
    expect((await refusal(saveCalibrationGrade(c, id, 1, grade(3, 3, 3), "submit", late))).code).toBe("pastDeadline");
    await saveCalibrationGrade(manager, id, 1, grade(3, 3, 3), "submit", late);
    await saveCalibrationGrade(manager, id, 2, grade(2, 2, 2), "submit", late);
    expect((await refusal(closeSession(a, id, "note", late))).status).toBe(403);
    await closeSession(manager, id, "We agreed.", late);
    expect((await refusal(saveCalibrationGrade(c, id, 2, grade(3, 3, 3), "submit", late))).code).toBe("closed");
    expect((await refusal(closeSession(manager, id, "again", late))).code).toBe("closed");

    // No review, notification or certificate for the trainee.
    expect(await prisma.review.count({ where: { attempt: { userId: trainee.id } } })).toBe(0);
    expect(await prisma.notification.count({ where: { userId: trainee.id } })).toBe(0);
  });

  test("results: alpha, within one level, each mentor's deviation, spread, and the team trend", async () => {
    const { manager, mentors, input } = await setting();
    const [a, b, c] = mentors as [typeof manager, typeof manager, typeof manager];
    const id = await createSession(manager, input, NOW);
    for (const [who, one, two] of [
      [manager, grade(3, 2, 3), grade(2, 2, 2)],
      [a, grade(3, 2, 3), grade(2, 2, 2)],
      [b, grade(3, 2, 4), grade(2, 3, 2)],
      [c, grade(4, 4, 4), grade(4, 4, 4)],
    ] as const) {
      await saveCalibrationGrade(who, id, 1, one, "submit", NOW);
      await saveCalibrationGrade(who, id, 2, two, "submit", NOW);
    }
    await closeSession(manager, id, "Discussed.", NOW);
    const results = await sessionResults(manager, id, "en");
    const byName = Object.fromEntries(results.mentors.map((m) => [m.name, m]));
    expect(byName[a.name]?.fromReferenceAbs).toBeCloseTo(0, 6);
    // b: +1 on tools (1), +1 on next-step (2): 2 of 6 levels one off.
    expect(byName[b.name]?.fromReferenceAbs).toBeCloseTo(2 / 6, 6);
    // c: 1+2+1 and 2+2+2 above: mean 10/6, the one who deviates most, listed first.
    expect(byName[c.name]?.fromReference).toBeCloseTo(10 / 6, 6);
    expect(results.mentors[0]?.name).toBe(c.name);
    // Within one level: a 6 of 6, b 6 of 6, c 2 of 6 (item 1 off by 1, 2, 1; item 2 by 2, 2, 2).
    expect(results.overall.within).toBeCloseTo((6 + 6 + 2) / 18, 6);
    expect(results.overall.alpha.value).not.toBeNull();
    expect(results.overall.alpha.value ?? 1).toBeLessThan(0.8);
    expect(results.criteria).toHaveLength(3);
    expect(results.criteria[0]!.spread).toBeGreaterThanOrEqual(results.criteria[2]!.spread);
    const trend = await teamTrend(manager);
    expect(trend.teams[0]?.points.map((p) => p.sessionId)).toEqual([id]);
    expect(trend.teams[0]?.points[0]?.alpha).toBeCloseTo(results.overall.alpha.value ?? NaN, 3);
  });

  test("hidden calibration: a referenced attempt joins a mentor's queue; its grade goes to calibration only", async () => {
    const { manager, trainee, mentors, input, team } = await setting();
    const [a] = mentors as [typeof manager];
    const outsider = await person(["mentor"], team.id);
    const id = await createSession(manager, { ...input, mentor: [a.id] }, NOW);
    await saveCalibrationGrade(manager, id, 1, grade(3, 3, 3), "submit", NOW);
    expect(await hiddenQueueRow(outsider, "en", NOW)).toBeNull();
    await setHiddenCalibration(manager, team.id, true);
    expect((await refusal(setHiddenCalibration(a, team.id, false))).status).toBe(403);
    const row = await hiddenQueueRow(outsider, "en", NOW);
    expect(row?.trainee.id).toBe(trainee.id);
    // Asked again, the same one: no second hidden attempt while one is open.
    expect((await hiddenQueueRow(outsider, "en", NOW))?.id).toBe(row?.id);
    const hidden = await findHidden(outsider, row?.id ?? "");
    if (!hidden) throw new Error("no hidden attempt");
    expect(await findHidden(a, hidden.id)).toBeNull();
    await saveHidden(outsider, hidden, grade(4, 4, 4), "submit", NOW);
    expect(await findHidden(outsider, hidden.id)).toBeNull();
    expect(await prisma.calibrationGrade.count({ where: { graderId: outsider.id, kind: "hidden" } })).toBe(1);
    expect(await prisma.review.count({ where: { attempt: { userId: trainee.id } } })).toBe(0);
    expect(await prisma.notification.count({ where: { userId: trainee.id } })).toBe(0);
    // Within a week, nothing new.
    expect(await hiddenQueueRow(outsider, "en", new Date(NOW.getTime() + 86_400_000))).toBeNull();
  });
});
