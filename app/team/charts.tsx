// The team charts, rendered on the server as SVG and tables: they work without JavaScript
// and stay readable in print.
import { useTranslation } from "react-i18next";

/** Every chart's values as a table, for anyone who would rather read than look (and screen readers). */
function Numbers({ head, rows }: { head: string[]; rows: Array<Array<string | number>> }) {
  const { t } = useTranslation();
  return (
    <details className="mt-2 text-sm" data-chart-numbers>
      <summary className="cursor-pointer text-brand-700 underline">{t("progress.asTable")}</summary>
      <div className="relative overflow-x-auto">
        <table className="mt-2 text-left">
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h} scope="col" className="py-1 pr-4 font-semibold">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([first, ...rest]) => (
              <tr key={String(first)} className="border-t border-slate-100">
                <th scope="row" className="py-1 pr-4 font-normal">
                  {first}
                </th>
                {rest.map((value, i) => (
                  <td key={i} className="py-1 pr-4 tabular-nums">
                    {value}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

const shade = (value: number | null) => {
  if (value === null) return "#f1f5f9";
  // Red (low) through amber to green (high).
  const hue = Math.round((value / 100) * 120);
  return `hsl(${hue} 65% ${value === 0 ? 55 : 72}%)`;
};

export function HeatMap({
  competencies,
  rows,
}: {
  competencies: string[];
  rows: Array<{ id: string; name: string; scores: Record<string, number | null> | null }>;
}) {
  const { t } = useTranslation();
  const cell = 34;
  const label = 170;
  const head = 110;
  const width = label + competencies.length * cell + 10;
  const height = head + rows.length * 24 + 10;
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="w-full max-w-3xl" role="img" aria-labelledby="heat-map-title">
        <title id="heat-map-title">{t("team.heatMapTitle")}</title>
        {competencies.map((c, j) => (
          <text
            key={c}
            transform={`translate(${label + j * cell + cell / 2} ${head - 6}) rotate(-55)`}
            fontSize="10"
            className="fill-slate-900"
          >
            {t(`competencies.${c}`)}
          </text>
        ))}
        {rows.map((row, i) => (
          <g key={row.id} transform={`translate(0 ${head + i * 24})`}>
            <text x={label - 6} y={15} fontSize="11" textAnchor="end" className="fill-slate-900">
              {row.name}
            </text>
            {competencies.map((c, j) => {
              const value = row.scores?.[c] ?? null;
              return (
                <g key={c}>
                  <rect x={label + j * cell} y={2} width={cell - 2} height={20} rx={2} fill={shade(value)} />
                  <text x={label + j * cell + (cell - 2) / 2} y={16} fontSize="9" textAnchor="middle" fill="#0f172a">
                    {value === null ? "" : value}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption className="text-sm text-slate-600">{t("team.heatMapHelp")}</figcaption>
      <Numbers
        head={[t("team.columns.person"), ...competencies.map((c) => t(`competencies.${c}`))]}
        rows={rows.map((row) => [row.name, ...competencies.map((c) => row.scores?.[c] ?? "—")])}
      />
    </figure>
  );
}

export function Funnel({
  funnel,
  total,
  titles,
}: {
  funnel: Array<{ level: string; count: number }>;
  total: number;
  titles: Record<string, string>;
}) {
  const { t } = useTranslation();
  const width = 520;
  const label = 60;
  const x = (count: number) => (total ? (count / total) * (width - label - 50) : 0);
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${funnel.length * 28 + 6}`}
        className="w-full max-w-xl"
        role="img"
        aria-labelledby="funnel-title"
      >
        <title id="funnel-title">{t("team.funnelTitle")}</title>
        {funnel.map((step, i) => (
          <g key={step.level} transform={`translate(0 ${i * 28})`} data-funnel={step.level} data-count={step.count}>
            <text x={label - 8} y={18} fontSize="12" textAnchor="end" className="fill-slate-900">
              {step.level}
            </text>
            <rect x={label} y={4} width={Math.max(2, x(step.count))} height={20} rx={3} className="fill-brand-600" />
            <text x={label + Math.max(2, x(step.count)) + 6} y={18} fontSize="11" className="fill-slate-900">
              {step.count}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="text-sm text-slate-600">
        {t("team.funnelHelp", { total })}{" "}
        {funnel.map((f) => `${f.level} ${titles[f.level] ?? ""}: ${f.count}`).join(" · ")}
      </figcaption>
      <Numbers
        head={[t("team.columns.level"), t("team.reached")]}
        rows={funnel.map((f) => [`${f.level} · ${titles[f.level] ?? ""}`, f.count])}
      />
    </figure>
  );
}

export function Cohorts({
  cohorts,
}: {
  cohorts: Array<{ month: string; people: number; certified: number; medianDays: number | null }>;
}) {
  const { t } = useTranslation();
  const max = Math.max(30, ...cohorts.map((c) => c.medianDays ?? 0));
  const width = 520;
  const label = 80;
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${cohorts.length * 28 + 6}`}
        className="w-full max-w-xl"
        role="img"
        aria-labelledby="cohorts-title"
      >
        <title id="cohorts-title">{t("team.cohortsTitle")}</title>
        {cohorts.map((c, i) => {
          const w = c.medianDays === null ? 0 : (c.medianDays / max) * (width - label - 170);
          return (
            <g key={c.month} transform={`translate(0 ${i * 28})`} data-cohort={c.month}>
              <text x={label - 8} y={18} fontSize="12" textAnchor="end" className="fill-slate-900">
                {c.month}
              </text>
              <rect
                x={label}
                y={4}
                width={Math.max(2, w)}
                height={20}
                rx={3}
                fill={c.medianDays === null ? "#cbd5e1" : "#0f9d76"}
              />
              <text x={label + Math.max(2, w) + 6} y={18} fontSize="11" className="fill-slate-900">
                {c.medianDays === null
                  ? t("team.noneCertified", { people: c.people })
                  : t("team.cohortLabel", { days: Math.round(c.medianDays), certified: c.certified, people: c.people })}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-sm text-slate-600">{t("team.cohortsHelp")}</figcaption>
      <Numbers
        head={[t("team.startMonth"), t("team.started"), t("team.certified"), t("team.medianDays")]}
        rows={cohorts.map((c) => [
          c.month,
          c.people,
          c.certified,
          c.medianDays === null ? "—" : Math.round(c.medianDays),
        ])}
      />
    </figure>
  );
}

export function MentorTable({
  mentors,
}: {
  mentors: Array<{ id: string; name: string; backlog: number; turnaroundHours: number | null; graded: number }>;
}) {
  const { t } = useTranslation();
  return (
    <table className="w-full max-w-xl text-left text-sm">
      <thead>
        <tr className="border-b border-slate-200">
          <th className="py-1 pr-3">{t("team.mentor")}</th>
          <th className="py-1 pr-3">{t("team.backlog")}</th>
          <th className="py-1 pr-3">{t("team.turnaround")}</th>
        </tr>
      </thead>
      <tbody>
        {mentors.map((m) => (
          <tr key={m.id} className="border-b border-slate-100" data-mentor={m.id}>
            <td className="py-1 pr-3">{m.name}</td>
            <td className="py-1 pr-3 tabular-nums">{m.backlog}</td>
            <td className="py-1 pr-3 tabular-nums">
              {m.turnaroundHours === null ? "—" : t("team.hours", { count: m.turnaroundHours, graded: m.graded })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
