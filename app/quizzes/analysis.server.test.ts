import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { type Role } from "#app/accounts/roles.ts";
import { type Quiz } from "#app/content/catalog.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { root } from "#tests/setup/paths.ts";
import { createTeam, createUser } from "#tests/factories.ts";
import { type AnalysisFilter, analyseQuiz, analysisScope, MIN_RESPONSES, outcomeRows } from "./analysis.server.ts";
import { type Answers, gradeAttempt } from "./grade.server.ts";
import { rebuildItemStats, recordOutcome } from "./item-stats.server.ts";
import { itemStatistics, type Sums, emptySums, addSums } from "./statistics.ts";

let quiz: Quiz;
const all: AnalysisFilter = { attempts: "all", locale: null, teamId: null };

/** An attempt as submit stores it (attempt, a row per question, the sums), written directly for speed. */
async function record(userId: string, number: number, locale: string, answers: Answers) {
  const english = quiz.variants.en;
  const questions = english.questions.filter((q) => Object.hasOwn(answers, q.id));
  const result = gradeAttempt(questions, english.keys, answers, quiz.rules.passMark);
  const points = Object.values(result.perQuestion).reduce((a, b) => a + b, 0);
  const submittedAt = new Date();
  const teamId =
    (await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { teamId: true } })).teamId ?? "";
  const outcomes = questions.map((q) => ({
    questionId: q.id,
    kind: q.kind,
    score: result.perQuestion[q.id] ?? 0,
    chosen: (answers[q.id] ?? []).join(","),
  }));
  await prisma.$transaction(async (tx) => {
    await tx.quizAttempt.create({
      data: {
        userId,
        quizId: quiz.id,
        courseSlug: quiz.courseSlug,
        number,
        seed: 1,
        locale,
        questions: JSON.stringify(questions.map((q) => q.id)),
        submittedAt,
        answers: JSON.stringify(answers),
        score: result.score,
        passed: result.passed,
        competencies: "{}",
        responses: {
          create: outcomes.map(({ questionId, score, chosen }) => ({
            questionId,
            quizId: quiz.id,
            locale,
            userId,
            teamId,
            number,
            score,
            total: points,
            chosen,
            submittedAt,
          })),
        },
      },
    });
    await recordOutcome(tx, {
      quizId: quiz.id,
      locale,
      teamId,
      number,
      score: result.score,
      points,
      questions: outcomes,
    });
  });
}

const viewer = async (roles: Role[], teamId: string | null = null) => {
  const user = await createUser({ roles, teamId });
  return { id: user.id, roles };
};

let teamA: { id: string };
let teamB: { id: string };
let managerA: { id: string; roles: Role[] };
let admin: { id: string; roles: Role[] };

beforeAll(async () => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
  const { findQuiz } = await import("#app/content/catalog.server.ts");
  const found = findQuiz("basics-final");
  if (!found) throw new Error("fixture quiz missing");
  quiz = found;
  teamA = await createTeam();
  teamB = await createTeam();
  managerA = await viewer(["manager"]);
  await prisma.teamManager.create({ data: { teamId: teamA.id, userId: managerA.id } });
  admin = await viewer(["admin"]);
  // 40 people in team A answer in English (a second attempt for ten of them), 40 in team B in Ukrainian.
  // opening: everyone right (too easy). caps: almost everyone wrong (too hard). refund: right
  // mostly by the weakest (negative discrimination); option c never chosen (an unused distractor).
  for (let i = 0; i < 80; i++) {
    const inA = i < 40;
    const user = await createUser({ teamId: inA ? teamA.id : teamB.id });
    const strong = i % 2 === 0;
    const answers: Answers = {
      opening: ["b"],
      parts: strong ? ["a", "c"] : i % 3 ? ["a"] : ["b"],
      caps: i % 20 === 0 ? ["false"] : ["true"],
      refund: strong ? ["a"] : ["b"],
      steps: strong ? ["listen", "acknowledge", "act", "close"] : ["close", "act", "acknowledge", "listen"],
    };
    // In Ukrainian the multiple-answer question is answered much better: the languages disagree.
    if (!inA) answers.parts = ["a", "c"];
    await record(user.id, 1, inA ? "en" : "uk", answers);
    if (inA && i < 10) await record(user.id, 2, "en", { ...answers, caps: ["false"] });
  }
}, 120_000);

/** The same figures computed from every stored row, the slow way. */
async function bruteForce(where: { number?: number; userId?: { in: string[] } }) {
  const rows = await prisma.quizResponse.findMany({
    where: { quizId: quiz.id, ...where },
    select: { questionId: true, score: true, total: true, chosen: true },
  });
  const byQuestion = new Map<string, { sums: Sums; picks: Map<string, number> }>();
  for (const r of rows) {
    const entry = byQuestion.get(r.questionId) ?? { sums: emptySums(), picks: new Map<string, number>() };
    entry.sums = addSums(entry.sums, {
      n: 1,
      sx: r.score,
      sxx: r.score * r.score,
      st: r.total,
      stt: r.total * r.total,
      sxt: r.score * r.total,
    });
    for (const o of r.chosen.split(",")) entry.picks.set(o, (entry.picks.get(o) ?? 0) + 1);
    byQuestion.set(r.questionId, entry);
  }
  return byQuestion;
}

describe("item analysis", () => {
  test("every figure matches a computation over the stored rows", async () => {
    const analysis = await analyseQuiz(quiz, { kind: "all" }, all, "en", true);
    const expected = await bruteForce({});
    for (const question of analysis.questions) {
      const reference = expected.get(question.id);
      const stats = itemStatistics(reference?.sums ?? emptySums());
      expect(question.stats?.responses).toBe(stats?.responses);
      expect(question.stats?.facility).toBeCloseTo(stats?.facility ?? NaN, 10);
      if (stats?.discrimination === null) expect(question.stats?.discrimination).toBeNull();
      else expect(question.stats?.discrimination).toBeCloseTo(stats?.discrimination ?? NaN, 10);
      if (question.kind !== "ordering")
        for (const option of question.options)
          expect(option.picks, `${question.id}/${option.id}`).toBe(reference?.picks.get(option.id) ?? 0);
    }
    expect(analysis.summary?.attempts).toBe(90);
    const scores = await prisma.quizAttempt.findMany({ where: { quizId: quiz.id }, select: { score: true } });
    const mean = scores.reduce((s, a) => s + (a.score ?? 0), 0) / scores.length;
    expect(analysis.summary?.mean).toBeCloseTo(mean, 10);
    expect(analysis.summary?.bins.reduce((a, b) => a + b, 0)).toBe(90);
    expect(analysis.alpha).not.toBeNull();
    expect(analysis.bankSize).toBe(5);
  });

  test("first attempts only by default, as Moodle does; all attempts when asked", async () => {
    const first = await analyseQuiz(quiz, { kind: "all" }, { ...all, attempts: "first" }, "en", true);
    expect(first.summary?.attempts).toBe(80);
    const caps = first.questions.find((q) => q.id === "caps");
    const reference = itemStatistics((await bruteForce({ number: 1 })).get("caps")?.sums ?? emptySums());
    expect(caps?.stats?.facility).toBeCloseTo(reference?.facility ?? NaN, 10);
  });

  test("flags: too easy, too hard, negative discrimination, a distractor nobody picks, languages that disagree", async () => {
    const { questions } = await analyseQuiz(quiz, { kind: "all" }, all, "en", true);
    const flags = Object.fromEntries(questions.map((q) => [q.id, q.flags]));
    expect(flags.opening).toContain("tooEasy");
    expect(flags.caps).toContain("tooHard");
    expect(flags.refund).toEqual(expect.arrayContaining(["negativeDiscrimination", "unusedDistractor"]));
    expect(flags.parts).toContain("localesDisagree");
    expect(flags.steps).not.toContain("tooEasy");
    const refund = questions.find((q) => q.id === "refund");
    expect(refund?.options.find((o) => o.id === "c")).toMatchObject({ picks: 0, share: 0, correct: false });
    expect(refund?.options.find((o) => o.id === "b")?.correct).toBe(true);
    expect(refund?.byLocale.map((l) => l.locale)).toEqual(["en", "uk"]);
  });

  test("too few responses are described, never flagged", async () => {
    const small = await createTeam();
    for (let i = 0; i < 5; i++) {
      const user = await createUser({ teamId: small.id });
      await record(user.id, 1, "en", { opening: ["b"], caps: ["true"] });
    }
    const { questions } = await analyseQuiz(quiz, { kind: "teams", teamIds: [small.id] }, all, "en", true);
    const opening = questions.find((q) => q.id === "opening");
    expect(opening?.stats).toMatchObject({ responses: 5, facility: 1 });
    expect(5).toBeLessThan(MIN_RESPONSES);
    expect(questions.flatMap((q) => q.flags)).toEqual([]);
    expect(questions.find((q) => q.id === "steps")?.stats).toBeNull();
  });

  test("a language filter counts only that language's responses", async () => {
    const uk = await analyseQuiz(quiz, { kind: "all" }, { ...all, locale: "uk" }, "uk", true);
    expect(uk.summary?.attempts).toBe(40);
    expect(uk.questions.every((q) => q.byLocale.every((l) => l.locale === "uk"))).toBe(true);
    expect(uk.title).toBe("Основи: підсумковий тест");
  });

  test("without the key (a viewer who is also a trainee) no option is marked right", async () => {
    const { questions } = await analyseQuiz(quiz, { kind: "all" }, all, "en", false);
    expect(questions.flatMap((q) => q.options).every((o) => o.correct === null)).toBe(true);
  });

  test("a manager analyses the teams they manage; another team, a mentor or a trainee is refused", async () => {
    const scope = await analysisScope(managerA, null);
    expect(scope).toMatchObject({ status: "ok", scope: { kind: "teams", teamIds: [teamA.id] } });
    if (scope.status !== "ok") throw new Error("expected a scope");
    const analysis = await analyseQuiz(quiz, scope.scope, all, "en", true);
    expect(analysis.summary?.attempts).toBe(50);
    expect(await analysisScope(managerA, teamB.id)).toEqual({
      status: "forbidden",
      message: "analysis.errors.notYourTeam",
    });
    expect((await analysisScope(await viewer(["mentor"]), null)).status).toBe("forbidden");
    expect((await analysisScope(await viewer(["trainee"]), null)).status).toBe("forbidden");
    expect((await analysisScope(await viewer(["manager"]), null)).status).toBe("forbidden");
  });

  test("an admin analyses everyone, or one team", async () => {
    expect(await analysisScope(admin, null)).toMatchObject({ status: "ok", scope: { kind: "all" } });
    const one = await analysisScope(admin, teamB.id);
    if (one.status !== "ok") throw new Error("expected a scope");
    expect((await analyseQuiz(quiz, one.scope, all, "en", true)).summary?.attempts).toBe(40);
    expect((await analysisScope(admin, "no-such-team")).status).toBe("forbidden");
  });

  test("sums rebuilt from the stored rows equal the sums kept at each submit", async () => {
    const before = await analyseQuiz(quiz, { kind: "all" }, all, "en", true);
    const kept = await prisma.quizItemStat.count();
    await rebuildItemStats([{ quizId: quiz.id, questionId: "steps" }]);
    expect(await prisma.quizItemStat.count()).toBe(kept);
    expect(await analyseQuiz(quiz, { kind: "all" }, all, "en", true)).toEqual(before);
  });

  test("the outcome export pages through every row of the scope, each once", async () => {
    const scope = await analysisScope(managerA, null);
    if (scope.status !== "ok") throw new Error("expected a scope");
    const seen: string[] = [];
    let batches = 0;
    for await (const rows of outcomeRows(quiz, scope.scope, all, 7)) {
      batches++;
      seen.push(...rows.map((r) => `${r.attemptId}/${r.questionId}`));
      expect(rows.every((r) => r.team !== null && r.email.includes("@"))).toBe(true);
    }
    const expected = await prisma.quizResponse.count({
      where: { quizId: quiz.id, attempt: { user: { teamId: teamA.id } } },
    });
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
    expect(batches).toBe(Math.ceil(expected / 7));
  });
});
