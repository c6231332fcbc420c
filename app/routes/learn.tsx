import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { CourseCard } from "#app/courses/course-card.tsx";
import { getLearnHome } from "#app/courses/pages.server.ts";
import { AssignmentList } from "#app/assignments/assignment-list.tsx";
import { getTraineeDay } from "#app/home/day.server.ts";
import { LevelShare } from "#app/ladder/level-share.tsx";
import { NextStepCard } from "#app/ladder/next-step-card.tsx";
import { unreadReviews } from "#app/reviews/reviews.server.ts";
import { getPracticeSummary } from "#app/scenarios/pages.server.ts";
import { goalAndMentor } from "#app/team/assign.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction = () => [{ title: "Learn · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const [home, unread, day] = await Promise.all([
    getLearnHome(user.id, locale),
    unreadReviews(user.id),
    getTraineeDay(user.id, locale, user.timeZone),
  ]);
  const [practice, { goal, mentor }] = await Promise.all([
    getPracticeSummary(user.id, locale, home.focus, unread),
    goalAndMentor(user.id),
  ]);
  return json({ name: user.name, home, day, practice, goal, mentor });
}

export default function Learn() {
  const { name, home, day, practice, goal, mentor } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const dates = useDates();
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
                  date: dates.calendarDate(goal.dueDate),
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
      {/* Never "all done" while the level asks for more: the step says what is left. */}
      <NextStepCard step={day.step} inProgress={day.stepInProgress} heading={t("learn.nextUp")} />
      <section aria-labelledby="assignments" className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 id="assignments" className="text-xl font-semibold">
          {t("assignments.title")}
        </h2>
        <div className="mt-3 text-sm text-slate-700">
          <AssignmentList items={day.assignments} />
        </div>
      </section>

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
          {day.progress?.level === home.focus ? (
            <div className="mt-3 max-w-xl">
              <LevelShare
                level={day.progress.level}
                share={day.progress.share}
                met={day.progress.met}
                total={day.progress.total}
              />
            </div>
          ) : null}
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
