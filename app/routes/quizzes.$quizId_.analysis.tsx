import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasRole, requireUser } from "#app/accounts/auth.server.ts";
import { Button } from "#app/components/ui/field.tsx";
import { analyseQuiz, analysisRequest, MIN_RESPONSES } from "#app/quizzes/analysis.server.ts";
import { analysisSearch } from "#app/quizzes/analysis-filter.ts";
import { ScoreChart } from "#app/quizzes/score-chart.tsx";
import { localeNames, locales } from "#app/utils/i18n.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.analysis.title ?? "Item analysis"} · Rapport` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const { query, scope, teams, quiz } = await analysisRequest(user, new URL(request.url), params.quizId ?? "", locale);
  // Someone who may still take quizzes sees the figures without the key.
  const analysis = await analyseQuiz(
    quiz,
    scope,
    { attempts: query.attempts, locale: query.locale, teamId: query.team },
    locale,
    !hasRole(user, "trainee"),
  );
  return json({
    analysis,
    query,
    search: analysisSearch(query),
    teams,
    admin: hasRole(user, "admin"),
    minResponses: MIN_RESPONSES,
  });
}

const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? "—" : `${Math.round(share * 100)}%`;
const decimal = (value: number | null | undefined) => (value === null || value === undefined ? "—" : value.toFixed(2));

export default function QuizAnalysis() {
  const { analysis, query, search, teams, admin, minResponses } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const flagged = analysis.questions.filter((q) => q.flags.length);
  const summary = analysis.summary;
  const alphaVerdict =
    analysis.alpha === null ? null : analysis.alpha >= 0.75 ? "good" : analysis.alpha >= 0.64 ? "fair" : "weak";
  return (
    <div className="mx-auto max-w-5xl space-y-8">
      <nav aria-label={t("courses.breadcrumb")} className="text-sm">
        <Link to={`/quizzes/${analysis.quizId}`} className="text-brand-700 underline">
          {analysis.title}
        </Link>
      </nav>
      <header>
        <p className="text-sm font-medium text-slate-600">{t("analysis.kicker")}</p>
        <h1 className="mt-1 text-3xl font-bold">{analysis.title}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">
          {t("analysis.intro", { bank: analysis.bankSize, perAttempt: analysis.perAttempt })}
        </p>
      </header>

      <Form
        method="get"
        className="flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm"
      >
        <label className="flex flex-col gap-1">
          <span className="font-semibold">{t("analysis.attempts")}</span>
          <select name="attempts" defaultValue={query.attempts} className="rounded border border-slate-300 px-2 py-1">
            <option value="first">{t("analysis.firstAttempts")}</option>
            <option value="all">{t("analysis.allAttempts")}</option>
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-semibold">{t("analysis.language")}</span>
          <select name="locale" defaultValue={query.locale ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">{t("analysis.allLanguages")}</option>
            {locales.map((l) => (
              <option key={l} value={l}>
                {localeNames[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-semibold">{t("analysis.team")}</span>
          <select name="team" defaultValue={query.team ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">{admin ? t("analysis.everyone") : t("analysis.allMyTeams")}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit">{t("analysis.show")}</Button>
        <p className="basis-full text-slate-600">{t("analysis.firstAttemptsHelp")}</p>
      </Form>

      {summary ? (
        <section aria-labelledby="quiz-figures" className="space-y-4">
          <h2 id="quiz-figures" className="text-xl font-semibold">
            {t("analysis.quizFigures")}
          </h2>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            {[
              [t("analysis.attemptsCount"), summary.attempts.toLocaleString()],
              [t("analysis.mean"), `${summary.mean.toFixed(1)}%`],
              [t("analysis.median"), `${summary.median.toFixed(1)}%`],
              [t("analysis.sd"), summary.sd.toFixed(1)],
              [t("analysis.passRate", { passMark: analysis.passMark }), percent(analysis.passRate)],
              [t("analysis.alpha"), decimal(analysis.alpha)],
            ].map(([label, value]) => (
              <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
                <dt className="text-xs text-slate-600">{label}</dt>
                <dd className="text-xl font-semibold">{value}</dd>
              </div>
            ))}
          </dl>
          {alphaVerdict ? <p className="text-sm text-slate-700">{t(`analysis.alphaVerdict.${alphaVerdict}`)}</p> : null}
          <ScoreChart bins={summary.bins} passMark={analysis.passMark} />
        </section>
      ) : (
        <p className="rounded-lg border border-slate-200 bg-white p-5">{t("analysis.noAttempts")}</p>
      )}

      <section aria-labelledby="question-figures" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="question-figures" className="text-xl font-semibold">
            {t("analysis.questionFigures")}
          </h2>
          <p className="flex flex-wrap gap-4 text-sm">
            <a
              href={`/quizzes/${analysis.quizId}/analysis.csv?${search}`}
              className="text-brand-700 underline"
              download
            >
              {t("analysis.downloadTable")}
            </a>
            <a
              href={`/quizzes/${analysis.quizId}/outcomes.csv?${search}`}
              className="text-brand-700 underline"
              download
            >
              {t("analysis.downloadOutcomes")}
            </a>
          </p>
        </div>
        <p className="text-sm text-slate-700">
          {flagged.length
            ? t("analysis.flaggedCount", { count: flagged.length, total: analysis.questions.length })
            : t("analysis.noneFlagged", { min: minResponses })}
        </p>
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">{t("analysis.questionFigures")}</caption>
            <thead className="bg-slate-50 text-xs text-slate-600">
              <tr>
                <th scope="col" className="p-2">
                  {t("analysis.question")}
                </th>
                <th scope="col" className="p-2 text-right">
                  {t("analysis.responses")}
                </th>
                <th scope="col" className="p-2 text-right">
                  {t("analysis.facility")}
                </th>
                <th scope="col" className="p-2 text-right">
                  {t("analysis.discrimination")}
                </th>
                <th scope="col" className="p-2">
                  {t("analysis.flagsColumn")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {analysis.questions.map((q) => (
                <tr key={q.id} className={q.flags.length ? "bg-amber-50" : undefined}>
                  <th scope="row" className="max-w-md p-2 font-normal">
                    <a href={`#q-${q.id}`} className="text-brand-700 underline">
                      {q.prompt.length > 90 ? `${q.prompt.slice(0, 88)}…` : q.prompt}
                    </a>
                  </th>
                  <td className="p-2 text-right tabular-nums">{q.stats?.responses ?? 0}</td>
                  <td className="p-2 text-right tabular-nums">{percent(q.stats?.facility)}</td>
                  <td className="p-2 text-right tabular-nums">{decimal(q.stats?.discrimination)}</td>
                  <td className="p-2">{q.flags.map((f) => t(`analysis.flags.${f}`)).join(" · ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="question-details" className="space-y-4">
        <h2 id="question-details" className="text-xl font-semibold">
          {t("analysis.details")}
        </h2>
        <ol className="space-y-4">
          {analysis.questions.map((q, n) => (
            <li key={q.id} id={`q-${q.id}`} className="rounded-lg border border-slate-200 bg-white p-5">
              <p className="text-sm text-slate-600">
                {t("analysis.questionNumber", { number: n + 1 })} · {t(`analysis.kinds.${q.kind}`)} ·{" "}
                {q.competencies.map((c) => t(`competencies.${c}`)).join(", ")}
              </p>
              <p className="mt-1 font-medium">{q.prompt}</p>
              {q.flags.length ? (
                <ul className="mt-2 space-y-1 text-sm text-amber-900">
                  {q.flags.map((f) => (
                    <li key={f}>⚑ {t(`analysis.flagHelp.${f}`)}</li>
                  ))}
                </ul>
              ) : null}
              <p className="mt-2 text-sm text-slate-700">
                {t("analysis.questionLine", {
                  responses: q.stats?.responses ?? 0,
                  facility: percent(q.stats?.facility),
                  discrimination: decimal(q.stats?.discrimination),
                })}
              </p>
              {q.kind !== "ordering" && q.stats ? (
                <ul className="mt-3 space-y-2 text-sm">
                  {q.options.map((o) => (
                    <li key={o.id}>
                      <div className="flex items-baseline justify-between gap-3">
                        <span>
                          {o.correct ? (
                            <span className="font-semibold text-emerald-800">✓ {t("analysis.right")} · </span>
                          ) : null}
                          {q.kind === "true-false" ? t(`quiz.${o.id}`) : o.text}
                        </span>
                        <span className="shrink-0 tabular-nums">{percent(o.share)}</span>
                      </div>
                      <div className="mt-1 h-2 rounded bg-slate-100" aria-hidden="true">
                        <div
                          className={`h-2 rounded ${o.correct ? "bg-emerald-600" : "bg-slate-500"}`}
                          style={{ width: `${Math.round((o.share ?? 0) * 100)}%` }}
                        />
                      </div>
                    </li>
                  ))}
                </ul>
              ) : null}
              {q.byLocale.length > 1 ? (
                <p className="mt-3 text-sm text-slate-700">
                  {t("analysis.byLanguage")}{" "}
                  {q.byLocale
                    .map((l) => `${localeNames[l.locale]} ${percent(l.facility)} (${l.responses})`)
                    .join(" · ")}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
