import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/field.tsx";
import { CommentBox, GradeForm, useGradeForm } from "#app/reviews/grade-form.tsx";
import { GradeHistory } from "#app/reviews/grade-history.tsx";
import { claimForGrading, openForGrading, releaseClaim, saveGrade } from "#app/reviews/reviews.server.ts";
import { gradeFormSchema } from "#app/reviews/schemas.ts";
import { Conversation } from "#app/scenarios/conversation.tsx";
import { DeskEntry, HelpDesk } from "#app/scenarios/help-desk.tsx";
import { MeasuresPanel } from "#app/scenarios/measures-panel.tsx";
import { refusal, refuse } from "#app/utils/errors.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { type ConversationView } from "#app/scenarios/view.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.trainee.name} · ${data.title}` : "Grade"} · Rapport` },
];

/** Whoever may grade this trainee, for an attempt sent for review; the page's 404, 403 or 409 otherwise. */
async function open(request: Request, attemptId: string) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const locale = resolveLocale(request, user.locale);
  const screen = await openForGrading(user, attemptId).catch((error: unknown) => refuse(error, locale));
  return { user, locale, screen };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { screen } = await open(request, params.attemptId ?? "");
  return { ...screen, url: new URL(request.url).search };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const attemptId = params.attemptId ?? "";
  const { user, locale, screen } = await open(request, attemptId);
  const submission = parseWithZod(await request.formData(), { schema: gradeFormSchema(screen.form) });
  if (submission.status !== "success") return data({ result: submission.reply(), error: null }, { status: 400 });
  const form = submission.value;
  try {
    switch (form.intent) {
      case "claim":
        await claimForGrading(user, attemptId);
        return redirect(`/reviews/${attemptId}`);
      case "release":
        await releaseClaim(user, attemptId);
        return redirect("/reviews");
      case "draft":
      case "submit":
        await saveGrade(user, attemptId, form.grade, form.intent, form.basedOn);
        return form.intent === "submit"
          ? redirect(`/reviews?graded=${attemptId}`)
          : redirect(`/reviews/${attemptId}?saved=draft`);
    }
  } catch (error) {
    return refusal(error, locale, { result: submission.reply() });
  }
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

export default function GradeAttempt() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const dates = useDates();
  const busy = navigation.state === "submitting";
  const canGrade = data.claim?.mine === true;
  const state = useGradeForm(data, actionData?.result);
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
          {data.submittedAt ? t("reviews.submittedAt", { time: dates.dateTime(data.submittedAt) }) : null}
          {data.reviewStatus === "graded" ? ` · ${t("reviews.alreadyGraded")}` : ""}
        </p>
        {data.claim?.mine ? (
          <p className="text-sm text-slate-700" data-claim="mine">
            {t("reviews.youHoldIt", { time: dates.dateTime(data.claim.until) })}
          </p>
        ) : data.claim ? (
          <p role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-claim="other">
            {t("reviews.heldBy", { name: data.claim.by, time: dates.dateTime(data.claim.until) })}
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
        {actionData?.error || state.problems.length ? (
          <Alert>
            <p>{actionData?.error?.message ?? t("reviews.errors.fixGrade")}</p>
            {state.problems.length ? (
              <ul className="mt-1 list-disc pl-5">
                {state.problems.map((problem, i) => (
                  <li key={i}>{problem}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
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
                    <CommentBox key="comment" seq={turn.seq} state={state} disabled={!canGrade} />,
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
          <GradeForm screen={data} state={state} canGrade={canGrade} busy={busy} />
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
