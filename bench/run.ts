// npm run bench — Rapport under load, on the large generated organisation (npm run
// seed:large; generated here when data/large.db is missing). Builds the production app,
// starts it on a copy of that database and drives it over HTTP with autocannon, signed in
// as the right people:
//   1. each endpoint alone at a fixed concurrency, with its rate as a share of /healthz's
//      rate in the same run;
//   2. a mixed load modelling 10,000 active learners, each acting about every 30 seconds,
//      with mentors grading and managers looking at their teams;
//   3. a synchronised start: 2,000 learners starting the same quiz within 10 seconds.
// Then the JavaScript a lesson page loads and the SQL queries of /team for a small and a
// large manager. Writes bench/results/<date>-<commit>[-postgresql][-N-servers].md and .json,
// beside the latest SQLite one-server figures.
//
// Environment: DATABASE_URL picks the engine. Unset or file:…, SQLite: a copy of
// data/large.db. postgresql://…/NAME, PostgreSQL: the database NAME is dropped and made
// again from NAME_large, a template holding the same organisation (copied from
// data/large.db the first time, with npm run db:copy's code). SERVERS=N starts N app
// servers on one database and puts nginx with deploy/nginx.conf in front (N > 1).
// SKIP_BUILD=1 reuses build/; SECONDS_PER_ENDPOINT (default 10), MIXED_SECONDS (default
// 60), CONNECTIONS (default 16), PORT (default 3480), WEB_CONCURRENCY (processes per
// server, default 1).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import pg from "pg";
import { databaseTarget, type DatabaseTarget, redactUrl } from "#app/utils/database-url.server.ts";
import { copySqliteToPostgresql } from "#root/prisma/copy.ts";
import { appliedMigrations, applyMigrations, migrationNames, siblingDatabaseUrl } from "#root/prisma/migrator.ts";
import { startNginx } from "#tests/setup/nginx.ts";
import { percentile, root, startServer } from "./harness.ts";
import { seededRandom, waitingStep } from "./org.ts";
import { agentEmail, LARGE, largeDbPath, managerEmail } from "./seed-large.ts";

const SECRET = "bench-secret-0123456789abcdef";
process.env.SESSION_SECRET = SECRET;
process.env.NODE_ENV = "production";
process.env.SLOW_QUERY_MS = "600000";
const port = Number(process.env.PORT ?? 3480);
const seconds = Number(process.env.SECONDS_PER_ENDPOINT ?? 10);
const mixedSeconds = Number(process.env.MIXED_SECONDS ?? 60);
const connections = Number(process.env.CONNECTIONS ?? 16);
/** Processes per server (server.js reads WEB_CONCURRENCY). */
const workers = Math.max(1, Number(process.env.WEB_CONCURRENCY ?? 1) || 1);
/** App servers on the one database; more than one get nginx in front. */
const serverCount = Math.max(1, Number(process.env.SERVERS ?? 1) || 1);
// SQLite: the benchmark's own copy, whatever file the URL names. PostgreSQL: the database
// named, which is dropped and made again, so its name must say it is the benchmark's.
const asked = databaseTarget(process.env.DATABASE_URL || "file:./tests/.tmp/bench-run.db");
const target: DatabaseTarget =
  asked.provider === "sqlite" ? databaseTarget("file:./tests/.tmp/bench-run.db", root) : asked;
if (target.provider === "postgresql" && !/bench/.test(target.database)) {
  throw new Error(
    `npm run bench drops and re-creates the database DATABASE_URL names; "${target.database}" does not look like a benchmark's. Name one with "bench" in it, e.g. ${redactUrl(siblingDatabaseUrl(target.url, "rapport_bench"))}.`,
  );
}
const LEARNERS = 10_000;
const ACT_EVERY_S = 30;
const SYNC_LEARNERS = 2_000;
const SYNC_WINDOW_S = 10;

const started = new Date();
const loadAtStart = os.loadavg().map((l) => Math.round(l * 10) / 10);
const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();
const commit = git("rev-parse", "--short", "HEAD");
const dirty = git("status", "--porcelain", "--untracked-files=no").length > 0;

if (process.env.SKIP_BUILD !== "1") {
  console.log("Building the production app…");
  execFileSync("npm", ["run", "build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
}
if (!existsSync(largeDbPath())) {
  // In its own process: the app's database client is bound to the first database it opens.
  console.log("No large organisation yet: generating it (npm run seed:large)…");
  const { DATABASE_URL: _ignored, ...env } = process.env;
  execFileSync("npm", ["run", "seed:large"], { cwd: root, stdio: ["ignore", "inherit", "inherit"], env });
}
// An organisation generated before the latest migrations gets them first.
await applyMigrations(largeDbPath());

/** A fresh copy of the organisation for this run, on the engine asked for. */
async function prepareDatabase(): Promise<string> {
  if (target.provider === "sqlite") {
    mkdirSync(path.dirname(target.file), { recursive: true });
    for (const suffix of ["", "-wal", "-shm"]) {
      if (existsSync(largeDbPath() + suffix)) copyFileSync(largeDbPath() + suffix, target.file + suffix);
      else if (existsSync(target.file + suffix)) writeFileSync(target.file + suffix, "");
    }
    return `file:${target.file}`;
  }
  const template = `${target.database}_large`;
  const admin = new pg.Client({ connectionString: siblingDatabaseUrl(target.url, "postgres") });
  await admin.connect();
  try {
    const templateUrl = siblingDatabaseUrl(target.url, template);
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [template])).rowCount;
    const current = exists && (await appliedMigrations(templateUrl)).join() === migrationNames("postgresql").join();
    if (!current) {
      console.log(`Copying the organisation into PostgreSQL (${template}, once)…`);
      await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${template}"`);
      await applyMigrations(templateUrl);
      const copied = await copySqliteToPostgresql(
        largeDbPath(),
        databaseTarget(templateUrl) as DatabaseTarget & { provider: "postgresql" },
      );
      console.log(`  ${Object.values(copied).reduce((a, b) => a + b, 0)} rows`);
    }
    await admin.query(`DROP DATABASE IF EXISTS "${target.database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${target.database}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  return target.url;
}
const databaseUrl = await prepareDatabase();
process.env.DATABASE_URL = databaseUrl;
const engine = target.provider === "sqlite" ? "SQLite" : "PostgreSQL";

const { sessionCookie, sessionLifetimeMs } = await import("#app/utils/session.server.ts");
const { getQuizzes, getScenarios } = await import("#app/content/catalog.server.ts");
const { reply } = await import("#app/scenarios/engine.server.ts");
const { initialState } = await import("#app/scenarios/engine.server.ts");
const { prisma, queryCount } = await import("#app/utils/db.server.ts");
type PlayState = ReturnType<typeof initialState>;

// ---------------------------------------------------------------------------------------
// Who signs in, and what they will do: sessions, open quiz attempts with their answers,
// open scenario attempts. Written into the copy with the app's client, as an operator
// would prepare it.
// ---------------------------------------------------------------------------------------
const random = seededRandom(8);
const users = await prisma.user.findMany({ select: { id: true, email: true } });
const idOf = new Map(users.map((u) => [u.email, u.id]));
const agents = Array.from({ length: LARGE.teams * LARGE.agentsPerTeam }, (_, n) => idOf.get(agentEmail(n)) ?? "");
const mentors = (
  await prisma.userRole.findMany({ where: { role: "mentor" }, select: { userId: true }, orderBy: { userId: "asc" } })
).map((r) => r.userId);
const expiresAt = new Date(Date.now() + sessionLifetimeMs());
const sessionId = () =>
  `bench${Math.floor(random() * 2 ** 52).toString(36)}${Math.floor(random() * 2 ** 52).toString(36)}`;
async function cookiesFor(userIds: string[]) {
  const rows = userIds.map((userId) => ({ id: sessionId(), userId, expiresAt }));
  await prisma.session.createMany({ data: rows });
  return Promise.all(rows.map(async (row) => (await sessionCookie.serialize(row.id)).split(";")[0] ?? ""));
}
// 10,000 learners: every agent on two devices.
const learnerCookies = await cookiesFor([...agents, ...agents]);
const cookieOfAgent = (n: number) => learnerCookies[n] ?? "";
const mentorCookies = await cookiesFor(mentors);
const bigManager = await cookiesFor([idOf.get(managerEmail(0)) ?? ""]);
const smallManager = await cookiesFor([idOf.get(managerEmail(1)) ?? ""]);

// Open quiz attempts with every answer right: submitting one grades it and refreshes the
// person's readiness, as in real use.
const quizzes = Object.values(getQuizzes());
const answerQuizzes = quizzes.filter((q) => !q.final).slice(0, 4);
type Submission = { path: string; body: string; cookie: string };
const submissions: Submission[] = [];
const openQuizzes: Array<{
  id: string;
  userId: string;
  quizId: string;
  courseSlug: string;
  number: number;
  seed: number;
  locale: string;
}> = [];
for (const quiz of answerQuizzes) {
  const english = quiz.variants.en;
  if (!english) continue;
  const answers = new URLSearchParams({ intent: "submit" });
  for (const question of english.questions) {
    const correct = english.keys[question.id]?.correct ?? [];
    if (question.kind === "ordering")
      correct.forEach((item, i) => answers.append(`order:${question.id}:${item}`, String(i + 1)));
    else for (const option of correct) answers.append(`answer:${question.id}`, option);
  }
  agents.forEach((userId, n) => {
    const attemptId = `benchquiz${quiz.id.length}${n}${Math.floor(random() * 1e9).toString(36)}`;
    openQuizzes.push({
      id: attemptId,
      userId,
      quizId: quiz.id,
      courseSlug: quiz.courseSlug,
      // Far above any number the organisation's year of history reached for this person.
      number: 10_000,
      seed: 1 + n,
      locale: "en",
    });
    const body = new URLSearchParams(answers);
    body.set("attemptId", attemptId);
    submissions.push({ path: `/quizzes/${quiz.id}`, body: body.toString(), cookie: cookieOfAgent(n) });
  });
}
await prisma.quizAttempt.createMany({ data: openQuizzes });

// Open scenario attempts; the load plays each one turn by turn, a turn at a time.
const scenarios = getScenarios();
const playable = ["double-charge-chat", "locked-out-phone"];
type Play = { attemptId: string; scenarioId: string; cookie: string; state: PlayState };
const plays: Play[] = [];
for (const scenarioId of playable) {
  const scenario = scenarios[scenarioId]?.variants.en;
  if (!scenario) throw new Error(`${scenarioId} is missing`);
  agents.forEach((_, n) => {
    const state = initialState(scenario, "normal");
    const attemptId = `benchplay${scenarioId.length}${n}${Math.floor(random() * 1e9).toString(36)}`;
    plays.push({ attemptId, scenarioId, cookie: cookieOfAgent(n), state });
  });
}
await prisma.scenarioAttempt.createMany({
  data: plays.map((play, i) => ({
    id: play.attemptId,
    userId: agents[i % agents.length] ?? "",
    scenarioId: play.scenarioId,
    locale: "en",
    stepId: play.state.conversations.map((c) => c.stepId).join(" "),
    turn: 0,
    state: JSON.stringify(play.state),
  })),
});
const waitingByMentor = await prisma.$queryRaw<Array<{ id: string; mentorId: string }>>`
  SELECT a."id", ms."mentorId" FROM "ScenarioAttempt" a JOIN "Mentorship" ms ON ms."traineeId" = a."userId"
  WHERE a."reviewStatus" = 'waiting' ORDER BY a."id"`;
const mentorIndex = new Map(mentors.map((id, i) => [id, i]));
const gradings = waitingByMentor.map((w) => ({
  path: `/reviews/${w.id}`,
  cookie: mentorCookies[mentorIndex.get(w.mentorId) ?? 0] ?? "",
}));

/** The next turn of an open play, or null when its conversation is over. */
function nextTurn(play: Play) {
  const scenario = scenarios[play.scenarioId]?.variants.en;
  const waiting = scenario ? waitingStep(scenario, play.state) : null;
  if (!scenario || !waiting) return null;
  const { step, target } = waiting;
  const input: { optionId: string } | { text: string } = step.replies
    ? { optionId: step.replies[0]?.id ?? "" }
    : {
        text: "Hi, I'm sorry about this, I understand. I have checked your account and I will fix it today; you will hear from me by 4 pm. Anything else?",
      };
  const body = new URLSearchParams({
    intent: "reply",
    attemptId: play.attemptId,
    conversation: target.conversation,
    step: target.step,
  });
  if ("optionId" in input) body.set("option", input.optionId);
  else body.set("text", input.text);
  return {
    path: `/scenarios/${play.scenarioId}`,
    body: body.toString(),
    advance: () => (play.state = reply(scenario, "en", play.state, target, input, 0).state),
  };
}

// ---------------------------------------------------------------------------------------
// The load generator.
// ---------------------------------------------------------------------------------------
type Action = {
  method: "GET" | "POST";
  path: string;
  cookie?: string;
  body?: string;
  expect: number;
  done?: (ok: boolean) => void;
};
type Outcome = {
  name: string;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
  byKind?: Record<string, { requests: number; errors: number; p95: number }>;
};

let base = "";
async function drive(
  name: string,
  next: () => Action & { kind?: string },
  options: { connections: number; duration?: number; amount?: number; overallRate?: number },
): Promise<Outcome> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const kinds: Record<string, { times: number[]; errors: number }> = {};
  let errors = 0;
  const instance = autocannon({
    url: base,
    connections: options.connections,
    ...(options.duration ? { duration: options.duration } : {}),
    ...(options.amount ? { amount: options.amount } : {}),
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    timeout: 30,
    requests: [
      {
        setupRequest: (request, context: { action?: Action & { kind?: string }; sent?: number }) => {
          const action = next();
          context.action = action;
          context.sent = performance.now();
          return {
            ...request,
            method: action.method,
            path: action.path,
            headers: {
              ...(action.cookie ? { cookie: action.cookie } : {}),
              ...(action.method === "POST"
                ? { origin: base, "content-type": "application/x-www-form-urlencoded" }
                : {}),
            },
            body: action.body,
          };
        },
        onResponse: (status, _body, context: { action?: Action & { kind?: string }; sent?: number }) => {
          const action = context.action;
          const took = performance.now() - (context.sent ?? 0);
          latencies.push(took);
          statuses[status] = (statuses[status] ?? 0) + 1;
          const ok = status === action?.expect;
          if (!ok) errors++;
          action?.done?.(ok);
          if (action?.kind) {
            const k = (kinds[action.kind] ??= { times: [], errors: 0 });
            k.times.push(took);
            if (!ok) k.errors++;
          }
        },
      },
    ],
  });
  const result = await instance;
  const sorted = latencies.sort((a, b) => a - b);
  const requests = sorted.length;
  const duration = options.duration ?? (result.duration || 1);
  const outcome: Outcome = {
    name,
    connections: options.connections,
    seconds: Math.round(result.duration * 10) / 10,
    requests,
    rps: Math.round((requests / (result.duration || duration)) * 10) / 10,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    errors: errors + result.errors + result.timeouts,
    statuses,
  };
  if (Object.keys(kinds).length)
    outcome.byKind = Object.fromEntries(
      Object.entries(kinds).map(([kind, k]) => [
        kind,
        {
          requests: k.times.length,
          errors: k.errors,
          p95: round(
            percentile(
              k.times.sort((a, b) => a - b),
              95,
            ),
          ),
        },
      ]),
    );
  console.log(
    `${name}: ${outcome.rps} req/s, p50 ${outcome.p50} ms, p95 ${outcome.p95} ms, p99 ${outcome.p99} ms, ${outcome.errors} errors (${JSON.stringify(statuses)})`,
  );
  return outcome;
}
const round = (n: number) => Math.round(n * 10) / 10;
const cycle = <T>(list: T[]) => {
  let i = 0;
  return () => list[i++ % list.length] as T;
};

// Lesson pages, catalogue, progress: a different learner each time.
const anyLearner = cycle(learnerCookies);
const lessonPaths = ["/courses/communication/tone-and-channel", "/courses/communication/structure-of-a-good-reply"];
const submission = cycle(submissions);
const freePlays = [...plays];
const grading = cycle(gradings);
const anyMentor = cycle(mentorCookies);

function quizSubmit(): Action {
  const s = submission();
  return { method: "POST", path: s.path, body: s.body, cookie: s.cookie, expect: 302 };
}
function scenarioTurn(): Action {
  // A play goes back in the queue after its answer, so no two requests race on one attempt.
  for (;;) {
    const play = freePlays.shift();
    if (!play) throw new Error("the open scenario attempts ran out; prepare more");
    const turn = nextTurn(play);
    if (!turn) continue;
    return {
      method: "POST",
      path: turn.path,
      body: turn.body,
      cookie: play.cookie,
      expect: 302,
      done: (ok) => {
        if (ok) turn.advance();
        freePlays.push(play);
      },
    };
  }
}

// A load test is many requests per person: the per-person limits would refuse most of them.
const unlimited = {
  WRITES_PER_MINUTE: "100000",
  QUIZ_ATTEMPTS_PER_HOUR: "100000",
  SCENARIO_ATTEMPTS_PER_HOUR: "100000",
};
// One server on PORT; several on the ports after it, with nginx (deploy/nginx.conf) on PORT.
const appPorts = serverCount > 1 ? Array.from({ length: serverCount }, (_, i) => port + 1 + i) : [port];
const serverEnv = {
  SESSION_SECRET: SECRET,
  SLOW_QUERY_MS: "600000",
  ...unlimited,
  ...(serverCount > 1 ? { TRUST_PROXY: "1" } : {}),
};
const servers = await Promise.all(appPorts.map((p) => startServer(databaseUrl, p, serverEnv)));
const nginx = serverCount > 1 ? await startNginx(port, appPorts) : null;
base = nginx?.base ?? servers[0]?.base ?? "";
const results: Outcome[] = [];
let mixed: Outcome;
let teamAlone: Outcome;
let sync: Outcome;
let syncStarts = 0;
try {
  // Warm up every page once (first compilation of each route's code).
  for (const action of [
    { path: "/healthz" },
    { path: "/courses", cookie: anyLearner() },
    { path: lessonPaths[0] ?? "", cookie: anyLearner() },
    { path: "/progress", cookie: anyLearner() },
    { path: "/reviews", cookie: anyMentor() },
    { path: "/team", cookie: bigManager[0] },
  ])
    await (await fetch(`${base}${action.path}`, { headers: action.cookie ? { cookie: action.cookie } : {} })).text();

  const endpoints: Array<[string, () => Action]> = [
    ["/healthz", () => ({ method: "GET", path: "/healthz", expect: 200 })],
    ["catalogue (/courses)", () => ({ method: "GET", path: "/courses", cookie: anyLearner(), expect: 200 })],
    ["lesson page", () => ({ method: "GET", path: lessonPaths[0] ?? "", cookie: anyLearner(), expect: 200 })],
    ["quiz submission", quizSubmit],
    ["scenario turn", scenarioTurn],
    ["mentor queue (/reviews)", () => ({ method: "GET", path: "/reviews", cookie: anyMentor(), expect: 200 })],
    ["grading screen", () => ({ method: "GET", ...grading(), expect: 200 })],
    ["/team (10 teams, 1,000 people)", () => ({ method: "GET", path: "/team", cookie: bigManager[0], expect: 200 })],
    ["/progress", () => ({ method: "GET", path: "/progress", cookie: anyLearner(), expect: 200 })],
  ];
  for (const [name, next] of endpoints) results.push(await drive(name, next, { connections, duration: seconds }));
  // A manager opening the page: one request at a time, no queue in front of it.
  teamAlone = await drive(
    "/team (10 teams), one request at a time",
    () => ({ method: "GET", path: "/team", cookie: bigManager[0], expect: 200 }),
    { connections: 1, duration: seconds },
  );

  // Mixed load: 10,000 learners acting every 30 s; 200 mentors grading every 30 s;
  // 20 managers opening their team every minute.
  const learnerRate = LEARNERS / ACT_EVERY_S;
  const mentorRate = mentors.length / 30;
  const managerRate = LARGE.managers / 60;
  const total = learnerRate + mentorRate + managerRate;
  const mix: Array<[number, string, () => Action]> = [
    [
      learnerRate * 0.45,
      "read a lesson",
      () => ({ method: "GET", path: lessonPaths[Math.floor(random() * 2)] ?? "", cookie: anyLearner(), expect: 200 }),
    ],
    [
      learnerRate * 0.1,
      "open the catalogue",
      () => ({ method: "GET", path: "/courses", cookie: anyLearner(), expect: 200 }),
    ],
    [
      learnerRate * 0.05,
      "open /progress",
      () => ({ method: "GET", path: "/progress", cookie: anyLearner(), expect: 200 }),
    ],
    [learnerRate * 0.2, "answer a quiz", quizSubmit],
    [learnerRate * 0.2, "reply in a scenario", scenarioTurn],
    [mentorRate * 0.5, "mentor: queue", () => ({ method: "GET", path: "/reviews", cookie: anyMentor(), expect: 200 })],
    [mentorRate * 0.5, "mentor: grading screen", () => ({ method: "GET", ...grading(), expect: 200 })],
    [managerRate, "manager: /team", () => ({ method: "GET", path: "/team", cookie: smallManager[0], expect: 200 })],
  ];
  const pickMixed = () => {
    let r = random() * total;
    for (const [rate, kind, make] of mix) {
      r -= rate;
      if (r <= 0) return { ...make(), kind };
    }
    const [, kind, make] = mix[0]!;
    return { ...make(), kind };
  };
  mixed = await drive(
    `mixed load (${LEARNERS.toLocaleString("en")} learners, ${Math.round(total)} req/s offered)`,
    pickMixed,
    {
      connections: 200,
      duration: mixedSeconds,
      overallRate: Math.round(total),
    },
  );

  // Synchronised start: 2,000 learners who have not started this quiz open it within 10 s.
  const syncQuiz = quizzes.find((q) => q.id === "leading-a-team-final") ?? quizzes[0];
  if (!syncQuiz) throw new Error("no quiz");
  let nextLearner = 0;
  sync = await drive(
    `synchronised start (${SYNC_LEARNERS.toLocaleString("en")} learners, one quiz, ${SYNC_WINDOW_S} s)`,
    () => {
      // Each learner: the start (302) and the page it lands on (200) — two requests.
      const n = Math.floor(nextLearner / 2);
      const first = nextLearner++ % 2 === 0;
      const cookie = cookieOfAgent(LARGE.agentsPerTeam * LARGE.teams + n);
      return first
        ? {
            method: "POST",
            path: `/quizzes/${syncQuiz.id}`,
            body: "intent=start",
            cookie,
            expect: 302,
            done: (ok) => void (ok && syncStarts++),
          }
        : { method: "GET", path: `/quizzes/${syncQuiz.id}`, cookie, expect: 200 };
    },
    { connections: 400, amount: SYNC_LEARNERS * 2, overallRate: (SYNC_LEARNERS * 2) / SYNC_WINDOW_S },
  );
} finally {
  await nginx?.stop();
  await Promise.all(servers.map((server) => server.stop()));
}

// The JavaScript a lesson page loads: every module it names, gzipped.
async function lessonJavaScript() {
  const again = await startServer(databaseUrl, port, { SESSION_SECRET: SECRET, ...unlimited });
  try {
    const html = await (await fetch(`${again.base}${lessonPaths[0]}`, { headers: { cookie: anyLearner() } })).text();
    const urls = new Set(
      [
        ...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g),
        ...html.matchAll(/import\("(\/assets\/[^"]+\.js)"\)/g),
      ].map((m) => m[1] ?? ""),
    );
    let gzipped = 0;
    let raw = 0;
    for (const url of urls) {
      const bytes = readFileSync(path.join(root, "build/client", url));
      raw += bytes.length;
      gzipped += gzipSync(bytes, { level: 9 }).length;
    }
    return { files: urls.size, rawKB: round(raw / 1024), gzipKB: round(gzipped / 1024) };
  } finally {
    again.stop();
  }
}
const js = await lessonJavaScript();
console.log(`lesson page JavaScript: ${js.files} files, ${js.rawKB} KB, ${js.gzipKB} KB gzipped`);

// /team's SQL queries, counted in process, for a manager of 2 teams and one of 10.
const { getTeamView } = await import("#app/team/team.server.ts");
const teamQueries: Array<{ manager: string; people: number; queries: number }> = [];
for (const email of [managerEmail(1), managerEmail(0)]) {
  const manager = await prisma.user.findFirstOrThrow({ where: { email }, select: { id: true } });
  await getTeamView(manager, {}, "en");
  const before = queryCount.value;
  const view = await getTeamView(manager, {}, "en");
  teamQueries.push({ manager: email, people: view.total, queries: queryCount.value - before });
}
const syncOpen = await prisma.quizAttempt.count({ where: { quizId: "leading-a-team-final", submittedAt: null } });
await prisma.$disconnect();
console.log(`/team SQL queries: ${teamQueries.map((t) => `${t.people} people → ${t.queries}`).join(", ")}`);

// ---------------------------------------------------------------------------------------
// The report.
// ---------------------------------------------------------------------------------------
const healthz = results[0]?.rps ?? 1;
const find = (prefix: string) => results.find((r) => r.name.startsWith(prefix));
const lesson = find("lesson page");
const team = find("/team");
const targets = [
  {
    target: "lesson page ≥ 50% of the /healthz rate (same run)",
    value: `${Math.round(((lesson?.rps ?? 0) / healthz) * 100)}% (${lesson?.rps} vs ${healthz} req/s)`,
    met: (lesson?.rps ?? 0) >= healthz * 0.5,
  },
  {
    target: "mixed load of 10,000 learners: p95 < 100 ms, no errors",
    value: `p95 ${mixed.p95} ms, ${mixed.errors} errors, ${mixed.rps} req/s served`,
    met: mixed.p95 < 100 && mixed.errors === 0,
  },
  {
    target: "synchronised start of 2,000: p95 < 300 ms, no errors",
    value: `p95 ${sync.p95} ms, ${sync.errors} errors, ${syncStarts} starts acknowledged, ${syncOpen} attempts open`,
    met: sync.p95 < 300 && sync.errors === 0 && syncStarts === SYNC_LEARNERS && syncOpen === SYNC_LEARNERS,
  },
  {
    target: "/team on 10 teams: p95 < 200 ms",
    value: `one request at a time: p50 ${teamAlone.p50} ms, p95 ${teamAlone.p95} ms (at ${connections} connections: p95 ${team?.p95} ms, ${team?.rps} req/s)`,
    met: teamAlone.p95 < 200,
  },
  {
    target: "/team: SQL queries independent of team size",
    value: teamQueries.map((t) => `${t.people} people: ${t.queries}`).join("; "),
    met: new Set(teamQueries.map((t) => t.queries)).size === 1,
  },
  {
    target: "JavaScript for a lesson page < 120 KB gzipped",
    value: `${js.gzipKB} KB in ${js.files} files`,
    met: js.gzipKB < 120,
  },
];
const machine = {
  /** The machine is shared: its load average (1, 5, 15 min) when the run started and ended. */
  load: { atStart: loadAtStart, atEnd: os.loadavg().map((l) => round(l)) },
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? "unknown",
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
};
const report = {
  startedAt: started.toISOString(),
  commit: dirty ? `${commit} (with uncommitted changes)` : commit,
  machine,
  organisation: {
    agents: LARGE.teams * LARGE.agentsPerTeam,
    teams: LARGE.teams,
    mentors: mentors.length,
    managers: LARGE.managers,
    file: path.relative(root, largeDbPath()),
  },
  settings: {
    engine,
    database: redactUrl(databaseUrl),
    servers: serverCount,
    loadBalancer: nginx ? "nginx, deploy/nginx.conf" : null,
    connections,
    secondsPerEndpoint: seconds,
    mixedSeconds,
    serverProcesses: workers,
  },
  endpoints: results.map((r) => ({ ...r, ofHealthz: round((r.rps / healthz) * 100) })),
  teamAlone,
  mixed,
  synchronisedStart: { ...sync, starts: syncStarts, openAttempts: syncOpen },
  lessonJavaScript: js,
  teamQueries,
  targets,
};
const stamp = started.toISOString().slice(0, 16).replace(/[:T]/g, "-");
const out = path.join(root, "bench/results");
mkdirSync(out, { recursive: true });
const name = [
  `${stamp}-${commit}`,
  ...(target.provider === "postgresql" ? ["postgresql"] : []),
  ...(serverCount > 1 ? [`${serverCount}-servers`] : []),
  ...(workers > 1 ? [`${workers}-processes`] : []),
].join("-");
const comparison = target.provider === "sqlite" && serverCount === 1 && workers === 1 ? null : latestSqliteReport(out);
writeFileSync(path.join(out, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
const table = (rows: string[][]) => rows.map((r) => `| ${r.join(" | ")} |`).join("\n");
const processes = workers === 1 ? "one process" : `${workers} processes (WEB_CONCURRENCY)`;
const setup =
  serverCount === 1
    ? `One production server, ${processes}, on ${engine}`
    : `${serverCount} production servers, ${processes} each, on one ${engine} database behind nginx (\`deploy/nginx.conf\`)`;

type Report = typeof report;
/** The most recent SQLite one-server, one-process report in bench/results, to compare with. */
function latestSqliteReport(dir: string) {
  const candidates = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => ({ file: f, report: JSON.parse(readFileSync(path.join(dir, f), "utf8")) as Partial<Report> }))
    .filter(
      ({ report: r }) =>
        (r.settings?.engine ?? "SQLite") === "SQLite" &&
        (r.settings?.servers ?? 1) === 1 &&
        r.settings?.serverProcesses === 1,
    )
    .sort((a, b) => (a.report.startedAt ?? "").localeCompare(b.report.startedAt ?? ""));
  return candidates.at(-1) ?? null;
}

function sideBySide({ file, report: other }: { file: string; report: Partial<Report> }) {
  const cell = (o: Outcome | undefined) => (o ? `${o.rps} req/s, p95 ${o.p95} ms, ${o.errors} errors` : "–");
  const rows = results.map((r) => [r.name, cell(other.endpoints?.find((e) => e.name === r.name)), cell(r)]);
  rows.push(["/team, one request at a time", cell(other.teamAlone), cell(teamAlone)]);
  rows.push(["mixed load", cell(other.mixed), cell(mixed)]);
  const otherSync = other.synchronisedStart;
  rows.push([
    "synchronised start of 2,000",
    otherSync ? `${cell(otherSync)}; ${otherSync.openAttempts} stored` : "–",
    `${cell(sync)}; ${syncOpen} stored`,
  ]);
  return `Beside SQLite on one server, one process ([${file.replace(/\.json$/, ".md")}](${file.replace(/\.json$/, ".md")}), commit \`${other.commit}\`, same machine):

${table([["", "SQLite, one server", setup], ["---", "---", "---"], ...rows])}`;
}
const md = `# Rapport benchmark, ${started.toISOString().slice(0, 16).replace("T", " ")} UTC

Commit \`${report.commit}\` · ${machine.cores} cores (${machine.cpu}) · ${machine.memoryGiB} GiB · Node ${machine.node} · ${machine.platform} · load average ${machine.load.atStart.join(" / ")} at the start, ${machine.load.atEnd.join(" / ")} at the end (shared machine)

Organisation: ${report.organisation.agents.toLocaleString("en")} agents in ${LARGE.teams} teams, ${mentors.length} mentors, ${LARGE.managers} managers (\`npm run seed:large\`). ${setup}; the load generator (autocannon) runs on the same machine.
${comparison ? `\n${sideBySide(comparison)}\n` : ""}

## Targets

${table([["target", "measured", "met"], ["---", "---", "---"], ...targets.map((t) => [t.target, t.value, t.met ? "yes" : "**no**"])])}

## Each endpoint alone (${connections} connections, ${seconds} s each)

${table([
  ["endpoint", "req/s", "of /healthz", "p50 ms", "p95 ms", "p99 ms", "errors"],
  ["---", "---:", "---:", "---:", "---:", "---:", "---:"],
  ...results.map((r) => [
    r.name,
    String(r.rps),
    `${round((r.rps / healthz) * 100)}%`,
    String(r.p50),
    String(r.p95),
    String(r.p99),
    String(r.errors),
  ]),
])}

## Mixed load

${mixed.name}, ${mixed.connections} connections, ${mixed.seconds} s: **${mixed.rps} req/s served, p50 ${mixed.p50} ms, p95 ${mixed.p95} ms, p99 ${mixed.p99} ms, ${mixed.errors} errors.**

${table([
  ["action", "requests", "errors", "p95 ms"],
  ["---", "---:", "---:", "---:"],
  ...Object.entries(mixed.byKind ?? {}).map(([kind, k]) => [kind, String(k.requests), String(k.errors), String(k.p95)]),
])}

## Synchronised start

${sync.name}: ${sync.requests} requests (a start and the quiz page for each learner), p50 ${sync.p50} ms, p95 ${sync.p95} ms, p99 ${sync.p99} ms, ${sync.errors} errors; ${syncStarts} starts acknowledged and ${syncOpen} open attempts in the database afterwards.

## Other measures

- JavaScript a lesson page loads: ${js.files} files, ${js.rawKB} KB, **${js.gzipKB} KB gzipped**.
- \`/team\` SQL queries per page: ${teamQueries.map((t) => `${t.people} people → ${t.queries}`).join(", ")}.
`;
writeFileSync(path.join(out, `${name}.md`), md);
console.log(`\nWrote bench/results/${name}.md and .json`);
for (const t of targets) console.log(`${t.met ? "met    " : "NOT MET"}  ${t.target}: ${t.value}`);
