// Demo scenario attempts, played through the same rules as the app (engine.server.ts), so
// every stored event, measure and mood path is one the app itself could have produced.
import { contentRoot } from "#app/courses/catalog.server.ts";
import { needsReview } from "#app/scenarios/attempts.server.ts";
import { scenarioVariant, scenariosFromRoot } from "#app/scenarios/catalog.server.ts";
import {
  act,
  type ActionEvent,
  initialState,
  measure,
  type PlayState,
  reply,
  type ReplyEvent,
  type StoredEvent,
  stepOf,
} from "#app/scenarios/engine.server.ts";
import { type Scenario } from "#app/scenarios/model.ts";
import { prisma } from "#app/utils/db.server.ts";
import { type Locale } from "#app/utils/i18n.ts";

const DAY = 24 * 60 * 60 * 1000;

type Play = {
  person: string;
  scenario: string;
  /** best: the reply that pleases most at every step; worst: the opposite; mixed: alternating. */
  style: "best" | "worst" | "mixed";
  daysAgo: number;
  /** Replies to play before stopping; unset plays to the end and finishes. */
  stopAfter?: number;
};

const plays: Play[] = [
  { person: "ana.souza", scenario: "double-charge-chat", style: "best", daysAgo: 20 },
  { person: "ana.souza", scenario: "public-complaint-social", style: "mixed", daysAgo: 6 },
  { person: "ana.souza", scenario: "late-delivery-email", style: "best", daysAgo: 1, stopAfter: 2 },
  { person: "oksana.bondarenko", scenario: "locked-out-phone", style: "best", daysAgo: 12 },
  { person: "oksana.bondarenko", scenario: "double-charge-chat", style: "worst", daysAgo: 4 },
  { person: "joao.pereira", scenario: "double-charge-chat", style: "worst", daysAgo: 3 },
  { person: "trainee", scenario: "locked-out-phone", style: "mixed", daysAgo: 10 },
  { person: "valentina.ruiz", scenario: "late-delivery-email", style: "best", daysAgo: 5 },
  { person: "dmytro.melnyk", scenario: "public-complaint-social", style: "best", daysAgo: 8 },
  { person: "mentor", scenario: "manager-request-chat", style: "best", daysAgo: 40 },
  { person: "iryna.tkachenko", scenario: "bug-to-engineering", style: "mixed", daysAgo: 2 },
];

/** A free-text reply a trainee might write, per language: decent, not perfect. */
const sampleReplies: Record<Locale, string> = {
  en: "Hi {name}, I'm sorry about this, I understand how frustrating it is. I have passed it to the right team as urgent and I will update you by 5 pm today. Is there anything else I can help with?",
  "pt-BR":
    "Olá, {name}, sinto muito por isso, entendo como é frustrante. Já passei o caso para a equipe certa como urgente e te dou um retorno até as 17h de hoje. Posso ajudar em mais alguma coisa?",
  es: "Hola, {name}, siento mucho lo ocurrido y entiendo lo frustrante que es. Ya pasé el caso al equipo correcto como urgente y te escribo antes de las 17:00 de hoy. ¿Hay algo más en lo que pueda ayudarte?",
  uk: "Добрий день, {name}! Мені дуже шкода, розумію, як це неприємно. Я вже передав звернення відповідній команді як термінове і напишу вам до 17:00 сьогодні. Чи можу я ще чимось допомогти?",
};

/** A hurried reply: no greeting, no name, no time frame. */
const hurriedReplies: Record<Locale, string> = {
  en: "ok I will check this with the team and come back to you soon.",
  "pt-BR": "ok, vou verificar isso com a equipe e te retorno em breve.",
  es: "ok, lo reviso con el equipo y te digo algo pronto.",
  uk: "ок, я перевірю це з командою і скоро повернуся до вас.",
};

type Planned =
  | { at: Date; stepId: string; kind: "reply"; data: ReplyEvent }
  | { at: Date; stepId: string; kind: "action"; data: ActionEvent };

/** The help-desk actions the scenario asks for, as inputs: all of them for a good play, half for a mixed one. */
function deskInputs(scenario: Scenario, style: Play["style"]) {
  const wanted =
    style === "best"
      ? scenario.requiredActions
      : style === "mixed"
        ? scenario.requiredActions.filter((_, i) => i % 2 === 0)
        : [];
  return wanted.map((action) => ({
    type: action.type,
    value: action.value ?? undefined,
    note:
      action.type === "add-note" || action.type === "escalate"
        ? `${scenario.persona.name}: ${action.label}. Checked the record; customer told what happens next and when.`
        : undefined,
  }));
}

function playOut(scenario: Scenario, locale: Locale, play: Play, startedAt: Date) {
  let state: PlayState = initialState(scenario);
  let clock = startedAt.getTime();
  const planned: Planned[] = [];
  const actions = deskInputs(scenario, play.style);
  const firstName = scenario.persona.name.split(" ")[0] ?? scenario.persona.name;
  let replies = 0;
  for (let guard = 0; guard < 20; guard++) {
    const step = stepOf(scenario, state.stepId);
    if (step.end || (play.stopAfter !== undefined && replies >= play.stopAfter)) break;
    // One help-desk action after each reply until they are all done.
    const action = replies > 0 ? actions.shift() : undefined;
    if (action) {
      clock += 35_000;
      try {
        const done = act(scenario, state, state.stepId, action);
        planned.push({ at: new Date(clock), stepId: state.stepId, kind: "action", data: done.event });
        state = done.state;
      } catch {
        // Already as wanted (for example the ticket starts at that priority): nothing to do.
      }
    }
    const pickBest = play.style === "best" || (play.style === "mixed" && replies % 2 === 0);
    const choice = step.replies
      ? [...step.replies].sort((a, b) => (pickBest ? b.mood - a.mood : a.mood - b.mood))[0]
      : null;
    clock += 45_000 + (replies % 3) * 20_000;
    const done = reply(
      scenario,
      locale,
      state,
      state.stepId,
      choice
        ? { optionId: choice.id }
        : { text: pickBest ? sampleReplies[locale].replace("{name}", firstName) : hurriedReplies[locale] },
    );
    planned.push({ at: new Date(clock), stepId: state.stepId, kind: "reply", data: done.event });
    state = done.state;
    replies++;
  }
  // Whatever is left of the help desk, done once the talk is over.
  for (const action of play.stopAfter === undefined ? actions : []) {
    clock += 30_000;
    try {
      const done = act(scenario, state, state.stepId, action);
      planned.push({ at: new Date(clock), stepId: state.stepId, kind: "action", data: done.event });
      state = done.state;
    } catch {
      // as above
    }
  }
  return { state, planned, endedAt: new Date(clock + 20_000) };
}

export async function seedScenarioHistory(
  ids: Record<string, string>,
  localeOf: (person: string) => Locale,
  today: number,
) {
  const bundles = scenariosFromRoot(contentRoot());
  await prisma.scenarioAttempt.deleteMany({ where: { userId: { in: Object.values(ids) } } });
  let count = 0;
  for (const play of plays) {
    const bundle = bundles[play.scenario];
    const userId = ids[play.person];
    if (!bundle || !userId) continue;
    const { scenario, locale } = scenarioVariant(bundle, localeOf(play.person));
    const startedAt = new Date(today - play.daysAgo * DAY + 9 * 3_600_000 + count * 7 * 60_000);
    const { state, planned, endedAt } = playOut(scenario, locale, play, startedAt);
    const events: StoredEvent[] = planned.map((event, i) => ({ ...event, seq: i + 1 }) as StoredEvent);
    const finished = play.stopAfter === undefined && Boolean(stepOf(scenario, state.stepId).end);
    const measures = finished ? measure(scenario, startedAt, endedAt, events) : null;
    const review = measures ? needsReview(scenario, measures) : false;
    await prisma.scenarioAttempt.create({
      data: {
        userId,
        scenarioId: bundle.id,
        locale,
        startedAt,
        stepId: state.stepId,
        turn: events.length,
        state: JSON.stringify(state),
        finishedAt: measures ? endedAt : null,
        measures: measures ? JSON.stringify(measures) : null,
        csat: measures?.csat ?? null,
        resolved: measures?.resolved ?? null,
        preScore: measures?.preScore ?? null,
        reviewStatus: review ? "waiting" : "none",
        submittedAt: review ? endedAt : null,
        events: {
          create: events.map((event) => ({
            seq: event.seq,
            at: event.at,
            kind: event.kind,
            stepId: event.stepId,
            data: JSON.stringify(event.data),
          })),
        },
      },
    });
    count++;
  }
  return count;
}
