// /admin/outbox/<id>/html — a mail's HTML as its recipient's mail app gets it, for an admin to
// look at. It is shown as its own document, sandboxed: no scripts, no requests elsewhere.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "#app/accounts/auth.server.ts";
import { getOutboxHtml } from "#app/mail/outbox.server.ts";
import { notFound } from "#app/utils/errors.ts";
import { refuse } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const html =
    (await getOutboxHtml(params.mailId ?? "")) ??
    refuse(notFound("outbox.errors.bodyGone"), resolveLocale(request, admin.locale));
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      "Cache-Control": "no-store",
    },
  });
}
