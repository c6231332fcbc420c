import { describe, expect, test } from "vitest";
import { demo, setupBrowser, signIn } from "./browser.ts";
import { request, sessionFor } from "./http.ts";

const browser = setupBrowser();

describe("search", () => {
  test("without JavaScript, a Portuguese-speaking trainee finds a lesson from the header box and opens it", async () => {
    const page = await browser.newPage({ locale: "pt-BR", javaScriptEnabled: false });
    await signIn(page, demo("joao.pereira"));
    const box = page.getByRole("search").first().getByLabel("Pesquisar aulas, questionários e cenários");
    await box.fill("empatia prática");
    await Promise.all([page.waitForURL(/\/search\?q=/), box.press("Enter")]);
    expect(new URL(page.url()).searchParams.get("q")).toBe("empatia prática");
    await expect(page.getByRole("heading", { level: 2 }).textContent()).resolves.toMatch(/resultados? para/);
    const first = page.locator("main ol > li").first();
    await expect(first.textContent()).resolves.toMatch(/^Aula/);
    const link = first.getByRole("link");
    await expect(link.textContent()).resolves.toMatch(/empatia/i);
    const marks = await page.locator("main mark").allTextContents();
    expect(marks.map((m) => m.toLowerCase())).toEqual(expect.arrayContaining(["empatia", "prática"]));
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/courses\/[a-z0-9-]+\/[a-z0-9-]+$/);
    await Promise.all([page.waitForURL((url) => url.pathname === href), link.click()]);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toMatch(/empatia/i);
    await page.context().close();
  });

  test("a Ukrainian query finds Ukrainian lessons, quizzes and scenarios, each of which the reader may open", async () => {
    const page = await browser.newPage({ locale: "uk-UA" });
    await signIn(page, demo("dmytro.melnyk"));
    await page.goto(`/search?q=${encodeURIComponent("клієнт")}`);
    const items = page.locator("main ol > li");
    expect(await items.count()).toBeGreaterThan(5);
    expect(await page.locator("main ol > li [lang='en']").count()).toBe(0);
    const kinds = new Set((await items.allTextContents()).map((text) => text.split(/[\s·]/)[0]));
    expect([...kinds]).toEqual(expect.arrayContaining(["Урок", "Тест"]));
    const marks = await page.locator("main mark").allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark.toLowerCase()).toMatch(/^клієнт/);

    const cookie = await sessionFor(demo("dmytro.melnyk"));
    const hrefs = await page.locator("main ol > li a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    for (const href of hrefs) {
      expect(href).toMatch(/^\/(courses|quizzes|scenarios)\//);
      expect((await request("GET", href ?? "", { cookie })).status, href ?? "").toBe(200);
    }

    await page.goto(`/search?q=${encodeURIComponent("посилка запізнюється")}`);
    await expect(items.first().textContent()).resolves.toMatch(/^Сценарій/);
    await expect(items.first().getByRole("link").getAttribute("href")).resolves.toBe("/scenarios/late-delivery-email");
    await page.context().close();
  });

  test("an empty query asks for words; a 10,000-character one is refused with a message", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("trainee"));
    const empty = await page.goto("/search?q=");
    expect(empty?.status()).toBe(200);
    await expect(page.locator("main").textContent()).resolves.toContain("Type a word or two");
    expect(await page.locator("main ol > li").count()).toBe(0);

    const huge = await page.goto(`/search?q=${"a".repeat(10_000)}`);
    expect(huge?.status()).toBe(400);
    await expect(page.getByRole("alert").textContent()).resolves.toContain("Use up to 200 characters");
    expect((await page.locator("#search-page-q").inputValue()).length).toBe(200);
    await page.context().close();
  });

  test("markup and regular-expression characters in a query are text, never markup", async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await signIn(page, demo("trainee"));
    const hostile = `<img src=x onerror=alert(1)>.*(?:[ empathy`;
    const response = await page.goto(`/search?q=${encodeURIComponent(hostile)}`);
    expect(response?.status()).toBe(200);
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.locator("#search-page-q").inputValue()).toBe(hostile);
    await expect(page.getByRole("heading", { level: 2 }).textContent()).resolves.toContain(hostile);
    expect(dialogs).toEqual([]);
    await page.context().close();
  });

  test("signed out, search sends the visitor to sign in", async () => {
    const response = await request("GET", "/search?q=empathy");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login/);
  });
});
