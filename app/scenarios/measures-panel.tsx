// The measures of a finished attempt: CSAT, times, pre-score, the mood path and the
// required help-desk actions. Shown to the trainee on the summary and to the mentor.
import { useTranslation } from "react-i18next";
import { formatElapsed } from "#app/utils/format.ts";
import { MoodChart } from "./mood-chart.tsx";

type Measures = {
  csat: number;
  firstReplySeconds: number | null;
  totalSeconds: number;
  preScore: number | null;
  moodPath: number[];
  turnSeconds: number[];
  resolved: boolean;
  requiredActions: Array<{ id: string; label: string; done: boolean }>;
};

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-measure={testId}>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

export function MeasuresPanel({ measures: m, compact = false }: { measures: Measures; compact?: boolean }) {
  const { t } = useTranslation();
  const done = m.requiredActions.filter((a) => a.done).length;
  return (
    <section aria-labelledby="measures" className="space-y-4">
      <h2 id="measures" className="text-xl font-semibold">
        {t("scenario.summary.measures")}
      </h2>
      <dl className={`grid gap-3 sm:grid-cols-2 ${compact ? "" : "lg:grid-cols-4"}`}>
        <Stat label={t("scenario.summary.csat")} value={`${m.csat} / 5`} testId="csat" />
        <Stat
          label={t("scenario.summary.firstReply")}
          value={m.firstReplySeconds === null ? "—" : formatElapsed(m.firstReplySeconds)}
          testId="first-reply"
        />
        <Stat label={t("scenario.summary.total")} value={formatElapsed(m.totalSeconds)} testId="total" />
        <Stat
          label={t("scenario.summary.preScore")}
          value={m.preScore === null ? "—" : `${m.preScore}%`}
          testId="pre-score"
        />
      </dl>
      <p className="text-sm text-slate-600">{t("scenario.summary.csatExplained")}</p>
      <div className={`grid gap-6 ${compact ? "" : "lg:grid-cols-2"}`}>
        <div>
          <h3 className="font-semibold">{t("scenario.summary.moodPath")}</h3>
          <MoodChart path={m.moodPath} />
        </div>
        <div>
          <h3 className="font-semibold">{t("scenario.summary.turnTimes")}</h3>
          <ol className="mt-2 space-y-1 text-sm" data-turn-times>
            {m.turnSeconds.map((seconds, i) => (
              <li key={i} className="flex justify-between border-b border-slate-100 py-1">
                <span>{t("scenario.summary.turn", { number: i + 1 })}</span>
                <span className="tabular-nums">{formatElapsed(seconds)}</span>
              </li>
            ))}
          </ol>
        </div>
      </div>
      <div>
        <h3 className="font-semibold">
          {t("scenario.summary.requiredActions", { done, total: m.requiredActions.length })}
        </h3>
        <ul className="mt-2 space-y-1 text-sm">
          {m.requiredActions.map((action) => (
            <li key={action.id} data-required={action.id} data-done={String(action.done)} className="flex gap-2">
              <span aria-hidden="true" className={action.done ? "text-emerald-700" : "text-red-700"}>
                {action.done ? "✓" : "✗"}
              </span>
              <span>
                <span className="sr-only">
                  {action.done ? t("scenario.summary.done") : t("scenario.summary.missed")}:{" "}
                </span>
                {action.label}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
