// Requirements as the reader sees them: a title in their language, where each one stands in
// words (the real reason it is open), and where to go to meet what is missing.
import { findQuiz, findScenario, getCourses, getLadder } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { type Difficulty } from "#app/content/vocabulary.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { getFixedT } from "#app/utils/locale.server.ts";
import { type RequirementResult, type StageResult } from "./evaluate.server.ts";

/** Where a requirement stands: the reason it is open, or met. */
export type RequirementState =
  | "met"
  | "notStarted"
  | "inProgress"
  | "notTaken"
  | "belowMin"
  | "waitingReview"
  | "retryAsked"
  | "notGraded"
  | "awaitingSignOff"
  | "earlierLevel";

export type RequirementView = {
  kind: RequirementResult["kind"];
  id: string;
  label: string;
  met: boolean;
  at: string | null;
  state: RequirementState;
  /** The state in words, with its numbers. */
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

/** What is known besides the stored requirements: scenarios with an attempt waiting for a grade. */
export type RequirementContext = { waitingScenarios?: ReadonlySet<string> };

/** Where a scenario requirement stands; the next step and the words share this. */
export function scenarioState(
  r: Extract<RequirementResult, { kind: "scenario" }>,
  waiting: ReadonlySet<string> = new Set(),
): RequirementState {
  if (r.met) return "met";
  if (waiting.has(r.id)) return "waitingReview";
  if (r.decision === "retry") return "retryAsked";
  return r.best === null ? "notGraded" : "belowMin";
}

/** A stage's requirements (evaluated now, or stored with a certificate or readiness row) in words. */
export function describeRequirements(
  stage: Pick<StageResult, "id" | "requirements">,
  locale: Locale,
  context: RequirementContext = {},
): RequirementView[] {
  const t = getFixedT(locale);
  const ladder = getLadder();
  const courses = getCourses();
  const stageDef = [...ladder.levels, ...ladder.tracks].find((s) => s.id === stage.id);
  const percent = (value: number | null) => (value === null ? 0 : Math.round(value));
  return stage.requirements.map((r): RequirementView => {
    const base = { kind: r.kind, id: r.id, met: r.met, at: r.at?.toISOString() ?? null };
    switch (r.kind) {
      case "stage":
        return {
          ...base,
          label: `${r.id} · ${stageTitle(r.id, locale)}`,
          state: r.met ? "met" : "earlierLevel",
          detail: r.met ? null : t("progress.state.earlierLevel"),
          href: "/progress",
        };
      case "course": {
        const course = courses.find((c) => c.slug === r.id);
        const state = r.met ? "met" : r.done ? "inProgress" : "notStarted";
        return {
          ...base,
          label: course ? pick(course.text, locale).value.title : r.id,
          state,
          detail: t(`progress.state.course.${state}`, { done: r.done, total: r.total }),
          href: `/courses/${r.id}`,
        };
      }
      case "quiz": {
        const quiz = findQuiz(r.id);
        const state = r.met ? "met" : r.best === null ? "notTaken" : "belowMin";
        return {
          ...base,
          label: quiz ? pick(quiz.variants, locale).value.title : r.id,
          state,
          detail: t(`progress.state.quiz.${state}`, { best: percent(r.best), min: r.min }),
          href: r.attemptId ? `/quizzes/${r.id}/attempts/${r.attemptId}` : `/quizzes/${r.id}`,
        };
      }
      case "scenario": {
        const bundle = findScenario(r.id);
        const state = scenarioState(r, context.waitingScenarios);
        const reached = r.best !== null && r.best >= r.min;
        const key = state === "retryAsked" && reached ? "retryAskedReached" : state;
        return {
          ...base,
          label: bundle ? pick(bundle.variants, locale).value.title : r.id,
          state,
          detail: t(`progress.state.scenario.${key}`, {
            best: (r.best ?? 0).toLocaleString(locale),
            min: r.min.toLocaleString(locale),
          }),
          href: `/scenarios/${r.id}`,
          ...(r.difficulty === "easy" ? {} : { difficulty: r.difficulty, tooEasy: r.tooEasy }),
        };
      }
      case "behaviour": {
        const behaviour = stageDef?.behaviours.find((b) => b.id === r.id);
        return {
          ...base,
          label: behaviour ? pick(behaviour.title, locale).value : r.id,
          state: r.met ? "met" : "awaitingSignOff",
          detail: r.met ? t("progress.state.signedOff") : t("progress.askMentor"),
          href: null,
        };
      }
    }
  });
}
