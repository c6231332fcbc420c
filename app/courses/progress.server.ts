import { evidenceChanged, touchActivity } from "#app/ladder/evidence.server.ts";
import { prisma, WRITE_TRANSACTION } from "#app/utils/db.server.ts";
import { passedQuizIds } from "#app/quizzes/attempts.server.ts";
import { type CourseMeta } from "#app/content/catalog.server.ts";

export type CourseProgress = {
  completed: Set<string>;
  opened: Map<string, Date>;
};

export type Progress = { byCourse: Map<string, CourseProgress>; passedQuizzes: Set<string> };

/** All of one person's lesson progress and passed quizzes: two queries, grouped by course. */
export async function getProgress(userId: string): Promise<Progress> {
  const [rows, passedQuizzes] = await Promise.all([
    prisma.lessonProgress.findMany({
      where: { userId },
      select: { courseSlug: true, lessonSlug: true, firstOpenedAt: true, completedAt: true },
    }),
    passedQuizIds(userId),
  ]);
  const byCourse = new Map<string, CourseProgress>();
  for (const row of rows) {
    const entry = byCourse.get(row.courseSlug) ?? { completed: new Set(), opened: new Map() };
    entry.opened.set(row.lessonSlug, row.firstOpenedAt);
    if (row.completedAt) entry.completed.add(row.lessonSlug);
    byCourse.set(row.courseSlug, entry);
  }
  return { byCourse, passedQuizzes };
}

/**
 * Derived, never stored: the course's lessons done, and its final quiz passed. The final
 * quiz counts as one more step in the progress bar.
 */
export function courseCompletion(course: CourseMeta, progress: Progress) {
  const mine = progress.byCourse.get(course.slug);
  const lessonsDone = course.lessons.filter((lesson) => mine?.completed.has(lesson.slug)).length;
  const quizPassed = course.finalQuizId ? progress.passedQuizzes.has(course.finalQuizId) : null;
  const done = lessonsDone + (quizPassed ? 1 : 0);
  const total = course.lessons.length + (course.finalQuizId ? 1 : 0);
  return { done, total, lessonsDone, quizPassed, complete: total > 0 && done === total };
}

/** The lesson to continue with: the latest opened one not yet done, else the first not done. */
export function continueLesson(course: CourseMeta, progress: CourseProgress | undefined) {
  const open = course.lessons
    .filter((lesson) => progress?.opened.has(lesson.slug) && !progress.completed.has(lesson.slug))
    .sort((a, b) => (progress?.opened.get(b.slug)?.getTime() ?? 0) - (progress?.opened.get(a.slug)?.getTime() ?? 0));
  return open[0] ?? course.lessons.find((lesson) => !progress?.completed.has(lesson.slug)) ?? null;
}

/** The first opening of a lesson is kept (where to continue); later ones only count as activity. */
export async function recordLessonOpened(userId: string, courseSlug: string, lessonSlug: string) {
  const key = { userId_courseSlug_lessonSlug: { userId, courseSlug, lessonSlug } };
  const existing = await prisma.lessonProgress.findUnique({ where: key, select: { userId: true } });
  if (existing) return;
  await prisma
    .$transaction(async (tx) => {
      await tx.lessonProgress.create({ data: { userId, courseSlug, lessonSlug }, select: { userId: true } });
      await touchActivity(tx, userId);
    })
    .catch((error: unknown) => {
      // Two tabs opening the same lesson at once: the other request stored it first.
      if ((error as { code?: string }).code !== "P2002") throw error;
    });
}

/** Marks a lesson done or not done; undoing changes what is met as much as doing it. */
export async function setLessonCompleted(userId: string, courseSlug: string, lessonSlug: string, done: boolean) {
  await prisma.$transaction(async (tx) => {
    await tx.lessonProgress.upsert({
      where: { userId_courseSlug_lessonSlug: { userId, courseSlug, lessonSlug } },
      create: { userId, courseSlug, lessonSlug, completedAt: done ? new Date() : null },
      update: { completedAt: done ? new Date() : null },
      select: { userId: true },
    });
    await evidenceChanged(tx, userId);
  }, WRITE_TRANSACTION);
}
