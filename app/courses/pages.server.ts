// What the course pages show, computed from the catalogue and one progress query.
import { type Locale } from "#app/utils/i18n.ts";
import { type CourseMeta, findCourse, getCourses, getLessonCode } from "#app/content/catalog.server.ts";
import { type Competency, levels } from "#app/content/vocabulary.ts";
import { pick } from "#app/content/localized.ts";
import { renderLessonHtml } from "./render.server.tsx";
import { continueLesson, courseCompletion, getProgress, type Progress, recordLessonOpened } from "./progress.server.ts";

function courseCard(course: CourseMeta, locale: Locale, progress: Progress) {
  const { title, summary } = pick(course.text, locale).value;
  const next = continueLesson(course, progress.byCourse.get(course.slug));
  return {
    slug: course.slug,
    title,
    summary,
    level: course.level,
    track: course.track,
    competencies: course.competencies,
    minutes: course.lessons.reduce((sum, lesson) => sum + lesson.minutes, 0),
    lessonCount: course.lessons.length,
    ...courseCompletion(course, progress),
    finalQuizId: course.finalQuizId,
    next: next && { slug: next.slug, title: pick(next.text, locale).value.title },
  };
}

export async function getCatalogue(userId: string, locale: Locale, competency: Competency | null) {
  const progress = await getProgress(userId);
  const courses = getCourses()
    .filter((course) => !competency || course.competencies.includes(competency))
    .sort((a, b) => a.order - b.order)
    .map((course) => courseCard(course, locale, progress));
  return levels
    .map((level) => ({ level, courses: courses.filter((course) => course.level === level) }))
    .filter((group) => group.courses.length > 0);
}

export async function getCourseOverview(userId: string, courseSlug: string, locale: Locale) {
  const course = findCourse(courseSlug);
  if (!course) return null;
  const progress = await getProgress(userId);
  const mine = progress.byCourse.get(course.slug);
  return {
    ...courseCard(course, locale, progress),
    lessons: course.lessons.map((lesson) => ({
      slug: lesson.slug,
      ...pick(lesson.text, locale).value,
      translated: pick(lesson.text, locale).translated,
      minutes: lesson.minutes,
      done: mine?.completed.has(lesson.slug) ?? false,
      opened: mine?.opened.has(lesson.slug) ?? false,
    })),
  };
}

export async function getLessonPage(
  userId: string,
  courseSlug: string,
  lessonSlug: string,
  locale: Locale,
  uiLocale: Locale,
) {
  const course = findCourse(courseSlug);
  const index = course?.lessons.findIndex((lesson) => lesson.slug === lessonSlug) ?? -1;
  const lesson = course?.lessons[index];
  if (!course || !lesson) return null;
  const [content, progress] = await Promise.all([
    getLessonCode(course.slug, lesson.slug, locale),
    getProgress(userId),
    recordLessonOpened(userId, course.slug, lesson.slug),
  ]);
  if (!content) return null;
  const neighbour = (i: number) => {
    const other = course.lessons[i];
    return other ? { slug: other.slug, title: pick(other.text, locale).value.title } : null;
  };
  const shown = pick(lesson.text, content.locale).value;
  const mine = progress.byCourse.get(course.slug);
  return {
    course: {
      slug: course.slug,
      title: pick(course.text, locale).value.title,
      lessonCount: course.lessons.length,
      ...courseCompletion(course, progress),
    },
    lesson: {
      slug: lesson.slug,
      title: shown.title,
      summary: shown.summary,
      minutes: lesson.minutes,
      competencies: lesson.competencies,
      done: mine?.completed.has(lesson.slug) ?? false,
      number: index + 1,
    },
    html: renderLessonHtml(content.code, uiLocale),
    shownLocale: content.locale,
    availableLocales: lesson.locales,
    previous: neighbour(index - 1),
    next: neighbour(index + 1),
  };
}

/** The courses of the lowest level the trainee has not finished (their next step is home/'s). */
export async function getLearnHome(userId: string, locale: Locale) {
  const progress = await getProgress(userId);
  const courses = getCourses()
    .filter((course) => !course.track)
    .sort((a, b) => a.order - b.order)
    .map((course) => courseCard(course, locale, progress));
  const focus = levels.find((level) => courses.some((c) => c.level === level && !c.complete)) ?? null;
  const levelCourses = courses.filter((course) => course.level === focus);
  return {
    focus,
    levelCourses,
  };
}
