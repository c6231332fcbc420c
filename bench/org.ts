// Pieces the generated organisation and the load share: a seeded random source, and a
// scenario played to its end through the app's own rules (so stored attempts replay).
import { initialState, measure, reply, type StoredEvent } from "#app/scenarios/engine.server.ts";
import { type Scenario } from "#app/content/schemas/scenario.ts";

/** The app's own seeded random source (mulberry32), for a deterministic organisation. */
export { seededRandom } from "#app/quizzes/grade.server.ts";

const CARING_REPLY =
  "Hi, I'm sorry about this, I understand how frustrating it is. I have checked your account and I will fix it today; you will get an email from me by 4 pm. Is there anything else I can help with?";

/** The first option at every step (a careful reply where free text is asked), to the end. */
export function playThrough(scenario: Scenario) {
  let state = initialState(scenario);
  const events: StoredEvent[] = [];
  const startedAt = new Date(Date.UTC(2026, 0, 1, 10));
  for (let seq = 1; seq <= 50; seq++) {
    const step = scenario.steps.find((s) => s.id === state.stepId);
    if (!step || step.end) break;
    const played = reply(
      scenario,
      "en",
      state,
      state.stepId,
      step.replies ? { optionId: step.replies[0]?.id ?? "" } : { text: CARING_REPLY },
    );
    events.push({
      seq,
      at: new Date(startedAt.getTime() + seq * 45_000),
      stepId: state.stepId,
      kind: "reply",
      data: played.event,
    });
    state = played.state;
  }
  const measures = measure(scenario, startedAt, new Date(startedAt.getTime() + (events.length + 1) * 45_000), events);
  return {
    events,
    state,
    measures,
    stateJson: JSON.stringify(state),
    measuresJson: JSON.stringify(measures),
    eventJson: events.map((e) => JSON.stringify(e.data)),
  };
}
