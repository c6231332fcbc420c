import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { calibrationError, openCalibrationItem, saveCalibrationGrade } from "#app/calibration/sessions.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { GradeForm, GradeProblems, useGradeForm } from "#app/reviews/grade-form.tsx";
import { GradingTranscript } from "#app/reviews/grading-transcript.tsx";
import { gradeFormSchema } from "#app/reviews/schemas.ts";
import { MeasuresPanel } from "#app/scenarios/measures-panel.tsx";
import { refusal, refuse } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.session.title} · ${data.position}` : "Calibration"} · Rapport` },
];

async function open(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const locale = resolveLocale(request, user.locale);
  const position = Number(params.position);
  const screen = await (
    Number.isInteger(position) && position > 0
      ? openCalibrationItem(user, params.sessionId ?? "", position)
      : Promise.reject(calibrationError("notFound", 404))
  ).catch((error: unknown) => refuse(error, locale));
  return { user, locale, screen };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { screen } = await open(request, params);
  return screen;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, locale, screen } = await open(request, params);
  const submission = parseWithZod(await request.formData(), { schema: gradeFormSchema(screen.form) });
  if (submission.status !== "success") return data({ result: submission.reply(), error: null }, { status: 400 });
  const form = submission.value;
  try {
    if (form.intent !== "draft" && form.intent !== "submit") throw calibrationError("noClaims", 400);
    await saveCalibrationGrade(user, screen.session.id, screen.position, form.grade, form.intent);
    return redirect(
      `/calibration/${screen.session.id}/${screen.position}${form.intent === "draft" ? "?saved=draft" : ""}`,
    );
  } catch (error) {
    return refusal(error, locale, { result: submission.reply() });
  }
}

export default function GradeCalibration() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const dates = useDates();
  const state = useGradeForm(data, actionData?.result);
  const next = data.position < data.count ? data.position + 1 : null;
  return (
    <div className="space-y-6">
      <nav className="flex flex-wrap gap-4 text-sm">
        <Link to={`/calibration/${data.session.id}`} className="text-brand-700 underline">
          {t("calibration.backToSession", { title: data.session.title })}
        </Link>
        {next ? (
          <Link to={`/calibration/${data.session.id}/${next}`} className="text-brand-700 underline">
            {t("calibration.nextAttempt")}
          </Link>
        ) : null}
      </nav>
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">
          {data.trainee.name} · {data.title}
        </h1>
        <p className="text-sm text-slate-700">
          {t("calibration.attemptOf", { position: data.position, count: data.count })} ·{" "}
          {data.session.status === "closed"
            ? t("calibration.sessionClosed")
            : t("calibration.dueBy", { date: dates.dateTime(data.session.deadline) })}
        </p>
        <p
          className="max-w-2xl rounded border border-slate-200 bg-slate-50 p-3 text-sm"
          data-blind={data.others.length ? "revealed" : "blind"}
        >
          {data.kind === "reference"
            ? t("calibration.gradingReference")
            : data.kind === "mentor"
              ? t("calibration.gradingBlind")
              : t("calibration.watching")}
        </p>
        {data.submitted ? (
          <p role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3 text-sm" data-submitted>
            {t("calibration.submittedOnce")}
          </p>
        ) : null}
        <GradeProblems message={actionData?.error?.message} state={state} />
      </header>

      {data.others.length ? (
        <section aria-labelledby="others" className="rounded-lg border border-slate-200 bg-white p-4" data-others>
          <h2 id="others" className="text-lg font-semibold">
            {t("calibration.everyonesGrades")}
          </h2>
          <div className="overflow-x-auto">
            <table className="mt-2 min-w-full text-sm">
              <thead>
                <tr className="text-left">
                  <th className="p-1">{t("calibration.criterion")}</th>
                  {data.others.map((g) => (
                    <th key={`${g.name}-${g.kind}`} className="p-1 text-center">
                      {g.name}
                      {g.kind === "reference" ? ` (${t("calibration.reference")})` : ""}
                      {g.mine ? ` · ${t("calibration.you")}` : ""}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rubric.map((c) => (
                  <tr key={c.id} className="border-t border-slate-200">
                    <td className="p-1">{c.title}</td>
                    {data.others.map((g) => (
                      <td key={`${g.name}-${g.kind}`} className="p-1 text-center tabular-nums">
                        {g.grade.scores[c.id] ?? "—"}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr className="border-t border-slate-200">
                  <td className="p-1">{t("reviews.decision")}</td>
                  {data.others.map((g) => (
                    <td key={`${g.name}-${g.kind}`} className="p-1 text-center">
                      {g.grade.decision === "passed" ? t("reviews.passed") : t("reviews.retry")}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_30rem]">
        <GradingTranscript screen={data} state={state} canGrade={data.canGrade} />
        <div className="space-y-4">
          {data.measures ? (
            <MeasuresPanel measures={data.measures} names={data.names} trainee={data.trainee.name} compact />
          ) : null}
          {data.kind ? (
            <GradeForm screen={data} state={state} canGrade={data.canGrade} busy={navigation.state === "submitting"} />
          ) : null}
        </div>
      </div>
    </div>
  );
}
