// npm run bench:team — /team for a manager of 10 teams and /progress for one person, with a
// generated organisation: 5,000 trainees in 50 teams, 200 mentors, a year of evidence
// (100,000 lesson completions, 200,000 quiz attempts, 50,000 scenario attempts, 20,000 of
// them graded). Server time on loopback, one request at a time, against the production
// build (run `npm run build` first); then the SQL queries per page, counted in process for
// a small and a large manager, to show they do not grow with the number of people.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { hashPassword } from "#app/accounts/password.server.ts";
import { contentRoot, courseMetaFromTree, quizzesFromTree } from "#app/courses/catalog.server.ts";
import { readContentTree } from "#app/courses/content.server.ts";
import { applyMigrations, removeSqliteFiles } from "#root/prisma/migrator.ts";
import { root, signIn, startServer, time } from "./harness.ts";

const TEAMS = 50;
const PER_TEAM = 100;
const MENTORS = 200;
const requests = Number(process.env.REQUESTS ?? 20);
const port = Number(process.env.PORT ?? 3460);
const file = path.join(root, "tests/.tmp/bench-team.db");
const id = () => `c${randomBytes(12).toString("hex")}`;
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
// A deterministic generator: the same organisation on every run.
let state = 42;
const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;

mkdirSync(path.join(root, "tests/.tmp"), { recursive: true });
removeSqliteFiles(file);
await applyMigrations(file);
const tree = readContentTree(contentRoot());
const courses = courseMetaFromTree(tree);
const quizzes = Object.values(quizzesFromTree(tree)).filter((q) => q.final);
const scenarios = [
  "double-charge-chat",
  "late-delivery-email",
  "locked-out-phone",
  "public-complaint-social",
  "bug-to-engineering",
  "manager-request-chat",
];
const lessons = courses.flatMap((c) => c.lessons.map((l) => [c.slug, l.slug] as const));

const started = performance.now();
const db = new Database(file);
db.pragma("journal_mode = WAL");
const hash = await hashPassword("bench-password");
const now = Date.now();
const DAY = 86_400_000;
const q = {
  user: db.prepare(
    "INSERT INTO User (id, email, name, active, createdAt, updatedAt, teamId, startDate) VALUES (?, ?, ?, 1, ?, ?, ?, ?)",
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
    "INSERT INTO QuizAttempt (id, userId, quizId, courseSlug, seed, locale, startedAt, submittedAt, answers, score, passed, competencies) VALUES (?, ?, ?, ?, 1, 'en', ?, ?, '{}', ?, ?, ?)",
  ),
  attempt: db.prepare(
    "INSERT INTO ScenarioAttempt (id, userId, scenarioId, locale, startedAt, stepId, turn, state, finishedAt, csat, resolved, reviewStatus, submittedAt) VALUES (?, ?, ?, 'en', ?, 'closing', 8, '{}', ?, ?, 1, ?, ?)",
  ),
  review: db.prepare(
    "INSERT INTO Review (id, attemptId, reviewerId, status, decision, scores, version, updatedAt, submittedAt) VALUES (?, ?, ?, 'submitted', ?, ?, 1, ?, ?)",
  ),
  version: db.prepare(
    "INSERT INTO ReviewVersion (id, reviewId, version, reviewerId, createdAt, decision, scores, comments, feedback, changes) VALUES (?, ?, 1, ?, ?, ?, ?, '{}', '', '[]')",
  ),
};
const counts = { lessons: 0, quizzes: 0, attempts: 0, graded: 0 };
let managerEmail = "";
let smallManagerEmail = "";
let someone = "";
db.transaction(() => {
  const mentors = Array.from({ length: MENTORS }, (_, m) => {
    const mentorId = id();
    q.user.run(mentorId, `mentor${m}@bench.test`, `Mentor ${m}`, iso(now), iso(now), null, null);
    q.role.run(mentorId, "mentor");
    return mentorId;
  });
  const teamIds = Array.from({ length: TEAMS }, (_, t) => {
    const teamId = id();
    q.team.run(teamId, `Team ${t + 1}`, iso(now));
    return teamId;
  });
  // Manager 0 runs teams 1–10; managers 1–40 one team each.
  for (let m = 0; m <= 40; m++) {
    const managerId = id();
    q.user.run(managerId, `manager${m}@bench.test`, `Manager ${m}`, iso(now), iso(now), null, null);
    q.role.run(managerId, "manager");
    q.password.run(managerId, hash);
    const mine = m === 0 ? teamIds.slice(0, 10) : [teamIds[9 + m] ?? ""];
    for (const teamId of mine) q.manager.run(teamId, managerId);
  }
  managerEmail = "manager0@bench.test";
  smallManagerEmail = "manager1@bench.test";
  let n = 0;
  for (const teamId of teamIds) {
    for (let p = 0; p < PER_TEAM; p++, n++) {
      const userId = id();
      const start = now - Math.floor(random() * 365) * DAY;
      q.user.run(
        userId,
        `agent${n}@bench.test`,
        `Agent ${n} Ñúñez Кравець`,
        iso(start),
        iso(start),
        teamId,
        iso(start),
      );
      q.role.run(userId, "trainee");
      if (n === 0) {
        q.password.run(userId, hash);
        someone = "agent0@bench.test";
      }
      q.mentorship.run(mentors[n % MENTORS] ?? "", userId, iso(start));
      const active = (now - start) / DAY;
      // About 20 lessons each, in catalogue order.
      for (let l = 0; l < 20; l++) {
        const [course, lesson] = lessons[l] ?? lessons[0]!;
        const at = start + Math.floor((l / 20) * active) * DAY;
        q.lesson.run(userId, course, lesson, iso(at), iso(at + 3_600_000));
        counts.lessons++;
      }
      // About 40 quiz attempts on the final quizzes.
      for (let a = 0; a < 40; a++) {
        const quiz = quizzes[a % quizzes.length]!;
        const score = Math.round(50 + random() * 50);
        const at = start + Math.floor(random() * active) * DAY;
        q.quiz.run(
          id(),
          userId,
          quiz.id,
          quiz.courseSlug,
          iso(at),
          iso(at + 600_000),
          score,
          score >= quiz.rules.passMark ? 1 : 0,
          JSON.stringify({ communication: score, empathy: score - 5 }),
        );
        counts.quizzes++;
      }
      // Ten scenario attempts, four graded.
      for (let a = 0; a < 10; a++) {
        const attemptId = id();
        const at = start + Math.floor(random() * active) * DAY;
        const graded = a < 4;
        q.attempt.run(
          attemptId,
          userId,
          scenarios[a % scenarios.length],
          iso(at),
          iso(at + 900_000),
          3,
          graded ? "graded" : a < 6 ? "waiting" : "none",
          iso(at + 900_000),
        );
        counts.attempts++;
        if (graded) {
          const reviewId = id();
          const level = 2 + Math.floor(random() * 3);
          const scores = JSON.stringify({ empathy: level, "next-step": level, tools: 3, escalation: 3 });
          const decision = level >= 3 ? "passed" : "retry";
          q.review.run(
            reviewId,
            attemptId,
            mentors[n % MENTORS],
            decision,
            scores,
            iso(at + 2 * DAY),
            iso(at + 2 * DAY),
          );
          q.version.run(id(), reviewId, mentors[n % MENTORS], iso(at + 2 * DAY), decision, scores);
          counts.graded++;
        }
      }
    }
  }
})();
db.exec("ANALYZE");
db.close();
console.log(
  `Generated ${TEAMS * PER_TEAM} trainees in ${TEAMS} teams, ${MENTORS} mentors: ${counts.lessons} lesson completions, ${counts.quizzes} quiz attempts, ${counts.attempts} scenario attempts (${counts.graded} graded) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const server = await startServer(file, port, { SLOW_QUERY_MS: "100000" });
try {
  await time(
    "/team, a manager of 10 teams (1,000 trainees)",
    `${server.base}/team`,
    await signIn(server.base, managerEmail, "bench-password"),
    requests,
    5,
  );
  await time(
    "/team, a manager of 1 team (100 trainees)",
    `${server.base}/team`,
    await signIn(server.base, smallManagerEmail, "bench-password"),
    requests,
    5,
  );
  await time(
    "/progress, one trainee",
    `${server.base}/progress`,
    await signIn(server.base, someone, "bench-password"),
    requests,
    5,
  );
} finally {
  server.stop();
}

// Queries per page, in process: the same for 100 and 1,000 people.
process.env.DATABASE_URL = `file:${file}`;
process.env.SLOW_QUERY_MS = "100000";
// As the server runs: the catalogue from the build, not re-read from courses/ on each call.
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET = "bench-secret-0123456789abcdef";
const { prisma, queryCount } = await import("#app/utils/db.server.ts");
const { getTeamView } = await import("#app/team/team.server.ts");
for (const email of [smallManagerEmail, managerEmail]) {
  const manager = await prisma.user.findFirstOrThrow({ where: { email }, select: { id: true } });
  await getTeamView(manager, {}, "en");
  const before = queryCount.value;
  const view = await getTeamView(manager, {}, "en");
  console.log(`getTeamView for ${view.total} trainees: ${queryCount.value - before} SQL queries`);
}
await prisma.$disconnect();
