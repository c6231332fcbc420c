// The feedback after a reply: for a chosen reply, why it works or not; for free text, the
// automatic checks with the words that triggered each (explainable, never a black box).
import { useTranslation } from "react-i18next";
import { type Hint } from "./view.ts";

export function MoodChange({ change }: { change: number }) {
  const { t } = useTranslation();
  if (change === 0) return <span className="text-slate-600">{t("scenario.moodSame")}</span>;
  return change > 0 ? (
    <span className="text-emerald-800">↑ {t("scenario.moodUp")}</span>
  ) : (
    <span className="text-red-800">↓ {t("scenario.moodDown")}</span>
  );
}

/**
 * `agentName` is set when a mentor reads someone else's attempt: the checks are then named
 * ("Greeting ✗"), not said to the reader ("You greeted the customer", "Open with a greeting").
 */
export function Hints({ hint, agentName }: { hint: Hint | null; agentName?: string }) {
  const { t } = useTranslation();
  if (!hint) return null;
  if (hint.type === "option") {
    return (
      <div className="mt-1 rounded border border-slate-200 bg-slate-50 p-2 text-sm text-slate-800" data-hint="option">
        <p>
          <span className="font-medium">{t("scenario.hint")}:</span> {hint.feedback}
        </p>
        <p className="mt-1 text-xs">
          <MoodChange change={hint.moodChange} />
        </p>
      </div>
    );
  }
  return (
    <details
      className="mt-1 rounded border border-slate-200 bg-slate-50 p-2 text-sm text-slate-800"
      data-hint="text"
      open
    >
      <summary className="cursor-pointer font-medium">
        {t("scenario.checksSummary", { score: hint.preScore })} · <MoodChange change={hint.moodChange} />
      </summary>
      <ul className="mt-2 space-y-1">
        {hint.checks.map((check) => (
          <li key={check.id} className="flex gap-2" data-check={check.id} data-ok={String(check.ok)}>
            <span
              aria-hidden="true"
              className={check.ok === null ? "text-slate-400" : check.ok ? "text-emerald-700" : "text-red-700"}
            >
              {check.ok === null ? "–" : check.ok ? "✓" : "✗"}
            </span>
            <span>
              <span className="sr-only">
                {check.ok === null
                  ? t("scenario.checkNotApplicable")
                  : check.ok
                    ? t("scenario.checkMet")
                    : t("scenario.checkMissed")}
                :{" "}
              </span>
              {agentName && check.ok !== null
                ? t(`reviews.checkNames.${check.id}`)
                : t(`scenario.checks.${check.id}.${check.ok === false ? "missed" : check.ok === null ? "na" : "met"}`)}
              {check.evidence ? <span className="text-slate-600"> — “{check.evidence}”</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
