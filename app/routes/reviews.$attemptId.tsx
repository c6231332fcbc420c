import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { claimHidden, findHidden, openHidden, releaseHidden, saveHidden } from "#app/calibration/hidden.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { GradeForm, GradeProblems, useGradeForm } from "#app/reviews/grade-form.tsx";
import { GradeHistory } from "#app/reviews/grade-history.tsx";
import { GradingTranscript } from "#app/reviews/grading-transcript.tsx";
import { claimForGrading, openForGrading, releaseClaim, saveGrade } from "#app/reviews/reviews.server.ts";
import { gradeFormSchema } from "#app/reviews/schemas.ts";
import { MeasuresPanel } from "#app/scenarios/measures-panel.tsx";
import { refusal, refuse } from "#app/utils/errors.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.trainee.name} · ${data.title}` : "Grade"} · Rapport` },
];

/**
 * Whoever may grade this trainee, for an attempt sent for review; the page's 404, 403 or 409
 * otherwise. The id may name a hidden calibration attempt of this mentor's (ADR 036): the
 * same screen, whose grade goes to calibration only.
 */
async function open(request: Request, attemptId: string) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const locale = resolveLocale(request, user.locale);
  const hidden = await findHidden(user, attemptId);
  const screen = await (hidden ? openHidden(user, hidden) : openForGrading(user, attemptId)).catch((error: unknown) =>
    refuse(error, locale),
  );
  return { user, locale, screen, hidden };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { screen } = await open(request, params.attemptId ?? "");
  return { ...screen, url: new URL(request.url).search };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const attemptId = params.attemptId ?? "";
  const { user, locale, screen, hidden } = await open(request, attemptId);
  const submission = parseWithZod(await request.formData(), { schema: gradeFormSchema(screen.form) });
  if (submission.status !== "success") return data({ result: submission.reply(), error: null }, { status: 400 });
  const form = submission.value;
  try {
    if (hidden)
      switch (form.intent) {
        case "claim":
          await claimHidden(hidden);
          return redirect(`/reviews/${attemptId}`);
        case "release":
          await releaseHidden(hidden);
          return redirect("/reviews");
        default:
          await saveHidden(user, hidden, form.grade, form.intent);
          return form.intent === "submit"
            ? redirect(`/reviews?graded=${attemptId}`)
            : redirect(`/reviews/${attemptId}?saved=draft`);
      }
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
        <GradeProblems message={actionData?.error?.message} state={state} />
      </header>

      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_30rem]">
        <GradingTranscript screen={data} state={state} canGrade={canGrade} />

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
