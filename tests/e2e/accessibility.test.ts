import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demo, firstLink, setupBrowser, signIn } from "./browser.ts";

const browser = setupBrowser();
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type Finding = { id: string; impact: string | null; help: string; targets: string[] };

/** axe-core on the page as it stands; evaluated through the browser's debugger, past the CSP. */
async function seriousViolations(page: Page): Promise<Finding[]> {
  await page.evaluate(axeSource);
  const findings = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, { resultTypes: ["violations"] })) as {
      violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(" ")),
    }));
  });
  return findings.filter((f) => f.impact === "serious" || f.impact === "critical");
}

async function audit(who: string | null, paths: (page: Page) => Promise<string[]>) {
  const report: string[] = [];
  for (const scheme of ["light", "dark"] as const) {
    const page = await browser.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    if (who) await signIn(page, demo(who));
    for (const path of await paths(page)) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBeLessThan(400);
      for (const f of await seriousViolations(page))
        report.push(`${path} [${scheme}] ${f.impact} ${f.id}: ${f.help} — ${f.targets.join(" | ")}`);
    }
    await page.context().close();
  }
  return report;
}

describe("axe-core finds no serious or critical violation", () => {
  test("signed out", async () => {
    expect(await audit(null, async () => ["/login", "/no-such-page"])).toEqual([]);
  });

  test("a trainee's pages", async () => {
    const report = await audit("ana.souza", async (page) => {
      const course = await firstLink(page, "/courses", "/courses/");
      const lesson = await firstLink(page, course, `${course}/`);
      const quiz = await firstLink(page, course, "/quizzes/");
      const scenario = await firstLink(page, "/scenarios", "/scenarios/");
      const certificate = await firstLink(page, "/progress", "/certificates/");
      return [
        "/",
        "/learn",
        "/progress",
        "/courses",
        course,
        lesson,
        quiz,
        "/scenarios",
        scenario,
        "/search?q=empatia",
        certificate,
        "/profile",
        "/profile/two-factor",
      ];
    });
    expect(report).toEqual([]);
  });

  test("a mentor's pages", async () => {
    const report = await audit("mentor", async (page) => {
      const attempt = await firstLink(page, "/reviews", "/reviews/");
      const trainee = await firstLink(page, "/reviews", "/trainees/");
      return ["/", "/learn", "/reviews", attempt, "/trainees", trainee];
    });
    expect(report).toEqual([]);
  });

  test("a manager's pages", async () => {
    expect(await audit("manager", async () => ["/", "/team", "/trainees", "/reviews"])).toEqual([]);
  });

  test("an admin's pages", async () => {
    const report = await audit("admin", async (page) => {
      const user = await firstLink(page, "/admin/users", "/admin/users/");
      return [
        "/admin/users",
        user,
        "/admin/users/new",
        "/admin/teams",
        "/admin/import",
        "/admin/security",
        "/admin/audit",
      ];
    });
    expect(report).toEqual([]);
  });
});
