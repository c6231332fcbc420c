// npm run bench:reviews — the mentor queue and the grading screen with a generated
// organisation: 200 mentors, 20 managers, 4,000 trainees and 20,000 attempts waiting for
// review (100 per mentor), each a real played attempt with its events. Measured on
// loopback, one request at a time, against the production build (run `npm run build`).
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { hashPassword } from "#app/accounts/password.server.ts";
import { scenariosFromRoot } from "#app/scenarios/catalog.server.ts";
import { initialState, measure, reply, type StoredEvent } from "#app/scenarios/engine.server.ts";
import { applyMigrations, removeSqliteFiles } from "#root/prisma/migrator.ts";
import { root, signIn, startServer, time } from "./harness.ts";

const MENTORS = 200;
const TRAINEES_PER_MENTOR = 20;
const WAITING_PER_TRAINEE = 5;
const TEAMS = 20;
const requests = Number(process.env.REQUESTS ?? 300);
const port = Number(process.env.PORT ?? 3458);
const id = () => `c${randomBytes(12).toString("hex")}`;
/** Dates as the Prisma SQLite adapter stores them (ISO text), so SQL comparisons hold. */
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

mkdirSync(path.join(root, "tests/.tmp"), { recursive: true });
const file = path.join(root, "tests/.tmp/bench-reviews.db");
removeSqliteFiles(file);
await applyMigrations(file);

// One real attempt, played through the app's rules, copied for every waiting attempt.
const bundle = scenariosFromRoot(path.join(root, "courses"))["double-charge-chat"];
const scenario = bundle?.variants.en;
if (!scenario) throw new Error("double-charge-chat is missing");
let state = initialState(scenario);
const events: StoredEvent[] = [];
for (let seq = 1; seq < 20; seq++) {
  const step = scenario.steps.find((s) => s.id === state.stepId);
  if (!step || step.end) break;
  const played = reply(
    scenario,
    "en",
    state,
    state.stepId,
    step.replies
      ? { optionId: step.replies[0]?.id ?? "a" }
      : {
          text: "Hi Renata, I'm sorry. Billing refunds it today; the bank shows it in 3–5 working days. Anything else?",
        },
  );
  events.push({
    seq,
    at: new Date(Date.UTC(2026, 10, 1, 10, 0, seq * 40)),
    stepId: state.stepId,
    kind: "reply",
    data: played.event,
  });
  state = played.state;
}
const measures = measure(scenario, new Date(Date.UTC(2026, 10, 1, 10)), new Date(Date.UTC(2026, 10, 1, 10, 9)), events);

const generated = performance.now();
const db = new Database(file);
db.pragma("journal_mode = WAL");
const hash = await hashPassword("bench-password");
const insertUser = db.prepare(
  "INSERT INTO User (id, email, name, active, createdAt, updatedAt, teamId) VALUES (?, ?, ?, 1, ?, ?, ?)",
);
const insertRole = db.prepare("INSERT INTO UserRole (userId, role) VALUES (?, ?)");
const insertPassword = db.prepare("INSERT INTO Password (userId, hash) VALUES (?, ?)");
const insertTeam = db.prepare("INSERT INTO Team (id, name, createdAt) VALUES (?, ?, ?)");
const insertManager = db.prepare("INSERT INTO TeamManager (teamId, userId) VALUES (?, ?)");
const insertMentorship = db.prepare("INSERT INTO Mentorship (mentorId, traineeId, createdAt) VALUES (?, ?, ?)");
const insertAttempt = db.prepare(
  `INSERT INTO ScenarioAttempt (id, userId, scenarioId, locale, startedAt, stepId, turn, state, finishedAt, measures, resolved, csat, preScore, reviewStatus, submittedAt)
   VALUES (?, ?, 'double-charge-chat', 'en', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?)`,
);
const insertEvent = db.prepare(
  "INSERT INTO ScenarioEvent (attemptId, seq, at, kind, stepId, data) VALUES (?, ?, ?, ?, ?, ?)",
);
const nowMs = Date.now();
const now = iso(nowMs);
const stateJson = JSON.stringify(state);
const measuresJson = JSON.stringify(measures);
const eventData = events.map((e) => JSON.stringify(e.data));
let mentorEmail = "";
let firstAttempt = "";
db.transaction(() => {
  const teams = Array.from({ length: TEAMS }, (_, i) => {
    const teamId = id();
    insertTeam.run(teamId, `Team ${i + 1}`, now);
    const managerId = id();
    insertUser.run(managerId, `manager${i}@bench.test`, `Manager ${i}`, now, now, teamId);
    insertRole.run(managerId, "manager");
    insertPassword.run(managerId, hash);
    insertManager.run(teamId, managerId);
    return teamId;
  });
  for (let m = 0; m < MENTORS; m++) {
    const mentorId = id();
    const teamId = teams[m % TEAMS] ?? null;
    insertUser.run(mentorId, `mentor${m}@bench.test`, `Mentor ${m}`, now, now, teamId);
    insertRole.run(mentorId, "mentor");
    insertPassword.run(mentorId, hash);
    if (m === 0) mentorEmail = `mentor${m}@bench.test`;
    for (let t = 0; t < TRAINEES_PER_MENTOR; t++) {
      const traineeId = id();
      insertUser.run(traineeId, `trainee${m}-${t}@bench.test`, `Trainee ${m}-${t}`, now, now, teamId);
      insertRole.run(traineeId, "trainee");
      insertMentorship.run(mentorId, traineeId, now);
      for (let a = 0; a < WAITING_PER_TRAINEE; a++) {
        const attemptId = id();
        if (!firstAttempt && m === 0) firstAttempt = attemptId;
        const submitted = nowMs - ((m * 7 + t * 13 + a * 29) % (30 * 24)) * 3_600_000;
        insertAttempt.run(
          attemptId,
          traineeId,
          iso(submitted - 600_000),
          state.stepId,
          events.length,
          stateJson,
          iso(submitted),
          measuresJson,
          1,
          measures.csat,
          measures.preScore,
          iso(submitted),
        );
        events.forEach((e, i) =>
          insertEvent.run(attemptId, e.seq, iso(e.at.getTime()), e.kind, e.stepId, eventData[i]),
        );
      }
    }
  }
})();
const counts = db
  .prepare(
    "SELECT (SELECT COUNT(*) FROM ScenarioAttempt WHERE reviewStatus = 'waiting') AS waiting, (SELECT COUNT(*) FROM ScenarioEvent) AS events",
  )
  .get() as { waiting: number; events: number };
db.close();
console.log(
  `Generated ${MENTORS} mentors, ${TEAMS} managers, ${MENTORS * TRAINEES_PER_MENTOR} trainees, ${counts.waiting} attempts waiting (${counts.events} events) in ${((performance.now() - generated) / 1000).toFixed(1)} s`,
);

const server = await startServer(file, port, {});
try {
  const mentor = await signIn(server.base, mentorEmail, "bench-password");
  await time("queue, first page (a mentor with 100 waiting)", `${server.base}/reviews`, mentor, requests, 20);
  await time("queue, a competency filter", `${server.base}/reviews?competency=empathy&page=3`, mentor, requests, 20);
  const manager = await signIn(server.base, "manager0@bench.test", "bench-password");
  await time("queue, first page (a manager: one team, 1,000 waiting)", `${server.base}/reviews`, manager, requests, 20);
  await time("grading screen", `${server.base}/reviews/${firstAttempt}`, mentor, requests, 20);
} finally {
  server.stop();
}
