import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localeNames, locales } from "#app/utils/i18n.ts";

/** A plain form: works without JavaScript, and a full load brings the new language's strings. */
export function LocaleSwitcher({ current, redirectTo }: { current: string; redirectTo: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/locale" reloadDocument className="flex items-center gap-1">
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <label htmlFor="locale-switcher" className="sr-only">
        {t("locale.label")}
      </label>
      {/* Keyed: signing in changes the language without a page load, and a mounted select
          would keep showing the old one. */}
      <select
        key={current}
        id="locale-switcher"
        name="locale"
        defaultValue={current}
        className="rounded border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        {locales.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {localeNames[locale]}
          </option>
        ))}
      </select>
      <button type="submit" className="rounded border border-slate-300 px-2 py-1.5 text-sm hover:bg-slate-100">
        {t("locale.apply")}
      </button>
    </Form>
  );
}
