// npm run bench:analysis — item analysis on 100,000 attempts of one quiz.
//
// Copies the large organisation (npm run seed:large; generated when data/large.db is
// missing) and gives one final quiz 100,000 submitted attempts: the 5,000 agents' own, then
// retakes drawn, answered and graded as the app does (the least-seen questions first), each
// with its rows per question. Then times the analysis the page runs (both aggregate queries
// and the statistics) as an admin over every attempt, over first attempts, as manager 0 (ten
// teams) and for one team; and the CSV export of every per-question outcome. Writes
// bench/results/<date>-<commit>-item-analysis.md.
import { execSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { catalogueFromTree } from "#app/content/catalog.server.ts";
import { readTree } from "#app/content/read.server.ts";
import { removeSqliteFiles } from "#root/prisma/migrator.ts";
import { percentile, root } from "./harness.ts";
import { seededRandom } from "./org.ts";
import { abilityOf, simulateAttempt } from "./quiz-answers.ts";
import { largeDbPath, managerEmail, orderingQuestions, seedLarge } from "./seed-large.ts";

const ATTEMPTS = Number(process.env.ATTEMPTS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 7);
const QUIZ = process.env.QUIZ ?? "support-role-final";

if (!existsSync(largeDbPath())) await seedLarge();
const file = path.join(root, "data/large-analysis.db");
removeSqliteFiles(file);
copyFileSync(largeDbPath(), file);

function quizNamed(id: string) {
  const found = catalogueFromTree(readTree(path.join(root, "courses"))).quizzes[id];
  if (!found) throw new Error(`no quiz ${id}`);
  return found;
}
const quiz = quizNamed(QUIZ);

const db = new Database(file);
db.pragma("journal_mode = WAL");
const existing = db
  .prepare<[string], { userId: string; number: number; questions: string | null; locale: string }>(
    `SELECT a.userId, a.number, a.questions, a.locale FROM QuizAttempt a WHERE a.quizId = ? ORDER BY a.userId, a.number`,
  )
  .all(quiz.id);
const agents = db
  .prepare<[], { id: string; startDate: string | null; teamId: string | null }>(
    `SELECT u.id, u.startDate, u.teamId FROM User u JOIN UserRole r ON r.userId = u.id AND r.role = 'trainee' ORDER BY u.id`,
  )
  .all();
const seen = new Map<string, Map<string, number>>();
const next = new Map<string, number>();
for (const row of existing) {
  const mine = seen.get(row.userId) ?? new Map<string, number>();
  for (const id of row.questions ? (JSON.parse(row.questions) as string[]) : []) mine.set(id, (mine.get(id) ?? 0) + 1);
  seen.set(row.userId, mine);
  next.set(row.userId, Math.max(next.get(row.userId) ?? 1, row.number + 1));
}
const insertAttempt = db.prepare(
  "INSERT INTO QuizAttempt (id, userId, quizId, courseSlug, number, seed, locale, questions, startedAt, submittedAt, answers, score, passed, competencies) VALUES (?, ?, ?, ?, ?, ?, 'en', ?, ?, ?, ?, ?, ?, ?)",
);
const insertResponse = db.prepare(
  "INSERT INTO QuizResponse (attemptId, questionId, quizId, locale, userId, teamId, number, score, total, chosen, submittedAt) VALUES (?, ?, ?, 'en', ?, ?, ?, ?, ?, ?, ?)",
);
const random = seededRandom(20261208);
const started = performance.now();
let added = 0;
db.transaction(() => {
  for (let i = 0; existing.length + added < ATTEMPTS; i++) {
    const agent = agents[i % agents.length];
    if (!agent) throw new Error("no agents");
    const number = next.get(agent.id) ?? 1;
    next.set(agent.id, number + 1);
    const mine = seen.get(agent.id) ?? new Map<string, number>();
    const tenure = agent.startDate ? (Date.now() - Date.parse(agent.startDate)) / 86_400_000 : 180;
    // Retakes come with practice: a little stronger each time.
    const ability = abilityOf(tenure, random()) + number * 0.05;
    const taken = simulateAttempt(quiz, ability, 1 + Math.floor(random() * 2 ** 30), mine);
    for (const id of taken.questions) mine.set(id, (mine.get(id) ?? 0) + 1);
    seen.set(agent.id, mine);
    const attemptId = `analysis${i.toString(36)}x${Math.floor(random() * 1e9).toString(36)}`;
    const at = new Date(Date.now() - Math.floor(random() * 300) * 86_400_000).toISOString().replace("Z", "+00:00");
    insertAttempt.run(
      attemptId,
      agent.id,
      quiz.id,
      quiz.courseSlug,
      number,
      1,
      JSON.stringify(taken.questions),
      at,
      at,
      JSON.stringify(taken.answers),
      taken.score,
      taken.passed ? 1 : 0,
      JSON.stringify(taken.competencies),
    );
    for (const id of taken.questions)
      insertResponse.run(
        attemptId,
        id,
        quiz.id,
        agent.id,
        agent.teamId ?? "",
        number,
        taken.perQuestion[id] ?? 0,
        taken.points,
        (taken.answers[id] ?? []).join(","),
        at,
      );
    added++;
  }
})();
db.exec("ANALYZE");
const counts = db
  .prepare<[string, string], { attempts: number; responses: number }>(
    `SELECT (SELECT COUNT(*) FROM QuizAttempt WHERE quizId = ? AND score IS NOT NULL) AS attempts,
            (SELECT COUNT(*) FROM QuizResponse WHERE quizId = ?) AS responses`,
  )
  .get(quiz.id, quiz.id);
const manager0 = db.prepare<[string], { id: string }>("SELECT id FROM User WHERE email = ?").get(managerEmail(0));
const oneTeam = db
  .prepare<[string], { teamId: string }>("SELECT teamId FROM TeamManager WHERE userId = ? ORDER BY teamId LIMIT 1")
  .get(manager0?.id ?? "");
db.close();
const generated = (performance.now() - started) / 1000;
console.log(
  `${quiz.id}: ${counts?.attempts} attempts, ${counts?.responses} per-question rows (${added} added in ${generated.toFixed(1)} s)`,
);

// The app's own code on the copy, in this process: what the page's loader runs.
process.env.DATABASE_URL = `file:${file}`;
process.env.SLOW_QUERY_MS ??= "600000";
const { analyseQuiz, analysisScope, outcomeRows } = await import("#app/quizzes/analysis.server.ts");
const { rebuildItemStats } = await import("#app/quizzes/item-stats.server.ts");
const { prisma } = await import("#app/utils/db.server.ts");
// The rows went in directly, so their sums are rebuilt as a submit would have kept them.
const rebuildStarted = performance.now();
await rebuildItemStats(
  orderingQuestions(Object.values(catalogueFromTree(readTree(path.join(root, "courses"))).quizzes)),
);
const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
const admin = { id: "bench-admin", roles: ["admin" as const] };
const manager = { id: manager0?.id ?? "", roles: ["manager" as const] };

async function time(
  name: string,
  viewer: typeof admin | typeof manager,
  teamId: string | null,
  attempts: "all" | "first",
) {
  const scope = await analysisScope(viewer, teamId);
  if (scope.status !== "ok") throw new Error(scope.message);
  const filter = { attempts, locale: null, teamId };
  const first = await analyseQuiz(quiz, scope.scope, filter, "en", true);
  const ms: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    await analyseQuiz(quiz, scope.scope, filter, "en", true);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const flagged = first.questions.filter((q) => q.flags.length).length;
  return {
    name,
    attempts: first.summary?.attempts ?? 0,
    responses: first.questions.reduce((s, q) => s + (q.stats?.responses ?? 0), 0),
    p50: percentile(ms, 50),
    max: ms.at(-1) ?? NaN,
    flagged,
    alpha: first.alpha,
  };
}

const results = [
  await time("admin, every attempt", admin, null, "all"),
  await time("admin, first attempts", admin, null, "first"),
  await time("manager 0 (10 teams), every attempt", manager, null, "all"),
  await time("manager 0, one team, every attempt", manager, oneTeam?.teamId ?? null, "all"),
];

const exportStarted = performance.now();
let exported = 0;
const managerScope = await analysisScope(manager, null);
if (managerScope.status !== "ok") throw new Error(managerScope.message);
for await (const rows of outcomeRows(quiz, managerScope.scope, { attempts: "all", locale: null, teamId: null }))
  exported += rows.length;
const exportSeconds = (performance.now() - exportStarted) / 1000;
await prisma.$disconnect();

const commit = execSync("git rev-parse --short HEAD", { cwd: root }).toString().trim();
const stamp = new Date().toISOString().slice(0, 16).replace(/[T:]/g, "-");
const table = results
  .map(
    (r) =>
      `| ${r.name} | ${r.attempts.toLocaleString("en")} | ${r.responses.toLocaleString("en")} | ${r.p50.toFixed(0)} | ${r.max.toFixed(0)} | ${r.flagged} | ${r.alpha?.toFixed(2) ?? "—"} |`,
  )
  .join("\n");
const report = `# Item analysis on ${counts?.attempts.toLocaleString("en")} attempts — ${stamp}, commit ${commit}

Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, SQLite.
Quiz \`${quiz.id}\` (a bank of ${quiz.variants.en.questions.length} drawing ${quiz.rules.draw?.count ?? "all"}): ${counts?.attempts.toLocaleString("en")} submitted attempts, ${counts?.responses.toLocaleString("en")} per-question rows; ${RUNS} timed runs after one warm-up, in process (both aggregate queries and the statistics the page shows).

| scope | attempts | responses | p50 ms | max ms | flagged questions | alpha |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${table}

The running sums (QuizItemStat, QuizScoreStat) that each submit adds to were rebuilt from the rows the benchmark inserted, in ${rebuildSeconds.toFixed(1)} s for the whole organisation.

CSV export of every per-question outcome for manager 0: ${exported.toLocaleString("en")} rows in ${exportSeconds.toFixed(1)} s (${Math.round(exported / exportSeconds).toLocaleString("en")} rows/s).
`;
mkdirSync(path.join(root, "bench/results"), { recursive: true });
const out = path.join(root, `bench/results/${stamp}-${commit}-item-analysis.md`);
writeFileSync(out, report);
console.log(report);
console.log(`→ ${path.relative(root, out)}`);
removeSqliteFiles(file);
