// Concurrency: the same write sent twice at once (double click, two tabs, two mentors).
// Exactly one result is stored each time and the loser is told, in their own language.
// The server runs on its own freshly seeded database, so nothing leaks into other tests.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type PrecompiledContent } from "#app/content/catalog.server.ts";
import { type Answers } from "#app/quizzes/grade.server.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { getFixedT } from "#app/utils/locale.server.ts";
import { type TestDatabase, withConnection } from "#tests/setup/database.ts";
import { e2eEnv, freePort, seededDatabase } from "#tests/setup/e2e-server.ts";
import { root } from "#tests/setup/paths.ts";
import { demo } from "./browser.ts";
import { clientOf, type Form, hidden } from "./http.ts";
import { only, scenarioFile } from "./scenario-play.ts";

const content = JSON.parse(readFileSync(path.join(root, "build/content/content.json"), "utf8")) as PrecompiledContent;

let database: TestDatabase | undefined;
let base = "";
/** A second server on the same database, as behind a load balancer. */
let otherBase = "";
const servers: ChildProcess[] = [];

async function startServer(databaseUrl: string) {
  const port = await freePort();
  const address = `http://localhost:${port}`;
  const server = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: e2eEnv(databaseUrl, port),
    stdio: ["ignore", "ignore", "inherit"],
  });
  servers.push(server);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const ok = await fetch(`${address}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return address;
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the server on ${address} did not start`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  database = await seededDatabase("concurrency");
  [base, otherBase] = await Promise.all([startServer(database.url), startServer(database.url)]);
});

afterAll(async () => {
  await Promise.all(
    servers.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGKILL");
        }),
    ),
  );
  await database?.drop();
});

// Requests to this file's own servers, whose addresses are known once they have started.
const { send, signIn } = clientOf(() => base);
const other = clientOf(() => otherBase);

/** Status, redirect and the page's text with React's escapes undone, for matching messages. */
async function outcome(response: Response) {
  const html = await response.text();
  // No stray NUL bytes where a chunk boundary splits a multi-byte character (what React 18's
  // stream writer did to Ukrainian text; the server now strips them).
  expect(html).not.toContain("\0");
  const text = html
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
  return { status: response.status, location: response.headers.get("location"), html, text };
}

/** Fires the writes at the same moment and waits for every answer. */
const atOnce = (...writes: Array<() => Promise<Response>>) => Promise.all(writes.map((w) => w().then(outcome)));

/** The one winner (a redirect) and the one loser of a race; fails unless it is exactly that. */
function winnerAndLoser<T extends { status: number }>(results: T[], loserStatus: number) {
  expect(results.map((r) => r.status).sort()).toEqual([302, loserStatus].sort());
  const winner = results.findIndex((r) => r.status === 302);
  const loser = results.findIndex((r) => r.status === loserStatus);
  return { winner, loser };
}

function query<T>(sql: string, ...params: unknown[]) {
  return withConnection(database?.url ?? "", (db) => db.all<T>(sql, ...params));
}

const userId = async (person: string) =>
  (await query<{ id: string }>('SELECT "id" FROM "User" WHERE "email" = ?', demo(person)))[0]?.id ?? "";

const t = (locale: Locale) => getFixedT(locale);

describe("double submit of a quiz", () => {
  const quizId = "support-role-what-support-does-check";
  const quiz = content.quizzes[quizId];

  function answers(right: boolean): Answers {
    const english = quiz?.variants.en;
    if (!english) throw new Error(`no quiz ${quizId}`);
    return Object.fromEntries(
      english.questions.map((q) => {
        const correct = english.keys[q.id]?.correct ?? [];
        return [q.id, right ? correct.slice(0, 1) : [q.options.find((o) => !correct.includes(o.id))?.id ?? ""]];
      }),
    );
  }
  const fields = (attemptId: string, given: Answers): Form => [
    ["intent", "submit"],
    ["attemptId", attemptId],
    ...Object.entries(given).flatMap(([q, ids]) => ids.map((id): [string, string] => [`answer:${q}`, id])),
  ];
  const rows = async (person: string) =>
    query<{ id: string; submittedAt: string | null; score: number | null; answers: string | null }>(
      'SELECT "id", "submittedAt", "score", "answers" FROM "QuizAttempt" WHERE "userId" = ? AND "quizId" = ? ORDER BY "startedAt"',
      await userId(person),
      quizId,
    );

  async function openAttempt(cookie: string) {
    expect((await send(`/quizzes/${quizId}`, { cookie, form: [["intent", "start"]] })).status).toBe(302);
    const attemptId = hidden(await (await send(`/quizzes/${quizId}`, { cookie })).text(), "attemptId");
    if (!attemptId) throw new Error("no open attempt after the start");
    return attemptId;
  }

  test("the same submission twice at once: one result stored, the other told it was already submitted, with a link to the result; a third, late submit is refused too", async () => {
    const cookie = await signIn("priya.nair");
    expect(await rows("priya.nair")).toEqual([]);
    const attemptId = await openAttempt(cookie);
    const body = fields(attemptId, answers(true));

    const results = await atOnce(
      () => send(`/quizzes/${quizId}`, { cookie, form: body }),
      () => send(`/quizzes/${quizId}`, { cookie, form: body }),
    );
    const { winner, loser } = winnerAndLoser(results, 409);
    expect(results[winner]?.location).toBe(`/quizzes/${quizId}/attempts/${attemptId}`);
    const told = t("en")("quiz.errors.alreadySubmitted");
    expect(told).toContain("already submitted");
    expect(results[loser]?.text).toContain(told);
    expect(results[loser]?.html).toContain(`href="/quizzes/${quizId}/attempts/${attemptId}"`);

    const stored = await rows("priya.nair");
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: attemptId, score: 100 });
    expect(stored[0]?.submittedAt).not.toBeNull();
    expect(JSON.parse(stored[0]?.answers ?? "")).toEqual(answers(true));

    // Later, from a tab left open, with other answers: refused, and the stored result stands.
    const late = await outcome(await send(`/quizzes/${quizId}`, { cookie, form: fields(attemptId, answers(false)) }));
    expect(late.status).toBe(409);
    expect(late.text).toContain(told);
    expect(await rows("priya.nair")).toEqual(stored);
    // The result page shows the one stored result.
    const result = await outcome(await send(`/quizzes/${quizId}/attempts/${attemptId}`, { cookie }));
    expect(result.status).toBe(200);
    expect(result.text).toContain(t("en")("quiz.yourScore", { score: 100, passMark: quiz?.rules.passMark }));
  });

  test("two tabs submitting different answers at once: the winner's answers are the ones stored", async () => {
    const cookie = await signIn("kenji.sato");
    const attemptId = await openAttempt(cookie);
    const given = [answers(true), answers(false)];
    const results = await atOnce(
      () => send(`/quizzes/${quizId}`, { cookie, form: fields(attemptId, given[0] ?? {}) }),
      () => send(`/quizzes/${quizId}`, { cookie, form: fields(attemptId, given[1] ?? {}) }),
    );
    const { winner, loser } = winnerAndLoser(results, 409);
    expect(results[loser]?.text).toContain(t("en")("quiz.errors.alreadySubmitted"));
    const stored = await rows("kenji.sato");
    expect(stored).toHaveLength(1);
    expect(stored[0]?.id).toBe(attemptId);
    expect(JSON.parse(stored[0]?.answers ?? "")).toEqual(given[winner]);
    expect(stored[0]?.score).toBe(winner === 0 ? 100 : 0);
  });
});

describe("two tabs on one scenario", () => {
  const scenarioId = "double-charge-chat";
  const scenario = scenarioFile(scenarioId);
  const path = `/scenarios/${scenarioId}`;
  const events = (attemptId: string) =>
    query<{ seq: number; kind: string; stepId: string; data: string }>(
      'SELECT "seq", "kind", "stepId", "data" FROM "ScenarioEvent" WHERE "attemptId" = ? ORDER BY "seq"',
      attemptId,
    );
  const attempt = async (attemptId: string) =>
    (
      await query<{ turn: number; stepId: string; state: string; finishedAt: string | null }>(
        'SELECT "turn", "stepId", "state", "finishedAt" FROM "ScenarioAttempt" WHERE "id" = ?',
        attemptId,
      )
    )[0];
  const reply = (cookie: string, attemptId: string, step: string, option: string) => () =>
    send(path, {
      cookie,
      form: [
        ["intent", "reply"],
        ["attemptId", attemptId],
        ["step", step],
        ["option", option],
      ],
    });
  const action = (cookie: string, attemptId: string, step: string, fields: Form) => () =>
    send(path, { cookie, form: [["intent", "action"], ["attemptId", attemptId], ["step", step], ...fields] });
  const nextOf = (step: string, option: string) =>
    only(scenario)
      .steps.find((s) => s.id === step)
      ?.replies?.find((r) => r.id === option)?.next;

  test("two replies to the same step at once: one stored as the turn, the other tab told the step was answered; stale replies, double clicks and a double finish are refused the same way", async () => {
    const person = "trainee";
    const cookie = await signIn(person);
    expect((await send(path, { cookie, form: [["intent", "start"]] })).status).toBe(302);
    const html = await (await send(path, { cookie })).text();
    const attemptId = hidden(html, "attemptId") ?? "";
    expect(hidden(html, "step")).toBe(only(scenario).start);
    const opening = only(scenario).steps.find((s) => s.id === only(scenario).start);
    const [first, second] = opening?.replies ?? [];
    if (!first || !second) throw new Error("the opening takes a choice of replies");
    expect(nextOf(only(scenario).start, first.id)).not.toBe(nextOf(only(scenario).start, second.id));

    // Tab 1 picks one reply, tab 2 another, at the same moment.
    const results = await atOnce(
      reply(cookie, attemptId, only(scenario).start, first.id),
      reply(cookie, attemptId, only(scenario).start, second.id),
    );
    const { winner, loser } = winnerAndLoser(results, 409);
    expect(results[winner]?.location).toBe(`${path}#reply`);
    const told = t("en")("scenario.errors.notCurrentStep");
    expect(told).toContain("already been answered");
    expect(results[loser]?.text).toContain(told);
    const chosen = [first, second][winner];
    if (!chosen) throw new Error("no winner");
    let stored = await events(attemptId);
    expect(stored.map((e) => [e.seq, e.kind, e.stepId])).toEqual([[1, "reply", only(scenario).start]]);
    expect(JSON.parse(stored[0]?.data ?? "{}")).toMatchObject({ optionId: chosen.id, next: chosen.next });
    expect(await attempt(attemptId)).toMatchObject({ turn: 1, stepId: chosen.next });
    // The loser's page, reloaded, shows the conversation as it stands: the winner's next step.
    expect(hidden(await (await send(path, { cookie })).text(), "step")).toBe(chosen.next);

    // A reply to the old step, sent later from the losing tab: refused, nothing stored.
    const stale = await outcome(
      await reply(cookie, attemptId, only(scenario).start, [first, second][loser]?.id ?? "")(),
    );
    expect(stale.status).toBe(409);
    expect(stale.text).toContain(told);
    expect(await events(attemptId)).toHaveLength(1);

    // A double click on the next reply: one stored, the second told.
    const step = chosen.next;
    const option = only(scenario).steps.find((s) => s.id === step)?.replies?.[0];
    if (!option) throw new Error(`step ${step} takes a choice of replies`);
    const double = await atOnce(reply(cookie, attemptId, step, option.id), reply(cookie, attemptId, step, option.id));
    expect(double[winnerAndLoser(double, 409).loser]?.text).toContain(told);
    stored = await events(attemptId);
    expect(stored.map((e) => [e.seq, e.stepId])).toEqual([
      [1, only(scenario).start],
      [2, step],
    ]);
    expect(await attempt(attemptId)).toMatchObject({ turn: 2, stepId: option.next });

    // Play on to an end (always the first reply; free text where the step asks for it).
    for (let guard = 0; guard < 20; guard++) {
      const page = await (await send(path, { cookie })).text();
      if (page.includes('name="intent" value="finish"')) break;
      const current = hidden(page, "step") ?? "";
      const pick = page.match(/name="option"[^>]*value="([^"]+)"/)?.[1];
      const form: Form = [
        ["intent", "reply"],
        ["attemptId", attemptId],
        ["step", current],
        pick
          ? ["option", pick]
          : ["text", "I'm sorry, Ms Costa. I will check the invoices and write back by 4 pm today."],
      ];
      expect((await send(path, { cookie, form })).status).toBe(302);
    }
    const turns = (await attempt(attemptId))?.turn ?? 0;
    // Two tabs press Finish: one summary, the other told the attempt is finished.
    const finish = () =>
      send(path, {
        cookie,
        form: [
          ["intent", "finish"],
          ["attemptId", attemptId],
        ],
      });
    const finished = await atOnce(finish, finish);
    const race = winnerAndLoser(finished, 409);
    expect(finished[race.winner]?.location).toBe(`${path}/attempts/${attemptId}`);
    expect(finished[race.loser]?.text).toContain(t("en")("scenario.errors.finished"));
    const after = await attempt(attemptId);
    expect(after?.finishedAt).not.toBeNull();
    expect(after?.turn).toBe(turns);
    expect(await events(attemptId)).toHaveLength(turns);
    // Anything sent to the finished attempt is refused.
    const late = await outcome(await reply(cookie, attemptId, only(scenario).start, first.id)());
    expect(late.status).toBe(409);
    expect(late.text).toContain(t("en")("scenario.errors.finished"));
    expect(await events(attemptId)).toHaveLength(turns);
  });

  test("two tabs on the help desk at once: the same priority is stored once and the other told nothing changed; two notes are both kept, each with its own number", async () => {
    const person = "priya.nair";
    const cookie = await signIn(person);
    expect((await send(path, { cookie, form: [["intent", "start"]] })).status).toBe(302);
    const attemptId = hidden(await (await send(path, { cookie })).text(), "attemptId") ?? "";
    const step = only(scenario).start;

    const priority = action(cookie, attemptId, step, [
      ["type", "set-priority"],
      ["value", "urgent"],
    ]);
    const results = await atOnce(priority, priority);
    const { loser } = winnerAndLoser(results, 400);
    expect(results[loser]?.text).toContain(t("en")("scenario.errors.noChange"));
    expect((await events(attemptId)).map((e) => [e.seq, e.kind, JSON.parse(e.data)])).toEqual([
      [1, "action", { conversation: "main", type: "set-priority", value: "urgent", from: "normal" }],
    ]);

    // Notes add up rather than replace each other: both are stored, neither number taken twice.
    const notes = ["Checked both invoices.", "Card ending 4417 charged twice."];
    const noted = await atOnce(
      ...notes.map((note) =>
        action(cookie, attemptId, step, [
          ["type", "add-note"],
          ["note", note],
        ]),
      ),
    );
    expect(noted.map((r) => r.status)).toEqual([302, 302]);
    const stored = await events(attemptId);
    expect(stored.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(
      stored
        .slice(1)
        .map((e) => (JSON.parse(e.data) as { note: string }).note)
        .sort(),
    ).toEqual([...notes].sort());
    const row = await attempt(attemptId);
    expect(row?.turn).toBe(3);
    expect(JSON.parse(row?.state ?? "{}")).toMatchObject({
      conversations: [{ notes: 2, ticket: { priority: "urgent" } }],
    });
  });
});

describe("two mentors on one attempt", () => {
  /** Iryna's bug-to-engineering attempt waits for review; her mentor Olena and her manager Taras may both grade it. */
  const waiting = async (person: string, scenarioId: string) => {
    const [row] = await query<{ id: string }>(
      `SELECT a."id" FROM "ScenarioAttempt" a JOIN "User" u ON u."id" = a."userId"
       WHERE u."email" = ? AND a."scenarioId" = ? AND a."reviewStatus" = 'waiting'`,
      demo(person),
      scenarioId,
    );
    if (!row) throw new Error(`the demo seed has no waiting ${scenarioId} attempt for ${person}`);
    return row.id;
  };
  const versions = (attemptId: string) =>
    query<{ version: number; feedback: string; reviewerId: string }>(
      'SELECT v."version", v."feedback", v."reviewerId" FROM "ReviewVersion" v JOIN "Review" r ON r."id" = v."reviewId" WHERE r."attemptId" = ? ORDER BY v."version"',
      attemptId,
    );
  const grade = (scenarioId: string, basedOn: number, feedback: string): Form => [
    ["intent", "submit"],
    ["basedOn", String(basedOn)],
    ["decision", "passed"],
    ["feedback", feedback],
    ...scenarioFile(scenarioId).rubric.map((c): [string, string] => [`score:${c.id}`, "3"]),
  ];
  const claimOf = (html: string) => {
    const match = html.match(/data-claim="(mine|other)"[^>]*>([^<]*)</);
    return match ? { claim: match[1], text: match[2] ?? "" } : null;
  };

  test("two mentors start grading the same attempt at once: exactly one holds it, the other is shown who does and cannot grade it", async () => {
    const attemptId = await waiting("iryna.tkachenko", "bug-to-engineering");
    const mentors = [
      { person: "mentor2", name: "Олена Шевченко", cookie: await signIn("mentor2") },
      { person: "manager2", name: "Тарас Коваленко", cookie: await signIn("manager2") },
    ];
    const started = await atOnce(
      ...mentors.map((m) => () => send(`/reviews/${attemptId}`, { cookie: m.cookie, form: [["intent", "claim"]] })),
    );
    expect(started.map((r) => r.status)).toEqual([302, 302]);
    const opened = await Promise.all(
      mentors.map(async (m) => outcome(await send(`/reviews/${attemptId}`, { cookie: m.cookie }))),
    );
    expect(opened.map((r) => r.status)).toEqual([200, 200]);
    const claims = opened.map((r) => claimOf(r.html));
    expect(claims.map((c) => c?.claim).sort()).toEqual(["mine", "other"]);
    const holder = mentors[claims.findIndex((c) => c?.claim === "mine")];
    const other = mentors[claims.findIndex((c) => c?.claim === "other")];
    if (!holder || !other) throw new Error("no holder");
    expect(claims.find((c) => c?.claim === "other")?.text).toContain(holder.name);
    expect(await query('SELECT "claimedById" FROM "ScenarioAttempt" WHERE "id" = ?', attemptId)).toEqual([
      { claimedById: await userId(holder.person) },
    ]);
    // Opening it again changes nothing: the holder keeps it.
    const again = await outcome(await send(`/reviews/${attemptId}`, { cookie: other.cookie }));
    expect(claimOf(again.html)).toMatchObject({ claim: "other" });

    // The other mentor submits anyway (a form kept open): refused with the holder's name, the text kept.
    const refused = await outcome(
      await send(`/reviews/${attemptId}`, {
        cookie: other.cookie,
        form: grade("bug-to-engineering", 0, "Good notes for engineering."),
      }),
    );
    expect(refused.status).toBe(409);
    expect(refused.text).toContain(t("uk")("reviews.errors.claimedByOther", { name: holder.name }));
    expect(refused.text).toContain("Good notes for engineering.");
    expect(await query('SELECT "id" FROM "Review" WHERE "attemptId" = ?', attemptId)).toEqual([]);
    expect(await versions(attemptId)).toEqual([]);
  });

  test("one mentor's two tabs submit a grade from the same version at once: one version stored, the other tab told someone submitted meanwhile; then two mentors regrade at once: one more version", async () => {
    const attemptId = await waiting("joao.pereira", "public-complaint-social");
    const rafael = await signIn("mentor3");
    const marta = await signIn("manager");
    const url = `/reviews/${attemptId}`;
    expect((await send(url, { cookie: rafael, form: [["intent", "claim"]] })).status).toBe(302);
    expect(claimOf(await (await send(url, { cookie: rafael })).text())).toMatchObject({ claim: "mine" });

    const tabs = ["First tab: clear and kind.", "Second tab: clear, kind and quick."];
    const results = await atOnce(
      ...tabs.map(
        (feedback) => () => send(url, { cookie: rafael, form: grade("public-complaint-social", 0, feedback) }),
      ),
    );
    const { winner, loser } = winnerAndLoser(results, 409);
    expect(results[winner]?.location).toBe(`/reviews?graded=${attemptId}`);
    // Rafael reads Portuguese.
    expect(results[loser]?.text).toContain(t("pt-BR")("reviews.errors.changedMeanwhile"));
    expect(results[loser]?.text).toContain(tabs[loser]);
    expect(await versions(attemptId)).toEqual([
      { version: 1, feedback: tabs[winner], reviewerId: await userId("mentor3") },
    ]);
    expect(await query('SELECT "reviewStatus" FROM "ScenarioAttempt" WHERE "id" = ?', attemptId)).toEqual([
      { reviewStatus: "graded" },
    ]);

    // A grade still based on no version (a stale tab): refused, nothing added.
    const stale = await outcome(
      await send(url, { cookie: rafael, form: grade("public-complaint-social", 0, "From a stale tab.") }),
    );
    expect(stale.status).toBe(409);
    expect(stale.text).toContain(t("pt-BR")("reviews.errors.changedMeanwhile"));
    expect(await versions(attemptId)).toHaveLength(1);

    // Rafael and Marta both change the grade from version 1 at once: one version 2, the other told.
    const regrades = [
      { cookie: rafael, id: await userId("mentor3"), feedback: "Rafael: passed after a second look." },
      { cookie: marta, id: await userId("manager"), feedback: "Marta: passed, well handled in public." },
    ];
    const changed = await atOnce(
      ...regrades.map(
        (r) => () => send(url, { cookie: r.cookie, form: grade("public-complaint-social", 1, r.feedback) }),
      ),
    );
    const race = winnerAndLoser(changed, 409);
    const won = regrades[race.winner];
    const lost = changed[race.loser];
    if (!won || !lost) throw new Error("no winner");
    // The loser lost either the claim (still held while the winner submitted) or the version.
    const holderName = race.winner === 0 ? "Rafael Costa" : "Marta Oliveira";
    const told = [
      t("pt-BR")("reviews.errors.claimedByOther", { name: holderName }),
      t("pt-BR")("reviews.errors.changedMeanwhile"),
    ];
    expect(
      told.some((message) => lost.text.includes(message)),
      lost.text.slice(0, 200),
    ).toBe(true);
    expect(lost.text).toContain(regrades[race.loser]?.feedback);
    expect(await versions(attemptId)).toEqual([
      { version: 1, feedback: tabs[winner], reviewerId: await userId("mentor3") },
      { version: 2, feedback: won.feedback, reviewerId: won.id },
    ]);
    expect(await query('SELECT "version", "feedback" FROM "Review" WHERE "attemptId" = ?', attemptId)).toEqual([
      { version: 2, feedback: won.feedback },
    ]);
  });
});

describe("two servers on one database", () => {
  /** Ten start posts for one person at once, alternating between the two servers. */
  const tenStarts = (path: string, cookie: string) =>
    atOnce(
      ...Array.from(
        { length: 10 },
        (_, i) => () => (i % 2 ? other.send : send)(path, { cookie, form: [["intent", "start"]] }),
      ),
    );

  test("ten starts of one quiz at once across both servers: one open attempt is stored and every start lands on it", async () => {
    const quizId = "communication-clear-writing-check";
    const cookie = await signIn("carmen.lopez");
    const open = async () =>
      query<{ id: string }>(
        'SELECT "id" FROM "QuizAttempt" WHERE "userId" = ? AND "quizId" = ? AND "submittedAt" IS NULL',
        await userId("carmen.lopez"),
        quizId,
      );
    expect(await open()).toEqual([]);
    const results = await tenStarts(`/quizzes/${quizId}`, cookie);
    // Nobody gets an error page: every start redirects to the quiz, which resumes the one attempt.
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(302));
    const stored = await open();
    expect(stored).toHaveLength(1);
    for (const client of [{ send }, other]) {
      const page = await client.send(`/quizzes/${quizId}`, { cookie });
      expect(hidden(await page.text(), "attemptId")).toBe(stored[0]?.id);
    }
  });

  test("ten starts of one scenario at once across both servers: one open attempt is stored and every start lands on it", async () => {
    const scenarioId = "late-delivery-email";
    const cookie = await signIn("dmytro.melnyk");
    const open = async () =>
      query<{ id: string }>(
        'SELECT "id" FROM "ScenarioAttempt" WHERE "userId" = ? AND "scenarioId" = ? AND "finishedAt" IS NULL',
        await userId("dmytro.melnyk"),
        scenarioId,
      );
    expect(await open()).toEqual([]);
    const results = await tenStarts(`/scenarios/${scenarioId}`, cookie);
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(302));
    const stored = await open();
    expect(stored).toHaveLength(1);
    for (const client of [{ send }, other]) {
      const page = await client.send(`/scenarios/${scenarioId}`, { cookie });
      expect(hidden(await page.text(), "attemptId")).toBe(stored[0]?.id);
    }
  });
});
