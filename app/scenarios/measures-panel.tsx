// The measures of a finished attempt: CSAT, times, the pre-score with the checks behind it,
// and per customer the ending, the mood path, the reply times and the required help-desk
// actions. Shown to the trainee on the summary and to the mentor, addressed to each.
import { useTranslation } from "react-i18next";
import { formatElapsed } from "#app/utils/format.ts";
import { MoodChart } from "./mood-chart.tsx";

type Measures = {
  csat: number;
  firstReplySeconds: number | null;
  totalSeconds: number;
  preScore: number | null;
  resolved: boolean;
  difficulty: string;
  checks: Array<{ id: string; passed: number; applicable: number }>;
  conversations: Array<{
    id: string;
    outcome: string;
    resolved: boolean;
    csat: number;
    moodPath: number[];
    turnSeconds: number[];
    longestWaitSeconds: number | null;
    walkedOut: boolean;
    requiredActions: Array<{ id: string; label: string; done: boolean }>;
  }>;
};

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4" data-measure={testId}>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
    </div>
  );
}

type Props = {
  measures: Measures;
  /** The customers' names by conversation id. */
  names: Record<string, string>;
  /** The trainee's name when a mentor reads it: the measures speak about them, not to them. */
  trainee?: string;
  compact?: boolean;
};

export function MeasuresPanel({ measures: m, names, trainee, compact = false }: Props) {
  const { t } = useTranslation();
  const several = m.conversations.length > 1;
  const scored = m.checks.filter((c) => c.applicable > 0);
  return (
    <section aria-labelledby="measures" className="space-y-4">
      <h2 id="measures" className="text-xl font-semibold">
        {trainee ? t("scenario.summary.measuresFor", { name: trainee }) : t("scenario.summary.measures")}
      </h2>
      <p className="text-sm text-slate-700" data-difficulty={m.difficulty}>
        {t("scenario.summary.playedAt", { difficulty: t(`scenario.difficulty.${m.difficulty}`) })}
      </p>
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
      {scored.length ? (
        <div data-pre-score-basis>
          <h3 className="font-semibold">{t("scenario.summary.preScoreFrom")}</h3>
          <ul className="mt-1 grid gap-x-4 text-sm sm:grid-cols-2">
            {scored.map((check) => (
              <li key={check.id} className="flex justify-between border-b border-slate-100 py-1" data-check={check.id}>
                <span>{t(`reviews.checkNames.${check.id}`)}</span>
                <span className="tabular-nums">
                  {t("scenario.summary.checkCount", { passed: check.passed, applicable: check.applicable })}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="text-sm text-slate-600">{t("scenario.summary.csatExplained")}</p>
      {m.conversations.map((c) => (
        <section
          key={c.id}
          aria-label={several ? (names[c.id] ?? c.id) : undefined}
          className={several ? "space-y-3 rounded-lg border border-slate-200 bg-white p-4" : "space-y-3"}
          data-conversation-measures={c.id}
        >
          {several ? (
            <h3 className="text-lg font-semibold">
              {names[c.id] ?? c.id} · {t("scenario.csatValue", { value: c.csat })} ·{" "}
              {c.resolved ? t("scenario.resolved") : t("scenario.notResolved")}
            </h3>
          ) : null}
          {several ? <p className="text-sm">{c.outcome}</p> : null}
          {c.walkedOut ? (
            <p className="text-sm font-medium text-red-800" data-walked-out>
              {t("scenario.summary.walkedOut", { name: names[c.id] ?? c.id })}
            </p>
          ) : null}
          <div className={`grid gap-6 ${compact ? "" : "lg:grid-cols-2"}`}>
            <div>
              <h4 className="font-semibold">{t("scenario.summary.moodPath")}</h4>
              <MoodChart path={c.moodPath} />
            </div>
            <div>
              <h4 className="font-semibold">{t("scenario.summary.turnTimes")}</h4>
              <ol className="mt-2 space-y-1 text-sm" data-turn-times>
                {c.turnSeconds.map((seconds, i) => (
                  <li key={i} className="flex justify-between border-b border-slate-100 py-1">
                    <span>{t("scenario.summary.turn", { number: i + 1 })}</span>
                    <span className="tabular-nums">{formatElapsed(seconds)}</span>
                  </li>
                ))}
              </ol>
              {c.longestWaitSeconds !== null ? (
                <p className="mt-1 text-sm text-slate-700" data-longest-wait>
                  {t("scenario.summary.longestWait", { time: formatElapsed(c.longestWaitSeconds) })}
                </p>
              ) : null}
            </div>
          </div>
          <div>
            <h4 className="font-semibold">
              {t("scenario.summary.requiredActions", {
                done: c.requiredActions.filter((a) => a.done).length,
                total: c.requiredActions.length,
              })}
            </h4>
            <ul className="mt-2 space-y-1 text-sm">
              {c.requiredActions.map((action) => (
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
      ))}
    </section>
  );
}
