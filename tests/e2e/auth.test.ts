import { type Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demo, signIn, setupBrowser } from "./browser.ts";

const browser = setupBrowser();

// Links by address: the demo people read Rapport in different languages.
const navOf = (page: Page) =>
  page.locator("header nav a").evaluateAll((links) => links.map((a) => a.getAttribute("href")));

describe("signing in and out", () => {
  test.each([
    ["admin", ["/", "/courses", "/scenarios", "/admin/users"], "Alex Morgan"],
    ["manager", ["/", "/courses", "/scenarios", "/trainees", "/reviews", "/calibration", "/team"], "Marta Oliveira"],
    [
      "mentor",
      ["/", "/learn", "/progress", "/courses", "/scenarios", "/trainees", "/reviews", "/calibration"],
      "Lucía Fernández",
    ],
    ["trainee", ["/", "/learn", "/progress", "/courses", "/scenarios"], "Sam Taylor"],
  ])("%s signs in and sees their own navigation", async (who, nav, name) => {
    const page = await browser.newPage();
    await signIn(page, demo(who));
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await navOf(page)).toEqual(nav);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toContain(name.split(" ")[0]);
    await page.context().close();
  });

  test("the home page shows what each role gives: what waits for a mentor, what needs a manager's attention", async () => {
    const mentor = await browser.newPage();
    await signIn(mentor, demo("mentor2"));
    // Oksana has only a sign-off left for L1: it waits for her mentor.
    await expect(mentor.locator("[data-waits] [data-sign-offs-due]").textContent()).resolves.toContain(
      "Оксана Бондаренко",
    );
    await mentor.context().close();
    const manager = await browser.newPage();
    await signIn(manager, demo("manager"));
    expect(new URL(manager.url()).pathname).toBe("/");
    // João's goal date has passed without L1.
    await expect(manager.locator("[data-attention]").textContent()).resolves.toContain("João Pereira");
    await expect(manager.locator('[data-waits] a[href="/trainees"]').count()).resolves.toBe(1);
    await manager.context().close();
  });

  test("sign-out ends the session: the old cookie no longer opens pages", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("trainee"));
    const [cookie] = await page.context().cookies();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/login$/);
    // Replaying the old cookie must not work: the session row is gone.
    const response = await fetch(`${browser.baseURL()}/profile`, {
      headers: { Cookie: `${cookie?.name}=${cookie?.value}` },
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/login/);
    await page.context().close();
  });

  test("after sign-in the person lands on the page they asked for, but never on another site", async () => {
    const page = await browser.newPage();
    await page.goto("/profile");
    await page.waitForURL(/\/login\?redirectTo=%2Fprofile/);
    await signIn(page, demo("trainee"), undefined, page.url().replace(/^https?:\/\/[^/]+/, ""));
    expect(new URL(page.url()).pathname).toBe("/profile");
    await page.context().close();

    const other = await browser.newPage();
    await signIn(other, demo("trainee"), undefined, "/login?redirectTo=//evil.example/steal");
    expect(new URL(other.url()).host).toBe(new URL(browser.baseURL()).host);
    expect(new URL(other.url()).pathname).toBe("/");
    await other.context().close();
  });

  test("wrong password and unknown email get the same message", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("admin"), "not-the-password");
    const wrongPassword = await page.getByRole("alert").allTextContents();
    await signIn(page, "nobody-here@demo.rapport.test", "not-the-password");
    const unknown = await page.getByRole("alert").allTextContents();
    expect(wrongPassword.join(" ")).toContain("don't match an account");
    expect(unknown).toEqual(wrongPassword);
    await page.context().close();
  });

  test("repeated failures are refused with 429 and a time to try again", async () => {
    const page = await browser.newPage();
    const statuses: number[] = [];
    page.on("response", (r) => {
      if (r.request().method() === "POST" && r.url().includes("/login")) statuses.push(r.status());
    });
    for (let i = 0; i < 6; i++) await signIn(page, "throttle-me@demo.rapport.test", `guess-${i}`);
    expect(statuses.slice(0, 5).every((s) => s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    await expect(page.getByText(/Too many failed sign-ins.*try again in 1[45] minutes/).count()).resolves.toBe(1);
    await page.context().close();
  });

  test("the sign-in page lists the demo accounts in demo mode", async () => {
    const page = await browser.newPage();
    await page.goto("/login");
    for (const who of ["admin", "manager", "mentor", "trainee"]) {
      await expect(page.getByText(demo(who), { exact: true }).count()).resolves.toBe(1);
    }
    // A trainee who reads each language, named with that language.
    for (const [who, language] of [
      ["ana.souza", "Português (Brasil)"],
      ["valentina.ruiz", "Español"],
      ["oksana.bondarenko", "Українська"],
    ] as const) {
      const row = await page.locator("section[aria-labelledby='demo-title'] li", { hasText: demo(who) }).innerText();
      expect(row).toContain("Trainee");
      expect(row).toContain(language);
    }
    await page.context().close();
  });
});
