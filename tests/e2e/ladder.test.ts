import { describe, expect, inject, test } from "vitest";
import { withConnection } from "#tests/setup/database.ts";
import { demo, setupBrowser, signIn } from "./browser.ts";

const browser = setupBrowser();

describe("the ladder", () => {
  test("a certified trainee sees her level, the next level's requirements with links, her profile, and prints the certificate in her language", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("ana.souza"));
    await page.goto("/progress");
    expect(await page.locator("[data-current-level]").getAttribute("data-current-level")).toBe("L1");
    expect(await page.locator('[data-level="L1"]').getAttribute("data-complete")).toBe("true");
    expect(await page.locator('[data-level="L2"]').getAttribute("data-complete")).toBe("false");
    // L2: L1 met, the rest missing and linked to where to act.
    expect(
      await page
        .locator('section[aria-labelledby="next-level"] [data-requirement="stage:L1"]')
        .getAttribute("data-met"),
    ).toBe("true");
    expect(
      await page
        .locator('section[aria-labelledby="next-level"] [data-requirement="course:time-and-queue"] a')
        .getAttribute("href"),
    ).toBe("/courses/time-and-queue");
    expect(
      await page
        .locator('section[aria-labelledby="next-level"] [data-requirement="scenario:bug-to-engineering"] a')
        .getAttribute("href"),
    ).toBe("/scenarios/bug-to-engineering");
    // The competency profile has evidence from quizzes, choices and the rubric.
    const empathy = await page.locator('tr[data-competency="empathy"] td').allTextContents();
    expect(empathy.slice(1).every((cell) => /\d+%/.test(cell))).toBe(true);
    expect(await page.locator('svg[aria-labelledby="competency-chart-title"] rect').count()).toBeGreaterThan(10);

    await page.locator('[data-level="L1"] a').click();
    await page.waitForSelector("[data-certificate]");
    expect(await page.locator("[data-holder]").textContent()).toBe("Ana Souza");
    expect(await page.locator("[data-stage]").textContent()).toContain("L1");
    expect(await page.locator("[data-certificate]").getAttribute("lang")).toBe("pt-BR");
    expect(await page.locator("[data-certificate] li").count()).toBe(15);
    // Printed, the page is the certificate alone.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header nav").isVisible()).toBe(false);
  });

  test("a mentor confirms the last behaviour Oksana needed: she is certified at L1 and can print her certificate", async () => {
    const { oksana, before } = await withConnection(inject("e2eDatabaseUrl"), async (db) => {
      const oksana = await db.get<{ id: string }>(
        'SELECT "id" FROM "User" WHERE "email" = ?',
        demo("oksana.bondarenko"),
      );
      if (!oksana) throw new Error("the demo seed has no Oksana");
      const before = await db.get<{ n: number }>(
        'SELECT COUNT(*) AS n FROM "Certification" WHERE "userId" = ?',
        oksana.id,
      );
      return { oksana, before };
    });
    expect(before?.n).toBe(0);

    const mentor = await browser.newPage();
    await signIn(mentor, demo("mentor2"));
    await mentor.goto(`/trainees/${oksana.id}`);
    await mentor.waitForSelector("html[data-hydrated]");
    const behaviour = mentor.locator('[data-behaviour="L1/calm-under-pressure"]');
    expect(await behaviour.getAttribute("data-confirmed")).toBe("false");
    await behaviour
      .locator('input[name="note"]')
      .fill("Спокійно провела складну розмову з розлюченим клієнтом у вівторок.");
    await behaviour.locator('button[value="confirm"]').click();
    await expect.poll(() => behaviour.getAttribute("data-confirmed")).toBe("true");

    const trainee = await browser.newPage();
    await signIn(trainee, demo("oksana.bondarenko"));
    await trainee.goto("/progress");
    expect(await trainee.locator("[data-current-level]").getAttribute("data-current-level")).toBe("L1");
    await trainee.locator('[data-level="L1"] a').click();
    await trainee.waitForSelector("[data-certificate]");
    expect(await trainee.locator("[data-holder]").textContent()).toBe("Оксана Бондаренко");
    expect(await trainee.locator("[data-certificate]").getAttribute("lang")).toBe("uk");
    expect(await trainee.locator("[data-certificate] li").count()).toBe(15);
  });
});
