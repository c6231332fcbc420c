import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasRole, requireRole } from "#app/accounts/auth.server.ts";
import { hiddenSettings, setHiddenCalibration } from "#app/calibration/hidden.server.ts";
import { teamTrend } from "#app/calibration/results.server.ts";
import { HiddenSettingSchema } from "#app/calibration/schemas.ts";
import { listSessions } from "#app/calibration/sessions.server.ts";
import { TrendChart } from "#app/calibration/trend-chart.tsx";
import { useDates } from "#app/components/dates.tsx";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/field.tsx";
import { refusal } from "#app/utils/errors.server.ts";
import { parseInput } from "#app/utils/errors.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction = () => [{ title: "Calibration · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const [sessions, trend, settings] = await Promise.all([
    listSessions(user),
    hasRole(user, "manager") ? teamTrend(user) : { teams: [], hidden: [] },
    hiddenSettings(user),
  ]);
  return { sessions, trend, settings, manager: hasRole(user, "manager") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const locale = resolveLocale(request, user.locale);
  try {
    const form = parseInput(HiddenSettingSchema, Object.fromEntries(await request.formData()));
    await setHiddenCalibration(user, form.team, form.enabled === "on");
  } catch (error) {
    return refusal(error, locale);
  }
  return redirect("/calibration?saved=hidden");
}

export default function CalibrationList() {
  const { sessions, trend, settings, manager } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const dates = useDates();
  const refused = actionData?.error?.message ?? null;
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-3xl font-bold">{t("calibration.title")}</h1>
          <p className="mt-2 max-w-2xl text-slate-700">{t("calibration.intro")}</p>
        </div>
        {manager ? (
          <Link to="/calibration/new" className="rounded bg-brand-700 px-3 py-2 font-medium text-white">
            {t("calibration.new")}
          </Link>
        ) : null}
      </header>
      {refused ? <Alert>{refused}</Alert> : null}

      <section aria-labelledby="sessions" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="sessions" className="text-lg font-semibold">
          {t("calibration.sessions")}
        </h2>
        {sessions.length ? (
          <ul className="mt-2 divide-y divide-slate-200" data-sessions>
            {sessions.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-session={s.id}>
                <div>
                  <Link to={`/calibration/${s.id}`} className="font-medium text-brand-700 underline">
                    {s.title}
                  </Link>
                  <p className="text-sm text-slate-700">
                    {s.team} · {t("calibration.ledBy", { name: s.lead })} ·{" "}
                    {t("calibration.attemptsCount", { count: s.items })} ·{" "}
                    {t("calibration.mentorsCount", { count: s.mentors })}
                  </p>
                </div>
                <p className="text-sm">
                  {s.status === "closed" ? (
                    <span className="rounded bg-slate-100 px-2 py-0.5">
                      {t("calibration.closedOnDate", { date: s.closedAt ? dates.date(s.closedAt) : "" })}
                    </span>
                  ) : (
                    <span className="rounded bg-amber-50 px-2 py-0.5">
                      {t("calibration.dueBy", { date: dates.dateTime(s.deadline) })}
                    </span>
                  )}
                  {s.done !== null ? (
                    <span className="ml-2 text-slate-700">
                      {t("calibration.youGraded", { done: s.done, total: s.items })}
                    </span>
                  ) : null}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-slate-700">{manager ? t("calibration.noneYetManager") : t("calibration.noneYet")}</p>
        )}
      </section>

      {manager ? (
        <section aria-labelledby="trend" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="trend" className="text-lg font-semibold">
            {t("calibration.trend")}
          </h2>
          {trend.teams.length ? (
            <TrendChart teams={trend.teams} />
          ) : (
            <p className="mt-2 text-slate-700">{t("calibration.noTrend")}</p>
          )}
        </section>
      ) : null}

      {settings.length ? (
        <section aria-labelledby="hidden" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="hidden" className="text-lg font-semibold">
            {t("calibration.hidden")}
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-slate-700">{t("calibration.hiddenHelp")}</p>
          <ul className="mt-2 space-y-2">
            {settings.map((team) => (
              <li key={team.id}>
                <Form method="post" className="flex flex-wrap items-center gap-3" data-hidden-team={team.name}>
                  <input type="hidden" name="intent" value="hidden" />
                  <input type="hidden" name="team" value={team.id} />
                  <input type="hidden" name="enabled" value={team.hiddenCalibration ? "off" : "on"} />
                  <span className="font-medium">{team.name}</span>
                  <span className="text-sm">
                    {team.hiddenCalibration ? t("calibration.hiddenOn") : t("calibration.hiddenOff")}
                  </span>
                  <Button type="submit" variant="secondary">
                    {team.hiddenCalibration ? t("calibration.turnOff") : t("calibration.turnOn")}
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
          {trend.hidden.length ? (
            <div className="overflow-x-auto">
              <table className="mt-3 min-w-full text-sm" data-hidden-figures>
                <caption className="text-left font-medium">{t("calibration.hiddenFigures")}</caption>
                <thead>
                  <tr className="text-left">
                    <th className="p-1">{t("calibration.mentor")}</th>
                    <th className="p-1 text-right">{t("calibration.levels")}</th>
                    <th className="p-1 text-right">{t("calibration.fromReferenceAbs")}</th>
                  </tr>
                </thead>
                <tbody>
                  {trend.hidden.map((m) => (
                    <tr key={m.id} className="border-t border-slate-200">
                      <td className="p-1">{m.name}</td>
                      <td className="p-1 text-right tabular-nums">{m.levels}</td>
                      <td className="p-1 text-right tabular-nums">
                        {m.deviation === null ? "—" : m.deviation.toFixed(2)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
