// Turns a stored attempt into the view the browser gets (see view.ts for what is left out).
import { type LoadedAttempt } from "./attempts.server.ts";
import { stepOf } from "./engine.server.ts";
import { type Scenario } from "#app/content/schemas/scenario.ts";
import { type AttemptView, type LogEntry, type TurnView } from "./view.ts";

export function transcriptOf(scenario: Scenario, attempt: Pick<LoadedAttempt, "startedAt" | "events">): TurnView[] {
  const first = stepOf(scenario, scenario.start);
  const turns: TurnView[] = [
    {
      kind: "customer",
      stepId: first.id,
      text: first.customer,
      at: attempt.startedAt.toISOString(),
      private: first.private,
    },
  ];
  let privateNow = first.private;
  for (const event of attempt.events) {
    if (event.kind !== "reply") continue;
    const data = event.data;
    const at = event.at.toISOString();
    turns.push({
      kind: "agent",
      seq: event.seq,
      text: data.text,
      at,
      private: privateNow,
      hint:
        data.type === "option"
          ? { type: "option", feedback: data.feedback, moodChange: data.moodAfter - data.moodBefore }
          : {
              type: "text",
              checks: data.checks.map((c) => ({ id: c.id, ok: c.ok, evidence: c.evidence })),
              preScore: data.preScore,
              moodChange: data.moodAfter - data.moodBefore,
            },
    });
    const next = stepOf(scenario, data.next);
    privateNow = next.private;
    turns.push({ kind: "customer", stepId: next.id, text: next.customer, at, private: next.private });
  }
  return turns;
}

export function logOf(scenario: Scenario, attempt: Pick<LoadedAttempt, "events">): LogEntry[] {
  const title = (id: string) => scenario.articles.find((a) => a.id === id)?.title ?? id;
  return attempt.events.map((event) => {
    const base = { seq: event.seq, at: event.at.toISOString() };
    if (event.kind === "reply") {
      return {
        ...base,
        type: event.data.type === "option" ? "reply-option" : "reply-text",
        value: null,
        from: null,
        note: null,
      };
    }
    const data = event.data;
    return {
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
    };
  });
}

export function attemptView(attempt: LoadedAttempt): AttemptView {
  const { scenario, state } = attempt;
  const step = stepOf(scenario, state.stepId);
  const at = (seq: number) => attempt.events.find((e) => e.seq === seq)?.at.toISOString() ?? "";
  return {
    id: attempt.id,
    locale: attempt.locale,
    startedAt: attempt.startedAt.toISOString(),
    turn: attempt.turn,
    mood: state.mood,
    channel: scenario.channel,
    persona: {
      name: scenario.persona.name,
      history: scenario.persona.history,
      crm: Object.entries(scenario.persona.crm),
    },
    email: scenario.email,
    social: scenario.social,
    transcript: transcriptOf(scenario, attempt),
    current: {
      id: step.id,
      private: step.private,
      options: step.replies?.map((r) => ({ id: r.id, text: r.text })) ?? null,
      prompt: step.freeText?.prompt ?? null,
      ended: Boolean(step.end),
    },
    ticket: {
      status: state.ticket.status,
      priority: state.ticket.priority,
      category: state.ticket.category,
      tags: state.ticket.tags,
      linked: state.ticket.linked.map((id) => ({
        id,
        title: scenario.articles.find((a) => a.id === id)?.title ?? id,
      })),
    },
    notes: attempt.events.flatMap((e) =>
      e.kind === "action" && e.data.type === "add-note" ? [{ seq: e.seq, at: at(e.seq), note: e.data.note }] : [],
    ),
    escalations: attempt.events.flatMap((e) =>
      e.kind === "action" && e.data.type === "escalate"
        ? [{ seq: e.seq, at: at(e.seq), team: e.data.value, note: e.data.note }]
        : [],
    ),
    log: logOf(scenario, attempt),
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
