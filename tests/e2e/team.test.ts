import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { root } from "#tests/setup/paths.ts";
import { demo, setupBrowser, signIn } from "./browser.ts";
import { request, sessionFor } from "./http.ts";

const browser = setupBrowser();

describe("the manager's team view", () => {
  test("the manager sees the table and the charts, exports the CSV, reassigns a mentor and sets a due date the trainee then sees", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("manager"));
    await page.goto("/team");
    // Aurora's trainees, with Ana certified at L1, Priya's row, a late goal (João).
    expect(await page.locator("[data-person]").count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('tr[data-person]:has-text("Ana Souza") [data-level]').getAttribute("data-level")).toBe("L1");
    expect(await page.locator('tr[data-late="true"]').count()).toBeGreaterThanOrEqual(1);
    expect(Number(await page.locator('[data-funnel="L1"]').getAttribute("data-count"))).toBeGreaterThanOrEqual(1);
    expect(await page.locator("[data-cohort]").count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('svg[aria-labelledby="heat-map-title"] rect').count()).toBeGreaterThan(9 * 5);
    expect(await page.locator("[data-mentor]").count()).toBeGreaterThanOrEqual(1);

    // Reassign Priya to Lucía with a goal: L1 by the end of next year.
    const row = page.locator('tr[data-person]:has-text("Priya Nair")');
    await page.waitForSelector("html[data-hydrated]");
    await row.locator('a[href*="assign="]').click();
    const form = page.locator("#assign form");
    await form.waitFor();
    await form.locator('select[name="mentorId"]').selectOption({ label: "Lucía Fernández" });
    await form.locator('select[name="targetLevel"]').selectOption("L1");
    const due = `${new Date().getUTCFullYear() + 1}-12-31`;
    await form.locator('input[name="dueDate"]').fill(due);
    await form.locator('button[type="submit"]').click();
    await expect
      .poll(() => page.locator('tr[data-person]:has-text("Priya Nair") td').last().textContent())
      .toContain("Lucía Fernández");
    expect(await page.locator('tr[data-person]:has-text("Priya Nair")').textContent()).toContain("L1");

    const trainee = await browser.newPage();
    await signIn(trainee, demo("priya.nair"));
    await trainee.goto("/learn");
    expect(await trainee.locator("[data-goal]").textContent()).toContain("Lucía Fernández");

    // A due date in the past is refused with a message beside the form, and nothing changes.
    await page.locator('tr[data-person]:has-text("Priya Nair") a[href*="assign="]').click();
    await page.locator("#assign form").waitFor();
    await page.locator('#assign input[name="dueDate"]').fill("2020-01-01");
    await page.locator('#assign button[type="submit"]').click();
    // Marta reads Portuguese: the message is the pt-BR one.
    const portuguese = JSON.parse(readFileSync(path.join(root, "app/locales/pt-BR.json"), "utf8")) as {
      team: { errors: { pastDate: string } };
    };
    await expect.poll(() => page.getByRole("alert").textContent()).toBe(portuguese.team.errors.pastDate);
    expect(await page.locator('tr[data-person]:has-text("Priya Nair")').textContent()).toContain(
      String(new Date().getUTCFullYear() + 1),
    );
  });

  test("the CSV opens in a spreadsheet: UTF-8 with a byte-order mark, accents and Cyrillic intact", async () => {
    for (const [manager, name] of [
      ["manager", "João Pereira"],
      ["manager2", "Оксана Бондаренко"],
    ] as const) {
      const cookie = await sessionFor(demo(manager));
      const response = await request("GET", "/team.csv", { cookie });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="team-\d{4}-\d{2}-\d{2}\.csv"/);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes);
      expect(text).toContain(name);
      expect(text.split("\r\n").length).toBeGreaterThan(3);
    }
  });
});
