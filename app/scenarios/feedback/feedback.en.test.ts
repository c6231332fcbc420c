import { describe, expect, test } from "vitest";
import { checkReply, preScore } from "./rules.server.ts";
import { type Case, expectRule } from "./test-helpers.ts";

const cases: Case[] = [
  ["greeting", "Hi Marta, thanks for your message. I've checked your order.", true],
  ["greeting", "Good morning! Your refund is on its way.", true],
  ["greeting", "Your refund was processed yesterday.", false],
  ["greeting", "I checked it and hi-fi headphones are out of stock.", false],
  ["name", "Hello Marta, I can see both charges.", true],
  ["name", "Hello, I can see both charges.", false],
  ["name", "Hello, I can see both charges.", null, { customerName: null }],
  ["name", "Hello Paula, I can see both charges.", false, { customerName: "Paulo Souza" }],
  ["name", "Hello Paulo, I can see both charges.", true, { customerName: "Paulo Souza" }],
  ["name", "Dear Ms Oliveira, I can see both charges.", true],
  ["feelings", "I understand how stressful a double charge is on rent day.", true],
  ["feelings", "That sounds really frustrating, I'm sorry.", true],
  ["feelings", "The charge will be reversed.", false],
  ["apology", "I'm sorry the parcel is late, Marta.", true],
  ["apology", "My apologies for the confusion earlier.", true],
  ["apology", "The parcel is late because of the carrier.", false],
  ["apology", "Your new password is ready.", null, { apologyExpected: false }],
  ["banned", "Please calm down, I will check.", false],
  ["banned", "That's not my job, you need to call billing.", false],
  ["blame", "As I already said, the refund takes five days.", false],
  ["banned", "We're sorry for any inconvenience caused.", false],
  ["banned", "I'll check with billing for you right now.", true],
  ["banned", "I'm calm and I'm here to help.", true],
  ["banned", "Watch your language, please. I'll book the delivery now.", false],
  ["banned", "There's no need to be rude, I'm trying to help.", false],
  ["banned", "I want to help, but I can't continue the chat if the insults continue.", true],
  ["blame", "You should have read the terms before ordering.", false],
  ["blame", "It's not our fault, the carrier lost it.", false],
  ["blame", "It's not your fault, Marta: the mistake was ours.", true],
  ["blame", "I'll check with billing for you right now.", true],
  ["nextStep", "I've asked billing to refund the second charge; you'll see it within 5 working days.", true],
  ["nextStep", "I will call you back tomorrow before 10:00.", true],
  ["nextStep", "I'll look into it and get back to you.", false],
  ["nextStep", "Refunds usually take a while.", false],
  ["closing", "The refund is on its way. Is there anything else I can help with?", true],
  ["closing", "Just reply to this email if the money hasn't arrived by Friday.", true],
  ["closing", "The refund is on its way. Goodbye.", false],
  ["longSentences", "I checked your order. It left our warehouse today.", true],
  [
    "longSentences",
    "I checked your order and I can see that it left our warehouse on Monday and that the carrier scanned it in Madrid on Tuesday but after that there has been no scan at all so I opened a trace with them and they told me that it could take a few more days which I know is not what you want to hear.",
    false,
  ],
  ["shouting", "Your refund is APPROVED and PROCESSED.", false],
  ["shouting", "Thanks for waiting!! It's done.", false],
  ["shouting", "Your CSAT survey link and the PDF invoice are attached.", true],
  ["shouting", "Thanks for waiting! It's done.", true],
];

describe("free-text feedback in English", () => {
  test.each(cases)("%s: %s → %s", (...args) => expectRule("en", args as Case));

  test("a good reply passes every check and scores 100", () => {
    const reply =
      "Hi Marta, I'm so sorry — two charges on the day your rent is due is stressful. I've asked our billing team to refund the second charge, and you'll see it back on your card within 5 working days. Is there anything else I can help with?";
    const checks = checkReply(reply, "en", { customerName: "Marta Oliveira", apologyExpected: true });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(preScore(checks)).toBe(100);
  });

  test("a poor reply fails several checks, each with its evidence", () => {
    const checks = checkReply("Calm down!! The refund takes TIME, nothing I can do.", "en", {
      customerName: "Marta",
      apologyExpected: true,
    });
    const failed = Object.fromEntries(checks.filter((c) => c.ok === false).map((c) => [c.id, c.evidence]));
    expect(Object.keys(failed).sort()).toEqual([
      "apology",
      "banned",
      "closing",
      "feelings",
      "greeting",
      "name",
      "nextStep",
      "shouting",
    ]);
    expect(failed.banned).toBe("calm down");
    expect(preScore(checks)).toBe(20);
  });
});
