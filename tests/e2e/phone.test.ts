import { type Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demo, firstLink, setupBrowser, signIn } from "./browser.ts";

const browser = setupBrowser();

/**
 * Every main page at 390 px, in two non-English languages whose words run long: nothing makes
 * the page itself scroll sideways (a wide table scrolls inside its own box). An absolutely
 * placed element inside a scrolling box that is not positioned escapes it and widens the page,
 * which is how the review queue once measured 564 px.
 */
async function overflowing(who: string, locale: string, paths: (page: Page) => Promise<string[]>) {
  const page = await browser.newPage({ locale });
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, demo(who));
  const wide: string[] = [];
  for (const path of await paths(page)) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBeLessThan(400);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) wide.push(`${path}: ${width} px`);
  }
  await page.context().close();
  return wide;
}

describe("on a 390 px phone no page scrolls sideways", () => {
  for (const locale of ["es", "uk"]) {
    test(`a trainee's pages (${locale})`, async () => {
      const wide = await overflowing("ana.souza", locale, async (page) => {
        const course = await firstLink(page, "/courses", "/courses/");
        const lesson = await firstLink(page, course, `${course}/`);
        const quiz = await firstLink(page, course, "/quizzes/");
        const scenario = await firstLink(page, "/scenarios", "/scenarios/");
        return ["/", "/learn", "/progress", "/courses", course, lesson, quiz, "/scenarios", scenario, "/profile"];
      });
      expect(wide).toEqual([]);
    });

    test(`a mentor's and a manager's pages (${locale})`, async () => {
      const mentor = await overflowing("mentor", locale, async (page) => {
        const attempt = await firstLink(page, "/reviews", "/reviews/");
        const trainee = await firstLink(page, "/trainees", "/trainees/");
        return ["/", "/reviews", attempt, "/trainees", trainee];
      });
      const manager = await overflowing("manager", locale, async () => ["/", "/team", "/trainees", "/reviews"]);
      expect([...mentor, ...manager]).toEqual([]);
    });

    test(`an admin's pages (${locale})`, async () => {
      const wide = await overflowing("admin", locale, async (page) => {
        const user = await firstLink(page, "/admin/users", "/admin/users/");
        return ["/admin/users", user, "/admin/teams", "/admin/import", "/admin/audit", "/admin/outbox"];
      });
      expect(wide).toEqual([]);
    });
  }
});

describe("the phone menu", () => {
  test("folds the navigation behind one button, opens without JavaScript, and closes after a move", async () => {
    for (const javaScriptEnabled of [false, true]) {
      const page = await browser.newPage({ locale: "uk", javaScriptEnabled });
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, demo("mentor2"));
      const nav = page.getByRole("navigation", { name: "Головне меню" });
      const toggle = page.locator('label[for="menu-toggle"]');
      expect(await nav.isVisible()).toBe(false);
      // The button carries the queue's count so a mentor sees it without opening the menu.
      expect(await toggle.textContent()).toMatch(/^Меню.*\d+$/);
      await toggle.click();
      expect(await nav.isVisible()).toBe(true);
      if (javaScriptEnabled) {
        await nav.locator('a[href="/trainees"]').click();
        await page.waitForURL(/\/trainees$/);
        await expect.poll(() => nav.isVisible()).toBe(false);
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(await nav.isVisible()).toBe(true);
      expect(await toggle.isVisible()).toBe(false);
      await page.context().close();
    }
  });
});
