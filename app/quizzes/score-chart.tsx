// The distribution of a quiz's scores as a server-rendered SVG histogram (ten-point bins,
// the pass mark marked), with the same numbers in a table: readable without JavaScript, by a
// screen reader and in print.
import { useTranslation } from "react-i18next";

export function ScoreChart({ bins, passMark }: { bins: number[]; passMark: number }) {
  const { t } = useTranslation();
  const width = 560;
  const height = 220;
  const left = 44;
  const bottom = 36;
  const top = 12;
  const plot = width - left - 10;
  const max = Math.max(1, ...bins);
  const barWidth = plot / bins.length;
  const y = (count: number) => top + (1 - count / max) * (height - top - bottom);
  const passX = left + (passMark / 100) * plot;
  const label = (i: number) => (i === bins.length - 1 ? "90–100" : `${i * 10}–${i * 10 + 9}`);
  return (
    <figure className="space-y-2">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="w-full max-w-2xl"
        role="img"
        aria-labelledby="score-chart-title"
      >
        <title id="score-chart-title">{t("analysis.chartTitle", { passMark })}</title>
        {[0, 0.5, 1].map((share) => (
          <g key={share}>
            <line x1={left} x2={width - 10} y1={y(max * share)} y2={y(max * share)} stroke="#e2e8f0" />
            <text x={left - 6} y={y(max * share) + 4} fontSize="10" textAnchor="end" fill="#475569">
              {Math.round(max * share)}
            </text>
          </g>
        ))}
        {bins.map((count, i) => (
          <g key={i} data-bin={i} data-count={count}>
            <rect
              x={left + i * barWidth + 2}
              y={y(count)}
              width={barWidth - 4}
              height={Math.max(0, height - bottom - y(count))}
              fill={(i + 1) * 10 <= passMark ? "#94a3b8" : "#1f5fbf"}
            />
            <text
              x={left + i * barWidth + barWidth / 2}
              y={height - bottom + 14}
              fontSize="9"
              textAnchor="middle"
              fill="#475569"
            >
              {label(i)}
            </text>
          </g>
        ))}
        <line
          x1={passX}
          x2={passX}
          y1={top}
          y2={height - bottom}
          stroke="#b45309"
          strokeWidth="2"
          strokeDasharray="4 3"
        />
        <text x={passX + 4} y={top + 10} fontSize="10" fill="#92400e">
          {t("analysis.passMarkLine", { passMark })}
        </text>
        <text x={left + plot / 2} y={height - 4} fontSize="10" textAnchor="middle" fill="#475569">
          {t("analysis.scoreAxis")}
        </text>
      </svg>
      <details className="text-sm">
        <summary className="cursor-pointer">{t("analysis.asTable")}</summary>
        <table className="mt-2 text-left">
          <caption className="sr-only">{t("analysis.chartTitle", { passMark })}</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-6">
                {t("analysis.scoreRange")}
              </th>
              <th scope="col">{t("analysis.attemptsColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {bins.map((count, i) => (
              <tr key={i}>
                <td className="pr-6">{label(i)} %</td>
                <td>{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
