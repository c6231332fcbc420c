import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { type GradeProblem, prefillScores, readGrade } from "#app/reviews/grading.server.ts";
import { GradeHistory } from "#app/reviews/grade-history.tsx";
import { MAX_COMMENT_LENGTH, MAX_FEEDBACK_LENGTH } from "#app/reviews/limits.ts";
import { claimForGrading, openForGrading, releaseClaim, ReviewError, saveGrade } from "#app/reviews/reviews.server.ts";
import { Conversation } from "#app/scenarios/conversation.tsx";
import { DeskEntry, HelpDesk } from "#app/scenarios/help-desk.tsx";
import { MeasuresPanel } from "#app/scenarios/measures-panel.tsx";
import { attemptView } from "#app/scenarios/view.server.ts";
import { type ConversationView } from "#app/scenarios/view.ts";
import { formatDateTime } from "#app/utils/format.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.trainee.name} · ${data.title}` : "Grade"} · Rapport` },
];

function reviewErrorResponse(error: unknown): never {
  if (error instanceof ReviewError && (error.status === 403 || error.status === 404)) {
    const message =
      error.status === 403
        ? "This trainee is not one of yours: you can grade your own trainees and those of the teams you manage."
        : "No attempt with this address.";
    throw new Response(message, { status: error.status });
  }
  throw error;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const opened = await openForGrading(user, params.attemptId ?? "").catch((error: unknown) => {
    if (error instanceof ReviewError && error.code === "notSubmitted")
      throw new Response("This attempt has not been submitted for review.", { status: 409 });
    return reviewErrorResponse(error);
  });
  const { attempt, state, scenario, events, measures, working, versions, claim } = opened;
  const view = attemptView(
    {
      id: attempt.id,
      locale: attempt.locale,
      startedAt: attempt.startedAt,
      turn: attempt.turn,
      finishedAt: attempt.finishedAt,
      scenario,
      state,
      events,
    },
    "mentor",
  );
  const prefill = prefillScores(scenario, events, measures);
  return json({
    attemptId: attempt.id,
    title: scenario.title,
    trainee: attempt.user,
    submittedAt: attempt.submittedAt,
    reviewStatus: attempt.reviewStatus,
    view,
    names: Object.fromEntries(scenario.conversations.map((c) => [c.id, c.persona.name])),
    /** Labels for the pre-fill's evidence ids: action:<id>, action:<conversation>:<id> and name:<conversation>. */
    basisLabels: Object.fromEntries(
      (measures?.conversations ?? []).flatMap((c) => [
        [`name:${c.id}`, scenario.conversations.find((x) => x.id === c.id)?.persona.name ?? c.id],
        ...c.requiredActions.flatMap((a) => [
          [a.id, a.label],
          [`${c.id}:${a.id}`, a.label],
        ]),
      ]),
    ),
    measures,
    rubric: scenario.rubric,
    prefill,
    working,
    versions,
    claim,
    url: new URL(request.url).search,
  });
}

type ActionResult = {
  error: string | null;
  detail: Record<string, string>;
  problems: GradeProblem[];
  kept: Record<string, string>;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const attemptId = params.attemptId ?? "";
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "release") {
    await releaseClaim(user, attemptId);
    return redirect("/reviews");
  }
  if (intent === "claim") {
    await claimForGrading(user, attemptId).catch((error: unknown) => {
      if (error instanceof ReviewError && error.code === "notSubmitted")
        throw new Response("This attempt has not been submitted for review.", { status: 409 });
      return reviewErrorResponse(error);
    });
    return redirect(`/reviews/${attemptId}`);
  }
  const kept = Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === "string"));
  if (intent !== "draft" && intent !== "submit")
    return json<ActionResult>({ error: "unknownIntent", detail: {}, problems: [], kept }, { status: 400 });
  const opened = await openForGrading(user, attemptId).catch((error: unknown) => {
    if (error instanceof ReviewError && error.code === "notSubmitted") return null;
    return reviewErrorResponse(error);
  });
  if (!opened) return json<ActionResult>({ error: "notSubmitted", detail: {}, problems: [], kept }, { status: 409 });
  const { grade, problems } = readGrade(form, opened.scenario, opened.events, intent === "submit");
  if (problems.length) return json<ActionResult>({ error: "fixGrade", detail: {}, problems, kept }, { status: 400 });
  const basedOn = Number(form.get("basedOn"));
  try {
    await saveGrade(user, attemptId, grade, intent, Number.isInteger(basedOn) ? basedOn : -1);
  } catch (error) {
    if (error instanceof ReviewError && error.status === 409)
      return json<ActionResult>({ error: error.code, detail: error.detail, problems: [], kept }, { status: 409 });
    reviewErrorResponse(error);
  }
  return intent === "submit" ? redirect(`/reviews?graded=${attemptId}`) : redirect(`/reviews/${attemptId}?saved=draft`);
}

/** The help-desk work done between one reply of the trainee's (seq) and their next one in the same conversation. */
function workAfter(conversation: ConversationView, seq: number | null) {
  const replies = conversation.transcript.flatMap((turn) => (turn.kind === "agent" ? [turn.seq] : []));
  const next = replies.find((r) => (seq === null ? true : r > seq)) ?? Infinity;
  return conversation.log.filter((entry) => (seq === null || entry.seq > seq) && entry.seq < next);
}

function DeskWork({
  title,
  entries,
  startedAt,
}: {
  title: string;
  entries: ConversationView["log"];
  startedAt: string;
}) {
  if (!entries.length) return null;
  return (
    <div className="mt-2 rounded border border-slate-200 bg-slate-50 p-2 text-left text-sm" data-desk-work>
      <p className="font-medium text-slate-700">{title}</p>
      <ol className="mt-1 space-y-1">
        {entries.map((entry) => (
          <DeskEntry key={entry.seq} entry={entry} startedAt={startedAt} />
        ))}
      </ol>
    </div>
  );
}

/** The automatic evidence behind a suggested level, counted per check, action and outcome. */
function SuggestionBasis({
  basis,
  actions,
}: {
  basis: Array<{ id: string; ok: boolean }>;
  actions: Record<string, string>;
}) {
  const { t } = useTranslation();
  const counted = new Map<string, { met: number; total: number }>();
  for (const b of basis) {
    const c = counted.get(b.id) ?? { met: 0, total: 0 };
    counted.set(b.id, { met: c.met + (b.ok ? 1 : 0), total: c.total + 1 });
  }
  const label = (id: string) => {
    if (id.startsWith("action:")) return t("reviews.basis.action", { label: actions[id.slice(7)] ?? id.slice(7) });
    if (id.startsWith("resolved")) {
      const of = id.split(":")[1];
      return of ? t("reviews.basis.resolvedOf", { name: actions[`name:${of}`] ?? of }) : t("reviews.basis.resolved");
    }
    return t(`reviews.checkNames.${id}`);
  };
  return (
    <details className="mt-1 text-xs text-slate-700">
      <summary className="cursor-pointer">{t("reviews.basis.title")}</summary>
      <ul className="mt-1 space-y-0.5 pl-1" data-basis>
        {[...counted].map(([id, c]) => (
          <li key={id} className="flex justify-between gap-2">
            <span>{label(id)}</span>
            <span className="tabular-nums">
              {c.total === 1 ? (c.met ? t("reviews.basis.yes") : t("reviews.basis.no")) : `${c.met}/${c.total}`}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}

function Problem({ problems, field }: { problems: GradeProblem[]; field: string }) {
  const { t } = useTranslation();
  const found = problems.filter((p) => p.field === field);
  if (!found.length) return null;
  return (
    <p className="mt-1 text-sm text-red-800" role="alert">
      {found.map((p) => t(`reviews.problems.${p.code}`, p.detail ?? {})).join(" ")}
    </p>
  );
}

export default function GradeAttempt() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const busy = navigation.state === "submitting";
  const kept = actionData?.kept ?? null;
  const problems = actionData?.problems ?? [];
  const canGrade = data.claim?.mine === true;
  // What the form shows: what was just typed (after an error), else the working copy, else the pre-fill.
  const scoreOf = (criterion: string) =>
    kept
      ? (kept[`score:${criterion}`] ?? "")
      : String(data.working?.scores[criterion] ?? data.prefill[criterion]?.level ?? "");
  const commentOf = (seq: number) =>
    kept ? (kept[`comment:${seq}`] ?? "") : (data.working?.comments[String(seq)] ?? "");
  const feedback = kept ? (kept.feedback ?? "") : (data.working?.feedback ?? "");
  const decision = kept ? (kept.decision ?? "") : (data.working?.decision ?? "");
  const commentBox = (turn: { seq: number }): ReactNode => (
    <label className="mt-2 block text-left text-sm" key="comment">
      <span className="font-medium text-slate-700">{t("reviews.commentOnTurn")}</span>
      <textarea
        form="grade-form"
        name={`comment:${turn.seq}`}
        rows={2}
        maxLength={MAX_COMMENT_LENGTH}
        defaultValue={commentOf(turn.seq)}
        disabled={!canGrade}
        className="mt-1 block w-full rounded border border-amber-300 bg-amber-50 px-2 py-1.5"
      />
      <Problem problems={problems} field={`comment:${turn.seq}`} />
    </label>
  );
  return (
    <div className="space-y-6">
      <nav aria-label={t("courses.breadcrumb")} className="text-sm">
        <Link to="/reviews" className="text-brand-700 underline">
          {t("reviews.backToQueue")}
        </Link>
      </nav>
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">
          {data.trainee.name} · {data.title}
        </h1>
        <p className="text-sm text-slate-700">
          {data.submittedAt
            ? t("reviews.submittedAt", { time: formatDateTime(data.submittedAt, i18n.language) })
            : null}
          {data.reviewStatus === "graded" ? ` · ${t("reviews.alreadyGraded")}` : ""}
        </p>
        {data.claim?.mine ? (
          <p className="text-sm text-slate-700" data-claim="mine">
            {t("reviews.youHoldIt", { time: formatDateTime(data.claim.until, i18n.language) })}
          </p>
        ) : data.claim ? (
          <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-claim="other">
            {t("reviews.heldBy", { name: data.claim.by, time: formatDateTime(data.claim.until, i18n.language) })}
          </p>
        ) : (
          <Form
            method="post"
            className="flex flex-wrap items-center gap-3 rounded border border-slate-200 bg-white p-3 text-sm"
            data-claim="none"
          >
            <input type="hidden" name="intent" value="claim" />
            <span>{t("reviews.nobodyHoldsIt")}</span>
            <Button type="submit" disabled={busy}>
              {t("reviews.startGrading")}
            </Button>
          </Form>
        )}
        {data.url.includes("saved=draft") && !actionData ? (
          <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm">
            {t("reviews.draftSaved")}
          </p>
        ) : null}
        {actionData?.error ? (
          <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
            <p>{t(`reviews.errors.${actionData.error}`, actionData.detail)}</p>
            {problems.length ? (
              <ul className="mt-1 list-disc pl-5">
                {problems.map((p, i) => (
                  <li key={i}>{t(`reviews.problems.${p.code}`, p.detail ?? {})}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </header>

      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_30rem]">
        <section aria-labelledby="transcript" className="space-y-4">
          <h2 id="transcript" className="text-xl font-semibold">
            {t("reviews.transcript")}
          </h2>
          {data.view.conversations.map((conversation) => {
            const first = conversation.transcript.find((turn) => turn.kind === "agent");
            return (
              <div key={conversation.id} className="space-y-4" data-conversation={conversation.id}>
                <DeskWork
                  title={t("reviews.workBeforeFirstReply", { name: data.trainee.name })}
                  entries={first ? workAfter(conversation, null) : conversation.log}
                  startedAt={data.view.startedAt}
                />
                <Conversation
                  view={{ ...data.view, ...conversation }}
                  agentName={data.trainee.name}
                  afterTurn={(turn) => [
                    <DeskWork
                      key="work"
                      title={t("reviews.workAfterReply")}
                      entries={workAfter(conversation, turn.seq)}
                      startedAt={data.view.startedAt}
                    />,
                    commentBox(turn),
                  ]}
                />
                <section aria-label={t("reviews.finalDesk", { name: data.trainee.name })}>
                  <h3 className="mb-2 font-semibold">{t("reviews.finalDesk", { name: data.trainee.name })}</h3>
                  <HelpDesk view={data.view} conversation={conversation} kb={null} editable={false} />
                </section>
              </div>
            );
          })}
        </section>

        <div className="space-y-4">
          {data.measures ? (
            <MeasuresPanel measures={data.measures} names={data.names} trainee={data.trainee.name} compact />
          ) : null}
          <Form method="post" id="grade-form" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
            <input type="hidden" name="basedOn" value={data.working?.version ?? 0} />
            <fieldset disabled={!canGrade} className="space-y-4">
              <legend className="text-xl font-semibold">{t("reviews.rubric")}</legend>
              {data.rubric.map((criterion) => {
                const suggestion = data.prefill[criterion.id];
                return (
                  <fieldset
                    key={criterion.id}
                    className="rounded border border-slate-200 p-3"
                    data-criterion={criterion.id}
                  >
                    <legend className="px-1 font-semibold">{criterion.title}</legend>
                    <p className="text-xs text-slate-600">
                      {criterion.competencies.map((c) => t(`competencies.${c}`)).join(" · ")}
                    </p>
                    {suggestion ? (
                      <>
                        <p className="mt-1 text-xs text-slate-700" data-prefill={suggestion.level}>
                          {t("reviews.prefilled", {
                            level: suggestion.level,
                            met: suggestion.basis.filter((b) => b.ok).length,
                            total: suggestion.basis.length,
                          })}
                        </p>
                        <SuggestionBasis basis={suggestion.basis} actions={data.basisLabels} />
                      </>
                    ) : null}
                    <div className="mt-2 space-y-1">
                      {([1, 2, 3, 4] as const).map((level) => (
                        <label key={level} className="flex gap-2 text-sm">
                          <input
                            type="radio"
                            name={`score:${criterion.id}`}
                            value={level}
                            defaultChecked={scoreOf(criterion.id) === String(level)}
                          />
                          <span>
                            <span className="font-semibold">{level}</span> — {criterion.levels[level]}
                          </span>
                        </label>
                      ))}
                    </div>
                    <Problem problems={problems} field={`score:${criterion.id}`} />
                  </fieldset>
                );
              })}
              <label className="block">
                <span className="font-semibold">{t("reviews.feedback")}</span>
                <textarea
                  name="feedback"
                  rows={5}
                  maxLength={MAX_FEEDBACK_LENGTH}
                  defaultValue={feedback}
                  className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
                />
                <Problem problems={problems} field="feedback" />
              </label>
              <fieldset>
                <legend className="font-semibold">{t("reviews.decision")}</legend>
                <label className="mt-1 flex gap-2">
                  <input type="radio" name="decision" value="passed" defaultChecked={decision === "passed"} />
                  {t("reviews.passed")}
                </label>
                <label className="flex gap-2">
                  <input type="radio" name="decision" value="retry" defaultChecked={decision === "retry"} />
                  {t("reviews.retry")}
                </label>
                <Problem problems={problems} field="decision" />
              </fieldset>
              <div className="flex flex-wrap gap-2">
                <Button type="submit" name="intent" value="draft" variant="secondary" disabled={busy}>
                  {t("reviews.saveDraft")}
                </Button>
                <Button type="submit" name="intent" value="submit" disabled={busy}>
                  {data.versions.length ? t("reviews.submitChange") : t("reviews.submit")}
                </Button>
              </div>
            </fieldset>
          </Form>
          {canGrade ? (
            <Form method="post">
              <input type="hidden" name="intent" value="release" />
              <button type="submit" className="text-sm text-slate-700 underline">
                {t("reviews.release")}
              </button>
            </Form>
          ) : null}
          <GradeHistory versions={data.versions} rubric={data.rubric} />
        </div>
      </div>
    </div>
  );
}
