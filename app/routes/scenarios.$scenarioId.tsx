import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button, useFieldMessage } from "#app/components/ui/field.tsx";
import { findScenario } from "#app/content/catalog.server.ts";
import {
  finishAttempt,
  recordActions,
  recordReply,
  recordTicket,
  startAttempt,
} from "#app/scenarios/attempts.server.ts";
import { Conversation } from "#app/scenarios/conversation.tsx";
import { HelpDesk } from "#app/scenarios/help-desk.tsx";
import { getScenarioPage } from "#app/scenarios/pages.server.ts";
import { ReplyComposer } from "#app/scenarios/reply-composer.tsx";
import { ScenarioBadges } from "#app/scenarios/scenario-badges.tsx";
import { panelOf, ScenarioFormSchema } from "#app/scenarios/schemas.ts";
import { moodKeys } from "#app/scenarios/view.ts";
import { notFound } from "#app/utils/errors.ts";
import { refusal, refuse } from "#app/utils/errors.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { keepRetryAfter } from "#app/utils/headers.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Scenario"} · Rapport` }];

export const headers = keepRetryAfter;

const requireScenario = (id: string | undefined, locale: Locale) =>
  findScenario(id ?? "") ?? refuse(notFound("scenario.errors.notFound"), locale);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const bundle = requireScenario(params.scenarioId, locale);
  const url = new URL(request.url);
  return getScenarioPage(user.id, bundle, locale, {
    query: url.searchParams.get("q") ?? "",
    articleId: url.searchParams.get("article"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const bundle = requireScenario(params.scenarioId, locale);
  const submission = parseWithZod(await request.formData(), { schema: ScenarioFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), error: null }, { status: 400 });
  const form = submission.value;
  // Without JavaScript the page reloads: land where the trainee was working.
  const back = `/scenarios/${bundle.id}${new URL(request.url).search}#${panelOf(form)}`;
  try {
    switch (form.intent) {
      case "start":
        await startAttempt(user.id, bundle, locale, form.previous);
        return redirect(`/scenarios/${bundle.id}`);
      case "reply":
        await recordReply(
          user.id,
          bundle,
          form.attemptId,
          form.step,
          form.option ? { optionId: form.option } : { text: form.text ?? "" },
        );
        return redirect(back);
      case "action":
        await recordActions(user.id, bundle, form.attemptId, form.step, [form]);
        return redirect(back);
      case "ticket":
        await recordTicket(user.id, bundle, form.attemptId, form.step, form);
        return redirect(back);
      case "finish":
        await finishAttempt(user.id, bundle, form.attemptId);
        return redirect(`/scenarios/${bundle.id}/attempts/${form.attemptId}`);
    }
  } catch (error) {
    return refusal(error, locale, { result: submission.reply() });
  }
}

export default function ScenarioPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { t } = useTranslation();
  const dates = useDates();
  const say = useFieldMessage();
  const view = data.attempt;
  const sent = actionData?.result.initialValue ?? null;
  const panel = panelOf(sent);
  // The reply box shows its own field problems (checked in the browser too); the desk's forms show theirs here.
  const problems =
    panel === "reply"
      ? []
      : Object.values(actionData?.result.error ?? {})
          .flat()
          .filter((p) => p !== null);
  const messages = [...(actionData?.error ? [actionData.error.message] : []), ...problems.map(say)];
  // The message goes beside the form that was sent, where the trainee is looking.
  const errorAt = (at: string) =>
    messages.length && panel === at ? (
      <Alert className="mb-3">
        {messages.map((message) => (
          <p key={message}>{message}</p>
        ))}
      </Alert>
    ) : null;
  return (
    <div className="space-y-6">
      <nav aria-label={t("courses.breadcrumb")} className="text-sm">
        <Link to="/scenarios" className="text-brand-700 underline">
          {t("scenario.all")}
        </Link>
      </nav>
      <header className="space-y-2">
        <ScenarioBadges channel={data.channel} level={data.level} minutes={data.minutes} review={data.review} />
        <h1 className="text-3xl font-bold">{data.title}</h1>
        <p className="max-w-3xl text-slate-700">{data.summary}</p>
        {!data.translated ? (
          <p className="max-w-3xl rounded border border-amber-300 bg-amber-50 p-2 text-sm">
            {t("scenario.notTranslated")}
          </p>
        ) : null}
      </header>
      {!view ? errorAt("start") : null}
      {view ? (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
          <div className="space-y-3">
            <details className="rounded border border-slate-200 bg-white p-3 text-sm">
              <summary className="cursor-pointer font-medium">{t("scenario.briefing")}</summary>
              <p className="mt-2 text-slate-700">{data.situation}</p>
            </details>
            <p className="text-sm text-slate-700" data-mood={view.mood}>
              {t("scenario.moodNow", {
                name: view.persona.name,
                mood: t(`scenario.mood.${moodKeys[view.mood] ?? "neutral"}`),
                value: view.mood,
              })}
            </p>
            <Conversation
              view={view}
              composer={
                <div id="reply" className="scroll-mt-4">
                  {errorAt("reply")}
                  <ReplyComposer
                    key={`reply-${view.turn}`}
                    view={view}
                    busy={busy}
                    lastResult={panel === "reply" ? actionData?.result : null}
                  />
                </div>
              }
            />
          </div>
          <aside aria-label={t("scenario.desk.title")}>
            <HelpDesk view={view} kb={data.kb} editable busy={busy} sent={sent} errorAt={errorAt} />
          </aside>
        </div>
      ) : (
        <section className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-lg font-semibold">{t("scenario.briefing")}</h2>
          <p>{data.situation}</p>
          <p className="text-sm text-slate-700">{t("scenario.howItWorks")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="start" />
            <Button type="submit" disabled={busy}>
              {data.history.length ? t("scenario.playAgain") : t("scenario.start")}
            </Button>
          </Form>
        </section>
      )}
      {data.history.length ? (
        <section aria-labelledby="history" className="max-w-3xl">
          <h2 id="history" className="text-lg font-semibold">
            {t("scenario.history")}
          </h2>
          <ol className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {data.history.map((attempt) => (
              <li key={attempt.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
                <span>{attempt.finishedAt ? dates.dateTime(attempt.finishedAt) : ""}</span>
                <span>
                  {t("scenario.csatValue", { value: attempt.csat })} ·{" "}
                  {attempt.resolved ? t("scenario.resolved") : t("scenario.notResolved")}
                  {attempt.reviewStatus === "waiting" ? ` · ${t("scenario.waitingReview")}` : ""}
                </span>
                <Link to={`/scenarios/${data.id}/attempts/${attempt.id}`} className="text-brand-700 underline">
                  {t("scenario.seeSummary")}
                </Link>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
