// npm run bench:calibration — a calibration session's results for a team of 200 mentors with
// 2,000 calibration grades (10 attempts × 200 mentors, 5 criteria each: 10,000 levels), plus
// the team trend over 12 closed sessions. Times sessionResults and teamTrend in process, on
// SQLite (tests/.tmp/bench-calibration.db) or the PostgreSQL database DATABASE_URL names
// (dropped and re-created; its name must contain "bench"). Issue 22's target: under 200 ms.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databaseTarget } from "#app/utils/database-url.server.ts";
import { applyMigrations, removeSqliteFiles } from "#root/prisma/migrator.ts";
import { percentile, root } from "./harness.ts";
import { seededRandom } from "./org.ts";

const MENTORS = 200;
const ATTEMPTS = 10;
const SESSIONS = 12;
const RUNS = Number(process.env.RUNS ?? 15);
const file = path.join(root, "tests/.tmp/bench-calibration.db");
const asked = process.env.DATABASE_URL?.startsWith("postgres") ? databaseTarget(process.env.DATABASE_URL) : null;
if (asked && (asked.provider !== "postgresql" || !/bench/.test(asked.database)))
  throw new Error('DATABASE_URL must name a PostgreSQL database with "bench" in its name (it is dropped).');
let url = `file:${file}`;
if (asked?.provider === "postgresql") {
  const pg = (await import("pg")).default;
  const { siblingDatabaseUrl } = await import("#root/prisma/migrator.ts");
  const admin = new pg.Client({ connectionString: siblingDatabaseUrl(asked.url, "postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${asked.database}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${asked.database}"`);
  await admin.end();
  url = asked.url;
} else {
  mkdirSync(path.dirname(file), { recursive: true });
  removeSqliteFiles(file);
}
await applyMigrations(url);
process.env.DATABASE_URL = url;

const { prisma } = await import("#app/utils/db.server.ts");
const { getScenarios } = await import("#app/content/catalog.server.ts");
const { sessionResults, teamTrend } = await import("#app/calibration/results.server.ts");

const scenario = Object.values(getScenarios()).find((b) => b.variants.en.rubric.length >= 3);
if (!scenario) throw new Error("no scenario with a rubric");
const criteria = scenario.variants.en.rubric.map((c) => c.id).slice(0, 5);
const random = seededRandom(20261208);

const team = await prisma.team.create({ data: { name: "Bench team" } });
const manager = await prisma.user.create({ data: { email: "lead@bench.test", name: "Lead", teamId: team.id } });
await prisma.teamManager.create({ data: { teamId: team.id, userId: manager.id } });
await prisma.userRole.create({ data: { userId: manager.id, role: "manager" } });
const trainee = await prisma.user.create({ data: { email: "t@bench.test", name: "Trainee", teamId: team.id } });
await prisma.user.createMany({
  data: Array.from({ length: MENTORS }, (_, i) => ({
    id: `m${i}`,
    email: `m${i}@bench.test`,
    name: `Mentor ${i}`,
    teamId: team.id,
  })),
});
const attempts = Array.from({ length: ATTEMPTS }, (_, i) => `a${i}`);
await prisma.scenarioAttempt.createMany({
  data: attempts.map((id) => ({
    id,
    userId: trainee.id,
    scenarioId: scenario.id,
    locale: "en",
    stepId: "end",
    state: "{}",
    finishedAt: new Date(),
    submittedAt: new Date(),
    reviewStatus: "graded",
  })),
});
let last = "";
const started = performance.now();
for (let s = 0; s < SESSIONS; s++) {
  const session = await prisma.calibrationSession.create({
    data: {
      title: `Session ${s + 1}`,
      teamId: team.id,
      leadId: manager.id,
      deadline: new Date(),
      status: "closed",
      closedAt: new Date(Date.now() - (SESSIONS - s) * 86_400_000),
      items: { create: attempts.map((attemptId, i) => ({ attemptId, position: i + 1 })) },
    },
    include: { items: true },
  });
  last = session.id;
  const graders = [
    { id: manager.id, kind: "reference" },
    ...Array.from({ length: MENTORS }, (_, i) => ({ id: `m${i}`, kind: "mentor" })),
  ];
  const grades: Array<{
    id: string;
    itemId: string;
    graderId: string;
    kind: string;
    status: string;
    scores: string;
    decision: string;
  }> = [];
  const scores: Array<{
    gradeId: string;
    itemId: string;
    sessionId: string;
    graderId: string;
    kind: string;
    criterion: string;
    level: number;
  }> = [];
  for (const item of session.items) {
    const truth = criteria.map(() => 1 + Math.floor(random() * 4));
    for (const grader of graders) {
      const id = `${session.id}-${item.position}-${grader.id}`;
      const levels = truth.map((t) =>
        Math.min(4, Math.max(1, t + (grader.kind === "reference" ? 0 : Math.round((random() - 0.5) * 2)))),
      );
      grades.push({
        id,
        itemId: item.id,
        graderId: grader.id,
        kind: grader.kind,
        status: "submitted",
        scores: JSON.stringify(Object.fromEntries(criteria.map((c, i) => [c, levels[i]]))),
        decision: "retry",
      });
      criteria.forEach((criterion, i) =>
        scores.push({
          gradeId: id,
          itemId: item.id,
          sessionId: session.id,
          graderId: grader.id,
          kind: grader.kind,
          criterion,
          level: levels[i] ?? 1,
        }),
      );
    }
  }
  await prisma.calibrationGrade.createMany({ data: grades });
  for (let i = 0; i < scores.length; i += 5000)
    await prisma.calibrationScore.createMany({ data: scores.slice(i, i + 5000) });
}
console.log(
  `Seeded ${SESSIONS} sessions × ${ATTEMPTS * MENTORS} grades in ${Math.round(performance.now() - started)} ms`,
);

const user = { id: manager.id, name: "Lead", roles: ["manager" as const], timeZone: "UTC" };
async function time(label: string, work: () => Promise<unknown>) {
  await work();
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await work();
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  const row = { label, median: percentile(runs, 50), p95: percentile(runs, 95) };
  console.log(`${label}: median ${row.median.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms`);
  return row;
}
const rows = [
  await time(`sessionResults (${MENTORS} mentors, ${ATTEMPTS * MENTORS} grades)`, () =>
    sessionResults(user, last, "en"),
  ),
  await time(`teamTrend (${SESSIONS} sessions, ${SESSIONS * ATTEMPTS * MENTORS} grades)`, () => teamTrend(user)),
];
const engine = url.startsWith("file:") ? "SQLite" : "PostgreSQL";
const out = path.join(
  root,
  "bench/results",
  `${new Date().toISOString().slice(0, 10)}-calibration${engine === "SQLite" ? "" : "-postgresql"}.md`,
);
writeFileSync(
  out,
  [
    `# Calibration results, ${engine}`,
    "",
    "| What | median | p95 | target |",
    "|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.median.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | < 200 ms: ${r.p95 < 200 ? "met" : "not met"} |`,
    ),
    "",
  ].join("\n"),
);
console.log(`Wrote ${path.relative(root, out)}`);
await prisma.$disconnect();
