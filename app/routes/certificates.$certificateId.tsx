import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { hasRole, requireUser } from "#app/accounts/auth.server.ts";
import { getCertificate } from "#app/ladder/pages.server.ts";
import { canReview } from "#app/reviews/access.server.ts";
import { forbidden, notFound } from "#app/utils/errors.ts";
import { refuse } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.heading ?? "Certificate"} · Rapport` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUser(request);
  const locale = resolveLocale(request, viewer.locale);
  const { holderId, ...certificate } =
    (await getCertificate(params.certificateId ?? "", viewer.timeZone)) ??
    refuse(notFound("certificate.errors.notFound"), locale);
  // Its holder, an admin, or whoever reviews the holder (their mentor, their team's manager).
  const allowed = holderId === viewer.id || hasRole(viewer, "admin") || (await canReview(viewer, holderId));
  if (!allowed) refuse(forbidden("certificate.errors.notYours"), locale);
  return certificate;
}

export default function CertificatePage() {
  const data = useLoaderData<typeof loader>();
  return (
    <article
      lang={data.locale}
      className="mx-auto max-w-3xl rounded-lg border-4 border-double border-brand-600 bg-white p-10 text-center print:border-2"
      data-certificate
    >
      {data.revoked ? (
        <p
          role="alert"
          className="mb-6 rounded border-2 border-red-700 bg-red-50 p-3 text-left text-red-950"
          data-revoked
        >
          {data.revoked.text}
        </p>
      ) : null}
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
      <section
        className="mt-8 flex flex-col items-center gap-4 border-t border-slate-200 pt-6 break-inside-avoid sm:flex-row sm:text-left"
        data-verify
      >
        <div
          role="img"
          aria-label={data.verify.qrLabel}
          className="size-32 shrink-0 [&>svg]:size-full"
          data-qr
          // Drawn on the server by the qrcode library from our own URL (hex code only), so it prints without JavaScript.
          dangerouslySetInnerHTML={{ __html: data.verify.qrSvg }}
        />
        <p className="text-sm text-slate-700">
          {data.verify.label}
          <br />
          <a href={data.verify.url} className="font-mono break-all text-brand-700 underline" data-verify-url>
            {data.verify.url}
          </a>
        </p>
      </section>
      <p className="mt-8 text-sm text-slate-600 print:hidden">{data.print}</p>
    </article>
  );
}
