import { expect } from "vitest";
import { type Locale } from "#app/utils/i18n.ts";
import { checkReply, type FeedbackContext, type RuleId } from "./rules.server.ts";

export type Case = [rule: RuleId, reply: string, ok: boolean | null, context?: Partial<FeedbackContext>];

/** Runs one reply through the checks and asserts what one rule says about it. */
export function expectRule(locale: Locale, [rule, reply, ok, context]: Case) {
  const checks = checkReply(reply, locale, { customerName: "Marta Oliveira", apologyExpected: true, ...context });
  const check = checks.find((c) => c.id === rule);
  expect(check?.ok, `${rule} on: ${reply}\nevidence: ${check?.evidence}`).toBe(ok);
}
