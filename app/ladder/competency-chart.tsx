// The competency profile as a server-rendered SVG bar chart (three bars per competency),
// readable without JavaScript and in print, with the numbers in a table as well.
import { useTranslation } from "react-i18next";

type Row = { competency: string; quiz: number | null; choices: number | null; rubric: number | null };
const series = [
  { key: "quiz", color: "#1f5fbf" },
  { key: "choices", color: "#0f9d76" },
  { key: "rubric", color: "#b45309" },
] as const;

export function CompetencyChart({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  const label = 150;
  const width = 620;
  const bar = 7;
  const group = bar * 3 + 12;
  const height = rows.length * group + 30;
  const x = (percent: number) => label + (percent / 100) * (width - label - 40);
  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="w-full max-w-2xl"
        role="img"
        aria-labelledby="competency-chart-title"
      >
        <title id="competency-chart-title">{t("progress.chartTitle")}</title>
        {[0, 25, 50, 75, 100].map((p) => (
          <g key={p}>
            <line x1={x(p)} x2={x(p)} y1={0} y2={height - 20} className="stroke-slate-200" />
            <text x={x(p)} y={height - 6} fontSize="10" textAnchor="middle" className="fill-slate-600">
              {p}%
            </text>
          </g>
        ))}
        {rows.map((row, i) => (
          <g key={row.competency} transform={`translate(0 ${i * group + 4})`}>
            <text x={label - 8} y={bar * 2} fontSize="11" textAnchor="end" className="fill-slate-900">
              {t(`competencies.${row.competency}`)}
            </text>
            {series.map((s, j) => {
              const value = row[s.key];
              return value === null ? null : (
                <rect
                  key={s.key}
                  x={label}
                  y={j * bar}
                  width={Math.max(1, x(value) - label)}
                  height={bar - 1}
                  fill={s.color}
                />
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption className="flex flex-wrap gap-4 text-sm text-slate-700">
        {series.map((s) => (
          <span key={s.key} className="inline-flex items-center gap-1">
            <svg aria-hidden="true" viewBox="0 0 12 12" className="size-3">
              <rect width="12" height="12" rx="2" fill={s.color} />
            </svg>
            {t(`progress.series.${s.key}`)}
          </span>
        ))}
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer">{t("progress.asTable")}</summary>
        <table className="mt-2 text-left">
          <thead>
            <tr>
              <th className="pr-4">{t("progress.competency")}</th>
              {series.map((s) => (
                <th key={s.key} className="pr-4">
                  {t(`progress.series.${s.key}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.competency} data-competency={row.competency}>
                <td className="pr-4">{t(`competencies.${row.competency}`)}</td>
                {series.map((s) => (
                  <td key={s.key} className="pr-4 tabular-nums">
                    {row[s.key] === null ? "—" : `${row[s.key]}%`}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
