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
import { WaitingClock } from "#app/scenarios/waiting-clock.tsx";
import { parseDifficulty } from "#app/scenarios/engine.server.ts";
import { SINGLE_CONVERSATION } from "#app/content/schemas/scenario.ts";
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
  // Several chats: each form names its chat, and its anchor starts with the chat's id (help-desk.tsx).
  const target = "step" in form ? { conversation: form.conversation || SINGLE_CONVERSATION, step: form.step } : null;
  const chat = target && target.conversation !== SINGLE_CONVERSATION ? `${target.conversation}-` : "";
  // Without JavaScript the page reloads: land where the trainee was working.
  const back = `/scenarios/${bundle.id}${new URL(request.url).search}#${chat}${panelOf(form)}`;
  try {
    switch (form.intent) {
      case "start":
        await startAttempt(user.id, bundle, locale, parseDifficulty(form.difficulty), form.previous);
        return redirect(`/scenarios/${bundle.id}`);
      case "reply":
        await recordReply(
          user.id,
          bundle,
          form.attemptId,
          { conversation: form.conversation || SINGLE_CONVERSATION, step: form.step },
          form.option ? { optionId: form.option } : { text: form.text ?? "" },
        );
        return redirect(back);
      case "action":
        await recordActions(
          user.id,
          bundle,
          form.attemptId,
          { conversation: form.conversation || SINGLE_CONVERSATION, step: form.step },
          [form],
        );
        return redirect(back);
      case "ticket":
        await recordTicket(
          user.id,
          bundle,
          form.attemptId,
          { conversation: form.conversation || SINGLE_CONVERSATION, step: form.step },
          form,
        );
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
  // The message goes beside the form that was sent, in the chat it was sent from.
  const sentChat = typeof sent?.conversation === "string" ? sent.conversation : null;
  const errorAt = (at: string, conversation?: string) =>
    messages.length && panel === at && (!sentChat || !conversation || sentChat === conversation) ? (
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
        <div className="space-y-6">
          <details className="rounded border border-slate-200 bg-white p-3 text-sm">
            <summary className="cursor-pointer font-medium">{t("scenario.briefing")}</summary>
            <p className="mt-2 whitespace-pre-line text-slate-700">{data.situation}</p>
          </details>
          {view.conversations.length > 1 ? (
            <nav
              aria-label={t("scenario.chats")}
              className="sticky top-0 z-10 flex flex-wrap gap-2 rounded border border-slate-200 bg-white/95 p-2 text-sm"
              data-chats
            >
              {view.conversations.map((conversation) => (
                <span key={conversation.id} className="flex items-center gap-2" data-chat={conversation.id}>
                  {conversation.open ? (
                    <a href={`#chat-${conversation.id}`} className="font-medium text-brand-700 underline">
                      {conversation.persona.name}
                    </a>
                  ) : (
                    <span className="text-slate-500">{t("scenario.notYet", { name: conversation.persona.name })}</span>
                  )}
                  {conversation.waitingSince ? (
                    <WaitingClock since={conversation.waitingSince} name={conversation.persona.name} />
                  ) : conversation.open && conversation.current.ended ? (
                    <span className="text-xs text-slate-500">{t("scenario.chatOver")}</span>
                  ) : null}
                </span>
              ))}
            </nav>
          ) : null}
          {view.conversations
            .filter((conversation) => conversation.open)
            .map((conversation) => (
              <div
                key={conversation.id}
                id={`chat-${conversation.id}`}
                className="grid scroll-mt-16 gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]"
              >
                <div className="space-y-3">
                  <p className="text-sm text-slate-700" data-mood={conversation.mood}>
                    {t("scenario.moodNow", {
                      name: conversation.persona.name,
                      mood: t(`scenario.mood.${moodKeys[conversation.mood] ?? "neutral"}`),
                      value: conversation.mood,
                    })}
                  </p>
                  <Conversation
                    view={{ ...view, ...conversation }}
                    composer={
                      <div
                        id={view.conversations.length > 1 ? `${conversation.id}-reply` : "reply"}
                        className="scroll-mt-4"
                      >
                        {errorAt("reply", conversation.id)}
                        <ReplyComposer
                          key={`reply-${conversation.id}-${view.turn}`}
                          view={view}
                          conversation={conversation}
                          busy={busy}
                          lastResult={
                            panel === "reply" && (!sentChat || sentChat === conversation.id) ? actionData?.result : null
                          }
                        />
                      </div>
                    }
                  />
                </div>
                <aside aria-label={t("scenario.desk.title")}>
                  <HelpDesk
                    view={view}
                    conversation={conversation}
                    kb={data.kb}
                    editable
                    busy={busy}
                    sent={sent}
                    errorAt={(at) => errorAt(at, conversation.id)}
                  />
                </aside>
              </div>
            ))}
        </div>
      ) : (
        <section className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-lg font-semibold">{t("scenario.briefing")}</h2>
          <p>{data.situation}</p>
          <p className="text-sm text-slate-700">{t("scenario.howItWorks")}</p>
          <Form method="post" className="space-y-4">
            <input type="hidden" name="intent" value="start" />
            <fieldset className="space-y-2" data-difficulty-picker>
              <legend className="font-medium">{t("scenario.chooseDifficulty")}</legend>
              {(["easy", "normal", "hard"] as const).map((d) => (
                <label key={d} className="flex gap-2 text-sm">
                  <input type="radio" name="difficulty" value={d} defaultChecked={d === "normal"} className="mt-1" />
                  <span>
                    <span className="font-medium">{t(`scenario.difficultyName.${d}`)}</span> —{" "}
                    {t(`scenario.difficultyHelp.${d}`)}
                  </span>
                </label>
              ))}
            </fieldset>
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
