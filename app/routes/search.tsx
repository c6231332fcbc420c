import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "#app/accounts/auth.server.ts";
import { Alert } from "#app/components/ui/alert.tsx";
import { Button } from "#app/components/ui/field.tsx";
import { parseQuery, searchContent } from "#app/search/index.server.ts";
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS, type Segment } from "#app/search/text.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction = () => [{ title: "Search · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = resolveLocale(request, user.locale);
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim();
  if (q.length > MAX_QUERY_LENGTH)
    return json({ q: q.slice(0, MAX_QUERY_LENGTH), locale, tooLong: true, dropped: 0, results: [] }, { status: 400 });
  const query = parseQuery(q);
  const results = await searchContent(query, locale);
  return json({ q, locale, tooLong: false, dropped: query.dropped, results });
}

function Marked({ segments }: { segments: Segment[] }) {
  return segments.map((segment, i) =>
    segment.hit ? (
      <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-slate-900">
        {segment.text}
      </mark>
    ) : (
      segment.text
    ),
  );
}

export default function SearchPage() {
  const { q, locale, tooLong, dropped, results } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">{t("search.title")}</h1>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="search-page-q" className="block text-sm font-medium">
            {t("search.label")}
          </label>
          <input
            id="search-page-q"
            type="search"
            name="q"
            defaultValue={q}
            maxLength={MAX_QUERY_LENGTH}
            aria-invalid={tooLong || undefined}
            aria-describedby={tooLong ? "search-error" : undefined}
            className="mt-1 w-full rounded border border-slate-400 bg-white px-3 py-2"
          />
        </div>
        <Button type="submit">{t("search.submit")}</Button>
      </Form>
      {tooLong ? (
        <Alert>
          <span id="search-error">{t("search.tooLong", { max: MAX_QUERY_LENGTH })}</span>
        </Alert>
      ) : !q ? (
        <p className="text-slate-700">{t("search.intro")}</p>
      ) : (
        <section aria-labelledby="search-summary" className="space-y-4">
          <h2 id="search-summary" className="text-lg font-semibold">
            {t("search.resultCount", { count: results.length, query: q })}
          </h2>
          {dropped ? <p className="text-sm text-slate-700">{t("search.dropped", { max: MAX_QUERY_WORDS })}</p> : null}
          {results.length === 0 ? <p className="text-slate-700">{t("search.noResults")}</p> : null}
          <ol className="space-y-3">
            {results.map((result) => (
              <li key={result.href} className="rounded border border-slate-200 bg-white p-4">
                <p className="text-xs font-semibold uppercase tracking-wide text-slate-600">
                  {t(`search.kinds.${result.kind}`)}
                  {result.context ? <span className="font-normal normal-case"> · {result.context}</span> : null}
                </p>
                <div lang={result.locale === locale ? undefined : result.locale}>
                  <Link
                    to={result.href}
                    className="mt-1 inline-block text-lg font-semibold text-brand-700 underline-offset-2 hover:underline"
                  >
                    <Marked segments={result.title} />
                  </Link>
                  {result.summary.length ? (
                    <p className="mt-1 text-slate-700">
                      <Marked segments={result.summary} />
                    </p>
                  ) : null}
                  {result.excerpt ? (
                    <p className="mt-2 border-l-4 border-slate-200 pl-3 text-sm text-slate-700">
                      <Marked segments={result.excerpt} />
                    </p>
                  ) : null}
                </div>
                {result.locale !== locale ? (
                  <p className="mt-2 text-xs text-slate-600">{t("search.fallback")}</p>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
