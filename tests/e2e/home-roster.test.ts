import { describe, expect, test } from "vitest";
import { demo, setupBrowser, signIn, submitAndSettle } from "./browser.ts";

const browser = setupBrowser();

describe("each person's day, the mentor's roster and one progress story", () => {
  test("a pt-BR new hire on a phone is led from the home page to the final quiz, and /learn never says 'done' while L1 is open", async () => {
    const page = await browser.newPage({ locale: "pt-BR" });
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, demo("fernanda.lima"));
    await page.goto("/");
    // Every lesson of the first course read, its final quiz not taken: that quiz is the step.
    expect(await page.locator("#next-step").textContent()).toBe("Seu próximo passo");
    expect(await page.locator("[data-next-step]").getAttribute("data-next-step")).toBe("quiz");
    const share = await page.locator("[data-level-share]").getAttribute("data-level-share");
    expect(Number(share)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.goto("/learn");
    expect(await page.locator("body").textContent()).not.toContain("Você concluiu todas as aulas");
    expect(await page.locator("[data-next-step]").getAttribute("data-next-step")).toBe("quiz");
    // The same measure on /learn and /progress as on the home page.
    expect(await page.locator("[data-level-share]").getAttribute("data-level-share")).toBe(share);
    await page.goto("/progress");
    expect(await page.locator("[data-level-share]").getAttribute("data-level-share")).toBe(share);
    // Requirements say where they stand in words, not "3.5 / 3".
    expect(await page.locator('[data-requirement="course:support-role"]').textContent()).toContain("etapas concluídas");
    await page.goto("/");
    await page.getByRole("link", { name: "Fazer o questionário" }).click();
    await page.waitForURL(/\/quizzes\/support-role-final$/);
    expect(await page.locator("form").count()).toBeGreaterThan(0);
    await page.context().close();
  });

  test("a mentor's roster shows each trainee's standing and opens their page; their manager's team view shows the same share", async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, demo("mentor2"));
    await page.goto("/");
    expect(await page.locator("[data-waits]").textContent()).toContain("Оксана Бондаренко");
    await page.goto("/trainees");
    expect(await page.locator("[data-trainee]").count()).toBe(6);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const oksana = page.locator('[data-trainee]:has-text("Оксана Бондаренко")');
    expect(await oksana.locator("[data-sign-offs]").getAttribute("data-sign-offs")).toBe("1");
    expect(await oksana.locator("[data-step]").getAttribute("data-step")).toBe("signOff");
    const fernanda = page.locator('[data-trainee]:has-text("Fernanda Lima")');
    const share = await fernanda.locator("[data-share]").getAttribute("data-share");
    await fernanda.getByRole("link", { name: "Fernanda Lima" }).click();
    await page.waitForURL(/\/trainees\/c[a-z0-9]+$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Fernanda Lima");
    expect(await page.locator("[data-level-share]").getAttribute("data-level-share")).toBe(share);

    const manager = await browser.newPage();
    await signIn(manager, demo("manager2"));
    await manager.goto("/team");
    expect(await manager.locator('tr[data-person]:has-text("Fernanda Lima")').textContent()).toContain(`L1: ${share}%`);
    // Every chart carries its values as a table.
    expect(await manager.locator("[data-chart-numbers]").count()).toBe(3);
    await manager.goto("/trainees");
    expect(await manager.locator("[data-trainee]").count()).toBeGreaterThanOrEqual(6);
    await page.context().close();
    await manager.context().close();
  });

  test("after a sign-off the withdraw box starts empty, and withdrawing puts it back", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("mentor2"));
    await page.goto("/trainees");
    await page.locator('[data-trainee]:has-text("Kenji Sato")').getByRole("link", { name: "Kenji Sato" }).click();
    await page.waitForSelector("html[data-hydrated]");
    const item = page.locator('[data-behaviour="L1/plain-friendly-answers"]');
    await item.locator('input[name="note"]').fill("Saw it on the chat queue today");
    await submitAndSettle(page, item.locator(`button[value="confirm"]`));
    await expect.poll(() => item.getAttribute("data-confirmed")).toBe("true");
    expect(await item.locator('input[name="note"]').inputValue()).toBe("");
    await item.locator('input[name="note"]').fill("Confirmed on the wrong person");
    await submitAndSettle(page, item.locator(`button[value="withdraw"]`));
    await expect.poll(() => item.getAttribute("data-confirmed")).toBe("false");
    expect(await item.locator('input[name="note"]').inputValue()).toBe("");
    await page.context().close();
  });

  test("trainees cannot open the roster, and the home page counts people in words that agree", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("trainee"));
    const response = await page.goto("/trainees");
    expect(response?.status()).toBe(403);
    const admin = await browser.newPage();
    await signIn(admin, demo("admin"));
    await admin.goto("/");
    expect(await admin.locator("[data-admin-counts]").textContent()).toMatch(
      /^\d+ active people in \d+ teams; \d+ deactivated\.$/,
    );
    await page.context().close();
    await admin.context().close();
  });
});
