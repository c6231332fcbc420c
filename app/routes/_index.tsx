import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { AssignmentList } from "#app/assignments/assignment-list.tsx";
import { getDay } from "#app/home/day.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { LevelShare } from "#app/ladder/level-share.tsx";
import { NextStepCard } from "#app/ladder/next-step-card.tsx";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction = () => [{ title: "Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, roles: user.roles, day: await getDay(user, resolveLocale(request, user.locale)) };
}

function Card({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-3 text-sm text-slate-700">{children}</div>
    </section>
  );
}

const link = "font-medium text-brand-700 underline";

export default function Home() {
  const { name, roles, day } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const dates = useDates();
  const [searchParams] = useSearchParams();
  const notice = searchParams.has("welcome")
    ? t("home.welcomeInvited")
    : searchParams.has("reset")
      ? t("home.passwordReset")
      : null;
  const { overview, trainee, reviewer, attention } = day;
  const feedback = trainee?.feedback[0];
  return (
    <div className="space-y-6">
      {notice ? (
        <p role="status" className="rounded border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          {notice}
        </p>
      ) : null}
      <div>
        <h1 className="text-2xl font-bold">{t("home.welcome", { name })}</h1>
        <p className="mt-1 text-slate-600">
          {t("home.yourRoles", { roles: roles.map((r) => t(`roles.${r}`)).join(", ") })}
        </p>
      </div>

      {trainee ? (
        <>
          {feedback ? (
            <section
              aria-labelledby="feedback"
              className="rounded-lg border border-amber-200 bg-amber-50 p-6"
              data-next-step="feedback"
            >
              <h2 id="feedback" className="text-sm font-semibold tracking-wide text-amber-900 uppercase">
                {t("home.feedback.heading")}
              </h2>
              <ul className="mt-2 space-y-1">
                {trainee.feedback.map((f) => (
                  <li key={f.attemptId}>
                    <Link
                      to={`/scenarios/${f.scenarioId}/attempts/${f.attemptId}`}
                      className="text-lg font-semibold text-amber-950 underline"
                    >
                      {t("home.feedback.item", { title: f.title })}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <NextStepCard
            step={trainee.step}
            inProgress={trainee.stepInProgress}
            heading={feedback ? t("home.thenNext") : t("home.nextStep")}
          />
          <div className="grid gap-4 md:grid-cols-2">
            {trainee.progress ? (
              <Card id="way" title={t("home.way", { level: `${trainee.progress.level} · ${trainee.progress.title}` })}>
                <LevelShare
                  level={trainee.progress.level}
                  share={trainee.progress.share}
                  met={trainee.progress.met}
                  total={trainee.progress.total}
                />
                <p className="mt-3">
                  <Link to="/progress" className={link}>
                    {t("home.everyRequirement")}
                  </Link>
                </p>
              </Card>
            ) : null}
            <Card id="due" title={t("home.due")}>
              {trainee.goal ? (
                <p data-goal-due={trainee.goal.daysLeft}>
                  {t("home.goal", {
                    level: `${trainee.goal.targetLevel} · ${trainee.goal.title}`,
                    date: dates.calendarDate(trainee.goal.dueDate),
                  })}{" "}
                  <strong>
                    {trainee.goal.reached
                      ? t("home.goalReached")
                      : trainee.goal.daysLeft < 0
                        ? t("home.daysLate", { count: -trainee.goal.daysLeft })
                        : t("home.daysLeft", { count: trainee.goal.daysLeft })}
                  </strong>
                </p>
              ) : (
                <p>{t("home.noGoal")}</p>
              )}
              {trainee.assignments.length ? (
                <div className="mt-3">
                  <AssignmentList items={trainee.assignments} />
                </div>
              ) : null}
              {trainee.waiting ? <p className="mt-2">{t("learn.waitingReview", { count: trainee.waiting })}</p> : null}
              {trainee.inProgress
                .filter(
                  (a) =>
                    !trainee.stepInProgress ||
                    trainee.step.kind !== "scenario" ||
                    !trainee.step.href.endsWith(`/${a.scenarioId}`),
                )
                .map((a) => (
                  <p key={a.scenarioId} className="mt-2">
                    <Link to={`/scenarios/${a.scenarioId}`} className={link}>
                      {t("learn.carryOn", { title: a.title })}
                    </Link>
                  </p>
                ))}
            </Card>
          </div>
        </>
      ) : null}

      {reviewer ? (
        <Card id="waits" title={t("home.waitsForYou")}>
          <div className="space-y-3" data-waits>
            <p>
              {reviewer.waitingFor.queue?.waiting
                ? t("home.queue", { count: reviewer.waitingFor.queue.waiting })
                : t("home.queueEmpty")}
              {reviewer.waitingFor.queue?.overdue
                ? ` ${t("home.queueOverdue", { count: reviewer.waitingFor.queue.overdue })}`
                : ""}{" "}
              {reviewer.waitingFor.queue?.waiting ? (
                <Link to="/reviews" className={link}>
                  {t("home.openQueue")}
                </Link>
              ) : null}
            </p>
            <div>
              <h3 className="font-semibold text-slate-900">{t("home.signOffsDue")}</h3>
              {reviewer.waitingFor.signOffs.length ? (
                <ul className="mt-1 space-y-1">
                  {reviewer.waitingFor.signOffs.map((p) => (
                    <li key={p.id} data-sign-offs-due={p.count}>
                      <Link to={`/trainees/${p.id}#${p.level}`} className={link}>
                        {t("home.signOffsFor", { name: p.name, count: p.count, level: p.level })}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{t("home.noSignOffs")}</p>
              )}
            </div>
            <p>
              <Link to="/trainees" className={link}>
                {t("home.roster", { count: reviewer.people })}
              </Link>
            </p>
          </div>
        </Card>
      ) : null}

      {attention ? (
        <Card id="attention" title={t("home.attention")}>
          <div className="space-y-3" data-attention>
            {attention.stalled.length ? (
              <p>
                {t("home.stalled", { count: attention.stalled.length, days: reviewer?.stalledDays ?? 0 })}{" "}
                {attention.stalled.map((p, i) => (
                  <span key={p.id}>
                    {i ? ", " : ""}
                    <Link to={`/trainees/${p.id}`} className={link}>
                      {p.name}
                    </Link>
                  </span>
                ))}
              </p>
            ) : null}
            {attention.late.length ? (
              <p>
                {t("home.lateGoals", { count: attention.late.length })}{" "}
                {attention.late.map((p, i) => (
                  <span key={p.id}>
                    {i ? ", " : ""}
                    <Link to={`/trainees/${p.id}`} className={link}>
                      {p.name}
                    </Link>
                  </span>
                ))}
              </p>
            ) : null}
            {!attention.stalled.length && !attention.late.length ? <p>{t("home.allWell")}</p> : null}
            <p>
              <Link to="/team" className={link}>
                {t("home.openTeam")}
              </Link>
            </p>
          </div>
        </Card>
      ) : null}

      <div className="grid gap-4 md:grid-cols-2">
        <Card id="about" title={t("home.aboutYou")}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="font-medium">{t("home.team")}</dt>
            <dd>{overview.team ?? t("home.noTeam")}</dd>
            <dt className="font-medium">{t("home.startDate")}</dt>
            <dd>{overview.startDate ? dates.calendarDate(overview.startDate) : "—"}</dd>
            {roles.includes("trainee") ? (
              <>
                <dt className="font-medium">{t("home.mentors")}</dt>
                <dd>{overview.mentors.length ? overview.mentors.map((m) => m.name).join(", ") : t("home.noMentor")}</dd>
              </>
            ) : null}
          </dl>
        </Card>
        {overview.admin ? (
          <Card id="organisation" title={t("home.organisation")}>
            <p data-admin-counts>
              {t("home.adminCounts", {
                active: t("home.activePeople", { count: overview.admin.activeUsers }),
                teams: t("home.teams", { count: overview.admin.teams }),
                inactive: t("home.deactivated", { count: overview.admin.inactiveUsers }),
              })}
            </p>
            <p className="mt-3 flex flex-wrap gap-3">
              <Link className={link} to="/admin/users">
                {t("admin.users.title")}
              </Link>
              <Link className={link} to="/admin/teams">
                {t("admin.teams.title")}
              </Link>
              <Link className={link} to="/admin/import">
                {t("admin.import.title")}
              </Link>
            </p>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
