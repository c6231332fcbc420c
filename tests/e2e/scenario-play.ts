// Playing a scenario in the browser as a trainee would, with the scenario's own file as
// the guide to which reply is which.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { type Page } from "playwright-core";
import { type PrecompiledContent } from "#app/content/catalog.server.ts";
import { type Scenario } from "#app/content/schemas/scenario.ts";
import { root } from "#tests/setup/paths.ts";

let content: PrecompiledContent | undefined;

export function scenarioFile(id: string, locale: "en" | "pt-BR" | "es" | "uk" = "en"): Scenario {
  content ??= JSON.parse(readFileSync(path.join(root, "build/content/content.json"), "utf8")) as PrecompiledContent;
  const scenario = content.scenarios[id]?.variants[locale];
  if (!scenario) throw new Error(`no scenario ${id} in ${locale}`);
  return scenario;
}

/** The one customer of a single-conversation scenario. */
export function only(scenario: Scenario) {
  const [conversation] = scenario.conversations;
  if (!conversation) throw new Error(`${scenario.id} has no conversation`);
  return conversation;
}

export const replyForm = (page: Page) => page.locator('form:has(input[name="intent"][value="reply"])');

export async function currentStep(page: Page) {
  if (await page.locator('form:has(input[name="intent"][value="finish"])').count()) return null;
  return replyForm(page).locator('input[name="step"]').inputValue();
}

/** Waits until the conversation has moved past the given step (the form is re-rendered). */
export async function waitPast(page: Page, stepId: string, agentTurnsBefore: number) {
  await page.waitForFunction(
    ([before]) => document.querySelectorAll("[data-hint]").length > Number(before),
    [agentTurnsBefore],
  );
  await expect.poll(() => currentStep(page)).not.toBe(stepId);
}

/**
 * Answers the current step: the reply that pleases the customer most (or least), or the
 * given free text. Returns the step answered.
 */
export async function answerStep(page: Page, scenario: Scenario, how: { pick: "best" | "worst"; text: string }) {
  const stepId = await currentStep(page);
  if (!stepId) throw new Error("the conversation is already over");
  const step = scenario.conversations.flatMap((c) => c.steps).find((s) => s.id === stepId);
  if (!step) throw new Error(`unknown step ${stepId}`);
  const hintsBefore = await page.locator("[data-hint]").count();
  if (step.replies) {
    const sorted = [...step.replies].sort((a, b) => (how.pick === "best" ? b.mood - a.mood : a.mood - b.mood));
    const choice = sorted[0];
    if (!choice) throw new Error("no replies");
    await replyForm(page).locator(`input[name="option"][value="${choice.id}"]`).check();
  } else {
    await replyForm(page).locator("textarea[name=text]").fill(how.text);
  }
  await replyForm(page).locator('button[type="submit"]').click();
  await waitPast(page, stepId, hintsBefore);
  return step;
}

/** Plays until the conversation ends; returns the steps answered, in order. */
export async function playToEnd(page: Page, scenario: Scenario, how: { pick: "best" | "worst"; text: string }) {
  const answered: string[] = [];
  for (let guard = 0; guard < 20 && (await currentStep(page)); guard++) {
    answered.push((await answerStep(page, scenario, how)).id);
  }
  expect(await currentStep(page)).toBeNull();
  return answered;
}

/** Submits a help-desk form and waits until the activity log has grown by one or more entries. */
export async function deskAction(page: Page, submit: () => Promise<void>) {
  const before = await page.locator("[data-activity-log] li").count();
  await submit();
  await expect.poll(() => page.locator("[data-activity-log] li").count()).toBeGreaterThan(before);
}

export async function finish(page: Page) {
  await page.locator('form:has(input[name="intent"][value="finish"]) button').click();
  await page.waitForSelector("[data-measure=csat]");
}
