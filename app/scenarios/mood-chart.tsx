// The mood path as a small server-rendered SVG line chart: readable without JavaScript and
// in print, with the values also given as text for screen readers.
import { useTranslation } from "react-i18next";

export function MoodChart({ path }: { path: number[] }) {
  const { t } = useTranslation();
  const width = 320;
  const height = 120;
  const pad = { left: 28, right: 12, top: 10, bottom: 22 };
  const steps = Math.max(1, path.length - 1);
  const x = (i: number) => pad.left + (i / steps) * (width - pad.left - pad.right);
  const y = (mood: number) => pad.top + ((5 - mood) / 4) * (height - pad.top - pad.bottom);
  const points = path.map((mood, i) => `${x(i).toFixed(1)},${y(mood).toFixed(1)}`).join(" ");
  const description = t("scenario.summary.moodPathText", { path: path.join(" → ") });
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="w-full max-w-md"
        role="img"
        aria-label={description}
        data-mood-path={path.join(",")}
      >
        {[1, 2, 3, 4, 5].map((mood) => (
          <g key={mood}>
            <line x1={pad.left} x2={width - pad.right} y1={y(mood)} y2={y(mood)} className="stroke-slate-200" />
            <text x={pad.left - 8} y={y(mood) + 4} textAnchor="end" fontSize="10" className="fill-slate-600">
              {mood}
            </text>
          </g>
        ))}
        <polyline points={points} fill="none" className="stroke-brand-600" strokeWidth="2.5" strokeLinejoin="round" />
        {path.map((mood, i) => (
          <circle key={i} cx={x(i)} cy={y(mood)} r="3.5" className="fill-brand-600" />
        ))}
        <text x={pad.left} y={height - 6} fontSize="10" className="fill-slate-600">
          {t("scenario.summary.chartStart")}
        </text>
        <text x={width - pad.right} y={height - 6} textAnchor="end" fontSize="10" className="fill-slate-600">
          {t("scenario.summary.chartEnd")}
        </text>
      </svg>
      <figcaption className="text-sm text-slate-600">{description}</figcaption>
    </figure>
  );
}
