import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { contentProblemsData } from "#app/content/problems.ts";
import { errorReplyIn } from "#app/utils/errors.ts";
import { ContentProblems } from "./content-problems.tsx";

/**
 * One friendly page for thrown responses and crashes, in the person's language.
 * The message says what happened and what to do; never a stack trace.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // Only development servers send these (content/dev-problems.server.ts).
  const broken = isRouteErrorResponse(error) ? contentProblemsData.safeParse(error.data) : null;
  if (broken?.success) return <ContentProblems {...broken.data} />;
  const key =
    status === 404
      ? "notFound"
      : status === 403
        ? "forbidden"
        : status === 429
          ? "tooMany"
          : status >= 500
            ? "server"
            : "bad";
  // A refusal (utils/errors.server.ts) says in the person's language what happened and what to do.
  const refused = isRouteErrorResponse(error) ? errorReplyIn(error.data) : null;
  if (status >= 500 && typeof document !== "undefined") console.error(error);
  return (
    <section
      aria-labelledby="error-title"
      className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-8 shadow-sm"
    >
      <p className="text-sm font-semibold text-brand-700">{t("errors.status", { status })}</p>
      <h1 id="error-title" className="mt-2 text-2xl font-bold">
        {t(`errors.${key}.title`)}
      </h1>
      <p className="mt-3 text-slate-700" data-refusal={refused?.code}>
        {refused?.message ?? t(`errors.${key}.body`)}
      </p>
      <p className="mt-6">
        <Link to="/" className="font-medium text-brand-700 underline">
          {t("errors.home")}
        </Link>
      </p>
    </section>
  );
}
