import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "#app/components/ui/field.tsx";

export type LinkKind = "invitation" | "reset" | "setup";
export type Problem = "invalid" | "expired" | "used" | "replaced" | "inactive" | "otherPerson";

/**
 * Why a one-time link cannot be used, and what to do instead. Nothing was changed by opening
 * it; the page says so.
 */
export function LinkProblem({
  kind,
  problem,
  signedInAs,
}: {
  kind: LinkKind;
  problem: Problem;
  /** For "otherPerson": who is signed in in this browser. */
  signedInAs?: string;
}) {
  const { t } = useTranslation();
  return (
    <section
      role="alert"
      className="mx-auto max-w-xl rounded-lg border border-amber-300 bg-amber-50 p-6 text-amber-950"
      data-link-problem={problem}
    >
      <h1 className="text-xl font-bold">{t(`links.${kind}.${problem}.title`)}</h1>
      <p className="mt-2">{t(`links.${kind}.${problem}.body`, { name: signedInAs ?? "" })}</p>
      <p className="mt-2 text-sm">{t("links.nothingChanged")}</p>
      <div className="mt-4 flex flex-wrap gap-3">
        {problem === "otherPerson" ? (
          <Form method="post" action="/logout">
            <Button type="submit">{t("nav.signOut")}</Button>
          </Form>
        ) : kind === "setup" ? null : problem === "used" || problem === "replaced" || problem === "inactive" ? (
          <Link to="/login" className="rounded bg-brand-600 px-4 py-2 text-sm font-semibold text-white">
            {t("links.toSignIn")}
          </Link>
        ) : kind === "reset" ? (
          <Link to="/forgot-password" className="rounded bg-brand-600 px-4 py-2 text-sm font-semibold text-white">
            {t("links.newResetLink")}
          </Link>
        ) : (
          <Link to="/login" className="rounded border border-amber-400 bg-white px-4 py-2 text-sm font-semibold">
            {t("links.toSignIn")}
          </Link>
        )}
      </div>
    </section>
  );
}
