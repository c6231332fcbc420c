import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "#app/accounts/auth.server.ts";
import { countVerification, verifyCertificate } from "#app/ladder/certificates.server.ts";
import { clientOf } from "#app/utils/client.server.ts";
import { notFound } from "#app/utils/errors.ts";
import { refuse } from "#app/utils/errors.server.ts";
import { keepRetryAfter } from "#app/utils/headers.ts";
import { getFixedT, resolveLocale } from "#app/utils/locale.server.ts";

// Open to anyone with the code, signed in or not; search engines keep out of it.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.metaTitle ?? "Certificate check"} · Rapport` },
  { name: "robots", content: "noindex, nofollow" },
];

export const headers: HeadersFunction = (args) => {
  const headers = new Headers(keepRetryAfter(args));
  headers.set("X-Robots-Tag", "noindex, nofollow");
  headers.set("Referrer-Policy", "no-referrer");
  return headers;
};

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await getUser(request);
  const locale = resolveLocale(request, viewer?.locale);
  try {
    await countVerification(clientOf(request, context).ip);
  } catch (error) {
    refuse(error, locale);
  }
  const certificate =
    (await verifyCertificate(params.code ?? "", locale)) ?? refuse(notFound("verification.errors.notFound"), locale);
  return { ...certificate, metaTitle: getFixedT(locale)("verification.metaTitle") };
}

export default function VerifyCertificate() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const revoked = data.revoked;
  return (
    <article
      className="mx-auto max-w-xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
      data-verification
    >
      <p className="text-sm font-semibold tracking-[0.2em] text-brand-700 uppercase">Rapport</p>
      <h1 className="mt-2 text-2xl font-bold">{t("verification.title")}</h1>
      <p className="mt-2 text-sm text-slate-700">{t("verification.intro")}</p>
      <div
        role="status"
        data-status={revoked ? "revoked" : "valid"}
        className={`mt-6 rounded-lg border-2 p-4 ${revoked ? "border-red-700 bg-red-50 text-red-950" : "border-emerald-700 bg-emerald-50 text-emerald-950"}`}
      >
        <p className="text-xl font-bold">
          <span aria-hidden="true">{revoked ? "✕ " : "✓ "}</span>
          {revoked ? t("verification.revoked") : t("verification.valid")}
        </p>
        <p className="mt-1 text-sm">
          {revoked ? t("verification.revokedHelp", { date: revoked.on }) : t("verification.validHelp")}
        </p>
        {revoked ? (
          <p className="mt-2 text-sm">
            <span className="font-semibold">{t("verification.reason")}:</span> {revoked.reason}
          </p>
        ) : null}
      </div>
      <dl className="mt-6 grid gap-x-6 gap-y-3 sm:grid-cols-[auto_1fr]">
        <dt className="text-sm text-slate-600">{t("verification.holder")}</dt>
        <dd className="text-lg font-semibold break-words" data-holder>
          {data.name}
        </dd>
        <dt className="text-sm text-slate-600">{t("verification.level")}</dt>
        <dd className="font-semibold" data-stage>
          {data.title}
        </dd>
        <dt className="text-sm text-slate-600">{t("verification.issuer")}</dt>
        <dd className="break-words">{data.issuer}</dd>
        <dt className="text-sm text-slate-600">{t("verification.issued")}</dt>
        <dd>{data.issuedOn}</dd>
      </dl>
    </article>
  );
}
