import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { CloseSessionSchema, MAX_NOTE } from "#app/calibration/schemas.ts";
import { closeSession, openSession } from "#app/calibration/sessions.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/field.tsx";
import { parseInput } from "#app/utils/errors.ts";
import { refusal, refuse } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Calibration"} · Rapport` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const locale = resolveLocale(request, user.locale);
  return openSession(user, params.sessionId ?? "", locale).catch((error: unknown) => refuse(error, locale));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const locale = resolveLocale(request, user.locale);
  try {
    const form = parseInput(CloseSessionSchema, Object.fromEntries(await request.formData()));
    await closeSession(user, params.sessionId ?? "", form.note);
  } catch (error) {
    return refusal(error, locale);
  }
  return redirect(`/calibration/${params.sessionId}/results`);
}

export default function CalibrationSession() {
  const session = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const dates = useDates();
  const closed = session.status === "closed";
  const grades = session.part === "lead" || session.part === "mentor";
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to="/calibration" className="text-brand-700 underline">
          {t("calibration.back")}
        </Link>
      </nav>
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">{session.title}</h1>
        <p className="text-slate-700">
          {session.team} · {t("calibration.ledBy", { name: session.lead })} ·{" "}
          {closed
            ? t("calibration.closedOnDate", { date: session.closedAt ? dates.date(session.closedAt) : "" })
            : t("calibration.dueBy", { date: dates.dateTime(session.deadline) })}
        </p>
        <p className="text-sm text-slate-700">
          {t("calibration.invited")}: {session.mentors.join(", ")}
        </p>
        <p className="max-w-2xl rounded border border-slate-200 bg-slate-50 p-3 text-sm" data-your-part={session.part}>
          {t(`calibration.part.${session.part}`)}
        </p>
      </header>
      {actionData?.error ? <Alert>{actionData.error.message}</Alert> : null}

      <section aria-labelledby="items" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="items" className="text-lg font-semibold">
          {t("calibration.attempts")}
        </h2>
        <ol className="mt-2 divide-y divide-slate-200">
          {session.items.map((item) => (
            <li
              key={item.position}
              className="flex flex-wrap items-center justify-between gap-2 py-2"
              data-item={item.position}
            >
              <div>
                <Link
                  to={`/calibration/${session.id}/${item.position}`}
                  className="font-medium text-brand-700 underline"
                >
                  {item.position}. {item.title}
                </Link>
                <p className="text-sm text-slate-700">{item.trainee}</p>
              </div>
              <p className="text-sm">
                {grades ? (
                  <span className={item.mine ? "text-emerald-800" : "font-semibold text-amber-800"}>
                    {item.mine ? t("calibration.youSubmitted") : t("calibration.yourGradeMissing")}
                  </span>
                ) : null}{" "}
                · {t("calibration.gradedBy", { count: item.graded, total: session.mentors.length })} ·{" "}
                {item.referenced ? t("calibration.referenced") : t("calibration.noReference")}
              </p>
            </li>
          ))}
        </ol>
      </section>

      {session.seesEverything ? (
        <p>
          <Link to={`/calibration/${session.id}/results`} className="font-medium text-brand-700 underline">
            {t("calibration.seeResults")}
          </Link>
        </p>
      ) : (
        <p className="text-sm text-slate-700" data-results-hidden>
          {closed ? null : t("calibration.resultsLater")}
        </p>
      )}

      {closed && session.note ? (
        <section aria-labelledby="note" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="note" className="text-lg font-semibold">
            {t("calibration.note")}
          </h2>
          <p className="mt-2 whitespace-pre-line">{session.note}</p>
        </section>
      ) : null}

      {session.canClose ? (
        <Form method="post" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <input type="hidden" name="intent" value="close" />
          <label className="block">
            <span className="text-lg font-semibold">{t("calibration.closeTitle")}</span>
            <span className="block text-sm text-slate-700">{t("calibration.closeHelp")}</span>
            <textarea
              name="note"
              rows={5}
              maxLength={MAX_NOTE}
              className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
            />
          </label>
          <Button type="submit" disabled={navigation.state === "submitting"}>
            {t("calibration.close")}
          </Button>
        </Form>
      ) : null}
    </div>
  );
}
