// Demo scenario attempts, played through the same rules as the app (engine.server.ts), so
// every stored event, measure and mood path is one the app itself could have produced.
import { getScenarios } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { type Scenario } from "#app/content/schemas/scenario.ts";
import { needsReview } from "#app/scenarios/attempts.server.ts";
import {
  act,
  type ActionEvent,
  initialState,
  isOver,
  measure,
  type PlayState,
  reply,
  type ReplyEvent,
  type StoredEvent,
  stepOf,
} from "#app/scenarios/engine.server.ts";
import { changesBetween } from "#app/reviews/grading.server.ts";
import { type Grade } from "#app/reviews/schemas.ts";
import { prisma } from "#app/utils/db.server.ts";
import { type Locale } from "#app/utils/i18n.ts";

const DAY = 24 * 60 * 60 * 1000;

function conversationOf(scenario: Scenario, id: string) {
  const conversation = scenario.conversations.find((c) => c.id === id);
  if (!conversation) throw new Error(`${scenario.id} has no conversation ${id}`);
  return conversation;
}

type Play = {
  person: string;
  scenario: string;
  /** Instead of daysAgo: finished this many hours before now (fresh, not yet overdue). */
  hoursAgo?: number;
  /** best: the reply that pleases most at every step; worst: the opposite; mixed: alternating. */
  style: "best" | "worst" | "mixed";
  daysAgo: number;
  /** Replies to play before stopping; unset plays to the end and finishes. */
  stopAfter?: number;
};

const plays: Play[] = [
  { person: "ana.souza", scenario: "double-charge-chat", style: "best", daysAgo: 20 },
  { person: "ana.souza", scenario: "public-complaint-social", style: "mixed", daysAgo: 6 },
  { person: "ana.souza", scenario: "late-delivery-email", style: "best", daysAgo: 15 },
  { person: "ana.souza", scenario: "locked-out-phone", style: "best", daysAgo: 14 },
  { person: "ana.souza", scenario: "key-account-at-risk", style: "best", daysAgo: 1, stopAfter: 2 },
  { person: "oksana.bondarenko", scenario: "locked-out-phone", style: "best", daysAgo: 12 },
  { person: "oksana.bondarenko", scenario: "double-charge-chat", style: "best", daysAgo: 11 },
  { person: "oksana.bondarenko", scenario: "late-delivery-email", style: "best", daysAgo: 10 },
  { person: "oksana.bondarenko", scenario: "double-charge-chat", style: "worst", daysAgo: 4 },
  { person: "joao.pereira", scenario: "double-charge-chat", style: "worst", daysAgo: 3 },
  { person: "trainee", scenario: "locked-out-phone", style: "mixed", daysAgo: 10 },
  { person: "valentina.ruiz", scenario: "late-delivery-email", style: "best", daysAgo: 5 },
  { person: "dmytro.melnyk", scenario: "public-complaint-social", style: "best", daysAgo: 8 },
  { person: "mentor", scenario: "manager-request-chat", style: "best", daysAgo: 40 },
  { person: "iryna.tkachenko", scenario: "bug-to-engineering", style: "mixed", daysAgo: 2 },
  { person: "joao.pereira", scenario: "public-complaint-social", style: "mixed", daysAgo: 0, hoursAgo: 3 },
  { person: "carmen.lopez", scenario: "late-delivery-email", style: "mixed", daysAgo: 0, hoursAgo: 5 },
  { person: "diego.martinez", scenario: "manager-request-chat", style: "mixed", daysAgo: 1 },
];

type Graded = {
  person: string;
  scenario: string;
  reviewer: string;
  decision: "passed" | "retry";
  /** Levels given to the rubric criteria, in order (repeated if the rubric is longer). */
  levels: number[];
  /** Comments on the trainee's first replies, in order. */
  comments: string[];
  feedback: string;
  /** Days after the submission that the grade came. */
  after: number;
  read: boolean;
  /** A later change of the grade by the same reviewer. */
  edit?: { levels: number[]; decision: "passed" | "retry"; feedback: string; after: number };
};

const grades: Graded[] = [
  {
    person: "ana.souza",
    scenario: "double-charge-chat",
    reviewer: "mentor3",
    decision: "retry",
    levels: [3, 2, 3, 2],
    comments: [
      "Ótima abertura: você nomeou a preocupação com o salário da equipe antes de qualquer outra coisa.",
      "Aqui faltou dizer quando o dinheiro volta. Ela precisa de uma data para planejar a sexta-feira.",
    ],
    feedback:
      "Muito boa empatia do começo ao fim. Para passar, seja precisa sobre o prazo do reembolso (3 a 5 dias úteis depois que o Billing processa) e escale com todos os números das faturas na nota.",
    after: 1,
    read: true,
    edit: {
      levels: [3, 3, 3, 3],
      decision: "passed",
      feedback:
        "Revi a nota interna: ela tem as duas faturas, os valores e o cartão. Mudei para aprovado. Ainda assim, diga a data do reembolso na primeira resposta escrita.",
      after: 2,
    },
  },
  {
    person: "ana.souza",
    scenario: "late-delivery-email",
    reviewer: "mentor3",
    decision: "passed",
    levels: [3, 4, 3, 3],
    comments: ["Você deu a data de entrega do reembolso logo no primeiro e-mail. Perfeito."],
    feedback: "E-mail claro, caloroso e com datas concretas. Aprovado.",
    after: 1,
    read: true,
  },
  {
    person: "ana.souza",
    scenario: "locked-out-phone",
    reviewer: "mentor3",
    decision: "passed",
    levels: [3, 3, 4, 3],
    comments: ["Ótimo ritmo: você esperou a cliente anotar cada passo."],
    feedback: "Paciência exemplar com uma cliente idosa e verificação de identidade correta. Aprovado.",
    after: 2,
    read: true,
  },
  {
    person: "oksana.bondarenko",
    scenario: "locked-out-phone",
    reviewer: "mentor2",
    decision: "passed",
    levels: [4, 3, 4, 3],
    comments: ["Чудово: ви заспокоїли пані Кармен і не поспішали з перевіркою."],
    feedback: "Терпляча, чітка розмова. Наступного разу одразу поставте тег locked-out — це допомагає звітам.",
    after: 1,
    read: false,
  },
  {
    person: "oksana.bondarenko",
    scenario: "double-charge-chat",
    reviewer: "mentor2",
    decision: "passed",
    levels: [3, 3, 3, 4],
    comments: ["Добре: ви одразу назвали обидва рахунки й не поспішали з обіцянками."],
    feedback: "Чесно щодо строків повернення коштів і повна нотатка для білінгу. Зараховано.",
    after: 1,
    read: true,
  },
  {
    person: "oksana.bondarenko",
    scenario: "late-delivery-email",
    reviewer: "mentor2",
    decision: "passed",
    levels: [3, 3, 3, 3],
    comments: [],
    feedback: "Лист зрозумілий, з датами й планом Б. Зараховано.",
    after: 1,
    read: true,
  },
  {
    person: "dmytro.melnyk",
    scenario: "public-complaint-social",
    reviewer: "mentor2",
    decision: "retry",
    levels: [2, 3, 2],
    comments: [
      "Публічна відповідь добра, але не згадуйте номер замовлення відкрито.",
      "Тут варто було запропонувати вікно доставки ввечері: клієнт працює до сьомої.",
    ],
    feedback:
      "Гарний тон. Потренуйтеся ще раз: більше конкретики в приватних повідомленнях і нотатка з посиланням на допис.",
    after: 2,
    read: false,
  },
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

type DeskInput = { conversation: string; type: string; value?: string; note?: string };

/** The help-desk actions each customer needs, as inputs: all of them for a good play, half for a mixed one. */
function deskInputs(scenario: Scenario, style: Play["style"]): DeskInput[] {
  return scenario.conversations.flatMap((c) => {
    // A mixed play does every other action, starting with the second: in the shipped scenarios
    // that includes a note or an escalation, so a mentor grading one has written words to read.
    const wanted =
      style === "best" ? c.requiredActions : style === "mixed" ? c.requiredActions.filter((_, i) => i % 2 === 1) : [];
    return wanted.map((action) => ({
      conversation: c.id,
      type: action.type,
      value: action.value ?? undefined,
      note:
        action.type === "add-note" || action.type === "escalate"
          ? `${c.persona.name}: ${action.label}. Checked the record; customer told what happens next and when.`
          : undefined,
    }));
  });
}

function playOut(scenario: Scenario, locale: Locale, play: Play, startedAt: Date) {
  let state: PlayState = initialState(scenario, "normal");
  let clock = startedAt.getTime();
  const planned: Planned[] = [];
  const actions = deskInputs(scenario, play.style);
  let replies = 0;
  const tryAction = (action: DeskInput) => {
    const current = state.conversations.find((c) => c.id === action.conversation);
    if (!current || current.openedAt === null) return false;
    clock += 30_000;
    try {
      const target = { conversation: current.id, step: current.stepId };
      const done = act(scenario, state, target, action);
      planned.push({ at: new Date(clock), stepId: current.stepId, kind: "action", data: done.event });
      state = done.state;
    } catch {
      // Already as wanted (for example the ticket starts at that priority): nothing to do.
    }
    return true;
  };
  for (let guard = 0; guard < 40; guard++) {
    const conversation = state.conversations.find(
      (c) => c.openedAt !== null && !stepOf(conversationOf(scenario, c.id), c.stepId).endings,
    );
    if (!conversation || (play.stopAfter !== undefined && replies >= play.stopAfter)) break;
    const customer = conversationOf(scenario, conversation.id);
    const step = stepOf(customer, conversation.stepId);
    // One help-desk action after each reply until they are all done.
    const next = replies > 0 ? actions.findIndex((a) => a.conversation === conversation.id) : -1;
    const action = actions[next];
    if (action && tryAction(action)) actions.splice(next, 1);
    const pickBest = play.style === "best" || (play.style === "mixed" && replies % 2 === 0);
    const choice = step.replies
      ? [...step.replies].sort((a, b) => (pickBest ? b.mood - a.mood : a.mood - b.mood))[0]
      : null;
    const firstName = customer.persona.name.split(" ")[0] ?? customer.persona.name;
    clock += 45_000 + (replies % 3) * 20_000;
    const done = reply(
      scenario,
      locale,
      state,
      { conversation: conversation.id, step: conversation.stepId },
      choice
        ? { optionId: choice.id }
        : { text: pickBest ? sampleReplies[locale].replace("{name}", firstName) : hurriedReplies[locale] },
      planned.length + 1,
    );
    planned.push({ at: new Date(clock), stepId: conversation.stepId, kind: "reply", data: done.event });
    state = done.state;
    replies++;
  }
  // Whatever is left of the help desk, done once the talk is over.
  for (const action of play.stopAfter === undefined ? actions : []) tryAction(action);
  return { state, planned, endedAt: new Date(clock + 20_000) };
}

export async function seedScenarioHistory(
  ids: Record<string, string>,
  localeOf: (person: string) => Locale,
  today: number,
  now: number,
) {
  const bundles = getScenarios();
  await prisma.scenarioAttempt.deleteMany({ where: { userId: { in: Object.values(ids) } } });
  let count = 0;
  for (const play of plays) {
    const bundle = bundles[play.scenario];
    const userId = ids[play.person];
    if (!bundle || !userId) continue;
    const { value: scenario, locale } = pick(bundle.variants, localeOf(play.person));
    const startedAt =
      play.hoursAgo !== undefined
        ? new Date(now - play.hoursAgo * 3_600_000)
        : new Date(today - play.daysAgo * DAY + 9 * 3_600_000 + count * 7 * 60_000);
    const { state, planned, endedAt } = playOut(scenario, locale, play, startedAt);
    const events: StoredEvent[] = planned.map((event, i) => ({ ...event, seq: i + 1 }) as StoredEvent);
    const finished = play.stopAfter === undefined && isOver(scenario, state);
    const measures = finished ? measure(scenario, state.difficulty, startedAt, endedAt, events) : null;
    const review = measures ? needsReview(scenario, measures) : false;
    await prisma.scenarioAttempt.create({
      data: {
        userId,
        scenarioId: bundle.id,
        locale,
        startedAt,
        stepId: state.conversations.map((c) => c.stepId).join(" "),
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
  await seedGrades(ids, bundles);
  await seedSignOffs(ids, today);
  return count;
}

/** A few level sign-offs: confirmations with notes, and one withdrawn later. */
async function seedSignOffs(ids: Record<string, string>, today: number) {
  await prisma.signOffEvent.deleteMany({ where: { traineeId: { in: Object.values(ids) } } });
  const events: Array<[string, string, string, "confirm" | "withdraw", string, number]> = [
    [
      "ana.souza",
      "mentor3",
      "calm-under-pressure",
      "confirm",
      "Manteve a calma com o cliente da Procon na terça, sem perder a gentileza.",
      15,
    ],
    [
      "ana.souza",
      "mentor3",
      "complete-records",
      "confirm",
      "Notas internas completas em todos os tickets da semana passada.",
      9,
    ],
    [
      "ana.souza",
      "mentor3",
      "plain-friendly-answers",
      "confirm",
      "Respostas simples e simpáticas no chat e por e-mail no plantão de sábado.",
      8,
    ],
    [
      "ana.souza",
      "mentor3",
      "escalates-with-context",
      "confirm",
      "Escalou o caso de faturamento com todas as faturas na nota e avisou a cliente.",
      7,
    ],
    [
      "oksana.bondarenko",
      "mentor2",
      "plain-friendly-answers",
      "confirm",
      "Прості й доброзичливі відповіді в чаті, перевірено на 10 розмовах.",
      20,
    ],
    [
      "oksana.bondarenko",
      "mentor2",
      "plain-friendly-answers",
      "withdraw",
      "Останні листи занадто формальні; перевіримо ще раз за тиждень.",
      4,
    ],
    [
      "oksana.bondarenko",
      "mentor2",
      "plain-friendly-answers",
      "confirm",
      "Після розмови листи стали простішими й теплішими.",
      2,
    ],
    [
      "oksana.bondarenko",
      "mentor2",
      "complete-records",
      "confirm",
      "Нотатки в тікетах повні, колеги продовжують без питань.",
      3,
    ],
    [
      "oksana.bondarenko",
      "mentor2",
      "escalates-with-context",
      "confirm",
      "Ескалація до білінгу з усіма номерами рахунків.",
      3,
    ],
  ];
  // Numbered per trainee and behaviour in the order they happened, as the app numbers them.
  const numbered = new Map<string, number>();
  for (const [trainee, mentor, behaviourId, action, note, daysAgo] of [...events].sort((x, y) => y[5] - x[5])) {
    const traineeId = ids[trainee];
    const mentorId = ids[mentor];
    if (!traineeId || !mentorId) continue;
    const seq = (numbered.get(`${traineeId}/${behaviourId}`) ?? 0) + 1;
    numbered.set(`${traineeId}/${behaviourId}`, seq);
    await prisma.signOffEvent.create({
      data: {
        traineeId,
        mentorId,
        level: "L1",
        behaviourId,
        seq,
        action,
        note,
        at: new Date(today - daysAgo * DAY + 15 * 3_600_000),
      },
    });
  }
}

/** Grades of some of those attempts, with turn comments and, once, a later change. */
async function seedGrades(ids: Record<string, string>, bundles: ReturnType<typeof getScenarios>) {
  for (const g of grades) {
    const userId = ids[g.person];
    const reviewerId = ids[g.reviewer];
    const bundle = bundles[g.scenario];
    if (!userId || !reviewerId || !bundle) continue;
    const attempt = await prisma.scenarioAttempt.findFirst({
      where: { userId, scenarioId: g.scenario, reviewStatus: "waiting" },
      include: { events: { where: { kind: "reply" }, orderBy: { seq: "asc" }, select: { seq: true } } },
    });
    if (!attempt?.submittedAt) continue;
    const { value: scenario } = pick(bundle.variants, attempt.locale);
    const gradeOf = (levels: number[], decision: Graded["decision"], feedback: string): Grade => ({
      scores: Object.fromEntries(scenario.rubric.map((c, i) => [c.id, levels[i % levels.length] ?? 3])),
      comments: Object.fromEntries(
        g.comments.flatMap((text, i) => (attempt.events[i] ? [[String(attempt.events[i]?.seq), text]] : [])),
      ),
      feedback,
      decision,
    });
    const versions = [{ grade: gradeOf(g.levels, g.decision, g.feedback), after: g.after }];
    if (g.edit) versions.push({ grade: gradeOf(g.edit.levels, g.edit.decision, g.edit.feedback), after: g.edit.after });
    const last = versions.at(-1);
    if (!last) continue;
    const at = (after: number) => new Date(attempt.submittedAt!.getTime() + after * DAY + 2 * 3_600_000);
    const stored = (grade: Grade) => ({
      scores: JSON.stringify(grade.scores),
      comments: JSON.stringify(grade.comments),
      feedback: grade.feedback,
      decision: grade.decision ?? "retry",
    });
    await prisma.review.create({
      data: {
        attemptId: attempt.id,
        reviewerId,
        status: "submitted",
        version: versions.length,
        submittedAt: at(last.after),
        readAt: g.read ? at(last.after + 1) : null,
        ...stored(last.grade),
        versions: {
          create: versions.map((v, i) => ({
            version: i + 1,
            reviewerId,
            createdAt: at(v.after),
            ...stored(v.grade),
            changes: JSON.stringify(changesBetween(i ? (versions[i - 1]?.grade ?? null) : null, v.grade)),
          })),
        },
      },
    });
    await prisma.scenarioAttempt.update({ where: { id: attempt.id }, data: { reviewStatus: "graded" } });
  }
}
