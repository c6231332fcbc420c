import { describe, expect, test } from "vitest";
import { demo, setupBrowser, signIn, submitAndSettle } from "./browser.ts";

const browser = setupBrowser();

/**
 * A reader who tabs through a page while it is still loading must not break it. Before the
 * fix, a key pressed while Remix decoded the page's data made React hydrate synchronously and
 * fail (error #345, "Root did not complete"); the page's scripts then stopped. The CPU is
 * slowed down so that the loading window is wide enough to press keys in, as on a cheap phone.
 */
describe("keys pressed while the page hydrates", () => {
  for (const path of ["/quizzes/support-role-final", "/scenarios/double-charge-chat", "/learn"]) {
    test(`${path}: no script error, and the page hydrates`, async () => {
      const page = await browser.newPage();
      await signIn(page, demo("trainee"));
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      for (let run = 0; run < 3; run++) {
        await page.goto(path, { waitUntil: "commit" });
        for (let i = 0; i < 25; i++) {
          await page.keyboard.press("Tab");
          await page.waitForTimeout(20);
        }
        await page.waitForSelector("html[data-hydrated='true']", { timeout: 30_000 });
      }
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});

describe("an ordering question", () => {
  const check = "/quizzes/time-and-queue-slas-from-the-agents-side-check";
  const question = "deadline-at-risk-order";

  test("without JavaScript (uk): no arrow buttons that would do nothing, and the hint asks for positions", async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await signIn(page, demo("oksana.bondarenko"));
    await page.goto(check);
    const start = page.locator('form:has(input[name="intent"][value="start"]) button[type="submit"]');
    if (await start.count()) await submitAndSettle(page, start.first());
    const selects = page.locator(`select[name^="order:${question}:"]`);
    await expect.poll(() => selects.count()).toBeGreaterThan(2);
    expect(await page.getByRole("button", { name: "↑" }).count()).toBe(0);
    expect(await page.locator("main").innerText()).toContain("Укажіть позицію кожного кроку: 1 — для першого.");
    await page.context().close();
  });

  test("with JavaScript: the arrows move a step and its position follows", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("trainee"));
    await page.goto(check);
    const start = page.locator('form:has(input[name="intent"][value="start"]) button[type="submit"]');
    if (await start.count()) await submitAndSettle(page, start.first());
    const selects = page.locator(`select[name^="order:${question}:"]`);
    await expect.poll(() => selects.count()).toBeGreaterThan(2);
    await page.waitForSelector("html[data-hydrated='true']");
    expect(await page.locator("main").innerText()).toContain("move it with the arrow buttons");
    const second = await selects.nth(1).getAttribute("name");
    await page.locator("fieldset", { has: selects.first() }).locator("li").nth(1).locator("button").first().click();
    await expect.poll(() => selects.first().getAttribute("name")).toBe(second);
    await expect.poll(() => selects.first().inputValue()).toBe("1");
    await page.context().close();
  });
});
