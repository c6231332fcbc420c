// Agreement per team over its closed calibration sessions: an SVG line per team (drawn on the
// server like the /team charts, so it works without JavaScript) and the same figures as a table.
import { useTranslation } from "react-i18next";
import { useDates } from "#app/components/dates.tsx";

type Point = {
  sessionId: string;
  title: string;
  closedAt: string | Date | null;
  alpha: number | null;
  within: number | null;
};
type TeamTrend = { id: string; name: string; points: Point[] };

const colours = ["#1f5fbf", "#0f9d76", "#b45309", "#7c3aed", "#be123c"];

export function TrendChart({ teams }: { teams: TeamTrend[] }) {
  const { t } = useTranslation();
  const dates = useDates();
  const width = 560;
  const height = 220;
  const left = 44;
  const top = 12;
  const plotW = width - left - 16;
  const plotH = height - top - 30;
  const most = Math.max(1, ...teams.map((team) => team.points.length));
  const low = Math.min(0, ...teams.flatMap((team) => team.points.flatMap((p) => (p.alpha === null ? [] : [p.alpha]))));
  const x = (i: number) => left + (most === 1 ? plotW / 2 : (i / (most - 1)) * plotW);
  const y = (alpha: number) => top + ((1 - alpha) / (1 - low)) * plotH;
  const ticks = [low, low / 2, 0, 0.5, 0.8, 1].filter((v, i, all) => all.indexOf(v) === i && v >= low);
  return (
    <figure className="space-y-3">
      <svg viewBox={`0 0 ${width} ${height}`} className="w-full max-w-2xl" role="img" aria-labelledby="trend-title">
        <title id="trend-title">{t("calibration.trendTitle")}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line
              x1={left}
              x2={width - 16}
              y1={y(v)}
              y2={y(v)}
              stroke={v === 0.8 ? "#94a3b8" : "#e2e8f0"}
              strokeDasharray={v === 0.8 ? "4 3" : undefined}
            />
            <text x={left - 6} y={y(v) + 4} fontSize="10" textAnchor="end" fill="#334155">
              {v.toFixed(1)}
            </text>
          </g>
        ))}
        {teams.map((team, j) => {
          const colour = colours[j % colours.length];
          const drawn = team.points.flatMap((p, i) => (p.alpha === null ? [] : [{ i, alpha: p.alpha }]));
          return (
            <g key={team.id} data-trend-team={team.name}>
              <polyline
                fill="none"
                stroke={colour}
                strokeWidth={2}
                points={drawn.map((p) => `${x(p.i)},${y(p.alpha)}`).join(" ")}
              />
              {drawn.map((p) => (
                <circle key={p.i} cx={x(p.i)} cy={y(p.alpha)} r={4} fill={colour} />
              ))}
            </g>
          );
        })}
        <text x={left} y={height - 8} fontSize="10" fill="#334155">
          {t("calibration.trendAxis")}
        </text>
      </svg>
      <figcaption className="text-sm text-slate-600">
        {t("calibration.trendHelp")}{" "}
        {teams.map((team, j) => (
          <span key={team.id} className="mr-3 inline-flex items-center gap-1">
            <span
              aria-hidden
              className="inline-block h-2 w-4 rounded"
              style={{ background: colours[j % colours.length] }}
            />
            {team.name}
          </span>
        ))}
      </figcaption>
      <details>
        <summary className="cursor-pointer text-sm text-brand-700 underline">{t("calibration.trendTable")}</summary>
        <div className="overflow-x-auto">
          <table className="mt-2 min-w-full text-sm" data-trend-table>
            <thead>
              <tr className="text-left">
                <th className="p-1">{t("calibration.team")}</th>
                <th className="p-1">{t("calibration.session")}</th>
                <th className="p-1">{t("calibration.closedOn")}</th>
                <th className="p-1 text-right">{t("calibration.alpha")}</th>
                <th className="p-1 text-right">{t("calibration.withinOne")}</th>
              </tr>
            </thead>
            <tbody>
              {teams.flatMap((team) =>
                team.points.map((p) => (
                  <tr key={p.sessionId} className="border-t border-slate-200">
                    <td className="p-1">{team.name}</td>
                    <td className="p-1">{p.title}</td>
                    <td className="p-1">{p.closedAt ? dates.date(p.closedAt) : ""}</td>
                    <td className="p-1 text-right tabular-nums">{p.alpha === null ? "—" : p.alpha.toFixed(2)}</td>
                    <td className="p-1 text-right tabular-nums">
                      {p.within === null ? "—" : `${Math.round(p.within * 100)}%`}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
