import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireRole } from "#app/accounts/auth.server.ts";
import { sessionResults } from "#app/calibration/results.server.ts";
import { openSession } from "#app/calibration/sessions.server.ts";
import { refuse } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.session.title ?? "Calibration"} · Rapport` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["mentor", "manager"]);
  const locale = resolveLocale(request, user.locale);
  const id = params.sessionId ?? "";
  const [results, session] = await Promise.all([sessionResults(user, id, locale), openSession(user, id, locale)]).catch(
    (error: unknown) => refuse(error, locale),
  );
  return { results, session: { id: session.id, title: session.title, note: session.note, status: session.status } };
}

const signed = (value: number | null) => (value === null ? "—" : `${value > 0 ? "+" : ""}${value.toFixed(2)}`);
const share = (value: number | null) => (value === null ? "—" : `${Math.round(value * 100)}%`);

export default function CalibrationResults() {
  const { results, session } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const alpha = (a: { value: number | null; reason: string | null }) =>
    a.value === null ? t(`calibration.alphaNone.${a.reason ?? "tooFewGraders"}`) : a.value.toFixed(2);
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to={`/calibration/${session.id}`} className="text-brand-700 underline">
          {t("calibration.backToSession", { title: session.title })}
        </Link>
      </nav>
      <h1 className="text-3xl font-bold">{t("calibration.resultsTitle", { title: session.title })}</h1>
      <dl className="grid max-w-2xl gap-3 sm:grid-cols-2" data-overall>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-700">{t("calibration.alphaOverall")}</dt>
          <dd className="text-3xl font-bold tabular-nums" data-alpha={results.overall.alpha.value ?? ""}>
            {alpha(results.overall.alpha)}
          </dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-700">{t("calibration.withinOneOverall")}</dt>
          <dd className="text-3xl font-bold tabular-nums">{share(results.overall.within)}</dd>
        </div>
      </dl>
      <p className="max-w-3xl text-sm text-slate-700">{t("calibration.alphaHelp")}</p>

      <section aria-labelledby="criteria" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="criteria" className="text-lg font-semibold">
          {t("calibration.byCriterion")}
        </h2>
        <p className="text-sm text-slate-700">{t("calibration.byCriterionHelp")}</p>
        <div className="overflow-x-auto">
          <table className="mt-2 min-w-full text-sm" data-criteria>
            <thead>
              <tr className="text-left">
                <th className="p-1">{t("calibration.criterion")}</th>
                <th className="p-1 text-right">{t("calibration.spread")}</th>
                <th className="p-1 text-right">{t("calibration.alpha")}</th>
                <th className="p-1 text-right">{t("calibration.withinOne")}</th>
              </tr>
            </thead>
            <tbody>
              {results.criteria.map((c) => (
                <tr key={c.id} className="border-t border-slate-200" data-criterion={c.id}>
                  <td className="p-1">{c.title}</td>
                  <td className="p-1 text-right tabular-nums">{c.spread.toFixed(2)}</td>
                  <td className="p-1 text-right tabular-nums">{alpha(c.alpha)}</td>
                  <td className="p-1 text-right tabular-nums">{share(c.within)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="mentors" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="mentors" className="text-lg font-semibold">
          {t("calibration.byMentor")}
        </h2>
        <p className="text-sm text-slate-700">{t("calibration.byMentorHelp")}</p>
        <div className="overflow-x-auto">
          <table className="mt-2 min-w-full text-sm" data-mentors>
            <thead>
              <tr className="text-left">
                <th className="p-1">{t("calibration.mentor")}</th>
                <th className="p-1 text-right">{t("calibration.levels")}</th>
                <th className="p-1 text-right">{t("calibration.fromReference")}</th>
                <th className="p-1 text-right">{t("calibration.fromReferenceAbs")}</th>
                <th className="p-1 text-right">{t("calibration.fromGroup")}</th>
              </tr>
            </thead>
            <tbody>
              {results.mentors.map((m) => (
                <tr key={m.id} className="border-t border-slate-200" data-mentor={m.name}>
                  <td className="p-1">{m.name}</td>
                  <td className="p-1 text-right tabular-nums">{m.levels}</td>
                  <td className="p-1 text-right tabular-nums">{signed(m.fromReference)}</td>
                  <td
                    className={`p-1 text-right tabular-nums ${(m.fromReferenceAbs ?? 0) >= 1 ? "font-semibold text-red-800" : ""}`}
                  >
                    {m.fromReferenceAbs === null ? "—" : m.fromReferenceAbs.toFixed(2)}
                  </td>
                  <td className="p-1 text-right tabular-nums">{signed(m.fromGroup)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {session.note ? (
        <section aria-labelledby="note" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="note" className="text-lg font-semibold">
            {t("calibration.note")}
          </h2>
          <p className="mt-2 whitespace-pre-line">{session.note}</p>
        </section>
      ) : null}
    </div>
  );
}
