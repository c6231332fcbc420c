import { readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
import { type PrecompiledContent } from "#app/content/catalog.server.ts";
import { root } from "#tests/setup/paths.ts";
import { demo, setupBrowser, signIn } from "./browser.ts";
import { request, sessionFor } from "./http.ts";

const browser = setupBrowser();
const content = JSON.parse(readFileSync(path.join(root, "build/content/content.json"), "utf8")) as PrecompiledContent;
const quiz = content.quizzes["support-role-final"];

/** Fills the open attempt: right answers from the key, or a wrong one for every question. */
async function answer(page: Page, right: boolean) {
  const english = quiz?.variants.en;
  if (!english) throw new Error("support-role-final missing");
  for (const question of english.questions) {
    const key = english.keys[question.id];
    if (!key) throw new Error(`no key for ${question.id}`);
    if (question.kind === "ordering") {
      if (!right) continue; // the shown order is never the right one
      for (const [i, item] of key.correct.entries()) {
        await page.locator(`select[name="order:${question.id}:${item}"]`).selectOption(String(i + 1));
      }
      continue;
    }
    const choices = right ? key.correct : [question.options.find((o) => !key.correct.includes(o.id))?.id ?? ""];
    for (const choice of question.kind === "multiple" ? choices : choices.slice(0, 1)) {
      await page.locator(`input[name="answer:${question.id}"][value="${choice}"]`).check();
    }
  }
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
    await answer(noJs, false);
    await noJs.locator('form button[type="submit"]').last().click();
    await noJs.waitForURL(/\/attempts\//);
    // The result explains: per-option feedback and an explanation for every question.
    const resultText = (await noJs.locator("main").textContent()) ?? "";
    const ptExplanation = Object.values(quiz?.variants["pt-BR"]?.keys ?? {})[0]?.explanation ?? "";
    expect(ptExplanation.length).toBeGreaterThan(10);
    expect(resultText).toContain(ptExplanation);
    await noJs.goto("/quizzes/support-role-final");
    // The wait rule: no start button, a time instead.
    await expect(noJs.locator('input[name="intent"][value="start"]').count()).resolves.toBe(0);
    await noJs.context().close();

    // Eleven minutes later (moved in the database rather than waited).
    const db = new Database(inject("e2eDatabase"));
    db.prepare(
      "UPDATE QuizAttempt SET submittedAt = ? WHERE quizId = 'support-role-final' AND userId = (SELECT id FROM User WHERE email = ?)",
    ).run(new Date(Date.now() - 11 * 60_000).toISOString(), demo("joao.pereira"));
    db.close();

    const page = await browser.newPage();
    await signIn(page, demo("joao.pereira"));
    await page.goto("/quizzes/support-role-final");
    await page.locator('form:has(input[name="intent"][value="start"]) button').click();
    await page.locator('input[name="attemptId"]').waitFor({ state: "attached" });
    // Let React take over the page first: it would reset positions chosen before hydration.
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await answer(page, true);
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
    const english = content.quizzes["communication-final"]?.variants.en;
    if (!english) throw new Error("communication-final missing");
    const body = new URLSearchParams({ intent: "submit", attemptId });
    for (const question of english.questions) {
      const key = english.keys[question.id];
      if (question.kind === "ordering")
        key?.correct.forEach((item, i) => body.append(`order:${question.id}:${item}`, String(i + 1)));
      else body.append(`answer:${question.id}`, key?.correct[0] ?? "");
    }
    const intruder = await request("POST", "/quizzes/communication-final", { cookie: other, body: body.toString() });
    expect(intruder.status).toBe(404);
    const bogus = new URLSearchParams(body);
    bogus.set(`answer:${english.questions.find((q) => q.kind === "single")?.id}`, "no-such-option");
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
});
