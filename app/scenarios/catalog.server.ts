// The scenarios as the pages see them: precompiled into build/content/content.json in
// production (with every knowledge-base article already rendered), read from
// courses/scenarios in development.
import { Marked } from "marked";
import { fromDisk, loadPrecompiled } from "#app/courses/catalog.server.ts";
import { type Problem } from "#app/courses/content.server.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { readScenarios } from "./content.server.ts";
import { type Scenario, type ScenarioBundle } from "./model.ts";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

// Articles are Markdown with GitHub tables. Raw HTML in them is shown as text, never
// passed through: an article is content, not markup.
const markdown = new Marked({ gfm: true, async: false }).use({
  renderer: { html: ({ text }) => escapeHtml(text) },
});

export function renderArticle(body: string) {
  return markdown.parse(body, { async: false });
}

/** Reads every scenario and renders its articles (the build and development use this). */
export function scenariosFromRoot(root: string, problems: Problem[] = []): Record<string, ScenarioBundle> {
  const bundles: Record<string, ScenarioBundle> = {};
  for (const entry of readScenarios(root, problems)) {
    if (!entry.variants.en) continue;
    const variants: ScenarioBundle["variants"] = {};
    for (const [locale, variant] of Object.entries(entry.variants)) {
      if (!variant) continue;
      const { file: _file, ...scenario } = variant;
      variants[locale as Locale] = {
        ...scenario,
        articles: scenario.articles.map((a) => ({ ...a, html: renderArticle(a.body) })),
      };
    }
    bundles[entry.id] = { id: entry.id, variants };
  }
  return bundles;
}

export function getScenarios(): Record<string, ScenarioBundle> {
  return loadPrecompiled()?.scenarios ?? fromDisk("scenarios", (root) => scenariosFromRoot(root));
}

/** A scenario by id (looked up, never a path). */
export function findScenario(id: string) {
  const all = getScenarios();
  return Object.hasOwn(all, id) ? (all[id] ?? null) : null;
}

/** The variant in the wanted locale, or English when the scenario has no such translation. */
export function scenarioVariant(bundle: ScenarioBundle, locale: string): { scenario: Scenario; locale: Locale } {
  const own = bundle.variants[locale as Locale];
  if (own) return { scenario: own, locale: locale as Locale };
  const english = bundle.variants.en;
  if (!english) throw new Error(`Scenario ${bundle.id} has no English variant`);
  return { scenario: english, locale: "en" };
}
