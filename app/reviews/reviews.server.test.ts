import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { type Role } from "#app/accounts/roles.ts";
import { finishAttempt, recordAction, recordReply, startAttempt } from "#app/scenarios/attempts.server.ts";
import { type ScenarioBundle } from "#app/content/catalog.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { root } from "#tests/setup/paths.ts";
import { createTeam, createUser } from "#tests/factories.ts";
import { DomainError } from "#app/utils/errors.ts";
import { type Grade } from "./schemas.ts";
import {
  claimForGrading,
  getQueue,
  getTraineeReview,
  markReviewRead,
  openForGrading,
  reviewCounts,
  reviewTarget,
  saveGrade,
  unreadReviews,
} from "./reviews.server.ts";
import { getSignOffs, recordSignOff } from "./signoff.server.ts";
import { addWorkingDays, subtractWorkingDays } from "./working-days.server.ts";

let bundle: ScenarioBundle;
beforeAll(async () => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
  const { findScenario } = await import("#app/content/catalog.server.ts");
  const found = findScenario("fixture-chat");
  if (!found) throw new Error("fixture scenario missing");
  bundle = found;
});

async function person(roles: Role[], teamId: string | null = null, timeZone = "UTC") {
  const user = await createUser({ roles, teamId });
  return { ...user, roles, timeZone };
}

/** A trainee with a mentor and a finished attempt waiting for review (it has free text). */
async function waitingAttempt() {
  const team = await createTeam();
  const trainee = await person(["trainee"], team.id);
  const mentor = await person(["mentor"]);
  await prisma.mentorship.create({ data: { mentorId: mentor.id, traineeId: trainee.id } });
  const id = await startAttempt(trainee.id, bundle, "en", "normal");
  await recordReply(trainee.id, bundle, id, { conversation: "main", step: "opening" }, { optionId: "a" });
  await recordAction(
    trainee.id,
    bundle,
    id,
    { conversation: "main", step: "checking" },
    { type: "set-priority", value: "high" },
  );
  await recordReply(
    trainee.id,
    bundle,
    id,
    { conversation: "main", step: "checking" },
    { text: "Hi Ana, sorry. I will reship it today, tracking by 5 pm." },
  );
  await finishAttempt(trainee.id, bundle, id);
  return { team, trainee, mentor, attemptId: id };
}

const fullGrade = (decision: Grade["decision"] = "retry"): Grade => ({
  scores: { empathy: 3, "next-step": 2, tools: 3 },
  comments: { "1": "Good opening." },
  feedback: "Say when the parcel arrives.",
  decision,
});

async function reviewError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("working days", () => {
  test("skip weekends both ways; a weekend counts from Monday 00:00", () => {
    // Friday 10:00 + 2 working days = Tuesday 10:00.
    expect(addWorkingDays(new Date("2026-11-20T10:00:00Z"), 2, "UTC").toISOString()).toBe("2026-11-24T10:00:00.000Z");
    // Saturday: Monday and Tuesday are the two days, so it is due as Wednesday begins.
    expect(addWorkingDays(new Date("2026-11-21T10:00:00Z"), 2, "UTC").toISOString()).toBe("2026-11-25T00:00:00.000Z");
    expect(subtractWorkingDays(new Date("2026-11-24T10:00:00Z"), 2, "UTC").toISOString()).toBe(
      "2026-11-20T10:00:00.000Z",
    );
    // On Sunday evening no working time has passed since Friday ended.
    expect(subtractWorkingDays(new Date("2026-11-22T20:00:00Z"), 2, "UTC").toISOString()).toBe(
      "2026-11-19T00:00:00.000Z",
    );
  });

  test("count on the mentor's calendar: Friday 23:30 in UTC is already Saturday in Kyiv", () => {
    const fridayNightUtc = new Date("2026-11-20T23:30:00Z");
    // In UTC it is Friday: two working days later is Tuesday night.
    expect(addWorkingDays(fridayNightUtc, 2, "UTC").toISOString()).toBe("2026-11-24T23:30:00.000Z");
    // In Kyiv (UTC+2) it is Saturday 01:30: Monday and Tuesday count, due as Wednesday begins there.
    expect(addWorkingDays(fridayNightUtc, 2, "Europe/Kyiv").toISOString()).toBe("2026-11-24T22:00:00.000Z");
    // In São Paulo (UTC−3) it is Friday 20:30: Tuesday 20:30 there.
    expect(addWorkingDays(fridayNightUtc, 2, "America/Sao_Paulo").toISOString()).toBe("2026-11-24T23:30:00.000Z");
    // Thursday 23:30 UTC is already Friday 01:30 in Kyiv: one working day later is Monday 01:30 there.
    const thursdayNightUtc = new Date("2026-11-19T23:30:00Z");
    expect(addWorkingDays(thursdayNightUtc, 1, "UTC").toISOString()).toBe("2026-11-20T23:30:00.000Z");
    expect(addWorkingDays(thursdayNightUtc, 1, "Europe/Kyiv").toISOString()).toBe("2026-11-22T23:30:00.000Z");
  });

  test("a day across a summer-time change keeps the wall-clock time", () => {
    // Friday 27 March 2026, 10:00 in Lisbon (UTC+0); clocks go forward on Sunday the 29th.
    const friday = new Date("2026-03-27T10:00:00Z");
    // Monday 30 March, 10:00 in Lisbon, is 09:00 UTC.
    expect(addWorkingDays(friday, 1, "Europe/Lisbon").toISOString()).toBe("2026-03-30T09:00:00.000Z");
    expect(subtractWorkingDays(new Date("2026-03-30T09:00:00Z"), 1, "Europe/Lisbon").toISOString()).toBe(
      "2026-03-27T10:00:00.000Z",
    );
  });

  test("the count's cutoff and the queue's due date always agree", () => {
    // A small deterministic generator: 3,000 pairs of moments over five weeks, in four zones.
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const start = Date.parse("2026-03-02T00:00:00Z");
    const disagreements: string[] = [];
    for (const zone of ["UTC", "Europe/Kyiv", "America/Sao_Paulo", "Pacific/Auckland"]) {
      for (let i = 0; i < 750; i++) {
        const submitted = new Date(start + Math.floor(random() * 35 * 86_400_000));
        const now = new Date(submitted.getTime() + Math.floor(random() * 7 * 86_400_000));
        const byCutoff = submitted < subtractWorkingDays(now, 2, zone);
        const byDue = addWorkingDays(submitted, 2, zone) < now;
        if (byCutoff !== byDue) disagreements.push(`${zone} ${submitted.toISOString()} ${now.toISOString()}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe("the queue", () => {
  test("a mentor sees their trainees' waiting attempts, oldest first, with overdue ones marked; others see none", async () => {
    const { team, trainee, mentor, attemptId } = await waitingAttempt();
    // Submitted a week ago: overdue against two working days.
    await prisma.scenarioAttempt.update({
      where: { id: attemptId },
      data: { submittedAt: new Date(Date.now() - 7 * 86_400_000) },
    });
    const second = await startAttempt(trainee.id, bundle, "en", "normal");
    await recordReply(trainee.id, bundle, second, { conversation: "main", step: "opening" }, { optionId: "a" });
    await recordReply(trainee.id, bundle, second, { conversation: "main", step: "checking" }, { text: "Hello Ana" });
    await recordReply(trainee.id, bundle, second, { conversation: "main", step: "when-then" }, { text: "Tomorrow." });
    await finishAttempt(trainee.id, bundle, second);

    const queue = await getQueue(mentor, {}, "en");
    expect(queue.items.map((i) => i.id)).toEqual([attemptId, second]);
    expect(queue.items[0]?.due).toEqual(reviewTarget(new Date(queue.items[0]?.submittedAt ?? 0), "UTC"));
    expect(queue.items.map((i) => i.overdue)).toEqual([true, false]);
    expect(queue).toMatchObject({ total: 2, overdue: 1 });
    expect(await reviewCounts(mentor)).toEqual({ waiting: 2, overdue: 1 });
    // The team's manager counts the same attempts; a manager and mentor of the same trainee
    // counts them once; a manager of another team counts none.
    const manager = await person(["manager", "mentor"]);
    await prisma.teamManager.create({ data: { teamId: team.id, userId: manager.id } });
    await prisma.mentorship.create({ data: { mentorId: manager.id, traineeId: trainee.id } });
    expect(await reviewCounts(manager)).toEqual({ waiting: 2, overdue: 1 });
    expect(await reviewCounts(await person(["manager"]))).toEqual({ waiting: 0, overdue: 0 });

    const stranger = await person(["mentor"]);
    expect((await getQueue(stranger, {}, "en")).total).toBe(0);
    expect((await getQueue(mentor, { competency: "leadership" }, "en")).total).toBe(0);
    expect((await getQueue(mentor, { competency: "empathy" }, "en")).total).toBe(2);
  });

  test("overdue counts working days on the mentor's own calendar", async () => {
    const { trainee, attemptId } = await waitingAttempt();
    // Submitted Friday 20 November, 23:00 UTC: still Friday evening in UTC and São Paulo,
    // already Saturday in Kyiv. It is now Tuesday 24 November, 22:30 UTC.
    await prisma.scenarioAttempt.update({
      where: { id: attemptId },
      data: { submittedAt: new Date("2026-11-20T23:00:00Z") },
    });
    const now = new Date("2026-11-24T22:30:00Z");
    const inUtc = await person(["mentor"], null, "UTC");
    const inKyiv = await person(["mentor"], null, "Europe/Kyiv");
    const inSaoPaulo = await person(["mentor"], null, "America/Sao_Paulo");
    for (const mentor of [inUtc, inKyiv, inSaoPaulo])
      await prisma.mentorship.create({ data: { mentorId: mentor.id, traineeId: trainee.id } });
    // In Kyiv Monday and Tuesday are the two days: due as Wednesday began there (22:00 UTC).
    expect(await reviewCounts(inKyiv, now)).toEqual({ waiting: 1, overdue: 1 });
    expect((await getQueue(inKyiv, {}, "en", now)).items[0]?.overdue).toBe(true);
    // In UTC and São Paulo it counts from Friday evening: due Tuesday 23:00 UTC, not yet.
    for (const mentor of [inUtc, inSaoPaulo]) {
      expect(await reviewCounts(mentor, now)).toEqual({ waiting: 1, overdue: 0 });
      expect((await getQueue(mentor, {}, "en", now)).items[0]?.overdue).toBe(false);
    }
  });

  test("a manager sees the queue of the teams they manage", async () => {
    const { team, attemptId } = await waitingAttempt();
    const manager = await person(["manager"]);
    await prisma.teamManager.create({ data: { teamId: team.id, userId: manager.id } });
    expect((await getQueue(manager, {}, "en")).items.map((i) => i.id)).toEqual([attemptId]);
  });
});

describe("grading", () => {
  test("opening does not claim; Start grading does, and another mentor then sees who holds it and cannot save", async () => {
    const { trainee, mentor, attemptId } = await waitingAttempt();
    const second = await person(["mentor"]);
    await prisma.mentorship.create({ data: { mentorId: second.id, traineeId: trainee.id } });
    // A manager following a link, or a mentor reading, takes nothing.
    expect((await openForGrading(second, attemptId)).claim).toBeNull();
    expect((await openForGrading(mentor, attemptId)).claim).toBeNull();
    expect(await claimForGrading(mentor, attemptId)).toMatchObject({ mine: true, by: mentor.name });
    expect((await openForGrading(second, attemptId)).claim).toMatchObject({ mine: false, by: mentor.name });
    expect(await claimForGrading(second, attemptId)).toMatchObject({ mine: false, by: mentor.name });
    const error = await reviewError(saveGrade(second, attemptId, fullGrade(), "submit", 0));
    expect(error.code).toBe("claimedByOther");
    expect(await prisma.review.count({ where: { attemptId } })).toBe(0);
  });

  test("two mentors start grading at once: exactly one holds the attempt", async () => {
    const { trainee, mentor, attemptId } = await waitingAttempt();
    const second = await person(["mentor"]);
    await prisma.mentorship.create({ data: { mentorId: second.id, traineeId: trainee.id } });
    const claims = await Promise.all([claimForGrading(mentor, attemptId), claimForGrading(second, attemptId)]);
    expect(claims.filter((c) => c?.mine)).toHaveLength(1);
  });

  test("a refused post never renews a claim", async () => {
    const { mentor, attemptId } = await waitingAttempt();
    const start = new Date();
    await claimForGrading(mentor, attemptId, start);
    const held = await prisma.scenarioAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { claimedUntil: true },
    });
    // From a version that is not the latest: refused, and the claim keeps its end.
    const later = new Date(start.getTime() + 10 * 60_000);
    expect((await reviewError(saveGrade(mentor, attemptId, fullGrade(), "submit", 7, later))).code).toBe(
      "changedMeanwhile",
    );
    const after = await prisma.scenarioAttempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { claimedUntil: true },
    });
    expect(after.claimedUntil).toEqual(held.claimedUntil);
  });

  test("a claim runs out if left, and then someone else can take it", async () => {
    const { trainee, mentor, attemptId } = await waitingAttempt();
    const second = await person(["mentor"]);
    await prisma.mentorship.create({ data: { mentorId: second.id, traineeId: trainee.id } });
    await claimForGrading(mentor, attemptId);
    const later = new Date(Date.now() + 31 * 60_000);
    expect((await openForGrading(second, attemptId, later)).claim).toBeNull();
    expect((await claimForGrading(second, attemptId, later))?.mine).toBe(true);
  });

  test("a draft, then a submission, then a change: every version kept with what changed; the trainee's unread mark follows", async () => {
    const { trainee, mentor, attemptId } = await waitingAttempt();
    await claimForGrading(mentor, attemptId);
    await saveGrade(mentor, attemptId, { ...fullGrade(), decision: null }, "draft", 0);
    expect(await getTraineeReview(attemptId)).toBeNull();
    await saveGrade(mentor, attemptId, fullGrade("retry"), "submit", 0);
    expect((await prisma.scenarioAttempt.findUniqueOrThrow({ where: { id: attemptId } })).reviewStatus).toBe("graded");
    expect((await unreadReviews(trainee.id)).map((r) => r.attemptId)).toEqual([attemptId]);
    await markReviewRead(attemptId, mentor.id); // not the owner: stays unread
    expect(await unreadReviews(trainee.id)).toHaveLength(1);
    await markReviewRead(attemptId, trainee.id);
    expect(await unreadReviews(trainee.id)).toHaveLength(0);

    await claimForGrading(mentor, attemptId);
    await saveGrade(
      mentor,
      attemptId,
      { ...fullGrade("passed"), scores: { empathy: 4, "next-step": 2, tools: 3 } },
      "submit",
      1,
    );
    const review = await getTraineeReview(attemptId);
    expect(review?.grade.decision).toBe("passed");
    expect(review?.unread).toBe(true);
    expect(review?.versions.map((v) => v.changes)).toEqual([
      [],
      [
        { kind: "score", criterion: "empathy", from: 3, to: 4 },
        { kind: "decision", from: "retry", to: "passed" },
      ],
    ]);
  });

  test("two submissions from the same starting version: one wins, the other is told", async () => {
    const { mentor, attemptId } = await waitingAttempt();
    await claimForGrading(mentor, attemptId);
    const results = await Promise.allSettled([
      saveGrade(mentor, attemptId, fullGrade("retry"), "submit", 0),
      saveGrade(mentor, attemptId, fullGrade("passed"), "submit", 0),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect((lost?.reason as DomainError).status).toBe(409);
    expect(await prisma.reviewVersion.count({ where: { review: { attemptId } } })).toBe(1);
  });

  test("bad requests: not their trainee, not submitted, nothing stored", async () => {
    const { attemptId, trainee } = await waitingAttempt();
    const stranger = await person(["mentor"]);
    expect((await reviewError(openForGrading(stranger, attemptId))).status).toBe(403);
    expect((await reviewError(saveGrade(stranger, attemptId, fullGrade(), "submit", 0))).status).toBe(403);
    const trainer = await person(["trainee", "mentor"]);
    expect((await reviewError(openForGrading(trainer, attemptId))).status).toBe(403);

    const open = await startAttempt(trainee.id, bundle, "en", "normal");
    const mentorOfOpen = await person(["mentor"]);
    await prisma.mentorship.create({ data: { mentorId: mentorOfOpen.id, traineeId: trainee.id } });
    expect((await reviewError(openForGrading(mentorOfOpen, open))).code).toBe("notSubmitted");
    expect((await reviewError(openForGrading(mentorOfOpen, "no-such-attempt"))).status).toBe(404);
    expect(await prisma.review.count({ where: { attemptId: { in: [attemptId, open] } } })).toBe(0);
  });
});

describe("level sign-off", () => {
  test("a mentor confirms and withdraws a behaviour with notes; the latest event is the state and all are kept", async () => {
    const { trainee, mentor } = await waitingAttempt();
    const input = { traineeId: trainee.id, level: "L1", behaviourId: "calm", note: "Calm with an angry caller." };
    await recordSignOff(mentor, { ...input, action: "confirm" });
    expect((await getSignOffs(trainee.id)).state["L1/calm"]).toMatchObject({ confirmed: true, by: mentor.name });
    await expect(recordSignOff(mentor, { ...input, action: "confirm" })).rejects.toMatchObject({
      code: "alreadyConfirmed",
      status: 409,
    });
    await recordSignOff(mentor, { ...input, action: "withdraw", note: "Snapped at a customer today." });
    const { state, history } = await getSignOffs(trainee.id);
    expect(state["L1/calm"]?.confirmed).toBe(false);
    expect(history).toHaveLength(2);
  });

  test("two mentors confirm the same behaviour at once: one confirmation is stored, the other is told it is already confirmed", async () => {
    const { team, trainee, mentor } = await waitingAttempt();
    // The team's manager may sign off too.
    const manager = await person(["manager"]);
    await prisma.teamManager.create({ data: { userId: manager.id, teamId: team.id } });
    const input = { traineeId: trainee.id, level: "L1", behaviourId: "calm", action: "confirm" };
    const outcomes = await Promise.allSettled([
      recordSignOff(mentor, { ...input, note: "Calm on the phone." }),
      recordSignOff(manager, { ...input, note: "Calm in chat." }),
      recordSignOff(mentor, { ...input, note: "Calm by email." }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes.filter((o) => o.status === "rejected"))
      expect(o.reason).toMatchObject({ code: "alreadyConfirmed", status: 409 });
    const stored = await prisma.signOffEvent.findMany({ where: { traineeId: trainee.id }, select: { seq: true } });
    expect(stored).toEqual([{ seq: 1 }]);
  });

  test.each([
    ["a level that does not exist", { level: "L9" }, "unknownLevel"],
    ["a behaviour the level does not ask for", { behaviourId: "juggling" }, "unknownBehaviour"],
    ["an empty note", { note: "  " }, "noteRequired"],
    ["an over-long note", { note: "x".repeat(1001) }, "noteTooLong"],
    ["withdrawing what was never confirmed", { action: "withdraw" }, "notConfirmed"],
    ["an unknown action", { action: "approve" }, "unknownAction"],
  ])("%s is refused and nothing stored", async (_name, change, code) => {
    const { trainee, mentor } = await waitingAttempt();
    const input = {
      traineeId: trainee.id,
      level: "L1",
      behaviourId: "calm",
      note: "Seen on Monday.",
      action: "confirm",
      ...change,
    };
    const error = await recordSignOff(mentor, input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    expect(await prisma.signOffEvent.count({ where: { traineeId: trainee.id } })).toBe(0);
  });

  test("only the trainee's mentor or team manager may sign off", async () => {
    const { trainee } = await waitingAttempt();
    const stranger = await person(["mentor"]);
    await expect(
      recordSignOff(stranger, {
        traineeId: trainee.id,
        level: "L1",
        behaviourId: "calm",
        note: "x",
        action: "confirm",
      }),
    ).rejects.toMatchObject({ code: "notYours", status: 403 });
  });
});
