import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { type Role } from "#app/accounts/roles.ts";
import { recordSignOff } from "#app/reviews/signoff.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { root } from "#tests/setup/paths.ts";
import { createUser } from "#tests/factories.ts";
import { revokeCertificate } from "./certificates.server.ts";
import { evaluatePerson, loadEvidence } from "./evaluate.server.ts";
import { getProgressPage } from "./pages.server.ts";
import { refreshReadiness } from "./readiness.server.ts";

beforeAll(() => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
});

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));

/** A trainee who has done everything the fixture's L1 asks, except the sign-offs. */
async function almostL1() {
  const trainee = await createUser({ roles: ["trainee"] });
  const mentor = { ...(await createUser({ roles: ["mentor"] })), roles: ["mentor"] as Role[] };
  await prisma.mentorship.create({ data: { mentorId: mentor.id, traineeId: trainee.id } });
  for (const [lessonSlug, n] of [
    ["first", 2],
    ["second", 3],
  ] as const)
    await prisma.lessonProgress.create({
      data: { userId: trainee.id, courseSlug: "basics", lessonSlug, firstOpenedAt: day(n), completedAt: day(n) },
    });
  await prisma.quizAttempt.create({
    data: {
      userId: trainee.id,
      quizId: "basics-final",
      courseSlug: "basics",
      number: 1,
      seed: 1,
      locale: "en",
      startedAt: day(4),
      submittedAt: day(4),
      answers: "{}",
      score: 90,
      passed: true,
      competencies: "{}",
    },
  });
  const attempt = await prisma.scenarioAttempt.create({
    data: {
      userId: trainee.id,
      scenarioId: "fixture-chat",
      locale: "en",
      stepId: "thanks",
      state: "{}",
      finishedAt: day(5),
      reviewStatus: "graded",
      submittedAt: day(5),
    },
  });
  await prisma.review.create({
    data: {
      attemptId: attempt.id,
      reviewerId: mentor.id,
      status: "submitted",
      version: 1,
      decision: "passed",
      scores: JSON.stringify({ empathy: 3, "next-step": 3, tools: 4 }),
      versions: {
        create: {
          version: 1,
          reviewerId: mentor.id,
          createdAt: day(6),
          decision: "passed",
          scores: JSON.stringify({ empathy: 3, "next-step": 3, tools: 4 }),
          comments: "{}",
          feedback: "",
          changes: "[]",
        },
      },
    },
  });
  return { trainee, mentor };
}

describe("evaluation against the ladder", () => {
  test("each requirement says whether it is met and by which evidence", async () => {
    const { trainee } = await almostL1();
    const evaluation = evaluatePerson((await loadEvidence([trainee.id])).get(trainee.id)!);
    const l1 = evaluation.levels[0]!;
    expect(l1.requirements.map((r) => [r.kind, r.id, r.met])).toEqual([
      ["course", "basics", true],
      ["quiz", "basics-final", true],
      ["scenario", "fixture-chat", true],
      ["behaviour", "calm", false],
      ["behaviour", "records", false],
    ]);
    expect(l1.requirements[1]).toMatchObject({ best: 90, min: 80 });
    expect(l1.requirements[2]).toMatchObject({ best: 3.3, min: 3 });
    expect(evaluation.currentLevel).toBeNull();
    expect(evaluation.nextLevel?.id).toBe("L1");
  });

  test("a grade that asks for another try, or below the minimum, does not count", async () => {
    const { trainee } = await almostL1();
    await prisma.reviewVersion.updateMany({
      where: { review: { attempt: { userId: trainee.id } } },
      data: { decision: "retry" },
    });
    const l1 = evaluatePerson((await loadEvidence([trainee.id])).get(trainee.id)!).levels[0]!;
    expect(l1.requirements.find((r) => r.kind === "scenario")?.met).toBe(false);
  });

  test("a scenario the ladder wants at normal counts only when played at normal or harder", async () => {
    const { trainee } = await almostL1();
    const met = async () =>
      evaluatePerson((await loadEvidence([trainee.id])).get(trainee.id)!).levels[0]!.requirements.find(
        (r) => r.kind === "scenario",
      )?.met;
    for (const [state, expected] of [
      ['{"difficulty":"easy"}', false],
      ['{"difficulty":"hard"}', true],
      ['{"difficulty":"normal"}', true],
      // Attempts stored before difficulty existed were played as normal.
      ["{}", true],
      ['{"difficulty":"impossible"}', true],
    ] as const) {
      await prisma.scenarioAttempt.updateMany({ where: { userId: trainee.id }, data: { state } });
      expect(await met(), state).toBe(expected);
    }
  });

  test("the requirement says which difficulty it wants, and names a pass that was played too easy", async () => {
    const { trainee } = await almostL1();
    const requirement = async () =>
      evaluatePerson((await loadEvidence([trainee.id])).get(trainee.id)!).levels[0]!.requirements.find(
        (r) => r.kind === "scenario",
      );
    await prisma.scenarioAttempt.updateMany({
      where: { userId: trainee.id },
      data: { state: '{"difficulty":"easy"}' },
    });
    expect(await requirement()).toMatchObject({ met: false, difficulty: "normal", tooEasy: "easy" });
    // A pass at easy that the mentor asked to retry is not a pass: nothing to explain.
    await prisma.reviewVersion.updateMany({
      where: { review: { attempt: { userId: trainee.id } } },
      data: { decision: "retry" },
    });
    expect(await requirement()).toMatchObject({ met: false, difficulty: "normal", tooEasy: null });
    await prisma.reviewVersion.updateMany({
      where: { review: { attempt: { userId: trainee.id } } },
      data: { decision: "passed" },
    });
    await prisma.scenarioAttempt.updateMany({
      where: { userId: trainee.id },
      data: { state: '{"difficulty":"hard"}' },
    });
    expect(await requirement()).toMatchObject({ met: true, difficulty: "normal", tooEasy: null });
  });

  test("meeting the last requirement certifies the level, dated by that evidence, once", async () => {
    const { trainee, mentor } = await almostL1();
    await recordSignOff(mentor, {
      traineeId: trainee.id,
      level: "L1",
      behaviourId: "calm",
      note: "Calm with a furious caller.",
      action: "confirm",
    });
    expect(await prisma.certification.count({ where: { userId: trainee.id } })).toBe(0);
    await recordSignOff(mentor, {
      traineeId: trainee.id,
      level: "L1",
      behaviourId: "records",
      note: "Every ticket noted.",
      action: "confirm",
    });
    const certificate = await prisma.certification.findUniqueOrThrow({
      where: { userId_stage_issue: { userId: trainee.id, stage: "L1", issue: 1 } },
    });
    expect(certificate.code).toMatch(/^[0-9a-f]{32}$/);
    const signOff = await prisma.signOffEvent.findFirstOrThrow({
      where: { traineeId: trainee.id, behaviourId: "records" },
    });
    expect(certificate.certifiedAt).toEqual(signOff.at);
    expect((JSON.parse(certificate.evidence) as unknown[]).length).toBe(5);
    // Refreshing again records nothing new: one certificate, and the summary says L1.
    await refreshReadiness([trainee.id]);
    expect(await prisma.certification.count({ where: { userId: trainee.id } })).toBe(1);
    expect(await prisma.readiness.findUniqueOrThrow({ where: { userId: trainee.id } })).toMatchObject({
      currentLevel: "L1",
      nextLevel: "L2",
    });
    const evaluation = evaluatePerson((await loadEvidence([trainee.id])).get(trainee.id)!);
    expect(evaluation.currentLevel).toBe("L1");
    // L2 lists L1 as its first requirement, met.
    expect(evaluation.nextLevel?.requirements[0]).toMatchObject({ kind: "stage", id: "L1", met: true });
  });

  test("a revoked certificate no longer holds the level; evidence met after the revocation issues a new one with a new code", async () => {
    const { trainee, mentor } = await almostL1();
    const confirm = (behaviourId: string, action = "confirm") =>
      recordSignOff(mentor, { traineeId: trainee.id, level: "L1", behaviourId, note: "Seen.", action });
    await confirm("calm");
    await confirm("records");
    const first = await prisma.certification.findFirstOrThrow({ where: { userId: trainee.id } });
    const admin = await createUser({ roles: ["admin"] });
    await revokeCertificate(
      { userId: trainee.id, certificateId: first.id },
      { reason: "The records sign-off was given by mistake." },
      { ...admin, ip: "127.0.0.1" },
    );
    // The same evidence does not earn it back: no new certificate, and the summary drops L1.
    await refreshReadiness([trainee.id]);
    expect(await prisma.certification.count({ where: { userId: trainee.id } })).toBe(1);
    expect(await prisma.readiness.findUniqueOrThrow({ where: { userId: trainee.id } })).toMatchObject({
      currentLevel: null,
      nextLevel: "L1",
    });
    const evaluation = evaluatePerson((await loadEvidence([trainee.id])).get(trainee.id)!);
    expect(evaluation.levels[0]).toMatchObject({ complete: false, certification: null, issues: 1 });
    expect(evaluation.levels[0]?.revoked).toEqual({ id: first.id, at: expect.any(Date) as unknown });
    // The holder's progress page says so, and links the revoked certificate (which says why).
    const progress = await getProgressPage(trainee.id, "en");
    expect(progress.levels[0]).toMatchObject({ complete: false, certification: null, revoked: { id: first.id } });
    // The mentor withdraws and confirms again after the revocation (a later millisecond, at
    // least): issue 2, its own code.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await confirm("records", "withdraw");
    await confirm("records");
    const issues = await prisma.certification.findMany({
      where: { userId: trainee.id },
      select: { issue: true, code: true, revokedAt: true },
      orderBy: { issue: "asc" },
    });
    expect(issues.map((c) => [c.issue, c.revokedAt === null])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(issues[1]?.code).toMatch(/^[0-9a-f]{32}$/);
    expect(issues[1]?.code).not.toBe(issues[0]?.code);
    expect(await prisma.readiness.findUniqueOrThrow({ where: { userId: trainee.id } })).toMatchObject({
      currentLevel: "L1",
    });
  });

  test("requests completing the same level at once record one certification, and none fails", async () => {
    const { trainee, mentor } = await almostL1();
    await recordSignOff(mentor, {
      traineeId: trainee.id,
      level: "L1",
      behaviourId: "calm",
      note: "Calm with a furious caller.",
      action: "confirm",
    });
    // The last behaviour is confirmed without a refresh, then two refreshes race to certify.
    await prisma.signOffEvent.create({
      data: {
        traineeId: trainee.id,
        level: "L1",
        behaviourId: "records",
        seq: 1,
        action: "confirm",
        note: "Noted.",
        mentorId: mentor.id,
      },
    });
    const rows = await Promise.all(Array.from({ length: 6 }, () => refreshReadiness([trainee.id])));
    expect(rows.map((r) => r[0]?.currentLevel)).toEqual(Array(6).fill("L1"));
    expect(await prisma.certification.count({ where: { userId: trainee.id } })).toBe(1);
  });

  test("the evidence of many people takes the same number of queries as one", async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => almostL1()));
    const { queryCount } = await import("#app/utils/db.server.ts");
    let before = queryCount.value;
    await loadEvidence([people[0]!.trainee.id]);
    const one = queryCount.value - before;
    before = queryCount.value;
    await loadEvidence(people.map((p) => p.trainee.id));
    expect(queryCount.value - before).toBe(one);
  });
});
