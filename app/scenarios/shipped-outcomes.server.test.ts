// The shipped single-customer scenarios played through the engine in every language they
// have: a careful run reaches the best ending, and rudeness without help-desk work never
// ends resolved (issue 18, ADR 028). content:check proves this over the graph; these runs
// prove the engine and the lexicons route real replies the way the files intend.
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { root } from "#tests/setup/paths.ts";
import { type Catalogue } from "#app/content/catalog.server.ts";
import { type Scenario } from "#app/content/schemas/scenario.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { act, endingOf, initialState, reply, stepOf, type PlayState } from "./engine.server.ts";

let catalogue: Catalogue;
beforeAll(async () => {
  const { catalogueFromTree } = await import("#app/content/catalog.server.ts");
  const { readTree } = await import("#app/content/read.server.ts");
  catalogue = catalogueFromTree(readTree(path.join(root, "courses")));
  // Reading all of courses/ (17 courses in four languages) took 12 s on the shared machine.
}, 120_000);

const locales: Locale[] = ["en", "pt-BR", "es", "uk"];
const scenarios = ["double-charge-chat", "late-delivery-email", "locked-out-phone", "public-complaint-social"];

/** A reply that greets, names, acknowledges, says what happens next and when, and offers more help. */
const careful: Record<Locale, string> = {
  en: "Hi {name}, I'm sorry about this, I understand how frustrating it is. I have passed it to the right team as urgent and I will update you by 5 pm today. Is there anything else I can help with?",
  "pt-BR":
    "Olá, {name}, sinto muito por isso, entendo como é frustrante. Já passei o caso para a equipe certa como urgente e vou te dar um retorno até as 17h de hoje. Posso ajudar em mais alguma coisa?",
  es: "Hola, {name}, siento mucho lo ocurrido y entiendo lo frustrante que es. Ya he pasado el caso al equipo correcto como urgente y le escribiré antes de las 17:00 de hoy. ¿Hay algo más en lo que pueda ayudarle?",
  uk: "Добрий день, {name}! Мені дуже шкода, розумію, як це неприємно. Я вже передав звернення відповідній команді як термінове і напишу Вам до 17:00 сьогодні. Чи можу я ще чимось допомогти?",
};
const rude = "CALM DOWN!!! That is not my job.";

function variant(id: string, locale: Locale): Scenario {
  const found = catalogue.scenarios[id]?.variants[locale];
  if (!found) throw new Error(`no ${id} in ${locale}`);
  return found;
}

/** Every required action of the one customer, done at the first step as a careful agent would. */
function doAllDeskWork(scenario: Scenario, state: PlayState): PlayState {
  const [conversation] = scenario.conversations;
  if (!conversation) throw new Error("no conversation");
  let next = state;
  for (const action of conversation.requiredActions) {
    const note = action.type === "add-note" || action.type === "escalate" ? `${action.label}: done.` : undefined;
    next = act(
      scenario,
      next,
      { conversation: conversation.id, step: next.conversations[0]?.stepId ?? "" },
      {
        type: action.type,
        value: action.value ?? undefined,
        note,
      },
    ).state;
  }
  return next;
}

/** Plays the one conversation to its end step, picking the kindest reply and writing `text`. */
function play(scenario: Scenario, locale: Locale, how: { text: string; deskWork: boolean }) {
  const [conversation] = scenario.conversations;
  if (!conversation) throw new Error("no conversation");
  let state = initialState(scenario, "normal");
  if (how.deskWork) state = doAllDeskWork(scenario, state);
  const visited: string[] = [];
  const firstName = conversation.persona.name.split(" ")[0] ?? "";
  for (let turn = 1; turn < 30; turn++) {
    const current = state.conversations[0];
    if (!current) throw new Error("no conversation state");
    const step = stepOf(conversation, current.stepId);
    visited.push(step.id);
    if (step.endings) return { ending: endingOf(scenario, current), visited };
    const kindest = step.replies ? [...step.replies].sort((a, b) => b.mood - a.mood)[0] : null;
    const input = kindest ? { optionId: kindest.id } : { text: how.text.replace("{name}", firstName) };
    state = reply(scenario, locale, state, { conversation: conversation.id, step: step.id }, input, turn).state;
  }
  throw new Error(`${scenario.id} (${locale}) did not end in 30 turns: ${visited.join(" → ")}`);
}

/** The best ending: the first resolved one in the file. */
function bestEnding(scenario: Scenario) {
  const endings = (scenario.conversations[0]?.steps ?? []).flatMap((s) => s.endings ?? []);
  const best = endings.find((e) => e.resolved);
  if (!best) throw new Error(`${scenario.id} has no resolved ending`);
  return best.id;
}

describe.each(scenarios)("%s, played in every language", (id) => {
  test.each(locales)("%s: a careful run with the help-desk work done reaches the best ending", (locale) => {
    const scenario = variant(id, locale);
    const { ending, visited } = play(scenario, locale, { text: careful[locale], deskWork: true });
    expect([ending.id, ending.resolved], visited.join(" → ")).toEqual([bestEnding(scenario), true]);
  });

  test.each(locales)("%s: shouting 'not my job' with no help-desk work ends unresolved", (locale) => {
    const scenario = variant(id, locale);
    const { ending, visited } = play(scenario, locale, { text: rude, deskWork: false });
    expect(ending.resolved, `${ending.id}: ${visited.join(" → ")}`).toBe(false);
    // The customer reacted to the rudeness: the run left the careful path at the first free text.
    const carefulPath = play(scenario, locale, { text: careful[locale], deskWork: true }).visited;
    expect(visited).not.toEqual(carefulPath);
  });

  test.each(locales)(
    "%s: the same rudeness with every help-desk action done still misses the best ending",
    (locale) => {
      const scenario = variant(id, locale);
      const { ending } = play(scenario, locale, { text: rude, deskWork: true });
      expect(ending.id).not.toBe(bestEnding(scenario));
    },
  );
});
