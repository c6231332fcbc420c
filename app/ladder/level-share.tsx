// Progress toward a level, the same measure and the same words wherever it is shown
// (/, /learn, /progress): the share of the level's requirements done, with its meaning.
import { useTranslation } from "react-i18next";
import { ProgressBar } from "#app/components/ui/progress-bar.tsx";

export function LevelShare({ level, share, met, total }: { level: string; share: number; met: number; total: number }) {
  const { t } = useTranslation();
  return (
    <div data-level-share={share}>
      <ProgressBar value={share} max={100} label={t("progress.share", { share, level })} />
      <p className="mt-1 text-sm text-slate-700">
        {t("progress.share", { share, level })} · {t("progress.metCount", { met, total })}
      </p>
      <p className="text-xs text-slate-600">{t("progress.shareMeaning")}</p>
    </div>
  );
}
