import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { assignableItems, listAssignments } from "#app/assignments/assignments.server.ts";
import { ManageAssignments } from "#app/assignments/manage.tsx";
import { traineeQuizRows } from "#app/quizzes/attempts.server.ts";
import { QuizStandings } from "#app/quizzes/quiz-standings.tsx";
import { LevelShare } from "#app/ladder/level-share.tsx";
import { SignOffFormSchema } from "#app/reviews/schemas.ts";
import { SignOffForm } from "#app/reviews/sign-off-form.tsx";
import { recordSignOff } from "#app/reviews/signoff.server.ts";
import { getTraineePage, requireTrainee } from "#app/reviews/trainee-page.server.ts";
import { refusal, refuse } from "#app/utils/errors.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { localDay } from "#app/utils/calendar.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.trainee.name ?? "Trainee"} · Rapport` },
];

/** The reviewer, and the trainee if they may see them (the page's 404 or 403 otherwise). */
async function guard(request: Request, traineeId: string | undefined) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const locale = resolveLocale(request, user.locale);
  const trainee = await requireTrainee(user, traineeId ?? "").catch((error: unknown) => refuse(error, locale));
  return { user, locale, trainee };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, locale, trainee } = await guard(request, params.userId);
  const today = localDay(new Date(), user.timeZone);
  const [page, quizzes, assignments] = await Promise.all([
    getTraineePage(trainee, locale),
    traineeQuizRows(trainee.id, locale),
    listAssignments(trainee.id, locale, today),
  ]);
  return { trainee, ...page, quizzes, assignments, assignable: assignableItems(locale), today };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, locale, trainee } = await guard(request, params.userId);
  const submission = parseWithZod(await request.formData(), { schema: SignOffFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), error: null }, { status: 400 });
  const { level, behaviour, intent, note } = submission.value;
  try {
    await recordSignOff(user, { traineeId: trainee.id, level, behaviourId: behaviour, action: intent, note });
  } catch (error) {
    return refusal(error, locale, { result: submission.reply() });
  }
  return redirect(`/trainees/${trainee.id}#${level}`);
}

export default function TraineePage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const sent = actionData?.result.initialValue;
  const sentFrom = sent ? `${String(sent.level)}/${String(sent.behaviour)}` : null;
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <div className="space-y-8">
      <nav aria-label={t("courses.breadcrumb")} className="text-sm">
        <Link to="/trainees" className="text-brand-700 underline">
          {t("roster.title")}
        </Link>
        {" · "}
        <Link to="/reviews" className="text-brand-700 underline">
          {t("reviews.backToQueue")}
        </Link>
      </nav>
      <header>
        <h1 className="text-3xl font-bold">{data.trainee.name}</h1>
        {data.trainee.team ? <p className="text-slate-700">{data.trainee.team.name}</p> : null}
      </header>

      <section aria-labelledby="standing" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="standing" className="text-xl font-semibold">
          {data.standing.currentLevel
            ? t("trainee.level", { level: data.standing.currentLevel })
            : t("trainee.noLevelYet")}
        </h2>
        {data.standing.next ? (
          <div className="mt-2 max-w-xl">
            <LevelShare
              level={data.standing.next.id}
              share={data.standing.next.share}
              met={data.standing.next.met}
              total={data.standing.next.total}
            />
          </div>
        ) : null}
      </section>

      <section aria-labelledby="attempts">
        <h2 id="attempts" className="text-xl font-semibold">
          {t("trainee.attempts")}
        </h2>
        {data.attempts.length === 0 ? <p className="mt-2 text-slate-600">{t("trainee.noAttempts")}</p> : null}
        <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {data.attempts.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
              <span>
                {a.title}
                <span className="block text-xs text-slate-600">
                  {a.finishedAt ? dates.dateTime(a.finishedAt) : ""} · {t("scenario.csatValue", { value: a.csat })}
                </span>
              </span>
              <span>
                {a.decision
                  ? t(`reviews.decisions.${a.decision}`)
                  : a.reviewStatus === "waiting"
                    ? t("reviews.waiting")
                    : t("trainee.noReviewNeeded")}
              </span>
              {a.reviewStatus !== "none" ? (
                <Link to={`/reviews/${a.id}`} className="text-brand-700 underline">
                  {a.decision ? t("trainee.openGrade") : t("reviews.grade")}
                </Link>
              ) : (
                <span />
              )}
            </li>
          ))}
        </ul>
      </section>

      <ManageAssignments
        userId={data.trainee.id}
        back={`/trainees/${data.trainee.id}`}
        items={data.assignments}
        options={data.assignable}
        today={data.today}
      />

      <QuizStandings traineeId={data.trainee.id} rows={data.quizzes} />

      <section aria-labelledby="signoff" className="space-y-4">
        <div>
          <h2 id="signoff" className="text-xl font-semibold">
            {t("trainee.signOff")}
          </h2>
          <p className="text-sm text-slate-700">{t("trainee.signOffHelp")}</p>
        </div>
        {data.levels
          .filter((level) => level.behaviours.length)
          .map((level) => (
            <section
              key={level.id}
              id={level.id}
              aria-labelledby={`level-${level.id}`}
              className="rounded-lg border border-slate-200 bg-white p-4"
            >
              <h3 id={`level-${level.id}`} className="font-semibold">
                {level.id} · {level.title}
              </h3>
              <ul className="mt-3 space-y-4">
                {level.behaviours.map((b) => {
                  const key = `${level.id}/${b.id}`;
                  const failed = sentFrom === key ? actionData : null;
                  return (
                    <li
                      key={b.id}
                      className="border-t border-slate-100 pt-3"
                      data-behaviour={key}
                      data-confirmed={String(Boolean(b.state?.confirmed))}
                    >
                      <p className="font-medium">
                        <span aria-hidden="true" className={b.state?.confirmed ? "text-emerald-700" : "text-slate-400"}>
                          {b.state?.confirmed ? "✓ " : "○ "}
                        </span>
                        {b.title}
                      </p>
                      {b.state ? (
                        <p className="text-sm text-slate-700">
                          {t(b.state.confirmed ? "trainee.confirmedBy" : "trainee.withdrawnBy", {
                            name: b.state.by,
                            time: dates.dateTime(b.state.at),
                          })}{" "}
                          — “<span className="whitespace-pre-line">{b.state.note}</span>”
                        </p>
                      ) : null}
                      {/* A new key once the state changes: the next form starts empty, not with the last note. */}
                      <SignOffForm
                        key={`${b.state?.confirmed ? "confirmed" : "open"}-${b.state?.at ?? ""}`}
                        level={level.id}
                        behaviour={{ id: b.id, title: b.title, confirmed: Boolean(b.state?.confirmed) }}
                        busy={busy}
                        lastResult={failed?.result}
                        refused={failed?.error?.message}
                      />
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        {data.history.length ? (
          <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <summary className="cursor-pointer font-semibold">{t("trainee.signOffHistory")}</summary>
            <ol className="mt-2 space-y-1">
              {data.history.map((h, i) => (
                <li key={i}>
                  {dates.dateTime(h.at)} · {h.mentor} ·{" "}
                  {t(h.action === "confirm" ? "trainee.confirmed" : "trainee.withdrew")} {h.level}/{h.behaviourId} — “
                  {h.note}”
                </li>
              ))}
            </ol>
          </details>
        ) : null}
      </section>
    </div>
  );
}
