import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/field.tsx";
import { formatDateTime } from "#app/utils/format.ts";

/**
 * The profile's list of the devices signed in as this person, each with a form that ends it,
 * and one that ends all the others. `ended` says how the last "end this one" went.
 */
type Session = {
  handle: string;
  current: boolean;
  device: string;
  ipAddress: string | null;
  createdAt: string;
  lastSeenAt: string;
};

export function SessionsList({ sessions, ended }: { sessions: Session[]; ended: boolean | null }) {
  const { t, i18n } = useTranslation();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <section aria-labelledby="sessions-title" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="sessions-title" className="text-lg font-semibold">
        {t("profile.sessionsTitle")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("profile.sessionsIntro")}</p>
      {ended !== null ? (
        <p role="status" className={`mt-2 text-sm ${ended ? "text-green-800" : "text-red-700"}`}>
          {ended ? t("profile.sessionEnded") : t("profile.sessionGone")}
        </p>
      ) : null}
      <ul className="mt-4 divide-y divide-slate-100">
        {sessions.map((s) => (
          <li key={s.handle} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="min-w-0 text-sm">
              <p className="font-medium">
                {s.device || t("profile.unknownDevice")}
                {s.current ? (
                  <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs font-semibold text-green-900">
                    {t("profile.thisDevice")}
                  </span>
                ) : null}
              </p>
              <p className="text-slate-600">
                {t("profile.sessionSeen", {
                  when: formatDateTime(s.lastSeenAt, i18n.language),
                  address: s.ipAddress || "—",
                })}
              </p>
              <p className="text-xs text-slate-500">
                {t("profile.sessionStarted", { when: formatDateTime(s.createdAt, i18n.language) })}
              </p>
            </div>
            {s.current ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="end-session" />
                <input type="hidden" name="session" value={s.handle} />
                <Button type="submit" variant="secondary">
                  {t("profile.endSession")}
                  <span className="sr-only"> ({s.device || t("profile.unknownDevice")})</span>
                </Button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <Form method="post" className="mt-4 border-t border-slate-100 pt-4">
        <input type="hidden" name="intent" value="end-all" />
        <p className="text-sm text-slate-700">
          {others ? t("profile.endAllHelp", { count: others }) : t("profile.endAllHelpAlone")}
        </p>
        <Button type="submit" variant="danger" className="mt-2">
          {t("profile.endAll")}
        </Button>
      </Form>
    </section>
  );
}
