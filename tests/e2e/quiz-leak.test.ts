import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { withConnection } from "#tests/setup/database.ts";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { type PrecompiledContent } from "#app/content/catalog.server.ts";
import { root } from "#tests/setup/paths.ts";
import { demo } from "./browser.ts";
import { hidden, request, sessionFor } from "./http.ts";
import { answerForm, askedIds } from "./quiz-answers.ts";

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

  test("a lesson check's result shows its key at once: the detector does find it", async () => {
    const quiz = quizzes.find((q) => !q.final && q.rules.review.feedback === "always");
    if (!quiz) throw new Error("no lesson check");
    const cookie = await sessionFor(demo("fernanda.lima"));
    await request("POST", `/quizzes/${quiz.id}`, { cookie, body: "intent=start" });
    const html = await (await request("GET", `/quizzes/${quiz.id}`, { cookie })).text();
    const attemptId = hidden(html, "attemptId") ?? "";
    const body = answerForm(quiz, attemptId, askedIds(html), true);
    const submitted = await request("POST", `/quizzes/${quiz.id}`, { cookie, body: body.toString() });
    expect(submitted.status).toBe(302);
    const result = await (await request("GET", submitted.headers.get("location") ?? "", { cookie })).text();
    expect(result).toContain("100%");
    expect(leaks(result, secretsOf(quiz)).length).toBeGreaterThan(0);
  });

  test("a final's result keeps its key (HTML and loader data) until the last allowed attempt, then shows it", async () => {
    const quiz = content.quizzes["measuring-service-final"];
    if (!quiz) throw new Error("no measuring-service-final");
    expect(quiz.rules.review).toMatchObject({ score: "always", answers: "after-last-attempt" });
    const max = quiz.rules.maxAttempts ?? 0;
    expect(max).toBeGreaterThan(1);
    const cookie = await sessionFor(demo("kenji.sato"));
    await request("POST", `/quizzes/${quiz.id}`, { cookie, body: "intent=start" });
    const html = await (await request("GET", `/quizzes/${quiz.id}`, { cookie })).text();
    const attemptId = hidden(html, "attemptId") ?? "";
    const asked = askedIds(html);
    const submitted = await request("POST", `/quizzes/${quiz.id}`, {
      cookie,
      body: answerForm(quiz, attemptId, asked, false).toString(),
    });
    expect(submitted.status).toBe(302);
    const resultPath = submitted.headers.get("location") ?? "";
    const read = async () => ({
      html: await (await request("GET", resultPath, { cookie })).text(),
      data: await (await request("GET", `${resultPath}.data`, { cookie })).text(),
    });
    // The asked questions' key: explanations, per-option feedback, and the right options' texts
    // where they are marked right only in the key.
    const secrets = secretsOf(quiz);
    const before = await read();
    expect(before.html).toMatch(/\d+%/);
    expect(leaks(before.html, secrets), "result page").toEqual([]);
    expect(leaks(before.data, secrets), "result loader data").toEqual([]);
    expect(before.data, "no option is marked right or wrong").not.toMatch(
      /"correct",(true|false)|"correct":(true|false)/,
    );
    expect(before.data).not.toMatch(/"correctOrder",\[|"correctOrder":\[/);
    // The same person's last allowed attempt, written directly (the waits would take a day):
    // copies of the failed one numbered up to the limit.
    await withConnection(inject("e2eDatabaseUrl"), async (db) => {
      for (let number = 2; number <= max; number++) {
        await db.run(
          `INSERT INTO "QuizAttempt" ("id", "userId", "quizId", "courseSlug", "number", "seed", "locale", "questions", "startedAt", "submittedAt", "answers", "score", "passed", "competencies")
           SELECT "id" || '-' || ?, "userId", "quizId", "courseSlug", ?, "seed", "locale", "questions", "startedAt", "submittedAt", "answers", "score", "passed", "competencies"
           FROM "QuizAttempt" WHERE "id" = ?`,
          String(number),
          number,
          attemptId,
        );
      }
    });
    const after = await read();
    expect(leaks(after.html, secrets).length, "the key once no attempt is left").toBeGreaterThan(0);
  });
});
