// What the practice pages show: /learn's attempts to carry on and a scenario to try next,
// and the list of scenarios with each one's best result.
import { type Level } from "#app/content/vocabulary.ts";
import { getScenarios } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { type ScenarioBundle } from "#app/content/catalog.server.ts";
import { listAttempts, loadAttempt } from "./attempts.server.ts";
import { attemptView, searchArticles } from "./view.server.ts";
import { type KnowledgeBase } from "./view.ts";

/** Graded attempts not opened yet, as reviews/ lists them (the route passes them in: reviews sit above scenarios). */
type Unread = Array<{ attemptId: string; decision: string | null; attempt: { scenarioId: string } }>;

export async function getPracticeSummary(userId: string, locale: Locale, focus: Level | null, unread: Unread) {
  const attempts = await listAttempts(userId);
  const bundles = getScenarios();
  const titleOf = (id: string) => {
    const bundle = bundles[id];
    return bundle ? pick(bundle.variants, locale).value.title : id;
  };
  const played = new Set(attempts.map((a) => a.scenarioId));
  const suggestion = Object.values(bundles)
    .map((bundle) => pick(bundle.variants, locale).value)
    .filter((s) => !played.has(s.id) && (!focus || s.level === focus))
    .sort((a, b) => a.title.localeCompare(b.title, locale))[0];
  return {
    inProgress: attempts
      .filter((a) => !a.finishedAt && bundles[a.scenarioId])
      .map((a) => ({ scenarioId: a.scenarioId, title: titleOf(a.scenarioId) })),
    waiting: attempts.filter((a) => a.reviewStatus === "waiting").length,
    unread: unread.map((r) => ({
      attemptId: r.attemptId,
      scenarioId: r.attempt.scenarioId,
      title: titleOf(r.attempt.scenarioId),
      decision: r.decision,
    })),
    suggestion: suggestion ? { id: suggestion.id, title: suggestion.title, channel: suggestion.channel } : null,
  };
}

export type ScenarioFilters = { level: string; channel: string };

/** Every scenario (filtered by level and channel), with this person's plays, unread grades and best result. */
export async function getScenarioList(userId: string, locale: Locale, filters: ScenarioFilters, unread: Unread) {
  const attempts = await listAttempts(userId);
  return Object.values(getScenarios())
    .map((bundle) => {
      const { value: scenario } = pick(bundle.variants, locale);
      const mine = attempts.filter((a) => a.scenarioId === bundle.id);
      const finished = mine.filter((a) => a.finishedAt);
      // The best result: the highest CSAT, a resolved case before an unresolved one.
      const best =
        [...finished].sort((a, b) => (b.csat ?? 0) - (a.csat ?? 0) || Number(b.resolved) - Number(a.resolved))[0] ??
        null;
      return {
        id: bundle.id,
        title: scenario.title,
        summary: scenario.summary,
        channel: scenario.channel,
        level: scenario.level,
        minutes: scenario.minutes,
        review: scenario.review,
        competencies: scenario.competencies,
        inProgress: mine.some((a) => !a.finishedAt),
        unread: unread.filter((r) => r.attempt.scenarioId === bundle.id).map((r) => r.attemptId),
        waiting: finished.filter((a) => a.reviewStatus === "waiting").length,
        plays: finished.length,
        best: best && { id: best.id, csat: best.csat, resolved: best.resolved },
      };
    })
    .filter((s) => (!filters.level || s.level === filters.level) && (!filters.channel || s.channel === filters.channel))
    .sort((a, b) => a.level.localeCompare(b.level) || a.title.localeCompare(b.title, locale));
}

/**
 * One scenario's page: its briefing, the open attempt as the player shows it (with the
 * knowledge base searched for `query` and the article asked for), and the finished plays.
 */
export async function getScenarioPage(
  userId: string,
  bundle: ScenarioBundle,
  locale: Locale,
  kbRequest: { query: string; articleId: string | null },
) {
  const attempts = await listAttempts(userId, bundle.id);
  const open = attempts.find((a) => !a.finishedAt) ?? null;
  const attempt = open ? await loadAttempt(userId, bundle, open.id) : null;
  const preferred = pick(bundle.variants, locale);
  const scenario = attempt ? attempt.scenario : preferred.value;
  const query = kbRequest.query.slice(0, 100).trim();
  const article = scenario.articles.find((a) => a.id === kbRequest.articleId) ?? null;
  const kb: KnowledgeBase = {
    query,
    results: query ? searchArticles(scenario, query).map(({ id, title, snippet }) => ({ id, title, snippet })) : null,
    article: article ? { id: article.id, title: article.title, html: article.html ?? "" } : null,
  };
  return {
    id: bundle.id,
    title: scenario.title,
    summary: scenario.summary,
    situation: scenario.conversations.map((c) => c.persona.situation).join("\n\n"),
    channel: scenario.channel,
    level: scenario.level,
    minutes: scenario.minutes,
    competencies: scenario.competencies,
    review: scenario.review,
    translated: (attempt?.locale ?? preferred.locale) === locale,
    attempt: attempt ? attemptView(attempt) : null,
    kb: attempt ? kb : null,
    history: attempts
      .filter((a) => a.finishedAt)
      .map((a) => ({
        id: a.id,
        finishedAt: a.finishedAt,
        csat: a.csat,
        resolved: a.resolved,
        reviewStatus: a.reviewStatus,
      })),
  };
}
