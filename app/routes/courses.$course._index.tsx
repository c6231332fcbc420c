import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { getCourseOverview } from "#app/courses/pages.server.ts";
import { ProgressBar } from "#app/components/ui/progress-bar.tsx";
import { resolveLocale } from "#app/utils/locale.server.ts";
import { notFound } from "#app/utils/errors.ts";
import { refuse } from "#app/utils/errors.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.course.title ?? "Course"} · Rapport` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const course =
    (await getCourseOverview(user.id, params.course ?? "", locale)) ??
    refuse(notFound("courses.errors.notFound"), locale);
  return json({ course });
}

export default function CourseOverview() {
  const { course } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <nav aria-label={t("courses.breadcrumb")} className="text-sm">
        <Link to="/courses" className="text-brand-700 underline">
          {t("courses.title")}
        </Link>
      </nav>
      <header>
        <p className="text-sm font-medium text-slate-600">
          {course.level} · {t("courses.lessonsAndMinutes", { count: course.lessonCount, minutes: course.minutes })}
        </p>
        <h1 className="mt-1 text-3xl font-bold">{course.title}</h1>
        <p className="mt-2 text-slate-700">{course.summary}</p>
        <div className="mt-4">
          <ProgressBar
            value={course.done}
            max={course.total}
            label={t("courses.progressOf", { title: course.title })}
          />
        </div>
        {course.next ? (
          <Link
            to={`/courses/${course.slug}/${course.next.slug}`}
            className="mt-4 inline-block rounded bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
          >
            {course.done > 0
              ? t("courses.continue", { title: course.next.title })
              : t("courses.start", { title: course.next.title })}
          </Link>
        ) : (
          <p className="mt-4 font-medium text-emerald-800">✓ {t("courses.allDone")}</p>
        )}
      </header>
      <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {course.lessons.map((lesson, i) => (
          <li key={lesson.slug} className="flex items-start gap-4 p-4">
            <span
              aria-hidden
              className={`mt-0.5 flex size-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${
                lesson.done ? "bg-emerald-600 text-white" : "bg-slate-100 text-slate-700"
              }`}
            >
              {lesson.done ? "✓" : i + 1}
            </span>
            <div className="flex-1">
              <Link
                to={`/courses/${course.slug}/${lesson.slug}`}
                className="font-semibold text-slate-900 hover:text-brand-700 hover:underline"
              >
                {lesson.title}
              </Link>
              <p className="text-sm text-slate-600">{lesson.summary}</p>
            </div>
            <span className="shrink-0 text-sm text-slate-600">
              {t("courses.minutes", { count: lesson.minutes })}
              <span className="sr-only"> · {lesson.done ? t("courses.done") : t("courses.notDone")}</span>
            </span>
          </li>
        ))}
      </ol>
      {course.finalQuizId ? (
        <section className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <div>
            <p className="font-semibold">{t("quiz.finalQuiz")}</p>
            <p className="text-sm text-slate-600">
              {course.quizPassed ? `✓ ${t("quiz.passedAlready")}` : t("courses.finalQuizHelp")}
            </p>
          </div>
          <Link
            to={`/quizzes/${course.finalQuizId}`}
            className="rounded bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
          >
            {course.quizPassed ? t("quiz.review") : t("quiz.start")}
          </Link>
        </section>
      ) : null}
    </div>
  );
}
