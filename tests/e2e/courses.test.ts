import { describe, expect, test } from "vitest";
import { demo, setupBrowser, signIn } from "./browser.ts";
import { request, sessionFor } from "./http.ts";

const browser = setupBrowser();

describe("courses", () => {
  test("a trainee reading in Ukrainian gets the L1 lesson in Ukrainian, marks it done and sees progress move", async () => {
    const page = await browser.newPage({ locale: "en-US" });
    // Iryna's profile language is Ukrainian.
    await signIn(page, demo("iryna.tkachenko"));
    await page.goto("/courses");
    expect(await page.locator("html").getAttribute("lang")).toBe("uk");
    const card = page.locator("li", { has: page.locator('a[href="/courses/problem-solving"]') });
    const before = Number(await card.getByRole("progressbar").getAttribute("aria-valuenow"));
    await card.getByRole("link").first().click();
    await page.waitForURL(/\/courses\/problem-solving$/);
    await page.locator('ol a[href="/courses/problem-solving/troubleshooting-basics"]').click();
    await page.waitForURL(/troubleshooting-basics/);
    expect(await page.locator("article").getAttribute("lang")).toBe("uk");
    const heading = await page.getByRole("heading", { level: 1 }).textContent();
    expect(heading).toMatch(/[А-Яа-яІіЇїЄєҐґ]/);
    await expect(page.getByRole("status").count()).resolves.toBe(0);
    await page.locator('button[name="intent"][value="complete"]').click();
    await page.locator('button[name="intent"][value="reopen"]').waitFor();
    await page.goto("/courses");
    const after = Number(await card.getByRole("progressbar").getAttribute("aria-valuenow"));
    expect(after).toBeGreaterThan(before);
    await page.context().close();
  });

  test("an L2 lesson reads in Ukrainian for a Ukrainian reader, with no 'not yet translated' mark", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("dmytro.melnyk"));
    await page.goto("/courses/measuring-service/csat-and-nps");
    expect(await page.locator("article").getAttribute("lang")).toBe("uk");
    await expect(page.getByRole("status").count()).resolves.toBe(0);
    const heading = await page.getByRole("heading", { level: 1 }).textContent();
    expect(heading).toMatch(/[А-Яа-яІіЇїЄєҐґ]/);
    expect(heading).not.toBe("What CSAT and NPS really tell you");
    await page.context().close();
  });

  test("another language's version of a lesson can be opened from the lesson", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("trainee"));
    await page.goto("/courses/communication/clear-writing");
    await page.getByRole("link", { name: "Español" }).click();
    await page.waitForURL(/\?lang=es/);
    await page.locator('article[lang="es"]').waitFor();
    await page.context().close();
  });

  test("the catalogue filters by competency and unknown slugs are 404 pages, never files", async () => {
    const cookie = await sessionFor(demo("trainee"));
    const filtered = await (await request("GET", "/courses?competency=leadership", { cookie })).text();
    expect(filtered).toContain("Mentoring new agents");
    expect(filtered).not.toContain("Communication that customers understand");
    for (const path of [
      "/courses/..%2F..%2Fpackage.json",
      "/courses/communication/..%2F..%2F..%2Fpackage.json",
      "/courses/communication/%2e%2e%2f%2e%2e%2fserver.js",
      "/courses/%2Fetc%2Fpasswd/passwd",
      "/courses/communication/01-clear-writing.mdx",
    ]) {
      const response = await request("GET", path, { cookie });
      expect(response.status, path).toBe(404);
      const body = await response.text();
      expect(body, path).not.toContain('"name": "rapport"');
      expect(body, path).not.toContain("createRequestHandler");
    }
  });

  test("/learn shows the next lesson toward the trainee's level", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("kenji.sato"));
    await page.goto("/learn");
    await expect(page.getByRole("heading", { name: "Next up" }).count()).resolves.toBe(1);
    await page.getByRole("link", { name: "Open the lesson" }).click();
    await page.waitForURL(/\/courses\/support-role\/what-support-does$/);
    await page.context().close();
  });
});
