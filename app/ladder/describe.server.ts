// Requirements as the reader sees them: a title in their language, the evidence, and where
// to go to meet what is missing.
import { findQuiz, findScenario, getCourses, getLadder } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { type Difficulty } from "#app/content/vocabulary.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { type RequirementResult, type StageResult } from "./evaluate.server.ts";

export type RequirementView = {
  kind: RequirementResult["kind"];
  id: string;
  label: string;
  met: boolean;
  at: string | null;
  detail: string | null;
  href: string | null;
  /** A scenario the ladder wants played at least this hard (easy: any, not said). */
  difficulty?: Difficulty;
  /** The difficulty of a pass that did not count because it was easier than that. */
  tooEasy?: Difficulty | null;
};

export function stageTitle(id: string, locale: Locale) {
  const ladder = getLadder();
  const stage = [...ladder.levels, ...ladder.tracks].find((s) => s.id === id);
  return stage ? pick(stage.title, locale).value : id;
}

/** A stage's requirements (evaluated now, or stored with a certificate or readiness row) in words. */
export function describeRequirements(
  stage: Pick<StageResult, "id" | "requirements">,
  locale: Locale,
): RequirementView[] {
  const ladder = getLadder();
  const courses = getCourses();
  const stageDef = [...ladder.levels, ...ladder.tracks].find((s) => s.id === stage.id);
  return stage.requirements.map((r) => {
    const base = { kind: r.kind, id: r.id, met: r.met, at: r.at?.toISOString() ?? null };
    switch (r.kind) {
      case "stage":
        return { ...base, label: `${r.id} · ${stageTitle(r.id, locale)}`, detail: null, href: "/progress" };
      case "course": {
        const course = courses.find((c) => c.slug === r.id);
        return {
          ...base,
          label: course ? pick(course.text, locale).value.title : r.id,
          detail: `${r.done}/${r.total}`,
          href: `/courses/${r.id}`,
        };
      }
      case "quiz": {
        const quiz = findQuiz(r.id);
        return {
          ...base,
          label: quiz ? pick(quiz.variants, locale).value.title : r.id,
          detail: `${r.best === null ? "—" : `${Math.round(r.best)}%`} / ${r.min}%`,
          href: r.attemptId ? `/quizzes/${r.id}/attempts/${r.attemptId}` : `/quizzes/${r.id}`,
        };
      }
      case "scenario": {
        const bundle = findScenario(r.id);
        return {
          ...base,
          label: bundle ? pick(bundle.variants, locale).value.title : r.id,
          detail: `${r.best === null ? "—" : r.best} / ${r.min}`,
          href: `/scenarios/${r.id}`,
          ...(r.difficulty === "easy" ? {} : { difficulty: r.difficulty, tooEasy: r.tooEasy }),
        };
      }
      case "behaviour": {
        const behaviour = stageDef?.behaviours.find((b) => b.id === r.id);
        return { ...base, label: behaviour ? pick(behaviour.title, locale).value : r.id, detail: null, href: null };
      }
    }
  });
}
