// The one next step toward a level, chosen the same way for the trainee's own pages and for
// the people who look after them: the courses in ladder order (one already started first),
// lesson by lesson and then the course's final quiz; then the level's quizzes; then its
// scenarios (not the ones waiting for a grade); then the behaviours a mentor signs off.
import { findCourse } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { type RequirementState, describeRequirements, scenarioState } from "./describe.server.ts";
import { type Evidence, type RequirementResult, type StageResult } from "./evaluate.server.ts";

/** The open requirement to act on first, or null when only grades (or nothing) are awaited. */
export function firstOpen(requirements: RequirementResult[], waitingScenarios: ReadonlySet<string> = new Set()) {
  const open = requirements.filter((r) => !r.met);
  const courses = open.filter((r) => r.kind === "course");
  return (
    courses.find((r) => r.done > 0) ??
    courses[0] ??
    open.find((r) => r.kind === "quiz") ??
    open.find((r) => r.kind === "scenario" && scenarioState(r, waitingScenarios) !== "waitingReview") ??
    open.find((r) => r.kind === "behaviour") ??
    null
  );
}

export type NextStep =
  | { kind: "lesson"; href: string; title: string; course: string }
  | { kind: "quiz"; href: string; title: string; course: string | null; retake: boolean }
  | { kind: "course"; href: string; title: string; detail: string | null }
  | { kind: "scenario"; href: string; title: string; state: RequirementState; detail: string | null }
  | { kind: "signOff"; behaviours: string[] }
  | { kind: "waitingReview"; count: number }
  | { kind: "done" };

/**
 * The next step toward `stage` in words and with its address. With the person's evidence a
 * course becomes its next lesson or its final quiz; without it (a roster read from stored
 * rows) the course itself.
 */
export function nextStep(
  stage: Pick<StageResult, "id" | "requirements"> | null,
  locale: Locale,
  options: { evidence?: Evidence; waitingScenarios?: ReadonlySet<string> } = {},
): NextStep {
  if (!stage) return { kind: "done" };
  const waiting = options.waitingScenarios ?? new Set<string>();
  const open = stage.requirements.filter((r) => !r.met);
  const first = firstOpen(stage.requirements, waiting);
  const waitingCount = open.filter((r) => r.kind === "scenario" && waiting.has(r.id)).length;
  // Sign-offs come last: while a grade is awaited, that is what the person is waiting for.
  if (!first || (first.kind === "behaviour" && waitingCount))
    return waitingCount ? { kind: "waitingReview", count: waitingCount } : { kind: "done" };
  const described = describeRequirements({ id: stage.id, requirements: [first] }, locale, {
    waitingScenarios: waiting,
  })[0];
  const label = described?.label ?? first.id;
  switch (first.kind) {
    case "course": {
      const course = findCourse(first.id);
      if (course && options.evidence) {
        const courseTitle = pick(course.text, locale).value.title;
        const done = options.evidence.lessons.get(course.slug);
        const lesson = course.lessons.find((l) => !done?.has(l.slug));
        if (lesson)
          return {
            kind: "lesson",
            href: `/courses/${course.slug}/${lesson.slug}`,
            title: pick(lesson.text, locale).value.title,
            course: courseTitle,
          };
        if (course.finalQuizId)
          return {
            kind: "quiz",
            href: `/quizzes/${course.finalQuizId}`,
            title: courseTitle,
            course: courseTitle,
            retake: Boolean(options.evidence.quizzes.get(course.finalQuizId)?.length),
          };
      }
      return { kind: "course", href: `/courses/${first.id}`, title: label, detail: described?.detail ?? null };
    }
    case "quiz":
      return { kind: "quiz", href: `/quizzes/${first.id}`, title: label, course: null, retake: first.best !== null };
    case "scenario":
      return {
        kind: "scenario",
        href: `/scenarios/${first.id}`,
        title: label,
        state: scenarioState(first, waiting),
        detail: described?.detail ?? null,
      };
    default: {
      const behaviours = describeRequirements(
        { id: stage.id, requirements: open.filter((r) => r.kind === "behaviour") },
        locale,
      ).map((r) => r.label);
      return { kind: "signOff", behaviours };
    }
  }
}
