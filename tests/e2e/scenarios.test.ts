import { type Page } from "playwright-core";
import { describe, expect, inject, test } from "vitest";
import { withConnection } from "#tests/setup/database.ts";
import { demo, setupBrowser, signIn } from "./browser.ts";
import { request, sessionFor } from "./http.ts";
import {
  answerStep,
  currentStep,
  deskAction,
  finish,
  only,
  playToEnd,
  replyForm,
  scenarioFile,
} from "./scenario-play.ts";

const browser = setupBrowser();

const englishReply =
  "Hi, I'm really sorry about this, I understand how stressful it is. I have passed it to the right team as urgent and I will email you an update by 5 pm today. Is there anything else I can help you with?";
const spanishReply =
  "Hola Lucía, siento mucho el retraso y entiendo lo importante que es este regalo para ti. Hoy mismo hablo con la transportista y te escribo antes de las 18:00 con la nueva fecha de entrega. ¿Hay algo más en lo que pueda ayudarte?";

function latestAttempt(email: string, scenarioId: string) {
  return withConnection(inject("e2eDatabaseUrl"), (db) =>
    db.get<{ id: string; turn: number; finishedAt: string | null; reviewStatus: string; state: string }>(
      `SELECT a."id", a."turn", a."finishedAt", a."reviewStatus", a."state" FROM "ScenarioAttempt" a JOIN "User" u ON u."id" = a."userId"
       WHERE u."email" = ? AND a."scenarioId" = ? ORDER BY a."startedAt" DESC LIMIT 1`,
      email,
      scenarioId,
    ),
  );
}

async function eventCount(attemptId: string) {
  const row = await withConnection(inject("e2eDatabaseUrl"), (db) =>
    db.get<{ n: number }>('SELECT COUNT(*) AS n FROM "ScenarioEvent" WHERE "attemptId" = ?', attemptId),
  );
  return row?.n ?? 0;
}

async function open(page: Page, scenarioId: string) {
  await page.goto(`/scenarios/${scenarioId}`);
  await page.waitForSelector("html[data-hydrated]");
  await page.locator('form:has(input[name="intent"][value="start"]) button').click();
  await page.waitForSelector("[data-help-desk]");
}

describe("the scenario simulator", () => {
  test("a trainee plays the chat scenario with the help desk, reloads mid-way, finishes, and it waits for review", async () => {
    const scenario = scenarioFile("double-charge-chat");
    const page = await browser.newPage();
    await signIn(page, demo("trainee"));
    await page.goto("/scenarios");
    await page.getByRole("link", { name: scenario.title }).click();
    await page.waitForSelector("html[data-hydrated]");
    await page.locator('form:has(input[name="intent"][value="start"]) button').click();
    await page.waitForSelector("[data-help-desk]");
    // Chat look: the customer's first message in a bubble; the CRM record beside it.
    await expect.poll(() => page.locator('[data-turn="customer"]').first().textContent()).toContain("TWICE");
    expect(await page.locator("[data-help-desk]").textContent()).toContain("INV-20932");

    await answerStep(page, scenario, { pick: "best", text: englishReply });
    expect(await page.locator('[data-hint="option"]').first().textContent()).toContain(
      only(scenario).steps[0]?.replies?.[0]?.feedback,
    );

    // The ticket: category and priority in one save (two actions), then a tag.
    await page.locator('select[name="category"]').selectOption("billing");
    await page.locator('select[name="priority"]').selectOption("high");
    await deskAction(page, () => page.getByRole("button", { name: "Save ticket" }).click());
    await page.locator("#desk-tag").fill("duplicate-charge");
    await deskAction(page, () => page.getByRole("button", { name: "Add", exact: true }).click());

    // A reload resumes at the same step with the same help desk.
    const stepBefore = await currentStep(page);
    await page.reload();
    await page.waitForSelector("html[data-hydrated]");
    expect(await currentStep(page)).toBe(stepBefore);
    expect(await page.locator('select[name="priority"]').inputValue()).toBe("high");
    expect(await page.locator('select[name="category"]').inputValue()).toBe("billing");
    expect(await page.getByRole("list", { name: "Tags" }).textContent()).toContain("duplicate-charge");
    expect(await page.locator("[data-activity-log] li").count()).toBe(4);

    // A closed tab: coming back from /learn, the attempt is there to carry on.
    await page.goto("/learn");
    await page.getByRole("link", { name: `Carry on: ${scenario.title}` }).click();
    await page.waitForSelector("[data-help-desk]");
    expect(await currentStep(page)).toBe(stepBefore);

    // The knowledge base: search, read, link.
    await page.locator("#kb-q").fill("refund card");
    await page.locator("[data-help-desk]").getByRole("button", { name: "Search", exact: true }).click();
    await page.getByRole("link", { name: "When will I get my refund?" }).click();
    await page.waitForSelector("#kb-article-title");
    expect(await page.locator("article:has(#kb-article-title)").textContent()).toContain("3–5 working days");
    await deskAction(page, () => page.getByRole("button", { name: "Link to the ticket" }).click());

    // Escalation to Billing with a note.
    await page.locator('form:has(input[name="type"][value="escalate"]) select').selectOption("billing");
    await page
      .locator('form:has(input[name="type"][value="escalate"]) textarea')
      .fill("Duplicate renewal: INV-20931 and INV-20932, R$1,440 each, card •••• 2290. Salaries due Friday.");
    await deskAction(page, () => page.getByRole("button", { name: "Escalate", exact: true }).click());

    await playToEnd(page, scenario, { pick: "best", text: englishReply });
    // Free text gets its ten checks as hints (blame split from banned, ADR 029).
    expect(await page.locator('[data-hint="text"]').first().locator("[data-check]").count()).toBe(10);
    await finish(page);

    expect(page.url()).toMatch(/\/scenarios\/double-charge-chat\/attempts\/[a-z0-9]+$/);
    expect(await page.locator("[data-required][data-done=true]").count()).toBe(5);
    expect(await page.locator("[data-required][data-done=false]").count()).toBe(0);
    expect(await page.locator("[data-review-status=waiting]").count()).toBe(1);
    const path = await page.locator("svg[data-mood-path]").getAttribute("data-mood-path");
    expect(path?.split(",")[0]).toBe(String(only(scenario).persona.mood));
    const replies = await page.locator("[data-turn-times] li").count();
    expect(path?.split(",")).toHaveLength(replies + 1);
    expect(await page.locator("[data-measure=csat]").textContent()).toMatch(/[1-5] \/ 5/);
    expect(await page.locator("[data-measure=first-reply]").textContent()).toMatch(/\d+:\d\d/);
    expect((await latestAttempt(demo("trainee"), scenario.id))?.reviewStatus).toBe("waiting");

    // The list shows the best result.
    await page.goto("/scenarios");
    expect(await page.locator('[data-scenario="double-charge-chat"] [data-result]').textContent()).toMatch(
      /CSAT [1-5]\/5/,
    );
  });

  test("a trainee answers a phone call turn by turn, as a transcript, to the end", async () => {
    const scenario = scenarioFile("locked-out-phone");
    const page = await browser.newPage();
    await signIn(page, demo("trainee"));
    await open(page, scenario.id);
    expect(await page.getByRole("region", { name: "Call transcript" }).count()).toBe(1);
    await answerStep(page, scenario, { pick: "best", text: englishReply });
    await page
      .locator('form:has(input[name="type"][value="add-note"]) textarea')
      .fill("Caller verified by date of birth.");
    await deskAction(page, () => page.getByRole("button", { name: "Add note" }).click());
    await playToEnd(page, scenario, { pick: "best", text: englishReply });
    expect(await page.getByRole("region", { name: "Call transcript" }).textContent()).toContain("Caller");
    await finish(page);
    expect(await page.locator("[data-review-status=waiting]").count()).toBe(1);
    expect(await page.getByText("Caller verified by date of birth.").count()).toBe(1);
  });

  test("a Spanish-speaking trainee plays the email scenario in Spanish to the end", async () => {
    const scenario = scenarioFile("late-delivery-email", "es");
    const page = await browser.newPage(); // signs in in English; her profile says Spanish
    await signIn(page, demo("valentina.ruiz"));
    await open(page, scenario.id);
    expect(await page.locator("h1").textContent()).toBe(scenario.title);
    // The email look: subject as the thread's heading, earlier messages quoted.
    expect(await page.locator("h2", { hasText: scenario.email?.subject ?? "?" }).count()).toBe(1);
    await playToEnd(page, scenario, { pick: "best", text: spanishReply });
    expect(await page.locator('[data-hint="text"]').count()).toBeGreaterThan(0);
    await finish(page);
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    expect(await page.locator("[data-review-status=waiting]").count()).toBe(1);
    expect((await latestAttempt(demo("valentina.ruiz"), scenario.id))?.reviewStatus).toBe("waiting");
  });

  test("on social media the talk starts in public and moves to direct messages; free text and notes are shown as text", async () => {
    const scenario = scenarioFile("public-complaint-social");
    const page = await browser.newPage();
    await signIn(page, demo("priya.nair"));
    await open(page, scenario.id);
    expect(await page.getByRole("region", { name: "Public thread" }).textContent()).toContain("@carla.mendes");
    expect(await page.getByRole("region", { name: "Direct messages" }).count()).toBe(0);
    await answerStep(page, scenario, { pick: "best", text: englishReply });
    expect(await page.getByRole("region", { name: "Direct messages" }).count()).toBe(1);

    const payload = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> Hi Rafael`;
    const stepId = await currentStep(page);
    await replyForm(page).locator("textarea[name=text]").fill(payload);
    await replyForm(page).locator('button[type="submit"]').click();
    await expect.poll(() => currentStep(page)).not.toBe(stepId);
    await page
      .locator('form:has(input[name="type"][value="add-note"]) textarea')
      .fill("<b>bold?</b> <script>alert(1)</script>");
    await deskAction(page, () => page.getByRole("button", { name: "Add note" }).click());
    await page.reload();
    await page.waitForSelector("html[data-hydrated]");
    expect(await page.getByText(payload).count()).toBe(1);
    expect(await page.getByText("<b>bold?</b> <script>alert(1)</script>").count()).toBe(1);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("[data-help-desk] b").count()).toBe(0);
  });

  test("an over-long reply is refused with a message, the text stays in the box, and nothing is stored", async () => {
    const scenario = scenarioFile("double-charge-chat");
    const page = await browser.newPage();
    await signIn(page, demo("kenji.sato"));
    await open(page, scenario.id);
    // Reach the first free-text step.
    for (let i = 0; i < 5 && !(await replyForm(page).locator("textarea[name=text]").count()); i++)
      await answerStep(page, scenario, { pick: "best", text: englishReply });
    const attempt = await latestAttempt(demo("kenji.sato"), scenario.id);
    if (!attempt) throw new Error("no attempt");
    const before = await eventCount(attempt.id);
    const long = `Hi Renata, ${"the-refund-is-on-its-way ".repeat(90)}`.slice(0, 2099) + "!";
    const box = replyForm(page).locator("textarea[name=text]");
    await box.evaluate((el) => el.removeAttribute("maxlength"));
    await box.fill(long);
    await replyForm(page).locator('button[type="submit"]').click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("2000 characters; yours has 2100");
    expect(await replyForm(page).locator("textarea[name=text]").inputValue()).toBe(long);
    expect(await eventCount(attempt.id)).toBe(before);
  });
});

describe("bad input over HTTP: a clear 4xx and nothing stored", () => {
  test("wrong step, unknown option, field value or article, someone else's attempt, a finished attempt", async () => {
    const diego = await sessionFor(demo("priya.nair"));
    const sam = await sessionFor(demo("trainee"));
    const post = (cookie: string, body: Record<string, string>) =>
      request("POST", "/scenarios/double-charge-chat", { cookie, body: new URLSearchParams(body).toString() });
    // A difficulty that does not exist starts nothing; a real one is recorded with the attempt.
    const refused = await post(diego, { intent: "start", difficulty: "nightmare" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("is not a difficulty");
    expect(await latestAttempt(demo("priya.nair"), "double-charge-chat")).toBeUndefined();
    expect((await post(diego, { intent: "start", difficulty: "hard" })).status).toBe(302);
    const attempt = await latestAttempt(demo("priya.nair"), "double-charge-chat");
    if (!attempt) throw new Error("no attempt");
    expect(JSON.parse(attempt.state)).toMatchObject({ difficulty: "hard" });
    const base = { attemptId: attempt.id, step: "opening" };

    const cases: Array<[string, Record<string, string>, number, string]> = [
      ["unknown option", { intent: "reply", ...base, option: "z" }, 400, "not one of the options"],
      ["wrong step", { intent: "reply", ...base, step: "refund-when", text: "Hello" }, 409, "already been answered"],
      ["unknown status", { intent: "ticket", ...base, status: "archived" }, 400, "is not a possible value for Status"],
      [
        "unknown team",
        { intent: "action", ...base, type: "escalate", value: "legal", note: "x" },
        400,
        "is not a possible value for Team",
      ],
      [
        "unknown article",
        { intent: "action", ...base, type: "link-article", value: "secret-article" },
        400,
        "not in this scenario",
      ],
      [
        "a conversation the attempt does not have",
        { intent: "reply", ...base, conversation: "second", text: "Hello" },
        400,
        "has no conversation",
      ],
      [
        "unknown action",
        { intent: "action", ...base, type: "refund", value: "1440" },
        400,
        "does not know that action",
      ],
    ];
    for (const [name, body, status, message] of cases) {
      const response = await post(diego, body);
      expect(response.status, name).toBe(status);
      expect(await response.text(), name).toContain(message);
    }
    expect(await eventCount(attempt.id)).toBe(0);

    // Sam's attempts are not Diego's to touch: 404, as if they did not exist.
    const samsAttempt = await latestAttempt(demo("trainee"), "double-charge-chat");
    if (!samsAttempt) throw new Error("the chat test runs first and leaves Sam a finished attempt");
    const samsEvents = await eventCount(samsAttempt.id);
    expect(
      (await post(diego, { intent: "action", attemptId: samsAttempt.id, step: "closing", type: "add-note", note: "x" }))
        .status,
    ).toBe(404);
    expect(
      (await request("GET", `/scenarios/double-charge-chat/attempts/${samsAttempt.id}`, { cookie: diego })).status,
    ).toBe(404);
    // And a finished attempt takes nothing more, even from its owner.
    const late = await post(sam, {
      intent: "action",
      attemptId: samsAttempt.id,
      step: "closing",
      type: "add-note",
      note: "x",
    });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("finished");
    expect(await eventCount(samsAttempt.id)).toBe(samsEvents);
  });
});

describe("without JavaScript", () => {
  test("replies and help-desk actions work as plain forms, and a refused action says why beside its form", async () => {
    const scenario = scenarioFile("late-delivery-email");
    const page = await browser.newPage({ javaScriptEnabled: false });
    await signIn(page, demo("kenji.sato"));
    await page.goto(`/scenarios/${scenario.id}`);
    await Promise.all([
      page.waitForURL(`**/scenarios/${scenario.id}`),
      page.locator('form:has(input[name="intent"][value="start"]) button').click(),
    ]);
    const first = await currentStep(page);
    const option = only(scenario).steps.find((s) => s.id === first)?.replies?.[0]?.id ?? "a";
    await replyForm(page).locator(`input[name="option"][value="${option}"]`).check();
    await Promise.all([page.waitForURL(/#reply$/), replyForm(page).locator('button[type="submit"]').click()]);
    expect(await currentStep(page)).not.toBe(first);
    expect(await page.locator('[data-hint="option"]').count()).toBe(1);

    // An escalation without a note: refused beside the escalation form, the team kept.
    const escalate = page.locator('form:has(input[name="type"][value="escalate"])');
    const team = scenario.teams[0] ?? "";
    await escalate.locator("select").selectOption(team);
    await escalate.locator("button").click();
    await page.waitForLoadState("load");
    const panel = page.locator('section[aria-labelledby="desk-escalate"]');
    expect(await panel.getByRole("alert").textContent()).toContain("Write a note");
    expect(await page.locator('form:has(input[name="type"][value="escalate"]) select').inputValue()).toBe(team);
    expect(await page.locator("[data-activity-log] li").count()).toBe(1);
  });
});

describe("several chats at once", () => {
  test("two customers without JavaScript: the second chat opens after the first reply, a reply sent to the wrong chat is refused, careful work in both ends resolved", async () => {
    const id = "two-chats-charger-and-refund";
    const page = await browser.newPage({ javaScriptEnabled: false });
    await signIn(page, demo("kenji.sato"));
    await page.goto(`/scenarios/${id}`);
    const send = (button: ReturnType<Page["locator"]>) =>
      Promise.all([page.waitForEvent("load"), button.click()]).then(() => undefined);
    await send(page.locator('form:has(input[name="intent"][value="start"]) button'));
    const aiko = page.locator("#chat-aiko");
    const mateo = page.locator("#chat-mateo");
    const replyIn = (chat: typeof aiko) => chat.locator('form:has(input[name="intent"][value="reply"])');
    expect(await mateo.count()).toBe(0);
    expect(await page.locator("[data-chat=mateo]").textContent()).toContain("not written yet");

    await replyIn(aiko).locator('input[name="option"][value="a"]').check();
    await send(replyIn(aiko).locator('button[type="submit"]'));
    expect(await mateo.count()).toBe(1);
    expect(await page.locator("[data-chat=mateo] [data-waiting]").count()).toBe(1);

    // Mateo's step sent from Aiko's chat: refused, nothing stored.
    const attemptId = await replyIn(aiko).locator('input[name="attemptId"]').inputValue();
    const before = await eventCount(attemptId);
    const wrong = await request("POST", `/scenarios/${id}`, {
      cookie: await sessionFor(demo("kenji.sato")),
      body: new URLSearchParams({
        intent: "reply",
        attemptId,
        conversation: "aiko",
        step: "mateo-opening",
        option: "a",
      }).toString(),
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("meant for Mateo");
    expect(await eventCount(attemptId)).toBe(before);

    // The help desk of each chat is its own: Aiko's tag and note, Mateo's escalation and article.
    await aiko.locator("#aiko-desk-tag").fill("replacement");
    await send(aiko.locator('form:has(#aiko-desk-tag) button[type="submit"]'));
    await aiko
      .locator('form:has(input[name="type"][value="add-note"]) textarea')
      .fill("HA-5512 dead on arrival; replacement tomorrow before noon.");
    await send(aiko.locator('form:has(input[name="type"][value="add-note"]) button'));
    const escalate = mateo.locator('form:has(input[name="type"][value="escalate"])');
    await escalate.locator("select").selectOption("billing");
    await escalate.locator("textarea").fill("RMA-3390, A$249, checked in Wednesday, refund never released.");
    await send(escalate.locator("button"));
    await page.goto(`/scenarios/${id}?article=refund-after-return`);
    await send(mateo.locator('form:has(input[name="type"][value="link-article"]) button'));
    expect(await page.locator('section[aria-labelledby="aiko-desk-log"] li').count()).toBe(3);
    expect(await page.locator('section[aria-labelledby="mateo-desk-log"] li').count()).toBe(2);

    await replyIn(aiko).locator("textarea[name=text]").fill(englishReply.replace("Hi,", "Hi Aiko,"));
    await send(replyIn(aiko).locator('button[type="submit"]'));
    await replyIn(mateo).locator('input[name="option"][value="a"]').check();
    await send(replyIn(mateo).locator('button[type="submit"]'));
    await replyIn(mateo).locator("textarea[name=text]").fill(englishReply.replace("Hi,", "Hi Mateo,"));
    await send(replyIn(mateo).locator('button[type="submit"]'));

    // One finish form, under the last chat.
    expect(await page.locator('form:has(input[name="intent"][value="finish"])').count()).toBe(1);
    await send(page.locator('form:has(input[name="intent"][value="finish"]) button'));
    expect(await page.locator("h1 + p").textContent()).toContain("Resolved");
    expect(await page.locator("[data-required][data-done=true]").count()).toBe(4);
  });
});
