// A write that changes evidence and the readiness row (and certificate) it leads to commit
// together or not at all. The evaluation is made to fail half-way, after it has already
// written the certificate inside the write's transaction: the write must be refused with
// "nothing was saved" and leave no trace, never be stored beside a stale readiness row.
import path from "node:path";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { type Role } from "#app/accounts/roles.ts";
import { type ScenarioBundle } from "#app/content/catalog.server.ts";
import { setLessonCompleted } from "#app/courses/progress.server.ts";
import { attemptQuestionIds, startAttempt as startQuiz, submitAttempt } from "#app/quizzes/attempts.server.ts";
import { saveGrade } from "#app/reviews/reviews.server.ts";
import { recordSignOff } from "#app/reviews/signoff.server.ts";
import { finishAttempt, recordReply, startAttempt as startScenario } from "#app/scenarios/attempts.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { DomainError } from "#app/utils/errors.ts";
import { describeError } from "#app/utils/errors.server.ts";
import { root } from "#tests/setup/paths.ts";
import { createUser } from "#tests/factories.ts";
import type * as Evaluate from "./evaluate.server.ts";
import { refreshReadiness } from "./readiness.server.ts";

/** The people whose next evaluation breaks after it has recorded their certifications. */
const breakFor = new Set<string>();

vi.mock("./evaluate.server.ts", async (importOriginal) => {
  const original = await importOriginal<typeof Evaluate>();
  return {
    ...original,
    recordCertifications: async (...args: Parameters<typeof original.recordCertifications>) => {
      const created = await original.recordCertifications(...args);
      if (breakFor.has(args[0])) throw new Error("the evaluation broke half-way");
      return created;
    },
  };
});

let bundle: ScenarioBundle;
beforeAll(async () => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
  const { findScenario } = await import("#app/content/catalog.server.ts");
  bundle = findScenario("fixture-chat") ?? expect.unreachable("fixture scenario missing");
});

afterEach(() => {
  breakFor.clear();
});

const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));

async function person(roles: Role[]) {
  return { ...(await createUser({ roles })), roles };
}

/** A trainee with a readiness row, and a mentor; `done` says which of L1's parts are already met. */
async function trainee(done: { lessons?: boolean; quiz?: boolean; scenario?: boolean } = {}) {
  const user = await person(["trainee"]);
  const mentor = await person(["mentor"]);
  await prisma.mentorship.create({ data: { mentorId: mentor.id, traineeId: user.id } });
  if (done.lessons ?? true)
    await prisma.lessonProgress.createMany({
      data: ["first", "second"].map((lessonSlug) => ({
        userId: user.id,
        courseSlug: "basics",
        lessonSlug,
        firstOpenedAt: day(2),
        completedAt: day(2),
      })),
    });
  if (done.quiz ?? true)
    await prisma.quizAttempt.create({
      data: {
        userId: user.id,
        quizId: "basics-final",
        courseSlug: "basics",
        number: 1,
        seed: 1,
        locale: "en",
        startedAt: day(3),
        submittedAt: day(3),
        answers: "{}",
        score: 90,
        passed: true,
        competencies: "{}",
      },
    });
  if (done.scenario ?? true) {
    const attempt = await prisma.scenarioAttempt.create({
      data: {
        userId: user.id,
        scenarioId: "fixture-chat",
        locale: "en",
        stepId: "thanks",
        state: "{}",
        finishedAt: day(4),
        reviewStatus: "graded",
        submittedAt: day(4),
      },
    });
    const grade = { decision: "passed", scores: JSON.stringify({ empathy: 3, "next-step": 3, tools: 4 }) };
    await prisma.review.create({
      data: {
        attemptId: attempt.id,
        reviewerId: mentor.id,
        status: "submitted",
        version: 1,
        ...grade,
        versions: {
          create: {
            version: 1,
            reviewerId: mentor.id,
            createdAt: day(5),
            ...grade,
            comments: "{}",
            feedback: "",
            changes: "[]",
          },
        },
      },
    });
  }
  await prisma.signOffEvent.create({
    data: {
      traineeId: user.id,
      mentorId: mentor.id,
      level: "L1",
      behaviourId: "calm",
      seq: 1,
      action: "confirm",
      note: "Calm.",
    },
  });
  await refreshReadiness([user.id]);
  return { user, mentor };
}

const readiness = (userId: string) =>
  prisma.readiness.findUniqueOrThrow({
    where: { userId },
    select: { currentLevel: true, nextMet: true, nextTotal: true, missing: true },
  });

const lastSignOff = {
  traineeId: "",
  level: "L1",
  behaviourId: "records",
  note: "Every ticket noted.",
  action: "confirm",
} as const;

/** The write's promise fails with the one "nothing was saved" refusal. */
async function expectNotSaved(write: Promise<unknown>) {
  // The fault itself goes to the log for the operator; the person gets the refusal.
  const logged = vi.mocked(console.error).mockImplementationOnce(() => {});
  const error = await write.then(
    () => expect.unreachable("the write was stored although its evaluation failed"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code: "notSaved", status: 503 });
  const shown = describeError(error as DomainError, "es");
  expect(shown.message).not.toBe("errors.notSaved");
  expect(shown.message.length).toBeGreaterThan(10);
  expect(logged).toHaveBeenCalledTimes(1);
  expect(String(logged.mock.calls[0]?.[0])).toContain("rolled back");
  logged.mockClear();
}

describe("evidence and readiness in one transaction", () => {
  test("a sign-off whose evaluation breaks after certifying is refused; sign-off, certificate and row stay as they were", async () => {
    const { user, mentor } = await trainee();
    const before = await readiness(user.id);
    expect(before).toMatchObject({ currentLevel: null, nextMet: 4 });

    breakFor.add(user.id);
    await expectNotSaved(recordSignOff(mentor, { ...lastSignOff, traineeId: user.id }));
    expect(await prisma.signOffEvent.count({ where: { traineeId: user.id, behaviourId: "records" } })).toBe(0);
    expect(await prisma.certification.count({ where: { userId: user.id } })).toBe(0);
    expect(await readiness(user.id)).toEqual(before);

    // The same sign-off once the evaluation works: the sign-off, the certificate and the row together.
    breakFor.clear();
    await recordSignOff(mentor, { ...lastSignOff, traineeId: user.id });
    expect(await prisma.signOffEvent.count({ where: { traineeId: user.id, behaviourId: "records" } })).toBe(1);
    expect(await prisma.certification.count({ where: { userId: user.id, stage: "L1" } })).toBe(1);
    expect(await readiness(user.id)).toMatchObject({ currentLevel: "L1" });
  });

  test("a lesson marked done is not stored when its evaluation breaks, and is stored with its row once it works", async () => {
    const { user, mentor } = await trainee({ lessons: false });
    await recordSignOff(mentor, { ...lastSignOff, traineeId: user.id });
    await setLessonCompleted(user.id, "basics", "first", true);
    const before = await readiness(user.id);
    const second = () =>
      prisma.lessonProgress.findUnique({
        where: { userId_courseSlug_lessonSlug: { userId: user.id, courseSlug: "basics", lessonSlug: "second" } },
      });

    breakFor.add(user.id);
    await expectNotSaved(setLessonCompleted(user.id, "basics", "second", true));
    expect(await second()).toBeNull();
    expect(await prisma.certification.count({ where: { userId: user.id } })).toBe(0);
    expect(await readiness(user.id)).toEqual(before);

    breakFor.clear();
    await setLessonCompleted(user.id, "basics", "second", true);
    expect((await second())?.completedAt).toBeInstanceOf(Date);
    expect(await readiness(user.id)).toMatchObject({ currentLevel: "L1" });
  });

  test("a submitted quiz whose evaluation breaks stays unsubmitted, and can be submitted again", async () => {
    const { findQuiz } = await import("#app/content/catalog.server.ts");
    const quiz = findQuiz("basics-final") ?? expect.unreachable("fixture quiz missing");
    const { user, mentor } = await trainee({ quiz: false });
    await recordSignOff(mentor, { ...lastSignOff, traineeId: user.id });
    const before = await readiness(user.id);
    const attempt = await startQuiz(user.id, quiz, "en");
    // The fixture's final is a bank: answer the questions this attempt drew.
    const asked = new Set(attemptQuestionIds(quiz, attempt));
    const right = Object.fromEntries(
      Object.entries({
        opening: ["b"],
        parts: ["a", "c"],
        caps: ["false"],
        steps: ["listen", "acknowledge", "act", "close"],
        refund: ["b"],
      }).filter(([id]) => asked.has(id)),
    );

    breakFor.add(user.id);
    await expectNotSaved(submitAttempt(user.id, quiz, attempt.id, right));
    const stored = await prisma.quizAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
    expect(stored).toMatchObject({ submittedAt: null, score: null, passed: null });
    expect(await prisma.certification.count({ where: { userId: user.id } })).toBe(0);
    expect(await readiness(user.id)).toEqual(before);

    breakFor.clear();
    expect(await submitAttempt(user.id, quiz, attempt.id, right)).toEqual({ status: "graded", attemptId: attempt.id });
    expect(await readiness(user.id)).toMatchObject({ currentLevel: "L1" });
  });

  test("a mentor's grade whose evaluation breaks is not submitted: the attempt still waits for review", async () => {
    const { user, mentor } = await trainee({ scenario: false });
    await recordSignOff(mentor, { ...lastSignOff, traineeId: user.id });
    const attemptId = await startScenario(user.id, bundle, "en", "normal");
    await recordReply(user.id, bundle, attemptId, { conversation: "main", step: "opening" }, { optionId: "a" });
    await recordReply(
      user.id,
      bundle,
      attemptId,
      { conversation: "main", step: "checking" },
      {
        text:
          // A next step with a time, so the fixture's v2 branches lead straight to the end.
          "Hi Ana, I'm sorry your parcel is late, I know how frustrating that is. It ships today and you will get a tracking link by email within 24 hours. Is there anything else I can help you with?",
      },
    );
    await finishAttempt(user.id, bundle, attemptId);
    const before = await readiness(user.id);
    const grade = {
      scores: { empathy: 4, "next-step": 4, tools: 4 },
      comments: {},
      feedback: "Clear.",
      decision: "passed",
    } as const;

    breakFor.add(user.id);
    await expectNotSaved(saveGrade(mentor, attemptId, grade, "submit", 0));
    expect(await prisma.scenarioAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      reviewStatus: "waiting",
    });
    expect(await prisma.review.count({ where: { attemptId, status: "submitted" } })).toBe(0);
    expect(await prisma.reviewVersion.count({ where: { review: { attemptId } } })).toBe(0);
    expect(await prisma.certification.count({ where: { userId: user.id } })).toBe(0);
    expect(await readiness(user.id)).toEqual(before);

    breakFor.clear();
    await saveGrade(mentor, attemptId, grade, "submit", 0);
    expect(await prisma.certification.count({ where: { userId: user.id, stage: "L1" } })).toBe(1);
    expect(await readiness(user.id)).toMatchObject({ currentLevel: "L1" });
  });
});
