import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { hasRole, requireUser } from "#app/accounts/auth.server.ts";
import { describeRequirements, stageTitle } from "#app/ladder/describe.server.ts";
import { parseMissing } from "#app/ladder/readiness.server.ts";
import { canReview } from "#app/reviews/access.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { formatDate } from "#app/utils/format.ts";
import { createI18n, defaultLocale, isLocale } from "#app/utils/i18n.ts";
import { translations } from "#app/utils/locale.server.ts";
import { invariantResponse } from "#app/utils/misc.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.heading ?? "Certificate"} · Rapport` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const certificate = await prisma.certification.findUnique({
    where: { id: params.certificateId ?? "" },
    include: { user: { select: { id: true, name: true, locale: true } } },
  });
  invariantResponse(certificate, "No certificate with this address.", { status: 404 });
  const allowed =
    certificate.userId === viewer.id || hasRole(viewer, "admin") || (await canReview(viewer, certificate.userId));
  invariantResponse(allowed, "This certificate is not yours to see.", { status: 403 });
  // The certificate speaks its holder's language, whoever opens it.
  const locale = isLocale(certificate.user.locale) ? certificate.user.locale : defaultLocale;
  const t = createI18n(locale, { translation: translations[locale] }).t;
  const requirements = parseMissing(certificate.evidence);
  const stage = {
    id: certificate.stage,
    requirements,
    met: requirements.length,
    total: requirements.length,
    complete: true,
    completeAt: certificate.certifiedAt,
    certification: null,
  };
  const title = `${certificate.stage.startsWith("L") ? `${certificate.stage} · ` : ""}${stageTitle(certificate.stage, locale)}`;
  return json({
    locale,
    heading: t("certificate.heading"),
    certifies: t("certificate.certifies"),
    name: certificate.user.name,
    reached: t("certificate.reached"),
    title,
    date: t("certificate.on", { date: formatDate(certificate.certifiedAt, locale, viewer.timeZone) }),
    evidenceTitle: t("certificate.evidence"),
    evidence: describeRequirements(stage, locale).map((r) => ({
      label: r.label,
      kind: t(`progress.kinds.${r.kind}`),
      detail: r.detail,
      at: r.at ? formatDate(r.at, locale, viewer.timeZone) : null,
    })),
    print: t("certificate.print"),
  });
}

export default function CertificatePage() {
  const data = useLoaderData<typeof loader>();
  return (
    <article
      lang={data.locale}
      className="mx-auto max-w-3xl rounded-lg border-4 border-double border-brand-600 bg-white p-10 text-center print:border-2"
      data-certificate
    >
      <p className="text-sm font-semibold tracking-[0.3em] text-brand-700 uppercase">Rapport</p>
      <h1 className="mt-4 text-4xl font-bold">{data.heading}</h1>
      <p className="mt-6 text-slate-700">{data.certifies}</p>
      <p className="mt-2 text-3xl font-semibold" data-holder>
        {data.name}
      </p>
      <p className="mt-4 text-slate-700">{data.reached}</p>
      <p className="mt-2 text-2xl font-semibold" data-stage>
        {data.title}
      </p>
      <p className="mt-4 text-slate-700">{data.date}</p>
      <section className="mt-8 text-left">
        <h2 className="font-semibold">{data.evidenceTitle}</h2>
        <ul className="mt-2 space-y-1 text-sm">
          {data.evidence.map((e, i) => (
            <li key={i} className="flex flex-wrap justify-between gap-2 border-b border-slate-100 py-1">
              <span>
                <span className="text-slate-500">{e.kind}:</span> {e.label}
              </span>
              <span className="text-slate-600 tabular-nums">{[e.detail, e.at].filter(Boolean).join(" · ")}</span>
            </li>
          ))}
        </ul>
      </section>
      <p className="mt-8 text-sm text-slate-600 print:hidden">{data.print}</p>
    </article>
  );
}
