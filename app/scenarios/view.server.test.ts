import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { root } from "#tests/setup/paths.ts";
import { renderArticle } from "#app/content/markdown.server.ts";
import { type Scenario } from "#app/content/schemas/scenario.ts";
import { act, initialState, replay, reply, type StoredEvent } from "./engine.server.ts";
import { attemptView, searchArticles, transcriptOf } from "./view.server.ts";

let scenario: Scenario;
let social: Scenario;
beforeAll(async () => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
  const { catalogueFromTree, findScenario } = await import("#app/content/catalog.server.ts");
  const { readTree } = await import("#app/content/read.server.ts");
  const found = findScenario("fixture-chat")?.variants.en;
  if (!found) throw new Error("fixture scenario missing");
  scenario = found;
  const real = catalogueFromTree(readTree(path.join(root, "courses"))).scenarios["public-complaint-social"]?.variants
    .en;
  if (!real) throw new Error("the social starter scenario is missing");
  social = real;
  // Reading all of courses/ (17 courses in four languages) took 12 s on the shared machine.
}, 120_000);

function events(
  s: Scenario,
  plan: Array<{ step: string; optionId?: string; text?: string }>,
  difficulty: "easy" | "normal" | "hard" = "normal",
): StoredEvent[] {
  let state = initialState(s, difficulty);
  return plan.map((move, i) => {
    const { event, state: next } = reply(
      s,
      "en",
      state,
      { conversation: "main", step: move.step },
      move.optionId ? { optionId: move.optionId } : { text: move.text ?? "" },
      i + 1,
    );
    state = next;
    return {
      seq: i + 1,
      at: new Date(Date.UTC(2026, 0, 1, 10, 0, (i + 1) * 30)),
      stepId: move.step,
      kind: "reply",
      data: event,
    };
  });
}

describe("what the browser gets", () => {
  test("the transcript alternates customer and agent, with hints, and nothing about the steps ahead", () => {
    const played = events(scenario, [{ step: "opening", optionId: "a" }]);
    const attempt = {
      id: "x",
      locale: "en",
      startedAt: new Date(Date.UTC(2026, 0, 1, 10)),
      turn: 1,
      finishedAt: null,
      scenario,
      state: replay(scenario, "normal", played),
      events: played,
    };
    const view = attemptView(attempt);
    const [main] = view.conversations;
    expect(main?.transcript.map((t) => t.kind)).toEqual(["customer", "agent", "customer"]);
    expect(main?.current).toEqual({
      id: "checking",
      private: false,
      options: null,
      prompt: "Tell her what happens next and when.",
      ended: false,
    });
    const json = JSON.stringify(view);
    // No reply's feedback or next step for steps not yet played, and no required actions.
    expect(json).not.toContain("Worse.");
    expect(json).not.toContain("Reshipped");
    expect(json).not.toContain("Escalate to Logistics");
    // Nor the branches and reactions a free-text reply could lead to.
    expect(json).not.toContain("when-then");
    expect(json).not.toContain("She hears that it is her fault.");
    expect(json).not.toContain("Don't talk to me like that.");
  });

  test("at hard the hints are held back while the attempt is played, and shown once it is finished and to a mentor", () => {
    const played = events(scenario, [{ step: "opening", optionId: "a" }], "hard");
    const attempt = {
      id: "x",
      locale: "en",
      startedAt: new Date(Date.UTC(2026, 0, 1, 10)),
      turn: 1,
      finishedAt: null as Date | null,
      scenario,
      state: replay(scenario, "hard", played),
      events: played,
    };
    const agentTurn = (view: ReturnType<typeof attemptView>) =>
      view.conversations[0]?.transcript.find((t) => t.kind === "agent");
    const playing = attemptView(attempt);
    expect(playing.hints).toBe(false);
    expect(agentTurn(playing)).toMatchObject({ kind: "agent", hint: null });
    expect(JSON.stringify(playing)).not.toContain("Good.");
    expect(agentTurn(attemptView(attempt, "mentor"))).toMatchObject({ hint: { type: "option", feedback: "Good." } });
    expect(agentTurn(attemptView({ ...attempt, finishedAt: new Date() }))).toMatchObject({
      hint: { type: "option", feedback: "Good." },
    });
  });

  test("social steps marked private land in the direct messages, and so does the reply to them", () => {
    const moves = [
      {
        step: "opening",
        optionId: social.conversations[0]?.steps[0]?.replies?.find((r) => r.next === "dm-open")?.id ?? "?",
      },
      { step: "dm-open", text: "Hi Rafael, I'm sorry. A replacement ships tomorrow." },
    ];
    const [conversation] = social.conversations;
    if (!conversation) throw new Error("no conversation");
    const transcript = transcriptOf(
      conversation,
      { startedAt: new Date(), events: events(social, moves) },
      { openedAt: 0, hints: true },
    );
    expect(transcript.map((t) => [t.kind, t.private])).toEqual([
      ["customer", false],
      ["agent", false],
      ["customer", true],
      ["agent", true],
      ["customer", true],
    ]);
  });
});

describe("the knowledge base", () => {
  test("search needs every word, ignores case and accents, and ranks title hits first", () => {
    expect(searchArticles(scenario, "LATE").map((a) => a.id)[0]).toBe("late-orders");
    expect(searchArticles(scenario, "refund nonsenseword")).toEqual([]);
    expect(searchArticles(scenario, "")).toHaveLength(scenario.articles.length);
  });

  test("articles render Markdown with tables, and raw HTML in them is shown as text", () => {
    const html = renderArticle(
      "**Bold** and a table:\n\n| Team | Takes |\n|---|---|\n| Billing | refunds |\n\n<script>alert(1)</script>",
    );
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).toContain("<table>");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });

  test("linking an article the scenario does not ship is refused", () => {
    expect(() =>
      act(
        scenario,
        initialState(scenario, "normal"),
        { conversation: "main", step: "opening" },
        { type: "link-article", value: "nope" },
      ),
    ).toThrow("unknownArticle");
  });
});
