import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, test } from "vitest";
import { withConnection } from "#tests/setup/database.ts";
import { root } from "#tests/setup/paths.ts";
import { demo, setupBrowser, signIn } from "./browser.ts";
import { request, sessionFor } from "./http.ts";
import { scenarioFile } from "./scenario-play.ts";

const browser = setupBrowser();
const spanish = JSON.parse(readFileSync(path.join(root, "app/locales/es.json"), "utf8")) as {
  reviews: { problems: Record<string, string>; checkNames: Record<string, string> };
  scenario: { checks: Record<string, { met: string; missed: string }> };
};

function query<T>(sql: string, ...params: unknown[]): Promise<T | undefined> {
  return withConnection(inject("e2eDatabaseUrl"), (db) => db.get<T>(sql, ...params));
}

/** The demo seed's attempt of this person on this scenario that waits for review. */
async function waitingAttempt(person: string, scenarioId: string) {
  const row = await query<{ id: string }>(
    `SELECT a."id" FROM "ScenarioAttempt" a JOIN "User" u ON u."id" = a."userId"
     WHERE u."email" = ? AND a."scenarioId" = ? AND a."reviewStatus" = 'waiting' ORDER BY a."startedAt" LIMIT 1`,
    demo(person),
    scenarioId,
  );
  if (!row) throw new Error(`the demo seed has no waiting ${scenarioId} attempt for ${person}`);
  return row.id;
}

const versions = async (attemptId: string) =>
  (
    await query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM "ReviewVersion" v JOIN "Review" r ON r."id" = v."reviewId" WHERE r."attemptId" = ?',
      attemptId,
    )
  )?.n ?? 0;

describe("mentor review", () => {
  test("the mentor grades a chat attempt with turn comments and asks for another try; the trainee reads it and starts again; a later edit shows in the history", async () => {
    const attemptId = await waitingAttempt("diego.martinez", "manager-request-chat");
    const mentor = await browser.newPage();
    await signIn(mentor, demo("mentor"));
    // The navigation counts what waits for her.
    expect(
      Number(
        await mentor
          .locator("[data-review-counts] span")
          .first()
          .innerText()
          .then((t) => t.replace(/\D/g, "")),
      ),
    ).toBeGreaterThan(0);
    await mentor.goto("/reviews");
    await mentor.locator(`tr[data-attempt="${attemptId}"] a[href="/reviews/${attemptId}"]`).click();
    await mentor.waitForSelector("#grade-form");
    await mentor.waitForSelector("html[data-hydrated]");
    // Opening holds nothing; the form stays closed until she starts grading.
    expect(await mentor.locator("[data-claim=none]").count()).toBe(1);
    expect(await mentor.locator('#grade-form button[value="submit"]').isDisabled()).toBe(true);
    expect(
      await query<{ claimedById: string | null }>(
        'SELECT "claimedById" FROM "ScenarioAttempt" WHERE "id" = ?',
        attemptId,
      ),
    ).toEqual({ claimedById: null });
    // Everything graded is on the screen: the trainee's name on their turns, every note and
    // escalation note with its text beside the reply it followed, the help desk as left.
    const trainee0 = await query<{ name: string }>(
      `SELECT "name" FROM "User" WHERE "email" = ?`,
      demo("diego.martinez"),
    );
    expect(await mentor.locator("[data-turn=agent]").first().innerText()).toContain(trainee0?.name ?? "?");
    const actions = await withConnection(inject("e2eDatabaseUrl"), (db) =>
      db.all<{ data: string }>(
        `SELECT "data" FROM "ScenarioEvent" WHERE "attemptId" = ? AND "kind" = 'action'`,
        attemptId,
      ),
    );
    const written = JSON.stringify(
      actions.map((a) => (JSON.parse(a.data) as { note?: string }).note).filter((note) => note !== undefined),
    );
    const notes = JSON.parse(written) as string[];
    expect(notes.length).toBeGreaterThan(0);
    const work = (await mentor.locator("[data-desk-work]").allInnerTexts()).join("\n");
    for (const note of notes) expect(work).toContain(note.split("\n")[0]);
    expect(await mentor.locator("[data-help-desk]").count()).toBeGreaterThan(0);
    expect(await mentor.locator("[data-basis] li").count()).toBeGreaterThan(0);
    // The checks are named for the mentor ("Saludo ✓"), never said to the trainee
    // ("Saludaste al cliente", "Empieza con un saludo"), in the transcript and the measures.
    const checked = (
      await mentor.locator("[data-hint=text] [data-check], [data-pre-score-basis] [data-check]").allInnerTexts()
    ).join("\n");
    expect(checked).toContain(spanish.reviews.checkNames.greeting);
    // ("Sin gritos" is both the name and what the trainee reads: only the other wordings are said to them.)
    const names = new Set(Object.values(spanish.reviews.checkNames));
    for (const said of Object.values(spanish.scenario.checks).flatMap((c) => [c.met, c.missed]))
      if (!names.has(said)) expect(checked).not.toContain(said);
    await mentor.getByRole("button", { name: "Empezar a calificar" }).click();
    await mentor.waitForSelector("[data-claim=mine]");

    // Meanwhile the team's manager opens it too: she sees who holds it and cannot grade.
    const manager = await browser.newPage();
    await signIn(manager, demo("manager"));
    await manager.goto(`/reviews/${attemptId}`);
    expect(await manager.locator("[data-claim=other]").textContent()).toContain("Lucía Fernández");
    expect(await manager.locator('#grade-form input[type="radio"]').first().isDisabled()).toBe(true);
    expect(await manager.locator('#grade-form button[value="submit"]').isDisabled()).toBe(true);

    // Rubric: a level for every criterion; comments on the first two replies; feedback; try again.
    const criteria = await mentor
      .locator("[data-criterion]")
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-criterion")));
    for (const id of criteria) await mentor.locator(`input[name="score:${id}"][value="2"]`).check();
    const commentBoxes = mentor.locator('textarea[name^="comment:"]');
    await commentBoxes.nth(0).fill("Here you promised a callback without a time. Say when.");
    await commentBoxes.nth(1).fill("Good: you owned the two broken refunds.");
    await mentor
      .locator('textarea[name="feedback"]')
      .fill("Warm and honest. Play it again and give Lucía a date for the refund.");
    await mentor.locator('input[name="decision"][value="retry"]').check();
    await Promise.all([mentor.waitForURL(/\/reviews\?graded=/), mentor.locator('button[value="submit"]').click()]);
    expect(await versions(attemptId)).toBe(1);

    // The trainee: unread on /learn and on the list; the comments beside the replies; try again.
    const trainee = await browser.newPage();
    await signIn(trainee, demo("diego.martinez"));
    await trainee.goto("/learn");
    expect(await trainee.locator("[data-unread]").count()).toBe(1);
    await trainee.goto("/scenarios");
    await trainee.locator('[data-scenario="manager-request-chat"] [data-unread]').click();
    await trainee.waitForSelector("[data-grade]");
    expect(await trainee.locator("[data-decision]").getAttribute("data-decision")).toBe("retry");
    const comments = await trainee.locator("[data-turn-comment]").allTextContents();
    expect(comments).toHaveLength(2);
    expect(comments[0]).toContain("Here you promised a callback without a time.");
    // Each comment sits with the reply it is about: inside that reply's list item.
    expect(
      await trainee
        .locator('[data-turn="agent"], li:has([data-hint])')
        .filter({ has: trainee.locator("[data-turn-comment]") })
        .count(),
    ).toBeGreaterThanOrEqual(1);
    await trainee.goto("/learn");
    expect(await trainee.locator("[data-unread]").count()).toBe(0);
    await trainee.goto(`/scenarios/manager-request-chat/attempts/${attemptId}`);
    await trainee.waitForSelector("html[data-hydrated]");
    await trainee.locator('form:has(input[name="previous"]) button').click();
    // The summary shows the (read-only) help desk too: wait for the new attempt's page itself.
    await trainee.waitForURL((url) => url.pathname === "/scenarios/manager-request-chat");
    await trainee.waitForSelector("[data-help-desk]");
    const next = await query<{ previousAttemptId: string }>(
      `SELECT "previousAttemptId" FROM "ScenarioAttempt" WHERE "finishedAt" IS NULL AND "scenarioId" = 'manager-request-chat' AND "userId" = (SELECT "id" FROM "User" WHERE "email" = ?)`,
      demo("diego.martinez"),
    );
    expect(next?.previousAttemptId).toBe(attemptId);

    // Later the mentor changes her mind on one criterion and passes it: the history keeps both.
    await mentor.goto(`/reviews/${attemptId}`);
    await mentor.waitForSelector("html[data-hydrated]");
    await mentor.getByRole("button", { name: "Empezar a calificar" }).click();
    await mentor.waitForSelector("[data-claim=mine]");
    await mentor.locator(`input[name="score:${criteria[0]}"][value="3"]`).check();
    await mentor.locator('input[name="decision"][value="passed"]').check();
    await Promise.all([mentor.waitForURL(/\/reviews\?graded=/), mentor.locator('button[value="submit"]').click()]);
    expect(await versions(attemptId)).toBe(2);
    await trainee.goto("/learn");
    expect(await trainee.locator("[data-unread]").count()).toBe(1);
    await trainee.goto(`/scenarios/manager-request-chat/attempts/${attemptId}`);
    expect(await trainee.locator("[data-grade-history] li[data-version]").count()).toBe(2);
    expect(await trainee.locator('[data-grade-history] li[data-version="2"]').textContent()).toMatch(/2 → 3/);
    expect(await trainee.locator("[data-decision]").getAttribute("data-decision")).toBe("passed");
  });
});

describe("grading: bad input is refused with a clear message and nothing stored", () => {
  test("levels outside 1–4, unknown criteria and turns, someone else's claim, an attempt not submitted", async () => {
    const attemptId = await waitingAttempt("valentina.ruiz", "late-delivery-email");
    const lucia = await sessionFor(demo("mentor"));
    const marta = await sessionFor(demo("manager"));
    const post = (cookie: string, id: string, body: Record<string, string>) =>
      request("POST", `/reviews/${id}`, { cookie, body: new URLSearchParams({ basedOn: "0", ...body }).toString() });
    // Opening it claims nothing; starting to grade does.
    expect((await request("GET", `/reviews/${attemptId}`, { cookie: marta })).status).toBe(200);
    expect(await query('SELECT "claimedById" FROM "ScenarioAttempt" WHERE "id" = ?', attemptId)).toEqual({
      claimedById: null,
    });
    expect((await post(lucia, attemptId, { intent: "claim" })).status).toBe(302);
    const claimedUntil = async () =>
      (await query<{ claimedUntil: string }>('SELECT "claimedUntil" FROM "ScenarioAttempt" WHERE "id" = ?', attemptId))
        ?.claimedUntil;
    const heldUntil = await claimedUntil();
    expect(heldUntil).toBeTruthy();

    // Lucía reads Spanish: the messages are her language's (the text before the first value).
    const problems = spanish.reviews.problems as Record<
      "levelOutOfRange" | "unknownCriterion" | "unknownTurn" | "scoreRequired",
      string
    >;
    const start = (message: string) => (message.split("{{")[0] ?? message).replace(/["«“]+$/, "");
    const cases: Array<[string, Record<string, string>, string]> = [
      ["level 5", { intent: "draft", "score:empathy": "5" }, start(problems.levelOutOfRange)],
      ["unknown criterion", { intent: "draft", "score:speed": "3" }, start(problems.unknownCriterion)],
      ["comment on a turn that does not exist", { intent: "draft", "comment:999": "hm" }, start(problems.unknownTurn)],
      ["submission without levels", { intent: "submit", feedback: "ok" }, start(problems.scoreRequired)],
    ];
    for (const [name, body, message] of cases) {
      const response = await post(lucia, attemptId, body);
      expect(response.status, name).toBe(400);
      expect(await response.text(), name).toContain(message);
    }
    // Marta manages the team but Lucía holds the attempt: 409, and her text comes back to her.
    const held = await post(marta, attemptId, { intent: "draft", feedback: "Marta's careful feedback" });
    expect(held.status).toBe(409);
    expect(await held.text()).toContain("Marta&#x27;s careful feedback");
    expect(await query('SELECT "id" FROM "Review" WHERE "attemptId" = ?', attemptId)).toBeUndefined();
    // None of the refused posts renewed Lucía's hold.
    expect(await claimedUntil()).toBe(heldUntil);

    // An attempt that never went to review (no free text, not a review scenario).
    const none = await query<{ id: string }>(
      `SELECT a."id" FROM "ScenarioAttempt" a JOIN "User" u ON u."id" = a."userId" WHERE u."email" = ? AND a."reviewStatus" = 'none' AND a."finishedAt" IS NOT NULL ORDER BY a."startedAt" LIMIT 1`,
      demo("joao.pereira"),
    );
    if (!none) throw new Error("the demo seed gives João an attempt without review");
    const mentor3 = await sessionFor(demo("mentor3"));
    expect((await request("GET", `/reviews/${none.id}`, { cookie: mentor3 })).status).toBe(409);
    expect((await post(mentor3, none.id, { intent: "draft" })).status).toBe(409);
    expect(await query('SELECT "id" FROM "Review" WHERE "attemptId" = ?', none.id)).toBeUndefined();
  });

  test("two mentors submitting at once: one wins, the other is told and gets back what they typed", async () => {
    const attemptId = await waitingAttempt("trainee", "locked-out-phone");
    const [lucia, marta] = await Promise.all([sessionFor(demo("mentor")), sessionFor(demo("manager"))]);
    // Let any earlier hold (the authorization matrix opens this attempt) run out.
    await withConnection(inject("e2eDatabaseUrl"), (db) =>
      db.run('UPDATE "ScenarioAttempt" SET "claimedById" = NULL, "claimedUntil" = NULL WHERE "id" = ?', attemptId),
    );
    const body = (feedback: string) => {
      const params = new URLSearchParams({ intent: "submit", basedOn: "0", decision: "passed", feedback });
      for (const criterion of scenarioFile("locked-out-phone").rubric) params.append(`score:${criterion.id}`, "3");
      return params.toString();
    };
    const responses = await Promise.all([
      request("POST", `/reviews/${attemptId}`, { cookie: lucia, body: body("Lucía's words") }),
      request("POST", `/reviews/${attemptId}`, { cookie: marta, body: body("Marta's words") }),
    ]);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([302, 409]);
    const loser = responses.find((r) => r.status === 409);
    expect(await loser?.text()).toMatch(/(Lucía|Marta)&#x27;s words/);
    expect(await versions(attemptId)).toBe(1);
  });
});
