import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { CompetencyChart } from "#app/ladder/competency-chart.tsx";
import { LevelShare } from "#app/ladder/level-share.tsx";
import { getProgressPage } from "#app/ladder/pages.server.ts";
import { RequirementList } from "#app/ladder/requirement-list.tsx";
import { resolveLocale } from "#app/utils/locale.server.ts";
import { useDates } from "#app/components/dates.tsx";

export const meta: MetaFunction = () => [{ title: "Progress · Rapport" }];

/** Evaluated from the evidence on every visit, and only read: nothing is stored here (ADR 016). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getProgressPage(user.id, resolveLocale(request, user.locale));
}

export default function ProgressPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <div className="space-y-8">
      <header>
        <h1 className="text-3xl font-bold">{t("progress.title")}</h1>
        <p className="mt-2 text-lg" data-current-level={data.currentLevel?.id ?? ""}>
          {data.currentLevel
            ? t("progress.currentLevel", { level: `${data.currentLevel.id} · ${data.currentLevel.title}` })
            : t("progress.noLevelYet")}
        </p>
      </header>
      <section aria-labelledby="ladder" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="ladder" className="text-xl font-semibold">
          {t("progress.ladder")}
        </h2>
        <ol className="mt-3 grid gap-2 sm:grid-cols-5">
          {data.levels.map((level) => (
            <li
              key={level.id}
              className={`rounded border p-3 text-sm ${level.complete ? "border-emerald-300 bg-emerald-50" : "border-slate-200"}`}
              data-level={level.id}
              data-complete={String(level.complete)}
            >
              <p className="font-semibold">{level.id}</p>
              <p>{level.title}</p>
              <p className="mt-1 text-slate-600 tabular-nums">
                {level.complete ? t("progress.state.levelDone") : `${level.share} %`}
                <span className="block text-xs">{t("progress.metCount", { met: level.met, total: level.total })}</span>
              </p>
              {level.certification ? (
                <Link
                  to={`/certificates/${level.certification.id}`}
                  className="mt-1 inline-block text-brand-700 underline"
                >
                  {t("progress.certificate", { date: dates.date(level.certification.at) })}
                </Link>
              ) : level.revoked ? (
                <Link
                  to={`/certificates/${level.revoked.id}`}
                  className="mt-1 inline-block font-semibold text-red-800 underline"
                  data-revoked
                >
                  {t("verification.revokedOn", { date: dates.date(level.revoked.at) })}
                </Link>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
      {data.next ? (
        <section aria-labelledby="next-level" className="rounded-lg border border-brand-100 bg-white p-5">
          <h2 id="next-level" className="text-xl font-semibold">
            {t("progress.nextLevel", { level: `${data.next.id} · ${data.next.title}` })}
          </h2>
          <div className="mt-2 max-w-xl">
            <LevelShare level={data.next.id} share={data.next.share} met={data.next.met} total={data.next.total} />
          </div>
          <RequirementList requirements={data.next.requirements} />
        </section>
      ) : (
        <p className="rounded-lg border border-emerald-300 bg-emerald-50 p-5">{t("progress.topOfLadder")}</p>
      )}
      <section aria-labelledby="profile" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="profile" className="text-xl font-semibold">
          {t("progress.profile")}
        </h2>
        <p className="text-sm text-slate-700">{t("progress.profileHelp")}</p>
        <CompetencyChart rows={data.profile} />
      </section>
      <section aria-labelledby="tracks" className="space-y-3">
        <h2 id="tracks" className="text-xl font-semibold">
          {t("progress.tracks")}
        </h2>
        {data.tracks.map((track) => (
          <details key={track.id} className="rounded-lg border border-slate-200 bg-white p-4" data-track={track.id}>
            <summary className="cursor-pointer font-semibold">
              {track.title} · {t("progress.metCount", { met: track.met, total: track.total })}
              {track.certification ? ` · ✓` : ""}
            </summary>
            <RequirementList requirements={track.requirements} />
          </details>
        ))}
      </section>
    </div>
  );
}
