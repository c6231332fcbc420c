import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { CourseCard } from "#app/courses/course-card.tsx";
import { getLearnHome } from "#app/courses/pages.server.ts";
import { ProgressBar } from "#app/components/ui/progress-bar.tsx";
import { unreadReviews } from "#app/reviews/reviews.server.ts";
import { getPracticeSummary } from "#app/scenarios/pages.server.ts";
import { goalAndMentor } from "#app/team/assign.server.ts";
import { formatDate } from "#app/utils/format.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction = () => [{ title: "Learn · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const [home, unread] = await Promise.all([getLearnHome(user.id, locale), unreadReviews(user.id)]);
  const [practice, { goal, mentor }] = await Promise.all([
    getPracticeSummary(user.id, locale, home.focus, unread),
    goalAndMentor(user.id),
  ]);
  return json({ name: user.name, home, practice, goal, mentor });
}

export default function Learn() {
  const { name, home, practice, goal, mentor } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-2xl font-bold">{t("learn.title", { name })}</h1>
        {home.focus ? (
          <p className="mt-1 text-slate-600">{t("learn.focus", { level: t(`levels.${home.focus}`) })}</p>
        ) : null}
        {goal || mentor ? (
          <p className="mt-1 text-slate-700" data-goal>
            {goal
              ? t("learn.goal", {
                  level: t(`levels.${goal.targetLevel}`),
                  date: formatDate(goal.dueDate, i18n.language),
                })
              : null}
            {goal && mentor ? " · " : null}
            {mentor ? t("learn.yourMentor", { name: mentor }) : null}{" "}
            <Link to="/progress" className="text-brand-700 underline">
              {t("learn.seeProgress")}
            </Link>
          </p>
        ) : null}
      </header>
      {home.next ? (
        <section aria-labelledby="next-up" className="rounded-lg border border-brand-100 bg-brand-50 p-6">
          <h2 id="next-up" className="text-sm font-semibold uppercase tracking-wide text-brand-700">
            {t("learn.nextUp")}
          </h2>
          <p className="mt-2 text-xl font-semibold">{home.next.lesson.title}</p>
          <p className="text-slate-700">{home.next.course.title}</p>
          <Link
            to={`/courses/${home.next.course.slug}/${home.next.lesson.slug}`}
            className="mt-4 inline-block rounded bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
          >
            {t("learn.open")}
          </Link>
        </section>
      ) : (
        <p className="rounded-lg border border-emerald-200 bg-emerald-50 p-6 font-medium text-emerald-900">
          {t("learn.allDone")}
        </p>
      )}
      <section aria-labelledby="practice" className="rounded-lg border border-slate-200 bg-white p-6">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="practice" className="text-xl font-semibold">
            {t("learn.practice")}
          </h2>
          <Link to="/scenarios" className="text-sm text-brand-700 underline">
            {t("learn.allScenarios")}
          </Link>
        </div>
        <ul className="mt-3 space-y-2">
          {practice.unread.map((review) => (
            <li key={review.attemptId}>
              <Link
                to={`/scenarios/${review.scenarioId}/attempts/${review.attemptId}`}
                className="font-semibold text-amber-900 underline"
                data-unread
              >
                {t("learn.newFeedback", { title: review.title })}
              </Link>
            </li>
          ))}
          {practice.inProgress.map((attempt) => (
            <li key={attempt.scenarioId}>
              <Link to={`/scenarios/${attempt.scenarioId}`} className="font-medium text-brand-700 underline">
                {t("learn.carryOn", { title: attempt.title })}
              </Link>
            </li>
          ))}
          {practice.suggestion ? (
            <li>
              <Link to={`/scenarios/${practice.suggestion.id}`} className="text-brand-700 underline">
                {t("learn.tryScenario", {
                  title: practice.suggestion.title,
                  channel: t(`scenario.channels.${practice.suggestion.channel}`),
                })}
              </Link>
            </li>
          ) : null}
          {practice.waiting ? (
            <li className="text-slate-700">{t("learn.waitingReview", { count: practice.waiting })}</li>
          ) : null}
        </ul>
      </section>
      {home.focus ? (
        <section aria-labelledby="level-courses">
          <div className="flex flex-wrap items-end justify-between gap-2">
            <h2 id="level-courses" className="text-xl font-semibold">
              {t("learn.levelCourses", { level: t(`levels.${home.focus}`) })}
            </h2>
            <Link to="/courses" className="text-sm text-brand-700 underline">
              {t("learn.allCourses")}
            </Link>
          </div>
          <div className="mt-3 max-w-md">
            <ProgressBar value={home.levelDone} max={home.levelTotal} label={t("learn.levelProgress")} />
          </div>
          <ul className="mt-4 grid gap-4 md:grid-cols-2 lg:grid-cols-3">
            {home.levelCourses.map((course) => (
              <CourseCard key={course.slug} course={course} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
