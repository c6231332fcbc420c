// A grade as the trainee sees it, and the history of every submitted version.
import { useTranslation } from "react-i18next";
import { formatDateTime } from "#app/utils/format.ts";

type Rubric = Array<{ id: string; title: string; levels: Record<1 | 2 | 3 | 4, string> }>;
type Change =
  | { kind: "score"; criterion: string; from: number | null; to: number | null }
  | { kind: "decision"; from: string | null; to: string | null }
  | { kind: "feedback" }
  | { kind: "comment"; seq: string; change: "added" | "edited" | "removed" };

export function GradeHistory({
  versions,
  rubric,
}: {
  versions: Array<{ version: number; reviewer: string; at: string | Date; changes: Change[] }>;
  rubric: Rubric;
}) {
  const { t, i18n } = useTranslation();
  if (!versions.length) return null;
  const title = (id: string) => rubric.find((c) => c.id === id)?.title ?? id;
  const decision = (value: string | null) => (value ? t(`reviews.decisions.${value}`) : "—");
  return (
    <section aria-labelledby="grade-history" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="grade-history" className="font-semibold">
        {t("reviews.history")}
      </h2>
      <ol className="mt-2 space-y-3 text-sm" data-grade-history>
        {versions.map((v) => (
          <li key={v.version} data-version={v.version}>
            <p className="font-medium">
              {t("reviews.versionBy", {
                version: v.version,
                name: v.reviewer,
                time: formatDateTime(v.at, i18n.language),
              })}
            </p>
            {v.changes.length === 0 ? (
              <p className="text-slate-600">{v.version === 1 ? t("reviews.firstGrade") : t("reviews.noChanges")}</p>
            ) : (
              <ul className="list-disc pl-5 text-slate-700">
                {v.changes.map((c, i) => (
                  <li key={i}>
                    {c.kind === "score"
                      ? t("reviews.changes.score", {
                          criterion: title(c.criterion),
                          from: c.from ?? "—",
                          to: c.to ?? "—",
                        })
                      : c.kind === "decision"
                        ? t("reviews.changes.decision", { from: decision(c.from), to: decision(c.to) })
                        : c.kind === "feedback"
                          ? t("reviews.changes.feedback")
                          : t(`reviews.changes.comment.${c.change}`, { turn: c.seq })}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function GradeResult({
  grade,
  rubric,
  reviewer,
  at,
}: {
  grade: { scores: Record<string, number>; feedback: string; decision: string | null };
  rubric: Rubric;
  reviewer: string;
  at: string | Date;
}) {
  const { t, i18n } = useTranslation();
  const passed = grade.decision === "passed";
  return (
    <section aria-labelledby="grade" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5" data-grade>
      <h2 id="grade" className="text-xl font-semibold">
        {t("reviews.mentorGrade")}
      </h2>
      <p
        className={`rounded border p-3 font-semibold ${passed ? "border-emerald-300 bg-emerald-50 text-emerald-900" : "border-amber-300 bg-amber-50 text-amber-900"}`}
        data-decision={grade.decision ?? ""}
      >
        {passed ? t("reviews.resultPassed") : t("reviews.resultRetry")}
      </p>
      <p className="text-sm text-slate-600">
        {t("reviews.gradedBy", { name: reviewer, time: formatDateTime(at, i18n.language) })}
      </p>
      <ul className="space-y-2">
        {rubric.map((criterion) => {
          const level = grade.scores[criterion.id] as 1 | 2 | 3 | 4 | undefined;
          return (
            <li
              key={criterion.id}
              className="rounded border border-slate-200 p-3"
              data-score={criterion.id}
              data-level={level ?? ""}
            >
              <p className="flex justify-between gap-3 font-medium">
                <span>{criterion.title}</span>
                <span className="tabular-nums">{level ? `${level} / 4` : "—"}</span>
              </p>
              {level ? <p className="mt-1 text-sm text-slate-700">{criterion.levels[level]}</p> : null}
            </li>
          );
        })}
      </ul>
      {grade.feedback ? (
        <div>
          <h3 className="font-semibold">{t("reviews.feedback")}</h3>
          <p className="mt-1 whitespace-pre-line" data-feedback>
            {grade.feedback}
          </p>
        </div>
      ) : null}
    </section>
  );
}

/** A mentor's comment beside the trainee's reply it is about. */
export function TurnComment({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <div className="mt-2 rounded border border-amber-300 bg-amber-50 p-2 text-left text-sm" data-turn-comment>
      <span className="font-semibold">{t("reviews.mentorComment")}:</span>{" "}
      <span className="whitespace-pre-line">{text}</span>
    </div>
  );
}
