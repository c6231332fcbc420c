import { useTranslation } from "react-i18next";
import { type ContentProblemsData } from "#app/content/problems.ts";

/**
 * Development only: what is wrong with the content a page needs, each problem with its
 * file, line and the source around it, so the author fixes it without leaving the browser.
 */
export function ContentProblems({ root, contentProblems }: ContentProblemsData) {
  const { t } = useTranslation();
  return (
    <section
      aria-labelledby="content-problems-title"
      className="mx-auto max-w-4xl rounded-lg border border-red-200 bg-white p-6 shadow-sm"
    >
      <p className="text-sm font-semibold text-red-800">
        {t("errors.content.count", { count: contentProblems.length })}
      </p>
      <h1 id="content-problems-title" className="mt-1 text-2xl font-bold">
        {t("errors.content.title")}
      </h1>
      <p className="mt-2 text-slate-700">{t("errors.content.body")}</p>
      <ol className="mt-6 space-y-6">
        {contentProblems.map((problem) => (
          <li key={`${problem.file}:${problem.line}:${problem.message}`}>
            <p className="font-mono text-sm text-slate-900">
              <span className="font-semibold">
                {root}/{problem.file}:{problem.line}
              </span>
              <span className="sr-only"> ({t("errors.content.line", { line: problem.line })})</span>
            </p>
            <p className="mt-1 text-red-900">{problem.message}</p>
            {problem.source.length ? (
              <pre
                aria-label={t("errors.content.source", { line: problem.line })}
                className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-sm leading-6 text-slate-100"
              >
                {problem.source.map((row) => (
                  <code
                    key={row.line}
                    className={`block whitespace-pre ${row.line === problem.line ? "bg-red-900/70 font-semibold" : ""}`}
                  >
                    <span aria-hidden className="mr-4 inline-block w-8 select-none text-right text-slate-400">
                      {row.line}
                    </span>
                    {row.text}
                  </code>
                ))}
              </pre>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
