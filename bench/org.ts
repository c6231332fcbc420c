// Pieces the generated organisation and the load share: a seeded random source, and a
// scenario played to its end through the app's own rules (so stored attempts replay).
import { initialState, measure, reply, stepOf, type StoredEvent } from "#app/scenarios/engine.server.ts";
import { type Scenario } from "#app/content/schemas/scenario.ts";

/** The app's own seeded random source (mulberry32), for a deterministic organisation. */
export { seededRandom } from "#app/quizzes/grade.server.ts";

const CARING_REPLY =
  "Hi, I'm sorry about this, I understand how frustrating it is. I have checked your account and I will fix it today; you will get an email from me by 4 pm. Is there anything else I can help with?";

/** The next step waiting for a reply, in any open conversation, or null when all are over. */
export function waitingStep(scenario: Scenario, state: ReturnType<typeof initialState>) {
  for (const current of state.conversations) {
    const conversation = scenario.conversations.find((c) => c.id === current.id);
    if (!conversation || current.openedAt === null) continue;
    const step = stepOf(conversation, current.stepId);
    if (!step.endings) return { target: { conversation: current.id, step: step.id }, step };
  }
  return null;
}

/** The first option at every step (a careful reply where free text is asked), to the end. */
export function playThrough(scenario: Scenario) {
  let state = initialState(scenario, "normal");
  const events: StoredEvent[] = [];
  const startedAt = new Date(Date.UTC(2026, 0, 1, 10));
  for (let seq = 1; seq <= 50; seq++) {
    const waiting = waitingStep(scenario, state);
    if (!waiting) break;
    const { step, target } = waiting;
    const played = reply(
      scenario,
      "en",
      state,
      target,
      step.replies ? { optionId: step.replies[0]?.id ?? "" } : { text: CARING_REPLY },
      seq,
    );
    events.push({
      seq,
      at: new Date(startedAt.getTime() + seq * 45_000),
      stepId: step.id,
      kind: "reply",
      data: played.event,
    });
    state = played.state;
  }
  const measures = measure(
    scenario,
    "normal",
    startedAt,
    new Date(startedAt.getTime() + (events.length + 1) * 45_000),
    events,
  );
  return {
    events,
    state,
    measures,
    stateJson: JSON.stringify(state),
    measuresJson: JSON.stringify(measures),
    eventJson: events.map((e) => JSON.stringify(e.data)),
  };
}
