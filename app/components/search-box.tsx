import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MAX_QUERY_LENGTH } from "#app/search/text.ts";

/** A plain GET form to /search: works without JavaScript. */
export function SearchBox() {
  const { t } = useTranslation();
  return (
    <Form method="get" action="/search" role="search" className="flex items-center">
      <label htmlFor="header-search" className="sr-only">
        {t("search.label")}
      </label>
      <input
        id="header-search"
        type="search"
        name="q"
        maxLength={MAX_QUERY_LENGTH}
        placeholder={t("search.placeholder")}
        className="w-36 rounded-l border border-slate-400 bg-white px-2 py-1.5 text-sm sm:w-44"
      />
      <button
        type="submit"
        className="rounded-r border border-l-0 border-slate-400 px-2 py-1.5 text-sm hover:bg-slate-100"
      >
        {t("search.submit")}
      </button>
    </Form>
  );
}
