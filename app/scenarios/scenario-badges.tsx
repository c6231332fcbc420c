import { useTranslation } from "react-i18next";

type Channel = "chat" | "email" | "phone" | "social";

export function ScenarioBadges({
  channel,
  level,
  minutes,
  review,
}: {
  channel: Channel;
  level: string;
  minutes: number;
  review: boolean;
}) {
  const { t } = useTranslation();
  return (
    <p className="flex flex-wrap gap-2 text-xs font-medium">
      <span className="rounded-full bg-brand-50 px-2 py-0.5 text-brand-900" data-channel={channel}>
        {t(`scenario.channels.${channel}`)}
      </span>
      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-800">{t(`levels.${level}`)}</span>
      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-slate-800">
        {t("scenario.minutes", { count: minutes })}
      </span>
      {review ? (
        <span className="rounded-full bg-amber-100 px-2 py-0.5 text-amber-900">{t("scenario.mentorReviewed")}</span>
      ) : null}
    </p>
  );
}
