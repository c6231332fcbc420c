// Durability: a server under concurrent quiz submissions and scenario turns is killed with
// SIGKILL. Every write it had acknowledged must be in the database afterwards, the database
// must pass its integrity check, and a restarted server must serve again (how fast is a
// benchmark figure, not a test: a loaded machine makes any limit flaky).
// The server runs on its own freshly seeded database, so nothing leaks into other tests.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type PrecompiledContent } from "#app/content/catalog.server.ts";
import { type Answers, gradeAttempt } from "#app/quizzes/grade.server.ts";
import { type Connection, provider, type TestDatabase, withConnection } from "#tests/setup/database.ts";
import { e2eEnv, freePort, seededDatabase } from "#tests/setup/e2e-server.ts";
import { root } from "#tests/setup/paths.ts";
import { demo } from "./browser.ts";
import { clientOf, type Form, hidden } from "./http.ts";

const content = JSON.parse(readFileSync(path.join(root, "build/content/content.json"), "utf8")) as PrecompiledContent;

/** Each trainee plays one scenario and takes one practice quiz (no attempt limit, no wait). */
const players = [
  { person: "trainee", scenario: "late-delivery-email", quiz: "support-role-what-support-does-check" },
  { person: "priya.nair", scenario: "double-charge-chat", quiz: "support-role-the-customer-journey-check" },
  { person: "kenji.sato", scenario: "public-complaint-social", quiz: "communication-clear-writing-check" },
  { person: "carmen.lopez", scenario: "manager-request-chat", quiz: "empathy-and-patience-apologising-well-check" },
  { person: "dmytro.melnyk", scenario: "locked-out-phone", quiz: "support-tools-crm-and-customer-history-check" },
  { person: "fernanda.lima", scenario: "bug-to-engineering", quiz: "problem-solving-troubleshooting-basics-check" },
] as const;

/** How long the load runs before the kill. */
const LOAD_MS = 2000;

const freeText =
  "Hello, I'm so sorry for the trouble, I understand how worrying this is. I will sort it out today and call you back before 4 pm.";

let database: TestDatabase | undefined;
let databaseUrl = "";
let port = 0;
let base = "";
let server: ChildProcess | undefined;

beforeAll(async () => {
  database = await seededDatabase("durability");
  databaseUrl = database.url;
  port = await freePort();
  base = `http://localhost:${port}`;
  server = await startServer().then((s) => s.server);
});

afterAll(async () => {
  if (server) await kill(server);
  await database?.drop();
});

/** A production server on the test's own database; resolves once /healthz answers 200. */
async function startServer() {
  const child = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: e2eEnv(databaseUrl, port),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { server: child };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill("SIGKILL");
  throw new Error(`the server on port ${port} did not start`);
}

function kill(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}

// Requests to this file's own server, whose address is known once it has started.
const { send, signIn } = clientOf(() => base);

/** Answers built from the key: every one right, or every one wrong. */
function quizAnswers(quizId: string, right: boolean) {
  const english = content.quizzes[quizId]?.variants.en;
  if (!english) throw new Error(`no quiz ${quizId}`);
  const answers: Answers = {};
  for (const question of english.questions) {
    const key = english.keys[question.id];
    if (!key) throw new Error(`no key for ${question.id}`);
    if (question.kind === "ordering") answers[question.id] = right ? key.correct : [...key.correct].reverse();
    else if (right) answers[question.id] = question.kind === "multiple" ? key.correct : key.correct.slice(0, 1);
    else answers[question.id] = [question.options.find((o) => !key.correct.includes(o.id))?.id ?? ""];
  }
  return answers;
}

function answerFields(quizId: string, answers: Answers): Form {
  const questions = content.quizzes[quizId]?.variants.en?.questions ?? [];
  return Object.entries(answers).flatMap(([questionId, ids]): Form => {
    const kind = questions.find((q) => q.id === questionId)?.kind;
    return kind === "ordering"
      ? ids.map((id, i): [string, string] => [`order:${questionId}:${id}`, String(i + 1)])
      : ids.map((id): [string, string] => [`answer:${questionId}`, id]);
  });
}

type AckedSubmit = { person: string; quizId: string; attemptId: string; answers: Answers };
type AckedTurn =
  | { kind: "reply"; stepId: string; optionId: string | null; text: string | null }
  | { kind: "action"; stepId: string; note: string };
type AckedAttempt = { person: string; scenarioId: string; turns: AckedTurn[]; finished: boolean };

/** The load: what was acknowledged, and how many writes are on the wire right now. */
const load = {
  stop: false,
  writesInFlight: 0,
  submits: [] as AckedSubmit[],
  /** Quiz attempts whose start was acknowledged (and then shown on the page). */
  quizAttemptsSeen: new Map<string, { person: string; quizId: string }>(),
  attempts: new Map<string, AckedAttempt>(),
  /** Failures other than the kill's (a 4xx/5xx while the server was up) fail the test. */
  unexpected: [] as string[],
};

/** A write: acknowledged when the response arrives with the redirect the route gives on success. */
async function write(path: string, cookie: string, form: Form, expectedLocation: RegExp) {
  load.writesInFlight++;
  try {
    const response = await send(path, { cookie, form });
    const location = response.headers.get("location") ?? "";
    if (response.status === 302 && expectedLocation.test(location)) return location;
    if (!load.stop) load.unexpected.push(`${path} ${form[0]?.[1]}: ${response.status} ${location}`);
    return null;
  } finally {
    load.writesInFlight--;
  }
}

async function quizLoop(person: string, cookie: string, quizId: string) {
  for (let round = 0; !load.stop; round++) {
    if (!(await write(`/quizzes/${quizId}`, cookie, [["intent", "start"]], new RegExp(`^/quizzes/${quizId}$`)))) return;
    const page = await send(`/quizzes/${quizId}`, { cookie });
    const attemptId = hidden(await page.text(), "attemptId");
    if (!attemptId) {
      if (!load.stop) load.unexpected.push(`${person}: no open quiz attempt after a start`);
      return;
    }
    load.quizAttemptsSeen.set(attemptId, { person, quizId });
    const answers = quizAnswers(quizId, round % 2 === 0);
    const done = await write(
      `/quizzes/${quizId}`,
      cookie,
      [["intent", "submit"], ["attemptId", attemptId], ...answerFields(quizId, answers)],
      new RegExp(`^/quizzes/${quizId}/attempts/${attemptId}$`),
    );
    if (!done) return;
    load.submits.push({ person, quizId, attemptId, answers });
  }
}

async function scenarioLoop(person: string, cookie: string, scenarioId: string) {
  const path = `/scenarios/${scenarioId}`;
  for (let n = 0; !load.stop; n++) {
    const html = await (await send(path, { cookie })).text();
    const attemptId = hidden(html, "attemptId");
    if (!attemptId) {
      if (!(await write(path, cookie, [["intent", "start"]], new RegExp(`^${path}$`)))) return;
      continue;
    }
    const acked = load.attempts.get(attemptId) ?? { person, scenarioId, turns: [], finished: false };
    load.attempts.set(attemptId, acked);
    if (html.includes('name="intent" value="finish"')) {
      if (
        !(await write(
          path,
          cookie,
          [
            ["intent", "finish"],
            ["attemptId", attemptId],
          ],
          /\/attempts\//,
        ))
      )
        return;
      acked.finished = true;
      continue;
    }
    const stepId = hidden(html, "step");
    if (!stepId) throw new Error(`no step on ${path}`);
    const guard: Form = [
      ["attemptId", attemptId],
      ["step", stepId],
    ];
    if (acked.turns.length % 3 === 1) {
      // A help-desk note between replies: an action event with its own number.
      const note = `Note ${n} by ${person}: checked the order history.`;
      const form: Form = [["intent", "action"], ["type", "add-note"], ["note", note], ...guard];
      if (!(await write(path, cookie, form, /#desk-notes$/))) return;
      acked.turns.push({ kind: "action", stepId, note });
      continue;
    }
    const optionId = html.match(/name="option"[^>]*value="([^"]+)"/)?.[1] ?? null;
    const form: Form = [["intent", "reply"], ...guard, optionId ? ["option", optionId] : ["text", freeText]];
    if (!(await write(path, cookie, form, /#reply$/))) return;
    acked.turns.push({ kind: "reply", stepId, optionId, text: optionId ? null : freeText });
  }
}

/** Runs a loop until the kill stops it; a network error after the kill is the expected end. */
const untilKilled = (run: () => Promise<void>) =>
  run().catch((error: unknown) => {
    if (!load.stop) load.unexpected.push(`before the kill: ${String(error)}`);
  });

/**
 * The engine's own consistency checks. SQLite: the page and foreign-key checks. PostgreSQL
 * enforces foreign keys as it writes; amcheck verifies every index of Rapport's tables.
 */
async function expectIntact(db: Connection) {
  if (provider === "sqlite") {
    expect(await db.all("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect(await db.all("PRAGMA foreign_key_check")).toEqual([]);
    return;
  }
  await db.run("CREATE EXTENSION IF NOT EXISTS amcheck");
  const checked = await db.all(
    `SELECT bt_index_check(c.oid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`,
  );
  expect(checked.length).toBeGreaterThan(10);
}

describe("durability", () => {
  test("SIGKILL under concurrent quiz submissions and scenario turns: every acknowledged write survives, the database is intact, a restart serves again", async () => {
    if (!server) throw new Error("server not started");
    const cookies = await Promise.all(players.map((p) => signIn(p.person)));

    const loops = players.flatMap((p, i) => {
      const cookie = cookies[i] ?? "";
      return [
        untilKilled(() => quizLoop(p.person, cookie, p.quiz)),
        untilKilled(() => scenarioLoop(p.person, cookie, p.scenario)),
      ];
    });
    // A short while of load, and at least until both kinds of write have been acknowledged.
    const loadUntil = Date.now() + LOAD_MS;
    // Generous: on PostgreSQL at a load of 26 on two cores no scenario turn was acknowledged
    // within 15 s. The wait ends as soon as both kinds of write are in.
    const giveUpAt = Date.now() + 60_000;
    const replies = () => [...load.attempts.values()].some((a) => a.turns.some((t) => t.kind === "reply"));
    while ((Date.now() < loadUntil || !load.submits.length || !replies()) && Date.now() < giveUpAt) {
      await new Promise((r) => setTimeout(r, 20));
    }
    // Kill while writes are on the wire: wait for a moment when at least one is.
    const waitUntil = Date.now() + 2000;
    while (load.writesInFlight === 0 && Date.now() < waitUntil) await new Promise((r) => setImmediate(r));
    const inFlightAtKill = load.writesInFlight;
    load.stop = true;
    await kill(server);
    await Promise.all(loops);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(load.unexpected).toEqual([]);

    // Snapshot what was acknowledged before the kill.
    const submits = [...load.submits];
    const attempts = [...load.attempts];
    const quizAttemptsSeen = [...load.quizAttemptsSeen];
    const turnsAcked = attempts.reduce((n, [, a]) => n + a.turns.length, 0);
    expect(submits.length, "acknowledged quiz submissions").toBeGreaterThan(0);
    expect(turnsAcked, "acknowledged scenario turns").toBeGreaterThan(0);
    expect(
      attempts.some(([, a]) => a.turns.some((t) => t.kind === "reply")),
      "an acknowledged reply",
    ).toBe(true);

    // The database as the crash left it (on SQLite a read-only connection replays the WAL
    // without checkpointing it).
    const checkDatabase = () =>
      withConnection(
        databaseUrl,
        async (db) => {
          await expectIntact(db);

          for (const [attemptId, { person, quizId }] of quizAttemptsSeen) {
            expect(
              await db.get(
                'SELECT q."quizId", u."email" FROM "QuizAttempt" q JOIN "User" u ON u."id" = q."userId" WHERE q."id" = ?',
                attemptId,
              ),
              `started quiz attempt ${attemptId}`,
            ).toEqual({ quizId, email: demo(person) });
          }
          for (const submit of submits) {
            const row = await db.get<{
              quizId: string;
              submittedAt: string | null;
              score: number;
              passed: number;
              answers: string;
              email: string;
            }>(
              `SELECT q."quizId", q."submittedAt", q."score", q."passed", q."answers", u."email"
             FROM "QuizAttempt" q JOIN "User" u ON u."id" = q."userId" WHERE q."id" = ?`,
              submit.attemptId,
            );
            const quiz = content.quizzes[submit.quizId];
            const english = quiz?.variants.en;
            if (!quiz || !english) throw new Error(`no quiz ${submit.quizId}`);
            const expected = gradeAttempt(english.questions, english.keys, submit.answers, quiz.rules.passMark);
            expect(row, `quiz attempt ${submit.attemptId}`).toMatchObject({
              quizId: submit.quizId,
              email: demo(submit.person),
              score: expected.score,
              passed: expected.passed ? 1 : 0,
            });
            expect(row?.submittedAt, `quiz attempt ${submit.attemptId} submitted`).not.toBeNull();
            expect(JSON.parse(String(row?.answers))).toEqual(submit.answers);
          }
          const ids = submits.map((s) => s.attemptId);
          const stored = await db.get<{ n: number }>(
            `SELECT COUNT(*) AS n FROM "QuizAttempt" WHERE "submittedAt" IS NOT NULL AND "id" IN (${ids.map(() => "?").join(", ")})`,
            ...ids,
          );
          expect(stored?.n).toBe(submits.length);

          for (const [attemptId, acked] of attempts) {
            const attempt = await db.get<{
              scenarioId: string;
              turn: number;
              finishedAt: string | null;
              measures: string | null;
            }>(
              'SELECT "scenarioId", "turn", "finishedAt", "measures" FROM "ScenarioAttempt" WHERE "id" = ?',
              attemptId,
            );
            if (!attempt) throw new Error(`scenario attempt ${attemptId} is missing`);
            expect(attempt.scenarioId).toBe(acked.scenarioId);
            const events = await db.all<{ seq: number; kind: string; stepId: string; data: string }>(
              'SELECT "seq", "kind", "stepId", "data" FROM "ScenarioEvent" WHERE "attemptId" = ? ORDER BY "seq"',
              attemptId,
            );
            // The snapshot and the events were written in one transaction: they agree.
            expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
            expect(attempt.turn, `turn of ${attemptId}`).toBe(events.length);
            // Every acknowledged turn is there, in order; at most the one write in flight at the kill follows.
            expect(events.length).toBeGreaterThanOrEqual(acked.turns.length);
            expect(events.length).toBeLessThanOrEqual(acked.turns.length + 1);
            acked.turns.forEach((turn, i) => {
              const event = events[i];
              const data = JSON.parse(event?.data ?? "{}") as { optionId?: string; text?: string; note?: string };
              expect({ seq: event?.seq, kind: event?.kind, stepId: event?.stepId }, `${attemptId} #${i + 1}`).toEqual({
                seq: i + 1,
                kind: turn.kind,
                stepId: turn.stepId,
              });
              if (turn.kind === "action") expect(data.note).toBe(turn.note);
              else if (turn.optionId) expect(data.optionId).toBe(turn.optionId);
              else expect(data.text).toBe(turn.text);
            });
            if (acked.finished) {
              expect(attempt.finishedAt, `${attemptId} finished`).not.toBeNull();
              expect(attempt.measures).not.toBeNull();
            }
          }
        },
        { readonly: true },
      );
    await checkDatabase();

    const restarted = await startServer();
    server = restarted.server;

    // The same checks with the restarted server holding the database.
    await checkDatabase();

    // Sessions from before the kill still sign people in; the pages show what was stored.
    const cookieOf = (person: string) => cookies[players.findIndex((p) => p.person === person)] ?? "";
    const last = submits.at(-1);
    if (!last) throw new Error("no submission");
    const result = await send(`/quizzes/${last.quizId}/attempts/${last.attemptId}`, { cookie: cookieOf(last.person) });
    expect(result.status).toBe(200);

    // An attempt still open after the crash resumes where the database says, and takes new turns.
    const played = attempts.map(([id]) => id);
    const open = await withConnection(databaseUrl, (db) =>
      db.get<{ id: string; scenarioId: string; stepId: string; turn: number; email: string }>(
        `SELECT a."id", a."scenarioId", a."stepId", a."turn", u."email" FROM "ScenarioAttempt" a JOIN "User" u ON u."id" = a."userId"
         WHERE a."finishedAt" IS NULL AND a."turn" > 0 AND a."id" IN (${played.map(() => "?").join(", ")}) ORDER BY a."id" LIMIT 1`,
        ...played,
      ),
    );
    if (!open) throw new Error("no scenario attempt left open by the kill");
    const person = players.find((p) => demo(p.person) === open.email)?.person ?? "";
    const path = `/scenarios/${open.scenarioId}`;
    const page = await send(path, { cookie: cookieOf(person) });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(hidden(html, "attemptId")).toBe(open.id);
    expect(hidden(html, "step")).toBe(open.stepId);
    const note = "Written after the restart.";
    const form: Form = [
      ["intent", "action"],
      ["type", "add-note"],
      ["note", note],
      ["attemptId", open.id],
      ["step", open.stepId],
    ];
    expect((await send(path, { cookie: cookieOf(person), form })).status).toBe(302);
    const event = await withConnection(databaseUrl, (db) =>
      db.get<{ seq: number; data: string }>(
        'SELECT "seq", "data" FROM "ScenarioEvent" WHERE "attemptId" = ? ORDER BY "seq" DESC LIMIT 1',
        open.id,
      ),
    );
    expect(event?.seq).toBe(open.turn + 1);
    expect(JSON.parse(event?.data ?? "{}")).toEqual({ conversation: "main", type: "add-note", note });
  }, 180_000);
});
