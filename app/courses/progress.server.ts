import { prisma } from "#app/utils/db.server.ts";
import { type CourseMeta } from "./model.ts";

export type CourseProgress = {
  completed: Set<string>;
  opened: Map<string, Date>;
};

/** All of one person's lesson progress in one query, grouped by course. */
export async function getProgress(userId: string) {
  const rows = await prisma.lessonProgress.findMany({
    where: { userId },
    select: { courseSlug: true, lessonSlug: true, firstOpenedAt: true, completedAt: true },
  });
  const byCourse = new Map<string, CourseProgress>();
  for (const row of rows) {
    const entry = byCourse.get(row.courseSlug) ?? { completed: new Set(), opened: new Map() };
    entry.opened.set(row.lessonSlug, row.firstOpenedAt);
    if (row.completedAt) entry.completed.add(row.lessonSlug);
    byCourse.set(row.courseSlug, entry);
  }
  return byCourse;
}

/** Derived, never stored: how many of the course's current lessons are done. */
export function courseCompletion(course: CourseMeta, progress: CourseProgress | undefined) {
  const done = course.lessons.filter((lesson) => progress?.completed.has(lesson.slug)).length;
  return { done, total: course.lessons.length, complete: done === course.lessons.length && done > 0 };
}

/** The lesson to continue with: the latest opened one not yet done, else the first not done. */
export function continueLesson(course: CourseMeta, progress: CourseProgress | undefined) {
  const open = course.lessons
    .filter((lesson) => progress?.opened.has(lesson.slug) && !progress.completed.has(lesson.slug))
    .sort((a, b) => (progress?.opened.get(b.slug)?.getTime() ?? 0) - (progress?.opened.get(a.slug)?.getTime() ?? 0));
  return open[0] ?? course.lessons.find((lesson) => !progress?.completed.has(lesson.slug)) ?? null;
}

export async function recordLessonOpened(userId: string, courseSlug: string, lessonSlug: string) {
  const key = { userId_courseSlug_lessonSlug: { userId, courseSlug, lessonSlug } };
  const existing = await prisma.lessonProgress.findUnique({ where: key, select: { userId: true } });
  if (existing) return;
  await prisma.lessonProgress
    .create({ data: { userId, courseSlug, lessonSlug }, select: { userId: true } })
    .catch((error: unknown) => {
      // Two tabs opening the same lesson at once: the other request stored it first.
      if ((error as { code?: string }).code !== "P2002") throw error;
    });
}

export async function setLessonCompleted(userId: string, courseSlug: string, lessonSlug: string, done: boolean) {
  await prisma.lessonProgress.upsert({
    where: { userId_courseSlug_lessonSlug: { userId, courseSlug, lessonSlug } },
    create: { userId, courseSlug, lessonSlug, completedAt: done ? new Date() : null },
    update: { completedAt: done ? new Date() : null },
    select: { userId: true },
  });
}
