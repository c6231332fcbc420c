import { json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { AttemptNotFound, loadAttempt } from "#app/scenarios/attempts.server.ts";
import { findScenario } from "#app/scenarios/catalog.server.ts";
import { Conversation } from "#app/scenarios/conversation.tsx";
import { HelpDesk } from "#app/scenarios/help-desk.tsx";
import { MoodChart } from "#app/scenarios/mood-chart.tsx";
import { ScenarioBadges } from "#app/scenarios/scenario-badges.tsx";
import { attemptView } from "#app/scenarios/view.server.ts";
import { formatElapsed } from "#app/utils/format.ts";
import { invariantResponse } from "#app/utils/misc.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Summary"} · Rapport` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const bundle = findScenario(params.scenarioId ?? "");
  invariantResponse(bundle, "No scenario with this address.", { status: 404 });
  const attempt = await loadAttempt(user.id, bundle, params.attemptId ?? "").catch((error: unknown) => {
    if (error instanceof AttemptNotFound)
      throw new Response("This attempt is not yours or does not exist.", { status: 404 });
    throw error;
  });
  // Not finished yet: the summary is the player's job.
  if (!attempt.finishedAt || !attempt.measures) throw redirect(`/scenarios/${bundle.id}`);
  const { scenario, measures } = attempt;
  return json({
    id: bundle.id,
    attemptId: attempt.id,
    title: scenario.title,
    channel: scenario.channel,
    level: scenario.level,
    minutes: scenario.minutes,
    review: scenario.review,
    finishedAt: attempt.finishedAt,
    reviewStatus: attempt.reviewStatus,
    measures,
    view: attemptView(attempt),
  });
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-measure={testId}>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

export default function AttemptSummary() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const m = data.measures;
  const done = m.requiredActions.filter((a) => a.done).length;
  return (
    <div className="space-y-8">
      <nav aria-label={t("courses.breadcrumb")} className="flex gap-3 text-sm">
        <Link to="/scenarios" className="text-brand-700 underline">
          {t("scenario.all")}
        </Link>
        <Link to={`/scenarios/${data.id}`} className="text-brand-700 underline">
          {data.title}
        </Link>
      </nav>
      <header className="space-y-2">
        <ScenarioBadges channel={data.channel} level={data.level} minutes={data.minutes} review={data.review} />
        <h1 className="text-3xl font-bold">{t("scenario.summary.title", { title: data.title })}</h1>
        <p
          className={`max-w-3xl rounded border p-3 ${m.resolved ? "border-emerald-300 bg-emerald-50" : "border-red-300 bg-red-50"}`}
        >
          <span className="font-semibold">{m.resolved ? t("scenario.resolved") : t("scenario.notResolved")}.</span>{" "}
          {m.outcome}
        </p>
        {data.reviewStatus === "waiting" ? (
          <p className="max-w-3xl rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-review-status="waiting">
            {t("scenario.summary.waitingReview")}
          </p>
        ) : (
          <p className="text-sm text-slate-600" data-review-status={data.reviewStatus}>
            {t("scenario.summary.noReview")}
          </p>
        )}
      </header>

      <section aria-labelledby="measures" className="space-y-4">
        <h2 id="measures" className="text-xl font-semibold">
          {t("scenario.summary.measures")}
        </h2>
        <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
          <Stat label={t("scenario.summary.csat")} value={`${m.csat} / 5`} testId="csat" />
          <Stat
            label={t("scenario.summary.firstReply")}
            value={m.firstReplySeconds === null ? "—" : formatElapsed(m.firstReplySeconds)}
            testId="first-reply"
          />
          <Stat label={t("scenario.summary.total")} value={formatElapsed(m.totalSeconds)} testId="total" />
          <Stat
            label={t("scenario.summary.preScore")}
            value={m.preScore === null ? "—" : `${m.preScore}%`}
            testId="pre-score"
          />
        </dl>
        <p className="text-sm text-slate-600">{t("scenario.summary.csatExplained")}</p>
        <div className="grid gap-6 lg:grid-cols-2">
          <div>
            <h3 className="font-semibold">{t("scenario.summary.moodPath")}</h3>
            <MoodChart path={m.moodPath} />
          </div>
          <div>
            <h3 className="font-semibold">{t("scenario.summary.turnTimes")}</h3>
            <ol className="mt-2 space-y-1 text-sm" data-turn-times>
              {m.turnSeconds.map((seconds, i) => (
                <li key={i} className="flex justify-between border-b border-slate-100 py-1">
                  <span>{t("scenario.summary.turn", { number: i + 1 })}</span>
                  <span className="tabular-nums">{formatElapsed(seconds)}</span>
                </li>
              ))}
            </ol>
          </div>
        </div>
        <div>
          <h3 className="font-semibold">
            {t("scenario.summary.requiredActions", { done, total: m.requiredActions.length })}
          </h3>
          <ul className="mt-2 space-y-1 text-sm">
            {m.requiredActions.map((action) => (
              <li key={action.id} data-required={action.id} data-done={String(action.done)} className="flex gap-2">
                <span aria-hidden="true" className={action.done ? "text-emerald-700" : "text-red-700"}>
                  {action.done ? "✓" : "✗"}
                </span>
                <span>
                  <span className="sr-only">
                    {action.done ? t("scenario.summary.done") : t("scenario.summary.missed")}:{" "}
                  </span>
                  {action.label}
                </span>
              </li>
            ))}
          </ul>
        </div>
      </section>

      <section aria-labelledby="transcript" className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div>
          <h2 id="transcript" className="mb-3 text-xl font-semibold">
            {t("scenario.summary.transcript")}
          </h2>
          <Conversation view={data.view} />
        </div>
        <aside aria-label={t("scenario.desk.title")}>
          <HelpDesk view={data.view} kb={null} editable={false} />
        </aside>
      </section>

      <Form method="post" action={`/scenarios/${data.id}`}>
        <input type="hidden" name="intent" value="start" />
        <input type="hidden" name="previous" value={data.attemptId} />
        <Button type="submit">{t("scenario.playAgain")}</Button>
      </Form>
    </div>
  );
}
