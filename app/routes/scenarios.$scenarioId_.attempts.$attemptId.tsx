import { json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { GradeHistory, GradeResult, TurnComment } from "#app/reviews/grade-history.tsx";
import { getTraineeReview, markReviewRead } from "#app/reviews/reviews.server.ts";
import { loadAttempt } from "#app/scenarios/attempts.server.ts";
import { findScenario } from "#app/content/catalog.server.ts";
import { Conversation } from "#app/scenarios/conversation.tsx";
import { HelpDesk } from "#app/scenarios/help-desk.tsx";
import { MeasuresPanel } from "#app/scenarios/measures-panel.tsx";
import { ScenarioBadges } from "#app/scenarios/scenario-badges.tsx";
import { attemptView } from "#app/scenarios/view.server.ts";
import { notFound } from "#app/utils/errors.ts";
import { refuse } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Summary"} · Rapport` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const bundle = findScenario(params.scenarioId ?? "") ?? refuse(notFound("scenario.errors.notFound"), locale);
  // Someone else's attempt is not found either.
  const attempt = await loadAttempt(user.id, bundle, params.attemptId ?? "").catch((error: unknown) =>
    refuse(error, locale),
  );
  // Not finished yet: the summary is the player's job.
  if (!attempt.finishedAt || !attempt.measures) throw redirect(`/scenarios/${bundle.id}`);
  const { scenario, measures } = attempt;
  const review = await getTraineeReview(attempt.id);
  if (review?.unread) await markReviewRead(attempt.id, user.id);
  return json({
    id: bundle.id,
    attemptId: attempt.id,
    title: scenario.title,
    channel: scenario.channel,
    level: scenario.level,
    minutes: scenario.minutes,
    reviewRequired: scenario.review,
    finishedAt: attempt.finishedAt,
    reviewStatus: attempt.reviewStatus,
    measures,
    view: attemptView(attempt),
    names: Object.fromEntries(scenario.conversations.map((c) => [c.id, c.persona.name])),
    rubric: scenario.rubric,
    review,
  });
}

export default function AttemptSummary() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const m = data.measures;
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
        <ScenarioBadges channel={data.channel} level={data.level} minutes={data.minutes} review={data.reviewRequired} />
        <h1 className="text-3xl font-bold">{t("scenario.summary.title", { title: data.title })}</h1>
        <p
          className={`max-w-3xl rounded border p-3 ${m.resolved ? "border-emerald-300 bg-emerald-50" : "border-red-300 bg-red-50"}`}
        >
          <span className="font-semibold">{m.resolved ? t("scenario.resolved") : t("scenario.notResolved")}.</span>{" "}
          {m.conversations.length === 1 ? m.conversations[0]?.outcome : null}
        </p>
        {data.reviewStatus === "graded" ? null : data.reviewStatus === "waiting" ? (
          <p className="max-w-3xl rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-review-status="waiting">
            {t("scenario.summary.waitingReview")}
          </p>
        ) : (
          <p className="text-sm text-slate-600" data-review-status={data.reviewStatus}>
            {t("scenario.summary.noReview")}
          </p>
        )}
      </header>

      {data.review ? (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
          <GradeResult
            grade={data.review.grade}
            rubric={data.rubric}
            reviewer={data.review.reviewer}
            at={data.review.at}
          />
          <GradeHistory versions={data.review.versions} rubric={data.rubric} />
        </div>
      ) : null}

      <MeasuresPanel measures={m} names={data.names} />

      <section aria-labelledby="transcript" className="space-y-6">
        <h2 id="transcript" className="text-xl font-semibold">
          {t("scenario.summary.transcript")}
        </h2>
        {data.view.conversations.map((conversation) => (
          <div key={conversation.id} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
            <Conversation
              view={{ ...data.view, ...conversation }}
              afterTurn={(turn) => {
                const comment = data.review?.grade.comments[String(turn.seq)];
                return comment ? <TurnComment text={comment} /> : null;
              }}
            />
            <aside aria-label={t("scenario.desk.title")}>
              <HelpDesk view={data.view} conversation={conversation} kb={null} editable={false} />
            </aside>
          </div>
        ))}
      </section>

      <Form method="post" action={`/scenarios/${data.id}`}>
        <input type="hidden" name="intent" value="start" />
        <input type="hidden" name="previous" value={data.attemptId} />
        <Button type="submit">
          {data.review?.grade.decision === "retry" ? t("reviews.tryAgain") : t("scenario.playAgain")}
        </Button>
      </Form>
    </div>
  );
}
