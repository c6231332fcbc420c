import { describe, expect, test } from "vitest";
import { demo, setupBrowser, signIn } from "./browser.ts";

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
