// A level's requirements, met or missing, with the evidence and where to act.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
// Only the type crosses over: it is erased from the browser's code.
import type { RequirementView as Requirement } from "./describe.server.ts";
import { useDates } from "#app/components/dates.tsx";

export function RequirementList({ requirements }: { requirements: Requirement[] }) {
  const { t } = useTranslation();
  const dates = useDates();
  return (
    <ul className="divide-y divide-slate-100">
      {requirements.map((r) => (
        <li
          key={`${r.kind}:${r.id}`}
          className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2"
          data-requirement={`${r.kind}:${r.id}`}
          data-met={String(r.met)}
          data-state={r.state}
        >
          <span aria-hidden="true" className={r.met ? "text-emerald-700" : "text-slate-400"}>
            {r.met ? "✓" : "○"}
          </span>
          <span className="sr-only">{r.met ? t("progress.met") : t("progress.missing")}: </span>
          <span className="text-xs font-medium tracking-wide text-slate-500 uppercase">
            {t(`progress.kinds.${r.kind}`)}
          </span>
          {r.href && !r.met ? (
            <Link to={r.href} className="font-medium text-brand-700 underline">
              {r.label}
            </Link>
          ) : (
            <span className="font-medium">{r.label}</span>
          )}
          {r.difficulty ? (
            <span className="text-sm text-slate-700" data-difficulty={r.difficulty}>
              {t("ladderDifficulty.atLeast", { difficulty: t(`scenario.difficulty.${r.difficulty}`) })}
            </span>
          ) : null}
          {r.detail ? <span className="text-sm text-slate-700">{r.detail}</span> : null}
          {r.met && r.at ? (
            <span className="text-sm text-slate-600">{t("progress.metOn", { date: dates.date(r.at) })}</span>
          ) : null}
          {!r.met && r.difficulty && r.tooEasy ? (
            <span className="basis-full text-sm text-amber-800" data-too-easy={r.tooEasy}>
              {t("ladderDifficulty.tooEasy", {
                played: t(`scenario.difficulty.${r.tooEasy}`),
                wanted: t(`scenario.difficulty.${r.difficulty}`),
              })}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
