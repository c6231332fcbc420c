// What /learn shows of practice: attempts to carry on, and a scenario to try next.
import { type Level } from "#app/content/vocabulary.ts";
import { getScenarios } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { listAttempts } from "./attempts.server.ts";

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
