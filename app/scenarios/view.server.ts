// Turns a stored attempt into the view the browser gets (see view.ts for what is left out).
import { type Conversation, type Scenario } from "#app/content/schemas/scenario.ts";
import { type LoadedAttempt } from "./attempts.server.ts";
import { isOver, settingsOf, stepOf } from "./engine.server.ts";
import { type AttemptView, type ConversationView, type LogEntry, type TurnView } from "./view.ts";

type Played = Pick<LoadedAttempt, "startedAt" | "events">;

/** When each event happened, by number (0: the start). */
const timeOf = (attempt: Played) => (seq: number) =>
  (seq === 0 ? attempt.startedAt : (attempt.events.find((e) => e.seq === seq)?.at ?? attempt.startedAt)).toISOString();

/**
 * One conversation's turns: the customer's first message when it opened, then each reply
 * with its hint (or none, while hints are hidden) and the customer's answer.
 */
export function transcriptOf(
  conversation: Conversation,
  attempt: Played,
  options: { openedAt: number; hints: boolean },
): TurnView[] {
  const first = stepOf(conversation, conversation.start);
  const turns: TurnView[] = [
    {
      kind: "customer",
      stepId: first.id,
      text: first.customer,
      at: timeOf(attempt)(options.openedAt),
      private: first.private,
    },
  ];
  let privateNow = first.private;
  for (const event of attempt.events) {
    if (event.kind !== "reply" || event.data.conversation !== conversation.id) continue;
    const data = event.data;
    const at = event.at.toISOString();
    const moodChange = data.moodAfter - data.moodBefore;
    turns.push({
      kind: "agent",
      seq: event.seq,
      text: data.text,
      at,
      private: privateNow,
      hint: !options.hints
        ? null
        : data.type === "option"
          ? { type: "option", feedback: data.feedback, moodChange, walkout: data.walkout }
          : {
              type: "text",
              checks: data.checks.map((c) => ({ id: c.id, ok: c.ok, evidence: c.evidence })),
              preScore: data.preScore,
              feedback: data.feedback,
              moodChange,
              walkout: data.walkout,
            },
    });
    const next = stepOf(conversation, data.next);
    privateNow = next.private;
    turns.push({ kind: "customer", stepId: next.id, text: next.customer, at, private: next.private });
  }
  return turns;
}

export function logOf(scenario: Scenario, conversation: string, attempt: Pick<LoadedAttempt, "events">): LogEntry[] {
  const title = (id: string) => scenario.articles.find((a) => a.id === id)?.title ?? id;
  return attempt.events.flatMap((event): LogEntry[] => {
    if (event.data.conversation !== conversation) return [];
    const base = { seq: event.seq, at: event.at.toISOString() };
    if (event.kind === "reply") {
      return [
        {
          ...base,
          type: event.data.type === "option" ? "reply-option" : "reply-text",
          value: null,
          from: null,
          note: null,
        },
      ];
    }
    const data = event.data;
    return [
      {
        ...base,
        type: data.type,
        value:
          data.type === "link-article" || data.type === "unlink-article"
            ? title(data.value)
            : "value" in data
              ? data.value
              : null,
        from: "from" in data ? data.from : null,
        note: "note" in data ? data.note : null,
      },
    ];
  });
}

type ViewedAttempt = Pick<LoadedAttempt, "id" | "locale" | "startedAt" | "turn" | "scenario" | "state" | "events"> & {
  finishedAt: Date | null;
};

/**
 * The attempt as the browser gets it. Hints follow the difficulty while it is played
 * (`who: "trainee"`); a finished attempt, and a mentor, always see them.
 */
export function attemptView(attempt: ViewedAttempt, who: "trainee" | "mentor" = "trainee"): AttemptView {
  const { scenario, state } = attempt;
  const hints = who === "mentor" || attempt.finishedAt !== null || settingsOf(scenario, state).hints;
  const at = timeOf(attempt);
  const conversations = state.conversations.map((c): ConversationView => {
    const conversation = scenario.conversations.find((x) => x.id === c.id);
    if (!conversation) throw new Error(`Scenario ${scenario.id} has no conversation "${c.id}"`);
    const step = stepOf(conversation, c.stepId);
    const open = c.openedAt !== null;
    const transcript = open ? transcriptOf(conversation, attempt, { openedAt: c.openedAt ?? 0, hints }) : [];
    const ended = Boolean(step.endings);
    const own = attempt.events.filter((e) => e.data.conversation === c.id);
    return {
      id: c.id,
      open,
      waitingSince: open && !ended ? (transcript.at(-1)?.at ?? null) : null,
      mood: Math.round(c.mood),
      persona: {
        name: conversation.persona.name,
        history: conversation.persona.history,
        crm: Object.entries(conversation.persona.crm),
      },
      transcript,
      current: {
        id: step.id,
        private: step.private,
        options: open ? (step.replies?.map((r) => ({ id: r.id, text: r.text })) ?? null) : null,
        prompt: open ? (step.freeText?.prompt ?? null) : null,
        ended,
      },
      ticket: {
        status: c.ticket.status,
        priority: c.ticket.priority,
        category: c.ticket.category,
        tags: c.ticket.tags,
        linked: c.ticket.linked.map((id) => ({
          id,
          title: scenario.articles.find((a) => a.id === id)?.title ?? id,
        })),
      },
      notes: own.flatMap((e) =>
        e.kind === "action" && e.data.type === "add-note" ? [{ seq: e.seq, at: at(e.seq), note: e.data.note }] : [],
      ),
      escalations: own.flatMap((e) =>
        e.kind === "action" && e.data.type === "escalate"
          ? [{ seq: e.seq, at: at(e.seq), team: e.data.value, note: e.data.note }]
          : [],
      ),
      log: logOf(scenario, c.id, attempt),
    };
  });
  return {
    id: attempt.id,
    locale: attempt.locale,
    startedAt: attempt.startedAt.toISOString(),
    turn: attempt.turn,
    channel: scenario.channel,
    difficulty: state.difficulty,
    hints,
    email: scenario.email,
    social: scenario.social,
    conversations,
    over: isOver(scenario, state),
    lists: { categories: scenario.categories, teams: scenario.teams },
  };
}

/** A plain-text search of the scenario's articles: every word must appear, accents ignored. */
export function searchArticles(scenario: Scenario, query: string) {
  const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const words = fold(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 10);
  const plain = (body: string) =>
    body
      .replace(/[*_`#|>-]+/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  return scenario.articles
    .map((article) => {
      const title = fold(article.title);
      const body = fold(article.body);
      if (!words.every((w) => title.includes(w) || body.includes(w))) return null;
      const score = words.reduce((sum, w) => sum + (title.includes(w) ? 3 : 0) + body.split(w).length - 1, 0);
      const text = plain(article.body);
      const firstHit = words.length ? fold(text).indexOf(words[0] ?? "") : 0;
      // Start the snippet at a word boundary a little before the first hit.
      const rough = Math.max(0, firstHit - 60);
      const from = rough === 0 ? 0 : text.indexOf(" ", rough) + 1 || rough;
      const snippet = `${from > 0 ? "…" : ""}${text.slice(from, from + 180)}${from + 180 < text.length ? "…" : ""}`;
      return { id: article.id, title: article.title, snippet, score };
    })
    .filter((hit) => hit !== null)
    .sort((a, b) => b.score - a.score);
}
