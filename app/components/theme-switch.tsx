import { Form } from "@remix-run/react";
import { type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type Theme } from "#app/utils/theme.ts";

const icons: Record<Theme, ReactNode> = {
  system: <path d="M3 4h14v9H3zM7 16h6" />,
  light: (
    <>
      <circle cx="10" cy="10" r="3.5" />
      <path d="M10 2v2M10 16v2M2 10h2M16 10h2M4.3 4.3l1.4 1.4M14.3 14.3l1.4 1.4M4.3 15.7l1.4-1.4M14.3 5.7l1.4-1.4" />
    </>
  ),
  dark: <path d="M15.5 12.5A6.5 6.5 0 0 1 7.5 4.5a6.5 6.5 0 1 0 8 8z" />,
};

/** Three submit buttons of a plain form: works without JavaScript, stored in a cookie. */
export function ThemeSwitch({ current, redirectTo }: { current: Theme; redirectTo: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/theme" className="flex" role="group" aria-label={t("theme.label")}>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      {(["system", "light", "dark"] as const).map((theme) => (
        <button
          key={theme}
          type="submit"
          name="theme"
          value={theme}
          aria-pressed={current === theme}
          title={t(`theme.${theme}`)}
          className="border border-slate-300 px-2 py-1.5 first:rounded-l last:rounded-r hover:bg-slate-100 aria-pressed:bg-brand-50 aria-pressed:text-brand-700 [&+&]:border-l-0"
        >
          <svg
            viewBox="0 0 20 20"
            width="16"
            height="16"
            aria-hidden="true"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
            strokeLinecap="round"
          >
            {icons[theme]}
          </svg>
          <span className="sr-only">{t(`theme.${theme}`)}</span>
        </button>
      ))}
    </Form>
  );
}
