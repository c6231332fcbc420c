import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { RateLimited } from "#app/utils/rate-limit.server.ts";
import { root } from "#tests/setup/paths.ts";
import { createUser } from "#tests/factories.ts";
import { type ScenarioBundle } from "#app/content/catalog.server.ts";
import { DomainError } from "#app/utils/errors.ts";
import {
  finishAttempt,
  loadAttempt,
  MAX_EVENTS_PER_ATTEMPT,
  recordAction,
  recordReply,
  startAttempt,
} from "./attempts.server.ts";
import {
  MAX_ESCALATIONS,
  MAX_NOTE_LENGTH,
  MAX_NOTES,
  MAX_REPLY_LENGTH,
  replay,
  simulatedCsat,
} from "./engine.server.ts";

let bundle: ScenarioBundle;
let multi: ScenarioBundle;
beforeAll(async () => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
  const { findScenario } = await import("#app/content/catalog.server.ts");
  const found = findScenario("fixture-chat");
  const two = findScenario("fixture-multi");
  if (!found || !two) throw new Error("fixture scenarios missing");
  bundle = found;
  multi = two;
});

/** The one conversation of the fixture chat, at a step. */
const at = (step: string) => ({ conversation: "main", step });

const goodReply =
  "Hi Ana, I'm sorry your parcel is late, I know how frustrating that is. I have asked Logistics to reship it today and you will get a tracking link by email within 24 hours. Is there anything else I can help you with?";

async function playToEnd(userId: string, attemptId: string) {
  await recordReply(userId, bundle, attemptId, at("opening"), { optionId: "a" });
  await recordAction(userId, bundle, attemptId, at("checking"), { type: "set-priority", value: "high" });
  await recordAction(userId, bundle, attemptId, at("checking"), { type: "link-article", value: "late-orders" });
  await recordAction(userId, bundle, attemptId, at("checking"), {
    type: "escalate",
    value: "logistics",
    note: "CS-1 late 9 days; reship today, customer told tracking within 24 h.",
  });
  await recordReply(userId, bundle, attemptId, at("checking"), { text: goodReply });
}

async function eventCount(attemptId: string) {
  return prisma.scenarioEvent.count({ where: { attemptId } });
}

async function expectPlayError(promise: Promise<unknown>, code: string, status: number) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  expect((error as DomainError).status).toBe(status);
}

describe("playing a scenario", () => {
  test("every reply and action is stored as it happens, numbered and timed, and a reload replays to the same state", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await playToEnd(user.id, id);
    const attempt = await loadAttempt(user.id, bundle, id);
    expect(attempt.events.map((e) => [e.seq, e.kind, e.stepId])).toEqual([
      [1, "reply", "opening"],
      [2, "action", "checking"],
      [3, "action", "checking"],
      [4, "action", "checking"],
      [5, "reply", "checking"],
    ]);
    expect(attempt.events.every((e) => e.at instanceof Date)).toBe(true);
    expect(attempt.stepId).toBe("thanks");
    expect(attempt.state.conversations[0]?.ticket).toMatchObject({ priority: "high", linked: ["late-orders"] });
    // The snapshot and a replay of the events agree: nothing lives only in memory.
    expect(replay(attempt.scenario, "normal", attempt.events)).toEqual(attempt.state);
  });

  test("starting again while an attempt is open resumes it instead of opening a second one", async () => {
    const user = await createUser();
    const first = await startAttempt(user.id, bundle, "en", "normal");
    await recordReply(user.id, bundle, first, at("opening"), { optionId: "b" });
    expect(await startAttempt(user.id, bundle, "en", "normal")).toBe(first);
    expect((await loadAttempt(user.id, bundle, first)).stepId).toBe("angry");
  });

  test("ten starts at once (double clicks, tabs, servers): one open attempt is stored and every start resumes it", async () => {
    const user = await createUser();
    const started = await Promise.all(Array.from({ length: 10 }, () => startAttempt(user.id, bundle, "en", "normal")));
    const open = await prisma.scenarioAttempt.findMany({ where: { userId: user.id }, select: { id: true } });
    expect(open).toHaveLength(1);
    expect(new Set(started)).toEqual(new Set([open[0]?.id]));
  });

  test("the database itself refuses a second open attempt for a person and scenario; finished ones may be many", async () => {
    const user = await createUser();
    const row = { userId: user.id, scenarioId: bundle.id, locale: "en", stepId: "opening", state: "{}" };
    await prisma.scenarioAttempt.create({ data: { ...row, finishedAt: new Date() } });
    await prisma.scenarioAttempt.create({ data: { ...row, finishedAt: new Date() } });
    await prisma.scenarioAttempt.create({ data: row });
    await expect(prisma.scenarioAttempt.create({ data: row })).rejects.toMatchObject({ code: "P2002" });
    expect(await prisma.scenarioAttempt.count({ where: { userId: user.id } })).toBe(3);
  });

  test("an attempt is played in the language it started in", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "pt-BR", "normal");
    const attempt = await loadAttempt(user.id, bundle, id);
    expect(attempt.locale).toBe("pt-BR");
    const uk = await startAttempt((await createUser()).id, bundle, "uk", "normal");
    expect((await prisma.scenarioAttempt.findUniqueOrThrow({ where: { id: uk } })).locale).toBe("en");
  });

  test("free text gets the automatic checks and moves the mood by them", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await recordReply(user.id, bundle, id, at("opening"), { optionId: "a" });
    const { event } = await recordReply(user.id, bundle, id, at("checking"), {
      text: "Hi Ana, sorry about that. I have asked Logistics to reship it today.",
    });
    if (event.type !== "text") throw new Error("expected a text reply");
    expect(event.checks.find((c) => c.id === "nextStep")?.ok).toBe(true);
    // 7 of 9 applicable checks (no feelings, no closing; no apology owed at mood 3): from 75 % it calms.
    expect(event.preScore).toBe(78);
    expect(event.moodAfter).toBe(event.moodBefore + 1);
    expect([event.next, event.branch]).toEqual(["thanks", null]);
  });

  test("a rude reply takes the scenario's branch for it: its own reaction, its own mood change and feedback", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await recordReply(user.id, bundle, id, at("opening"), { optionId: "a" });
    const { event } = await recordReply(user.id, bundle, id, at("checking"), {
      text: "CALM DOWN!!! that's not my job",
    });
    if (event.type !== "text") throw new Error("expected a text reply");
    expect(event.checks.find((c) => c.id === "shouting")?.ok).toBe(false);
    expect(event.checks.find((c) => c.id === "banned")?.ok).toBe(false);
    expect([event.next, event.branch, event.feedback]).toEqual(["offended", 0, "She hears that it is her fault."]);
    expect(event.moodAfter).toBe(event.moodBefore - 2);
    const vague = await startAttempt((await createUser()).id, bundle, "en", "normal");
    const owner = (await prisma.scenarioAttempt.findUniqueOrThrow({ where: { id: vague } })).userId;
    await recordReply(owner, bundle, vague, at("opening"), { optionId: "a" });
    const second = await recordReply(owner, bundle, vague, at("checking"), { text: "Hi Ana, sorry, it is late." });
    expect([second.event.next, second.event.branch]).toEqual(["when-then", 1]);
  });

  test("finishing measures times, mood path, CSAT and required actions, and queues free text for review", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await playToEnd(user.id, id);
    const { measures, review } = await finishAttempt(user.id, bundle, id);
    expect(review).toBe(true);
    expect(measures.resolved).toBe(true);
    const [main] = measures.conversations;
    expect(main?.ending).toBe("reshipped");
    expect(main?.moodPath).toEqual([2, 3, 4]);
    expect(measures.csat).toBe(4);
    expect(main?.turnSeconds).toHaveLength(2);
    expect(measures.firstReplySeconds).toBe(main?.turnSeconds[0]);
    expect(main?.requiredActions).toEqual([
      { id: "set-high", label: "Set priority to High", done: true },
      { id: "link-late", label: "Link the late-orders article", done: true },
      { id: "to-logistics", label: "Escalate to Logistics with a note", done: true },
    ]);
    expect(measures.freeTextCount).toBe(1);
    expect(measures.checks.find((c) => c.id === "greeting")).toEqual({ id: "greeting", passed: 1, applicable: 1 });
    const row = await prisma.scenarioAttempt.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ reviewStatus: "waiting", csat: 4, resolved: true });
    expect(row.submittedAt).toEqual(row.finishedAt);
  });

  test("an attempt without free text, on a scenario not marked for review, does not go to the queue", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await recordReply(user.id, bundle, id, at("opening"), { optionId: "b" });
    await recordReply(user.id, bundle, id, at("angry"), { optionId: "b" });
    const { measures, review } = await finishAttempt(user.id, bundle, id);
    expect(review).toBe(false);
    expect(measures.resolved).toBe(false);
    expect(measures.csat).toBe(1);
    const row = await prisma.scenarioAttempt.findUniqueOrThrow({ where: { id } });
    expect(row.reviewStatus).toBe("none");
  });

  test("the simulated CSAT is the final mood, at most what the ending allows", () => {
    expect(simulatedCsat(5, { maxCsat: 5 })).toBe(5);
    expect(simulatedCsat(5, { maxCsat: 2 })).toBe(2);
    expect(simulatedCsat(4.5, { maxCsat: 3 })).toBe(3);
    expect(simulatedCsat(0, { maxCsat: 5 })).toBe(1);
    expect(simulatedCsat(7, { maxCsat: 5 })).toBe(5);
  });
});

describe("bad input is refused and nothing is stored", () => {
  test("a reply for a step that is not the current one", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await recordReply(user.id, bundle, id, at("opening"), { optionId: "a" });
    await expectPlayError(recordReply(user.id, bundle, id, at("opening"), { optionId: "b" }), "notCurrentStep", 409);
    await expectPlayError(
      recordAction(user.id, bundle, id, at("opening"), { type: "set-priority", value: "high" }),
      "notCurrentStep",
      409,
    );
    expect(await eventCount(id)).toBe(1);
  });

  test("another person's attempt looks like no attempt at all", async () => {
    const owner = await createUser();
    const other = await createUser();
    const id = await startAttempt(owner.id, bundle, "en", "normal");
    const attemptNotFound = { code: "attemptNotFound", status: 404 };
    await expect(recordReply(other.id, bundle, id, at("opening"), { optionId: "a" })).rejects.toMatchObject(
      attemptNotFound,
    );
    await expect(
      recordAction(other.id, bundle, id, at("opening"), { type: "add-note", note: "mine now" }),
    ).rejects.toMatchObject(attemptNotFound);
    await expect(loadAttempt(other.id, bundle, id)).rejects.toMatchObject(attemptNotFound);
    await expect(finishAttempt(other.id, bundle, id)).rejects.toMatchObject(attemptNotFound);
    expect(await eventCount(id)).toBe(0);
  });

  test("a finished attempt takes no more replies or actions and cannot be finished twice", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await playToEnd(user.id, id);
    await finishAttempt(user.id, bundle, id);
    await expect(
      recordAction(user.id, bundle, id, at("thanks"), { type: "add-note", note: "late note" }),
    ).rejects.toMatchObject({ code: "finished", status: 409 });
    await expect(finishAttempt(user.id, bundle, id)).rejects.toMatchObject({ code: "finished", status: 409 });
    expect(await eventCount(id)).toBe(5);
  });

  test("finishing before the conversation is over", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await expectPlayError(finishAttempt(user.id, bundle, id), "notFinished", 409);
    expect((await prisma.scenarioAttempt.findUniqueOrThrow({ where: { id } })).finishedAt).toBeNull();
  });

  test.each([
    ["an unknown option", "opening", { optionId: "z" }, "unknownOption"],
    ["free text on a choice step", "opening", { text: "Hello Ana" }, "notAReplyStep"],
    ["an empty free-text reply", "checking", { text: "   \n " }, "emptyReply"],
    ["an over-long free-text reply", "checking", { text: "a".repeat(MAX_REPLY_LENGTH + 1) }, "replyTooLong"],
    ["an option on a free-text step", "checking", { optionId: "a" }, "notAReplyStep"],
  ] as const)("%s", async (_name, stepId, input, code) => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    if (stepId === "checking") await recordReply(user.id, bundle, id, at("opening"), { optionId: "a" });
    const before = await eventCount(id);
    await expectPlayError(recordReply(user.id, bundle, id, at(stepId), input), code, 400);
    expect(await eventCount(id)).toBe(before);
  });

  test.each([
    ["a status that does not exist", { type: "set-status", value: "closed-forever" }, "unknownValue"],
    ["a priority that does not exist", { type: "set-priority", value: "critical" }, "unknownValue"],
    ["a category outside the scenario's list", { type: "set-category", value: "technical" }, "unknownValue"],
    ["an article the scenario does not ship", { type: "link-article", value: "../../etc/passwd" }, "unknownArticle"],
    ["a team that is not an escalation target", { type: "escalate", value: "billing", note: "please" }, "unknownValue"],
    ["an escalation without a team", { type: "escalate", value: "", note: "please" }, "chooseTeam"],
    ["an escalation without a note", { type: "escalate", value: "logistics", note: "  " }, "noteRequired"],
    ["an empty internal note", { type: "add-note", note: "" }, "noteRequired"],
    ["an over-long note", { type: "add-note", note: "x".repeat(2001) }, "noteTooLong"],
    ["a tag with markup in it", { type: "add-tag", value: "<b>vip</b>" }, "badTag"],
    ["an action type nobody knows", { type: "delete-ticket", value: "x" }, "unknownAction"],
    ["setting what is already set", { type: "set-priority", value: "normal" }, "noChange"],
  ])("%s", async (_name, input, code) => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await expectPlayError(recordAction(user.id, bundle, id, at("opening"), input), code, 400);
    expect(await eventCount(id)).toBe(0);
  });

  test("two tabs answering the same step at once: exactly one reply is stored, the other is told", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    const results = await Promise.allSettled([
      recordReply(user.id, bundle, id, at("opening"), { optionId: "a" }),
      recordReply(user.id, bundle, id, at("opening"), { optionId: "b" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect((rejected?.reason as DomainError).code).toBe("notCurrentStep");
    expect(await eventCount(id)).toBe(1);
  });

  test("two tabs using the help desk at once: both actions are kept, in order", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await Promise.all([
      recordAction(user.id, bundle, id, at("opening"), { type: "add-tag", value: "vip" }),
      recordAction(user.id, bundle, id, at("opening"), { type: "add-note", note: "Customer waited 9 days." }),
    ]);
    const attempt = await loadAttempt(user.id, bundle, id);
    expect(attempt.events.map((e) => e.seq)).toEqual([1, 2]);
    expect(attempt.state.conversations[0]?.ticket.tags).toContain("vip");
    expect(attempt.state.conversations[0]?.notes).toBe(1);
  });
});

describe("outcomes follow what the trainee does", () => {
  const rude = "CALM DOWN!!! As I said, that's not my job.";

  test("a rude reply with no help-desk work ends unresolved, however the talk ends", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await recordReply(user.id, bundle, id, at("opening"), { optionId: "a" });
    await recordReply(user.id, bundle, id, at("checking"), { text: rude });
    // Even the reply that makes peace leads to the closing step …
    await recordReply(user.id, bundle, id, at("offended"), { optionId: "a" });
    const { measures } = await finishAttempt(user.id, bundle, id);
    // … but nothing was escalated: the case is not resolved and the CSAT is capped.
    expect(measures.conversations[0]?.ending).toBe("forgotten");
    expect(measures.resolved).toBe(false);
    expect(measures.csat).toBeLessThanOrEqual(2);
  });

  test("the same help-desk work after a rude reply gives the lesser ending, never the best one", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await recordReply(user.id, bundle, id, at("opening"), { optionId: "a" });
    await recordAction(user.id, bundle, id, at("checking"), { type: "set-priority", value: "high" });
    await recordAction(user.id, bundle, id, at("checking"), { type: "escalate", value: "logistics", note: "Reship." });
    await recordReply(user.id, bundle, id, at("checking"), { text: rude });
    await recordReply(user.id, bundle, id, at("offended"), { optionId: "a" });
    const { measures } = await finishAttempt(user.id, bundle, id);
    expect(measures.conversations[0]?.ending).toBe("reshipped-late");
    expect(measures.resolved).toBe(true);
    expect(measures.csat).toBeLessThanOrEqual(3);
  });

  test("help-desk work done after the last message still counts: the ending is decided at the finish", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await recordReply(user.id, bundle, id, at("opening"), { optionId: "a" });
    await recordReply(user.id, bundle, id, at("checking"), { text: goodReply });
    await recordAction(user.id, bundle, id, at("thanks"), { type: "set-priority", value: "high" });
    await recordAction(user.id, bundle, id, at("thanks"), { type: "escalate", value: "logistics", note: "Reship." });
    const { measures } = await finishAttempt(user.id, bundle, id);
    expect(measures.conversations[0]?.ending).toBe("reshipped");
    expect(measures.csat).toBe(4);
  });
});

describe("difficulty", () => {
  test("the attempt keeps the difficulty it was started at, and hard hides nothing that is stored", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "hard");
    await recordReply(user.id, bundle, id, at("opening"), { optionId: "a" });
    const attempt = await loadAttempt(user.id, bundle, id);
    expect(attempt.state.difficulty).toBe("hard");
    expect(replay(attempt.scenario, "hard", attempt.events)).toEqual(attempt.state);
  });

  test("at hard a fall hurts more and a furious customer walks out at once", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "hard");
    // Mood 2, a −2 reply × 1.5: furious, and hard has no patience left: the walkout step.
    const { event } = await recordReply(user.id, bundle, id, at("opening"), { optionId: "b" });
    expect([event.moodBefore, event.moodAfter, event.next, event.walkout]).toEqual([2, 1, "lost", true]);
    const { measures } = await finishAttempt(user.id, bundle, id);
    expect(measures.conversations[0]?.walkedOut).toBe(true);
    expect(measures.difficulty).toBe("hard");
    expect(measures.resolved).toBe(false);
  });

  test("at normal the same customer gives one more chance, and at easy a fall hurts half", async () => {
    const user = await createUser();
    const normal = await startAttempt(user.id, bundle, "en", "normal");
    const first = await recordReply(user.id, bundle, normal, at("opening"), { optionId: "b" });
    expect([first.event.moodAfter, first.event.next, first.event.walkout]).toEqual([1, "angry", false]);
    const other = await createUser();
    const easy = await startAttempt(other.id, bundle, "en", "easy");
    const soft = await recordReply(other.id, bundle, easy, at("opening"), { optionId: "b" });
    expect(soft.event.moodAfter).toBe(1);
    expect(soft.event.moodBefore - soft.event.moodAfter).toBe(1);
  });

  test("a difficulty that does not exist is refused and nothing is started", async () => {
    const { parseDifficulty } = await import("./engine.server.ts");
    expect(parseDifficulty("hard")).toBe("hard");
    expect(parseDifficulty("")).toBe("normal");
    expect(() => parseDifficulty("impossible")).toThrow("unknownDifficulty");
    expect(() => parseDifficulty("__proto__")).toThrow("unknownDifficulty");
  });
});

describe("several conversations at once", () => {
  const ana = (step: string) => ({ conversation: "ana", step });
  const ben = (step: string) => ({ conversation: "ben", step });

  test("the second chat opens after the first reply; each has its own step, ticket and measures", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, multi, "en", "normal");
    let attempt = await loadAttempt(user.id, multi, id);
    expect(attempt.state.conversations.map((c) => [c.id, c.openedAt])).toEqual([
      ["ana", 0],
      ["ben", null],
    ]);
    await expectPlayError(
      recordReply(user.id, multi, id, ben("ben-opening"), { optionId: "a" }),
      "conversationNotOpen",
      409,
    );
    await recordReply(user.id, multi, id, ana("ana-opening"), { optionId: "a" });
    attempt = await loadAttempt(user.id, multi, id);
    expect(attempt.state.conversations.map((c) => [c.id, c.openedAt, c.stepId])).toEqual([
      ["ana", 0, "ana-when"],
      ["ben", 1, "ben-opening"],
    ]);
    await recordReply(user.id, multi, id, ben("ben-opening"), { optionId: "a" });
    await recordAction(user.id, multi, id, ben("ben-when"), { type: "set-category", value: "billing" });
    await recordAction(user.id, multi, id, ana("ana-when"), {
      type: "escalate",
      value: "logistics",
      note: "CS-1 reship today.",
    });
    await recordReply(user.id, multi, id, ana("ana-when"), {
      text: "Hi Ana, I have asked Logistics to reship it today.",
    });
    await expectPlayError(finishAttempt(user.id, multi, id), "notFinished", 409);
    await recordReply(user.id, multi, id, ben("ben-when"), {
      text: "Hi Ben, I'm sorry. You will get it back within 5 days.",
    });
    attempt = await loadAttempt(user.id, multi, id);
    expect(attempt.state.conversations.map((c) => c.ticket.category)).toEqual(["delivery", "billing"]);
    expect(replay(attempt.scenario, "normal", attempt.events)).toEqual(attempt.state);
    expect(attempt.stepId).toBe("ana-thanks ben-thanks");
    const { measures } = await finishAttempt(user.id, multi, id);
    expect(measures.conversations.map((c) => [c.id, c.ending, c.resolved])).toEqual([
      ["ana", "ana-reshipped", true],
      ["ben", "ben-refunded", true],
    ]);
    expect(measures.conversations.map((c) => c.turnSeconds.length)).toEqual([2, 2]);
    expect(measures.resolved).toBe(true);
  });

  test("a reply meant for one chat but posted to another, or to a chat that does not exist, is refused", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, multi, "en", "normal");
    await recordReply(user.id, multi, id, ana("ana-opening"), { optionId: "a" });
    const before = await eventCount(id);
    // Ben's step, sent as a reply in Ana's chat.
    await expectPlayError(
      recordReply(user.id, multi, id, ana("ben-opening"), { optionId: "a" }),
      "otherConversation",
      400,
    );
    await expectPlayError(
      recordAction(user.id, multi, id, ana("ben-opening"), { type: "add-note", note: "for Ben" }),
      "otherConversation",
      400,
    );
    await expectPlayError(
      recordReply(user.id, multi, id, { conversation: "carla", step: "ana-when" }, { text: "Hi" }),
      "unknownConversation",
      400,
    );
    await expectPlayError(
      recordReply(user.id, multi, id, { conversation: "main", step: "ana-when" }, { text: "Hi" }),
      "unknownConversation",
      400,
    );
    expect(await eventCount(id)).toBe(before);
  });
});

describe("limits on what one person can write", () => {
  test("the notes flood: past MAX_NOTES a note is refused with a message and nothing is stored", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await recordReply(user.id, bundle, id, at("opening"), { optionId: "a" });
    const note = "x".repeat(MAX_NOTE_LENGTH);
    for (let i = 0; i < MAX_NOTES; i++) {
      await recordAction(user.id, bundle, id, at("checking"), { type: "add-note", note });
    }
    const before = await eventCount(id);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => recordAction(user.id, bundle, id, at("checking"), { type: "add-note", note })),
    );
    expect(results.every((r) => r.status === "rejected")).toBe(true);
    await expectPlayError(
      recordAction(user.id, bundle, id, at("checking"), { type: "add-note", note }),
      "tooManyNotes",
      400,
    );
    expect(await eventCount(id)).toBe(before);
    expect((await loadAttempt(user.id, bundle, id)).state.conversations[0]?.notes).toBe(MAX_NOTES);
  }, 60_000);

  test("escalations are limited per attempt", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await recordReply(user.id, bundle, id, at("opening"), { optionId: "a" });
    for (let i = 0; i < MAX_ESCALATIONS; i++) {
      await recordAction(user.id, bundle, id, at("checking"), {
        type: "escalate",
        value: "logistics",
        note: `try ${i}`,
      });
    }
    await expectPlayError(
      recordAction(user.id, bundle, id, at("checking"), { type: "escalate", value: "tier-2", note: "one more" }),
      "tooManyEscalations",
      400,
    );
    expect((await loadAttempt(user.id, bundle, id)).state.conversations[0]?.escalations).toHaveLength(MAX_ESCALATIONS);
  });

  test("an attempt holds at most MAX_EVENTS_PER_ATTEMPT events (tags added and removed forever)", async () => {
    const user = await createUser();
    const id = await startAttempt(user.id, bundle, "en", "normal");
    await recordReply(user.id, bundle, id, at("opening"), { optionId: "a" });
    // Straight into the row: the loop a script would run, without waiting for it.
    await prisma.scenarioAttempt.update({ where: { id }, data: { turn: MAX_EVENTS_PER_ATTEMPT } });
    await expectPlayError(
      recordAction(user.id, bundle, id, at("checking"), { type: "add-tag", value: "spam" }),
      "tooManyActions",
      400,
    );
    expect(await eventCount(id)).toBe(1);
  });

  test("new attempts per hour are limited; resuming the open one is not", async () => {
    const user = await createUser();
    const limit = getEnv().SCENARIO_ATTEMPTS_PER_HOUR;
    for (let i = 0; i < limit; i++) {
      const id = await startAttempt(user.id, bundle, "en", "normal");
      expect(await startAttempt(user.id, bundle, "en", "normal")).toBe(id);
      await prisma.scenarioAttempt.update({ where: { id }, data: { finishedAt: new Date() } });
    }
    const refused = await startAttempt(user.id, bundle, "en", "normal").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimited);
    expect((refused as RateLimited).retryAfterSeconds).toBeGreaterThan(3000);
    expect(await prisma.scenarioAttempt.count({ where: { userId: user.id } })).toBe(limit);
  }, 60_000);
});
