import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { type PrecompiledContent } from "#app/content/catalog.server.ts";
import { root } from "#tests/setup/paths.ts";
import { demo } from "./browser.ts";
import { request, sessionFor } from "./http.ts";

/**
 * Before an attempt is submitted, no correct answer, feedback or explanation may reach the
 * browser: not in the page, not in the loader data, not in any JavaScript or other asset.
 */
const content = JSON.parse(readFileSync(path.join(root, "build/content/content.json"), "utf8")) as PrecompiledContent;
const quizzes = Object.values(content.quizzes);

/** The key's texts, where they are long enough to be unmistakable and not also public text. */
function secretsOf(quiz: (typeof quizzes)[number]) {
  const secrets = new Set<string>();
  for (const variant of Object.values(quiz.variants)) {
    const publicText = JSON.stringify(variant.questions) + variant.title;
    for (const key of Object.values(variant.keys)) {
      for (const text of [key.explanation, ...Object.values(key.feedback)]) {
        if (text.length >= 16 && !publicText.includes(text)) secrets.add(text);
      }
    }
  }
  return [...secrets];
}

function htmlDecode(text: string) {
  return text
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

function leaks(haystack: string, secrets: string[]) {
  const decoded = htmlDecode(haystack);
  return secrets.filter((secret) => decoded.includes(secret) || haystack.includes(JSON.stringify(secret).slice(1, -1)));
}

const readers = {
  en: demo("trainee"),
  "pt-BR": demo("ana.souza"),
  es: demo("valentina.ruiz"),
  uk: demo("oksana.bondarenko"),
};

describe("answer keys stay on the server", () => {
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    for (const [locale, email] of Object.entries(readers)) cookies[locale] = await sessionFor(email);
  });

  test("there are quizzes to check, with secrets in every one", () => {
    expect(quizzes.length).toBeGreaterThanOrEqual(13);
    for (const quiz of quizzes) expect(secretsOf(quiz).length, quiz.id).toBeGreaterThan(0);
  });

  test("no built asset (JavaScript, CSS, JSON) contains any key text", () => {
    const dir = path.join(root, "build/client");
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(files.length).toBeGreaterThan(5);
    const all = quizzes.flatMap(secretsOf);
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(file.parentPath, file.name), "latin1");
      const utf8 = Buffer.from(text, "latin1").toString("utf8");
      for (const secret of all) if (utf8.includes(secret)) found.push(`${file.name}: ${secret}`);
    }
    expect(found).toEqual([]);
  });

  for (const quiz of quizzes) {
    test(`${quiz.id}: page and loader data of an open attempt, in every language it has`, async () => {
      const secrets = secretsOf(quiz);
      for (const locale of Object.keys(quiz.variants)) {
        const cookie = cookies[locale];
        if (!cookie) continue;
        const started = await request("POST", `/quizzes/${quiz.id}`, { cookie, body: "intent=start" });
        expect([302, 429], `${locale} start`).toContain(started.status);
        const page = await request("GET", `/quizzes/${quiz.id}`, { cookie });
        const html = await page.text();
        expect(page.status).toBe(200);
        expect(html, `${locale}: the attempt's questions are on the page`).toContain('name="attemptId"');
        const data = await (await request("GET", `/quizzes/${quiz.id}.data`, { cookie })).text();
        expect(data.length).toBeGreaterThan(100);
        expect(leaks(html, secrets), `${locale} page`).toEqual([]);
        expect(leaks(data, secrets), `${locale} loader data`).toEqual([]);
        expect(data, `${locale} loader data`).not.toMatch(/"correct"|"feedback"|"explanation"|"keys"/);
      }
    });
  }

  test("the detector does find the key once an attempt is submitted (the result page shows it)", async () => {
    const quiz = quizzes.find((q) => q.id === "measuring-service-final") ?? quizzes[0];
    if (!quiz) throw new Error("no quiz");
    const cookie = await sessionFor(demo("fernanda.lima"));
    await request("POST", `/quizzes/${quiz.id}`, { cookie, body: "intent=start" });
    const html = await (await request("GET", `/quizzes/${quiz.id}`, { cookie })).text();
    const attemptId = /name="attemptId" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const english = quiz.variants.en;
    if (!english) throw new Error("no English variant");
    const body = new URLSearchParams({ intent: "submit", attemptId });
    for (const question of english.questions) {
      const correct = english.keys[question.id]?.correct ?? [];
      if (question.kind === "ordering")
        correct.forEach((item, i) => body.append(`order:${question.id}:${item}`, String(i + 1)));
      else
        for (const option of question.kind === "multiple" ? correct : correct.slice(0, 1))
          body.append(`answer:${question.id}`, option);
    }
    const submitted = await request("POST", `/quizzes/${quiz.id}`, { cookie, body: body.toString() });
    expect(submitted.status).toBe(302);
    const result = await (await request("GET", submitted.headers.get("location") ?? "", { cookie })).text();
    expect(result).toContain("100%");
    expect(leaks(result, secretsOf(quiz)).length).toBeGreaterThan(0);
  });
});
