// npm run seed:large — a large organisation for the benchmarks, in its own database file
// (data/large.db unless LARGE_DB says otherwise): 5,000 agents in 50 teams, 200 mentors,
// 20 managers and a year of progress — 250,000 lesson completions, 100,000 quiz attempts
// (drawn, answered and graded as the app does, with the rows and sums of item analysis),
// 50,000 scenario attempts (20,000 waiting for review, 20,000 graded), sign-offs, goals,
// and the certifications and readiness summaries the app itself derives from them.
//
// Deterministic: the same SEED gives the same people, ids and history, placed relative to
// the anchor day (today at 00:00 UTC, or ANCHOR=2026-11-23). Rows go in with prepared
// statements in one transaction; the derived parts go through the app's own code.
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { hashPassword } from "#app/accounts/password.server.ts";
import { catalogueFromTree, type Quiz } from "#app/content/catalog.server.ts";
import { readTree } from "#app/content/read.server.ts";
import { applyMigrations, removeSqliteFiles } from "#root/prisma/migrator.ts";
import { root } from "./harness.ts";
import { playThrough, seededRandom } from "./org.ts";
import { abilityOf, simulateAttempt } from "./quiz-answers.ts";

export const LARGE = {
  teams: 50,
  agentsPerTeam: 100,
  mentorsPerTeam: 4,
  managers: 20,
  lessonsPerAgent: 50,
  quizAttemptsPerAgent: 20,
  scenarioAttemptsPerAgent: 10,
  password: "rapport-bench",
} as const;

export const largeDbPath = () => path.resolve(root, process.env.LARGE_DB ?? "data/large.db");
/** Agent n's address; manager 0 runs teams 1–10 (1,000 agents). */
export const agentEmail = (n: number) => `agent${n}@large.rapport.test`;
export const mentorEmail = (n: number) => `mentor${n}@large.rapport.test`;
export const managerEmail = (n: number) => `manager${n}@large.rapport.test`;

const DAY = 86_400_000;
/** Dates as the Prisma SQLite adapter writes them, so SQL comparisons hold. */
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

/** Ordering questions are summed as one answer in the item-analysis sums. */
export const orderingQuestions = (quizzes: Quiz[]) =>
  quizzes.flatMap((quiz) =>
    quiz.variants.en.questions.filter((q) => q.kind === "ordering").map((q) => ({ quizId: quiz.id, questionId: q.id })),
  );

export async function seedLarge(file = largeDbPath(), seed = Number(process.env.SEED ?? 20261123)) {
  const started = performance.now();
  const anchor = process.env.ANCHOR
    ? Date.parse(`${process.env.ANCHOR}T00:00:00Z`)
    : Math.floor(Date.now() / DAY) * DAY;
  if (!Number.isFinite(anchor)) throw new Error(`ANCHOR must be a date like 2026-11-23, not "${process.env.ANCHOR}"`);
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const id = () =>
    `c${Array.from({ length: 3 }, () =>
      Math.floor(random() * 2 ** 32)
        .toString(36)
        .padStart(7, "0"),
    ).join("")}`;

  const catalogue = catalogueFromTree(readTree(path.join(root, "courses")));
  const { courses, ladder, scenarios: bundles } = catalogue;
  const quizzes = Object.values(catalogue.quizzes);
  const scenarioIds = Object.keys(bundles).sort();
  const played = new Map(
    scenarioIds.map((scenarioId) => {
      const scenario = bundles[scenarioId]?.variants.en;
      if (!scenario) throw new Error(`${scenarioId} is not in the catalogue`);
      return [scenarioId, playThrough(scenario)] as const;
    }),
  );
  const lessons = courses.flatMap((c) => c.lessons.map((l) => [c.slug, l.slug] as const));
  // Everyone has finished the L1 and L2 courses; the one lesson left is in a later course.
  const laterLessons = courses.filter((c) => c.level !== "L1" && c.level !== "L2").flatMap((c) => c.lessons).length;
  // Final quizzes in catalogue order first, then retries of lesson quizzes.
  const finals = quizzes.filter((q) => q.final);
  const lessonQuizzes = quizzes.filter((q) => !q.final);

  mkdirSync(path.dirname(file), { recursive: true });
  removeSqliteFiles(file);
  await applyMigrations(file);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const hash = await hashPassword(LARGE.password);
  const q = {
    user: db.prepare(
      "INSERT INTO User (id, email, name, locale, active, createdAt, updatedAt, teamId, startDate) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?)",
    ),
    role: db.prepare("INSERT INTO UserRole (userId, role) VALUES (?, ?)"),
    password: db.prepare("INSERT INTO Password (userId, hash) VALUES (?, ?)"),
    team: db.prepare("INSERT INTO Team (id, name, createdAt) VALUES (?, ?, ?)"),
    manager: db.prepare("INSERT INTO TeamManager (teamId, userId) VALUES (?, ?)"),
    mentorship: db.prepare("INSERT INTO Mentorship (mentorId, traineeId, createdAt) VALUES (?, ?, ?)"),
    lesson: db.prepare(
      "INSERT INTO LessonProgress (userId, courseSlug, lessonSlug, firstOpenedAt, completedAt) VALUES (?, ?, ?, ?, ?)",
    ),
    quiz: db.prepare(
      "INSERT INTO QuizAttempt (id, userId, quizId, courseSlug, number, seed, locale, questions, startedAt, submittedAt, answers, score, passed, competencies) VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    ),
    response: db.prepare(
      "INSERT INTO QuizResponse (attemptId, questionId, quizId, locale, userId, teamId, number, score, total, chosen, submittedAt) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)",
    ),
    attempt: db.prepare(
      `INSERT INTO ScenarioAttempt (id, userId, scenarioId, locale, startedAt, stepId, turn, state, finishedAt, measures, resolved, csat, preScore, reviewStatus, submittedAt)
       VALUES (?, ?, ?, 'en', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    event: db.prepare("INSERT INTO ScenarioEvent (attemptId, seq, at, kind, stepId, data) VALUES (?, ?, ?, ?, ?, ?)"),
    review: db.prepare(
      "INSERT INTO Review (id, attemptId, reviewerId, status, decision, scores, comments, feedback, version, updatedAt, submittedAt, readAt) VALUES (?, ?, ?, 'submitted', ?, ?, '{}', ?, 1, ?, ?, ?)",
    ),
    version: db.prepare(
      "INSERT INTO ReviewVersion (id, reviewId, version, reviewerId, createdAt, decision, scores, comments, feedback, changes) VALUES (?, ?, 1, ?, ?, ?, ?, '{}', ?, '[]')",
    ),
    signOff: db.prepare(
      "INSERT INTO SignOffEvent (id, traineeId, level, behaviourId, seq, action, note, mentorId, at) VALUES (?, ?, ?, ?, 1, 'confirm', ?, ?, ?)",
    ),
    goal: db.prepare("INSERT INTO Goal (userId, targetLevel, dueDate, setById, updatedAt) VALUES (?, ?, ?, ?, ?)"),
  };
  const counts = {
    lessons: 0,
    quizzes: 0,
    responses: 0,
    attempts: 0,
    waiting: 0,
    graded: 0,
    events: 0,
    signOffs: 0,
    goals: 0,
  };
  const locales = [null, null, null, "en", "pt-BR", "es", "uk"] as const;
  const agentIds: string[] = [];
  const now = iso(anchor);

  db.transaction(() => {
    const teamIds = Array.from({ length: LARGE.teams }, (_, t) => {
      const teamId = id();
      q.team.run(teamId, `Team ${String(t + 1).padStart(2, "0")}`, now);
      return teamId;
    });
    const managerIds = Array.from({ length: LARGE.managers }, (_, m) => {
      const managerId = id();
      q.user.run(managerId, managerEmail(m), `Manager ${m}`, null, now, now, null, null);
      q.role.run(managerId, "manager");
      q.password.run(managerId, hash);
      return managerId;
    });
    // Manager 0 runs the first ten teams; the other nineteen share the remaining forty.
    teamIds.forEach((teamId, t) => q.manager.run(teamId, managerIds[t < 10 ? 0 : 1 + ((t - 10) % 19)] ?? ""));

    let agent = 0;
    teamIds.forEach((teamId, t) => {
      const mentors = Array.from({ length: LARGE.mentorsPerTeam }, (_, k) => {
        const mentorId = id();
        const n = t * LARGE.mentorsPerTeam + k;
        q.user.run(mentorId, mentorEmail(n), `Mentor ${n}`, null, now, now, teamId, null);
        q.role.run(mentorId, "mentor");
        q.password.run(mentorId, hash);
        return mentorId;
      });
      for (let p = 0; p < LARGE.agentsPerTeam; p++, agent++) {
        const userId = id();
        agentIds.push(userId);
        const tenure = 7 + Math.floor(random() * 358);
        const start = anchor - tenure * DAY;
        const mentorId = mentors[p % mentors.length] ?? "";
        const locale = pick(locales);
        q.user.run(
          userId,
          agentEmail(agent),
          `Agent ${agent} ${pick(["Silva", "García", "Коваленко", "Okafor", "Nguyen", "Müller", "Ñúñez"])}`,
          locale,
          iso(start),
          iso(start),
          teamId,
          iso(start),
        );
        q.role.run(userId, "trainee");
        q.password.run(userId, hash);
        q.mentorship.run(mentorId, userId, iso(start));
        // Time since the start, spread over the history (and a little before the anchor).
        const during = (share: number) => start + Math.floor(share * (tenure - 1) * DAY) + Math.floor(random() * DAY);

        // Fifty of the catalogue's lessons, in order, each finished within the day it was opened.
        const skipped = lessons.length - 1 - Math.floor(random() * laterLessons);
        let l = 0;
        for (const [course, lesson] of lessons) {
          if (l === skipped) {
            l++;
            continue;
          }
          const at = during(l / lessons.length);
          q.lesson.run(userId, course, lesson, iso(at), iso(at + 1_800_000 + Math.floor(random() * 3_600_000)));
          counts.lessons++;
          l++;
        }
        // Quiz attempts, drawn, answered and graded as the app does: people who have been here
        // longer answer better. One row per question, as a submit writes them.
        const experience = tenure / 365;
        const ability = abilityOf(tenure, random());
        for (let a = 0; a < LARGE.quizAttemptsPerAgent; a++) {
          const quiz = a < finals.length ? finals[a] : lessonQuizzes[(agent + a) % Math.max(1, lessonQuizzes.length)];
          if (!quiz) continue;
          const share = a / LARGE.quizAttemptsPerAgent;
          const at = during(share);
          const attemptSeed = 1 + Math.floor(random() * 1_000_000);
          const taken = simulateAttempt(quiz, ability, attemptSeed);
          const shownIn = locale && quiz.variants[locale] ? locale : "en";
          const attemptId = id();
          const submittedAt = iso(at + 420_000 + Math.floor(random() * 600_000));
          q.quiz.run(
            attemptId,
            userId,
            quiz.id,
            quiz.courseSlug,
            attemptSeed,
            shownIn,
            JSON.stringify(taken.questions),
            iso(at),
            submittedAt,
            JSON.stringify(taken.answers),
            taken.score,
            taken.passed ? 1 : 0,
            JSON.stringify(taken.competencies),
          );
          for (const questionId of taken.questions) {
            q.response.run(
              attemptId,
              questionId,
              quiz.id,
              shownIn,
              userId,
              teamId,
              taken.perQuestion[questionId] ?? 0,
              taken.points,
              (taken.answers[questionId] ?? []).join(","),
              submittedAt,
            );
            counts.responses++;
          }
          counts.quizzes++;
        }
        // Scenario attempts: the L1 ones and one L2 graded (both L2 ones after eight months),
        // four waiting for review, the rest finished without review.
        const plays: Array<[string, "graded" | "waiting" | "none"]> = [
          ["double-charge-chat", "graded"],
          ["late-delivery-email", "graded"],
          ["locked-out-phone", "graded"],
          ["bug-to-engineering", "graded"],
          ["manager-request-chat", tenure > 240 ? "graded" : "none"],
          ["double-charge-chat", "none"],
          ["public-complaint-social", "waiting"],
          ["coaching-new-agent", "waiting"],
          ["key-account-at-risk", "waiting"],
          ["late-delivery-email", "waiting"],
        ];
        for (const [scenarioId, status] of plays.slice(0, LARGE.scenarioAttemptsPerAgent)) {
          const run = played.get(scenarioId);
          if (!run) throw new Error(`no scenario ${scenarioId}`);
          const graded = status === "graded";
          const waiting = status === "waiting";
          // Waiting attempts are recent (the last three weeks); the rest anywhere in the tenure.
          const startedAt = waiting ? anchor - Math.floor(random() * Math.min(21, tenure) * DAY) : during(random());
          const finishedAt = startedAt + run.events.length * 45_000;
          const attemptId = id();
          q.attempt.run(
            attemptId,
            userId,
            scenarioId,
            iso(startedAt),
            run.state.conversations.map((c) => c.stepId).join(" "),
            run.events.length,
            run.stateJson,
            iso(finishedAt),
            run.measuresJson,
            run.measures.resolved ? 1 : 0,
            run.measures.csat,
            run.measures.preScore,
            graded ? "graded" : waiting ? "waiting" : "none",
            graded || waiting ? iso(finishedAt) : null,
          );
          run.events.forEach((e, i) =>
            q.event.run(attemptId, e.seq, iso(startedAt + (i + 1) * 45_000), e.kind, e.stepId, run.eventJson[i]),
          );
          counts.events += run.events.length;
          counts.attempts++;
          if (waiting) counts.waiting++;
          if (!graded) continue;
          const scenario = bundles[scenarioId]?.variants.en;
          const scores = JSON.stringify(
            Object.fromEntries(
              (scenario?.rubric ?? []).map((r) => [r.id, Math.min(4, 2 + Math.floor(random() * 2 + experience * 1.5))]),
            ),
          );
          const levelsGiven = Object.values(JSON.parse(scores) as Record<string, number>);
          const mean = levelsGiven.reduce((s, v) => s + v, 0) / Math.max(1, levelsGiven.length);
          const decision = mean >= 3 ? "passed" : "retry";
          const gradedAt = Math.min(anchor, finishedAt + Math.floor((0.5 + random() * 3) * DAY));
          const reviewId = id();
          const feedback = decision === "passed" ? "Clear and kind. Well done." : "Name the next step and when.";
          q.review.run(
            reviewId,
            attemptId,
            mentorId,
            decision,
            scores,
            feedback,
            iso(gradedAt),
            iso(gradedAt),
            iso(gradedAt),
          );
          q.version.run(id(), reviewId, mentorId, iso(gradedAt), decision, scores, feedback);
          counts.graded++;
        }
        // Behaviours confirmed by the mentor after three months (L1) and eight months (L2).
        for (const [level, after] of [
          ["L1", 90],
          ["L2", 240],
        ] as const) {
          if (tenure < after) continue;
          for (const behaviour of ladder.levels.find((s) => s.id === level)?.behaviours ?? []) {
            q.signOff.run(
              id(),
              userId,
              level,
              behaviour.id,
              "Seen on the queue this month.",
              mentorId,
              iso(during(after / tenure)),
            );
            counts.signOffs++;
          }
        }
        // A third of the agents have a goal: the next level, due within two months either side.
        if (random() < 1 / 3) {
          const due = anchor + Math.floor((random() * 120 - 60) * DAY);
          q.goal.run(
            userId,
            tenure < 90 ? "L1" : "L2",
            iso(due),
            managerIds[t < 10 ? 0 : 1 + ((t - 10) % 19)] ?? "",
            now,
          );
          counts.goals++;
        }
      }
    });
  })();
  db.exec("ANALYZE");
  db.close();
  const inserted = performance.now();

  // Certifications and readiness summaries, derived by the app's own code.
  process.env.DATABASE_URL = `file:${file}`;
  process.env.SLOW_QUERY_MS ??= "600000";
  const { refreshReadiness } = await import("#app/ladder/readiness.server.ts");
  const { rebuildItemStats } = await import("#app/quizzes/item-stats.server.ts");
  const { prisma } = await import("#app/utils/db.server.ts");
  await rebuildItemStats(orderingQuestions(quizzes));
  for (let i = 0; i < agentIds.length; i += 500) await refreshReadiness(agentIds.slice(i, i + 500));
  const certified = await prisma.certification.groupBy({ by: ["stage"], _count: true });
  await prisma.$disconnect();

  const total = agentIds.length;
  console.log(
    `Generated ${total} agents in ${LARGE.teams} teams, ${LARGE.teams * LARGE.mentorsPerTeam} mentors, ${LARGE.managers} managers (seed ${seed}, anchor ${new Date(anchor).toISOString().slice(0, 10)}):`,
  );
  console.log(
    `  ${counts.lessons} lesson completions, ${counts.quizzes} quiz attempts (${counts.responses} answered questions), ${counts.attempts} scenario attempts (${counts.waiting} waiting, ${counts.graded} graded, ${counts.events} events), ${counts.signOffs} sign-offs, ${counts.goals} goals`,
  );
  console.log(
    `  certified: ${certified.map((c) => `${c.stage} ${c._count}`).join(", ") || "nobody"}; rows in ${((inserted - started) / 1000).toFixed(1)} s, certifications and summaries in ${((performance.now() - inserted) / 1000).toFixed(1)} s → ${path.relative(root, file)}`,
  );
  return { file, counts, agents: total };
}

if (import.meta.url === `file://${process.argv[1]}`) await seedLarge();
