import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import {
  AttemptFinished,
  AttemptNotFound,
  finishAttempt,
  listAttempts,
  loadAttempt,
  recordActions,
  recordReply,
  startAttempt,
} from "#app/scenarios/attempts.server.ts";
import { findScenario } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { Conversation } from "#app/scenarios/conversation.tsx";
import { type ActionInput, parseDifficulty, PlayError } from "#app/scenarios/engine.server.ts";
import { SINGLE_CONVERSATION } from "#app/content/schemas/scenario.ts";
import { HelpDesk, type KnowledgeBase } from "#app/scenarios/help-desk.tsx";
import { ScenarioBadges } from "#app/scenarios/scenario-badges.tsx";
import { WaitingClock } from "#app/scenarios/waiting-clock.tsx";
import { attemptView, searchArticles } from "#app/scenarios/view.server.ts";
import { MAX_REPLY_LENGTH, moodKeys } from "#app/scenarios/view.ts";
import { formatDateTime } from "#app/utils/format.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";
import { invariantResponse } from "#app/utils/misc.ts";
import { RateLimited } from "#app/utils/rate-limit.server.ts";
import { keepRetryAfter } from "#app/utils/headers.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Scenario"} · Rapport` }];

function requireScenario(id: string | undefined) {
  const bundle = findScenario(id ?? "");
  invariantResponse(bundle, "No scenario with this address.", { status: 404 });
  return bundle;
}

export const headers = keepRetryAfter;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const bundle = requireScenario(params.scenarioId);
  const locale = resolveLocale(request, user.locale);
  const attempts = await listAttempts(user.id, bundle.id);
  const open = attempts.find((a) => !a.finishedAt) ?? null;
  const attempt = open ? await loadAttempt(user.id, bundle, open.id) : null;
  const scenario = attempt ? attempt.scenario : pick(bundle.variants, locale).value;
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").slice(0, 100).trim();
  const articleId = url.searchParams.get("article");
  const article = scenario.articles.find((a) => a.id === articleId) ?? null;
  const kb: KnowledgeBase = {
    query,
    results: query ? searchArticles(scenario, query).map(({ id, title, snippet }) => ({ id, title, snippet })) : null,
    article: article ? { id: article.id, title: article.title, html: article.html ?? "" } : null,
  };
  return json({
    id: bundle.id,
    title: scenario.title,
    summary: scenario.summary,
    situation: scenario.conversations.map((c) => c.persona.situation).join("\n\n"),
    channel: scenario.channel,
    level: scenario.level,
    minutes: scenario.minutes,
    competencies: scenario.competencies,
    review: scenario.review,
    translated: (attempt?.locale ?? pick(bundle.variants, locale).locale) === locale,
    attempt: attempt ? attemptView(attempt) : null,
    kb: attempt ? kb : null,
    history: attempts
      .filter((a) => a.finishedAt)
      .map((a) => ({
        id: a.id,
        finishedAt: a.finishedAt,
        csat: a.csat,
        resolved: a.resolved,
        reviewStatus: a.reviewStatus,
      })),
  });
}

type ActionError = {
  error: string;
  /** Which form it answers ("reply", "desk-ticket", …), to show the message beside it. */
  at: string;
  /** The chat whose form it answers, when the scenario has several. */
  conversation?: string;
  detail: Record<string, string | number>;
  kept: { text?: string; note?: string; escalateNote?: string; team?: string; tag?: string; option?: string };
};

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const bundle = requireScenario(params.scenarioId);
  const form = await request.formData();
  const intent = field(form, "intent");
  const search = new URL(request.url).search;
  // Without JavaScript the page reloads: land where the trainee was working.
  // With several chats each form's anchor starts with its chat's id (help-desk.tsx does the same).
  const several = pick(bundle.variants, "en").value.conversations.length > 1;
  const chatOf = (form: FormData) => (several ? `${field(form, "conversation")}-` : "");
  const back = (anchor: string) => `/scenarios/${bundle.id}${search}#${chatOf(form)}${anchor}`;
  const anchorFor = (type: string) =>
    type === "add-note"
      ? "desk-notes"
      : type === "escalate"
        ? "desk-escalate"
        : type === "link-article"
          ? "desk-kb"
          : "desk-ticket";

  if (intent === "start") {
    const previous = field(form, "previous") || undefined;
    if (previous) {
      const owned = await loadAttempt(user.id, bundle, previous).then(
        () => true,
        () => false,
      );
      invariantResponse(owned, "There is no such attempt of yours to follow.", { status: 404 });
    }
    try {
      const difficulty = parseDifficulty(field(form, "difficulty"));
      await startAttempt(user.id, bundle, resolveLocale(request, user.locale), difficulty, previous);
    } catch (error) {
      if (error instanceof PlayError)
        return json<ActionError>(
          { error: error.code, at: "start", detail: error.detail, kept: {} },
          { status: error.status },
        );
      if (!(error instanceof RateLimited)) throw error;
      return json<ActionError>(
        {
          error: "tooManyAttempts",
          at: "start",
          detail: { count: Math.ceil(error.retryAfterSeconds / 60) },
          kept: {},
        },
        { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
      );
    }
    return redirect(`/scenarios/${bundle.id}`);
  }

  const attemptId = field(form, "attemptId");
  const target = { conversation: field(form, "conversation") || SINGLE_CONVERSATION, step: field(form, "step") };
  const kept: ActionError["kept"] = {
    text: field(form, "text") || undefined,
    option: field(form, "option") || undefined,
    ...(field(form, "type") === "escalate"
      ? { escalateNote: field(form, "note"), team: field(form, "value") }
      : { note: field(form, "note") || undefined }),
    ...(field(form, "type") === "add-tag" ? { tag: field(form, "value") } : {}),
  };
  const at =
    intent === "reply" || intent === "finish"
      ? "reply"
      : intent === "ticket"
        ? "desk-ticket"
        : anchorFor(field(form, "type"));
  const fail = (status: number, error: string, detail: ActionError["detail"] = {}) =>
    json<ActionError>({ error, at, conversation: target.conversation, detail, kept }, { status });

  try {
    switch (intent) {
      case "reply": {
        const option = form.get("option");
        const text = form.get("text");
        if (typeof option === "string") await recordReply(user.id, bundle, attemptId, target, { optionId: option });
        else if (typeof text === "string") await recordReply(user.id, bundle, attemptId, target, { text });
        else return fail(400, "chooseReply");
        return redirect(back("reply"));
      }
      case "action": {
        const input: ActionInput = {
          type: field(form, "type"),
          value: field(form, "value"),
          note: field(form, "note"),
        };
        await recordActions(user.id, bundle, attemptId, target, [input]);
        return redirect(back(anchorFor(input.type)));
      }
      case "ticket": {
        const attempt = await loadAttempt(user.id, bundle, attemptId);
        const ticket = attempt.state.conversations.find((c) => c.id === target.conversation)?.ticket;
        const inputs: ActionInput[] = [];
        for (const [name, type] of [
          ["status", "set-status"],
          ["priority", "set-priority"],
          ["category", "set-category"],
        ] as const) {
          const value = form.get(name);
          if (typeof value === "string" && value !== ticket?.[name]) inputs.push({ type, value });
        }
        await recordActions(user.id, bundle, attemptId, target, inputs);
        return redirect(back("desk-ticket"));
      }
      case "finish": {
        await finishAttempt(user.id, bundle, attemptId);
        return redirect(`/scenarios/${bundle.id}/attempts/${attemptId}`);
      }
      default:
        return fail(400, "unknownIntent");
    }
  } catch (error) {
    if (error instanceof AttemptNotFound)
      throw new Response("This attempt is not yours or does not exist.", { status: 404 });
    if (error instanceof AttemptFinished) return fail(409, "finished", { attemptId });
    if (error instanceof PlayError) return fail(error.status, error.code, error.detail);
    throw error;
  }
}

type View = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["attempt"]>;

function ReplyComposer({
  view,
  conversation,
  busy,
  kept,
}: {
  view: View;
  conversation: View["conversations"][number];
  busy: boolean;
  kept?: ActionError["kept"];
}) {
  const { t } = useTranslation();
  const { current } = conversation;
  // With several chats the finish form comes once, under the last one.
  if (current.ended && (!view.over || conversation.id !== view.conversations.at(-1)?.id))
    return <p className="text-sm font-medium text-slate-700">{t("scenario.chatEnded")}</p>;
  if (view.over) {
    return (
      <Form method="post" className="space-y-2">
        <input type="hidden" name="intent" value="finish" />
        <input type="hidden" name="attemptId" value={view.id} />
        <p className="font-medium">{t("scenario.conversationOver")}</p>
        <p className="text-sm text-slate-700">{t("scenario.finishHelp")}</p>
        <Button type="submit" disabled={busy}>
          {t("scenario.finish")}
        </Button>
      </Form>
    );
  }
  const hidden = (
    <>
      <input type="hidden" name="intent" value="reply" />
      <input type="hidden" name="attemptId" value={view.id} />
      <input type="hidden" name="conversation" value={conversation.id} />
      <input type="hidden" name="step" value={current.id} />
    </>
  );
  if (current.ended) return null;
  if (current.options) {
    return (
      <Form method="post" preventScrollReset key={`reply-${view.turn}`}>
        {hidden}
        <fieldset>
          <legend className="font-medium">
            {view.channel === "phone" ? t("scenario.whatDoYouSay") : t("scenario.chooseReply")}
          </legend>
          <div className="mt-2 space-y-2">
            {current.options.map((option) => (
              <label
                key={option.id}
                className="flex cursor-pointer gap-3 rounded border border-slate-200 p-3 hover:border-brand-600 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
              >
                <input
                  type="radio"
                  name="option"
                  value={option.id}
                  required
                  defaultChecked={kept?.option === option.id}
                />
                <span className="whitespace-pre-line">{option.text}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <Button type="submit" className="mt-3" disabled={busy}>
          {view.channel === "email"
            ? t("scenario.sendEmail")
            : view.channel === "phone"
              ? t("scenario.say")
              : t("scenario.send")}
        </Button>
      </Form>
    );
  }
  return (
    <Form method="post" preventScrollReset key={`reply-${view.turn}`}>
      {hidden}
      <label className="block">
        <span className="font-medium">{t("scenario.writeReply")}</span>
        <span className="mt-1 block text-sm text-slate-700">{current.prompt}</span>
        <textarea
          name="text"
          required
          rows={view.channel === "email" ? 9 : 5}
          maxLength={MAX_REPLY_LENGTH}
          defaultValue={kept?.text}
          className="mt-2 block w-full rounded border border-slate-300 px-3 py-2"
        />
      </label>
      <p className="mt-1 text-xs text-slate-600">{t("scenario.replyLimit", { max: MAX_REPLY_LENGTH })}</p>
      <Button type="submit" className="mt-3" disabled={busy}>
        {view.channel === "email"
          ? t("scenario.sendEmail")
          : view.channel === "phone"
            ? t("scenario.say")
            : t("scenario.send")}
      </Button>
    </Form>
  );
}

function ErrorMessage({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="mb-3 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      {children}
    </div>
  );
}

export default function ScenarioPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { t, i18n } = useTranslation();
  const error = actionData && "error" in actionData ? actionData : null;
  const view = data.attempt;
  const errorText = error
    ? t(`scenario.errors.${error.error}`, {
        ...error.detail,
        // The field's name in the reader's language, not the form's.
        ...(typeof error.detail.field === "string" ? { field: t(`scenario.desk.${error.detail.field}`) } : {}),
      })
    : null;
  // The message goes beside the form that was sent, where the trainee is looking.
  const errorAt = (at: string, conversation: string) =>
    error && error.at === at && (!error.conversation || error.conversation === conversation) ? (
      <ErrorMessage>{errorText}</ErrorMessage>
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
      {error && !view ? <ErrorMessage>{errorText}</ErrorMessage> : null}
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
                        <ReplyComposer view={view} conversation={conversation} busy={busy} kept={error?.kept} />
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
                    kept={error?.kept}
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
                <span>{attempt.finishedAt ? formatDateTime(attempt.finishedAt, i18n.language) : ""}</span>
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
