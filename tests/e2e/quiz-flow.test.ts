import { readFileSync } from "node:fs";
import path from "node:path";
import { type Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
import { connect, withConnection } from "#tests/setup/database.ts";
import { type PrecompiledContent } from "#app/content/catalog.server.ts";
import { root } from "#tests/setup/paths.ts";
import { demo, setupBrowser, signIn } from "./browser.ts";
import { hidden, request, sessionFor } from "./http.ts";
import { answerForm, askedIds } from "./quiz-answers.ts";

const browser = setupBrowser();
const content = JSON.parse(readFileSync(path.join(root, "build/content/content.json"), "utf8")) as PrecompiledContent;
const quiz = content.quizzes["support-role-final"];

/** Fills the open attempt's questions (those its page asks): right answers from the key, or a wrong one each. */
async function answer(page: Page, right: boolean) {
  const english = quiz?.variants.en;
  if (!english) throw new Error("support-role-final missing");
  const asked = askedIds(await page.content());
  expect(asked.length, "an attempt asks the bank's draw, not the whole bank").toBe(quiz?.rules.draw?.count);
  for (const id of asked) {
    const question = english.questions.find((q) => q.id === id);
    const key = english.keys[id];
    if (!question || !key) throw new Error(`no question or key for ${id}`);
    if (question.kind === "ordering") {
      if (!right) continue; // the shown order is never the right one
      for (const [i, item] of key.correct.entries()) {
        await page.locator(`select[name="order:${id}:${item}"]`).selectOption(String(i + 1));
      }
      continue;
    }
    const choices = right ? key.correct : [question.options.find((o) => !key.correct.includes(o.id))?.id ?? ""];
    for (const choice of question.kind === "multiple" ? choices : choices.slice(0, 1)) {
      await page.locator(`input[name="answer:${id}"][value="${choice}"]`).check();
    }
  }
  return asked;
}

describe("taking a quiz", () => {
  test("a pt-BR trainee fails without JavaScript, sees why, waits out the rule, passes, and the course is complete", async () => {
    expect(quiz?.variants["pt-BR"], "the L1 final quiz has a pt-BR version").toBeTruthy();
    const noJs = await browser.newPage({ javaScriptEnabled: false });
    await signIn(noJs, demo("joao.pereira"));
    await noJs.goto("/courses/support-role");
    expect(await noJs.locator("html").getAttribute("lang")).toBe("pt-BR");
    await noJs.locator('a[href="/quizzes/support-role-final"]').click();
    await noJs.locator('form button[type="submit"]').last().click();
    await noJs.locator('input[name="attemptId"]').waitFor({ state: "attached" });
    // The page streams: read the questions once all of it has arrived.
    await noJs.waitForLoadState("load");
    // A reload shows the same order (the seed is stored).
    const order = await noJs.locator("fieldset p.font-medium").allTextContents();
    await noJs.reload();
    expect(await noJs.locator("fieldset p.font-medium").allTextContents()).toEqual(order);
    const firstAsked = await answer(noJs, false);
    await noJs.locator('form button[type="submit"]').last().click();
    await noJs.waitForURL(/\/attempts\//);
    // A final's result shows the score at once and keeps the key (which answers were wrong,
    // the right ones, feedback and explanations) until the last allowed attempt.
    const resultText = (await noJs.locator("main").textContent()) ?? "";
    expect(resultText).toContain("Tentativa 1");
    expect(resultText).toMatch(/Sua nota: \d+%/);
    expect(await noJs.locator("[data-review-pending]").textContent()).toContain("as respostas corretas");
    const ptKeys = Object.values(quiz?.variants["pt-BR"]?.keys ?? {});
    expect(ptKeys.length).toBeGreaterThan(10);
    for (const key of ptKeys) expect(resultText).not.toContain(key.explanation);
    await noJs.goto("/quizzes/support-role-final");
    // The wait rule: no start button, a time instead.
    await expect(noJs.locator('input[name="intent"][value="start"]').count()).resolves.toBe(0);
    await noJs.context().close();

    // Eleven minutes later (moved in the database rather than waited).
    await withConnection(inject("e2eDatabaseUrl"), (db) =>
      db.run(
        `UPDATE "QuizAttempt" SET "submittedAt" = ? WHERE "quizId" = 'support-role-final' AND "userId" = (SELECT "id" FROM "User" WHERE "email" = ?)`,
        new Date(Date.now() - 11 * 60_000),
        demo("joao.pereira"),
      ),
    );

    const page = await browser.newPage();
    await signIn(page, demo("joao.pereira"));
    await page.goto("/quizzes/support-role-final");
    await page.locator('form:has(input[name="intent"][value="start"]) button').click();
    await page.locator('input[name="attemptId"]').waitFor({ state: "attached" });
    // Let React take over the page first: it would reset positions chosen before hydration.
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    const secondAsked = await answer(page, true);
    // The retake asks the questions of the bank the first attempt did not.
    expect(secondAsked.filter((id) => firstAsked.includes(id))).toEqual([]);
    await page.locator('form:has(input[name="intent"][value="submit"]) button[type="submit"]').click();
    await page.waitForURL(/\/attempts\//);
    // The URL changes as the navigation starts; wait for the result itself to render.
    await page.getByText("100%").first().waitFor();
    await page.goto("/courses");
    const card = page.locator("li", { has: page.locator('a[href="/courses/support-role"]') });
    expect(await card.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");
    await page.context().close();
  });

  test("bad submissions: another person's attempt, an unknown option, a second submit", async () => {
    const owner = await sessionFor(demo("diego.martinez"));
    const other = await sessionFor(demo("priya.nair"));
    await request("POST", "/quizzes/communication-final", { cookie: owner, body: "intent=start" });
    const html = await (await request("GET", "/quizzes/communication-final", { cookie: owner })).text();
    const attemptId = /name="attemptId" value="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(attemptId).not.toBe("");
    const communication = content.quizzes["communication-final"];
    if (!communication) throw new Error("communication-final missing");
    const english = communication.variants.en;
    const asked = askedIds(html);
    const body = answerForm(communication, attemptId, asked, true);
    // An answer to a bank question this attempt did not draw: refused, nothing stored.
    const notDrawn = english.questions.find((q) => !asked.includes(q.id) && q.kind !== "ordering");
    if (!notDrawn) throw new Error("communication-final draws its whole bank");
    const extra = new URLSearchParams(body);
    extra.append(`answer:${notDrawn.id}`, english.keys[notDrawn.id]?.correct[0] ?? "");
    const refused = await request("POST", "/quizzes/communication-final", { cookie: owner, body: extra.toString() });
    expect(refused.status).toBe(400);
    const stillOpen = await (await request("GET", "/quizzes/communication-final", { cookie: owner })).text();
    expect(stillOpen).toContain(`name="attemptId" value="${attemptId}"`);
    const intruder = await request("POST", "/quizzes/communication-final", { cookie: other, body: body.toString() });
    expect(intruder.status).toBe(404);
    const bogus = new URLSearchParams(body);
    bogus.set(
      `answer:${english.questions.find((q) => q.kind !== "ordering" && asked.includes(q.id))?.id}`,
      "no-such-option",
    );
    expect(
      (await request("POST", "/quizzes/communication-final", { cookie: owner, body: bogus.toString() })).status,
    ).toBe(400);
    const [first, second] = await Promise.all([
      request("POST", "/quizzes/communication-final", { cookie: owner, body: body.toString() }),
      request("POST", "/quizzes/communication-final", { cookie: owner, body: body.toString() }),
    ]);
    expect([first.status, second.status].sort()).toEqual([302, 409]);
    const resultPath = (first.status === 302 ? first : second).headers.get("location") ?? "";
    expect((await request("GET", resultPath, { cookie: owner })).status).toBe(200);
    expect((await request("GET", resultPath, { cookie: other })).status).toBe(404);
  });

  test("a mentor grants one more attempt to their own trainee only; the trainee starts it at once", async () => {
    const final = content.quizzes["records-and-documentation-final"];
    if (!final) throw new Error("records-and-documentation-final missing");
    const trainee = await sessionFor(demo("dmytro.melnyk"));
    await request("POST", `/quizzes/${final.id}`, { cookie: trainee, body: "intent=start" });
    const html = await (await request("GET", `/quizzes/${final.id}`, { cookie: trainee })).text();
    const attemptId = hidden(html, "attemptId") ?? "";
    const failed = await request("POST", `/quizzes/${final.id}`, {
      cookie: trainee,
      body: answerForm(final, attemptId, askedIds(html), false).toString(),
    });
    expect(failed.status).toBe(302);
    // Failed: the next attempt waits.
    expect((await request("POST", `/quizzes/${final.id}`, { cookie: trainee, body: "intent=start" })).status).toBe(429);

    const db = await connect(inject("e2eDatabaseUrl"));
    const { id: traineeId } = (await db.get<{ id: string }>(
      `SELECT "id" FROM "User" WHERE "email" = ?`,
      demo("dmytro.melnyk"),
    )) ?? { id: "" };
    const grants = async () =>
      (await db.get<{ n: number }>(`SELECT COUNT(*) AS "n" FROM "QuizAttemptGrant" WHERE "userId" = ?`, traineeId))?.n;
    const grantPath = `/trainees/${traineeId}/quizzes/${final.id}/grant`;
    // mentor3 mentors others (Aurora), not Dmytro (Borealis): refused, nothing stored.
    const stranger = await request("POST", grantPath, { cookie: await sessionFor(demo("mentor3")) });
    expect(stranger.status).toBe(403);
    expect(await grants()).toBe(0);

    const mentor = await sessionFor(demo("mentor2"));
    const page = await (await request("GET", `/trainees/${traineeId}`, { cookie: mentor })).text();
    expect(page, "the trainee's page offers the grant").toContain(`action="${grantPath}"`);
    const [one, two] = await Promise.all([
      request("POST", grantPath, { cookie: mentor }),
      request("POST", grantPath, { cookie: mentor }),
    ]);
    expect([one.status, two.status].sort(), "two grants at once open one attempt").toEqual([200, 409]);
    expect(await grants()).toBe(1);
    await db.close();
    // Past the wait at once, numbered 2.
    expect((await request("POST", `/quizzes/${final.id}`, { cookie: trainee, body: "intent=start" })).status).toBe(302);
    const retake = await (await request("GET", `/quizzes/${final.id}`, { cookie: trainee })).text();
    expect(hidden(retake, "attemptId")).not.toBe(attemptId);
    expect(hidden(retake, "attemptId")).not.toBeNull();
  });
});
