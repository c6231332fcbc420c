// How long a customer has waited for an answer, shown on each chat while several run at
// once (the multitasking pressure). The server renders the wait at page load, so it reads
// without JavaScript; in the browser it keeps counting.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatElapsed, secondsBetween } from "#app/utils/format.ts";

/** Amber after a minute, red after two (docs/authoring.md, several conversations). */
const tone = (seconds: number) =>
  seconds >= 120
    ? "border-red-300 bg-red-50 text-red-900"
    : seconds >= 60
      ? "border-amber-300 bg-amber-50 text-amber-900"
      : "border-slate-200 bg-white text-slate-700";

export function WaitingClock({ since, name }: { since: string; name: string }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.max(0, secondsBetween(since, now));
  return (
    <span
      className={`inline-flex items-center gap-1 rounded border px-2 py-0.5 text-xs tabular-nums ${tone(seconds)}`}
      data-waiting={seconds >= 120 ? "long" : seconds >= 60 ? "a-while" : "short"}
      suppressHydrationWarning
    >
      {t("scenario.waiting", { name, time: formatElapsed(seconds) })}
    </span>
  );
}
