// /admin/outbox/<id>/html — a mail's HTML as its recipient's mail app gets it, for an admin to
// look at. It is shown as its own document, sandboxed: no scripts, no requests elsewhere.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "#app/accounts/auth.server.ts";
import { getOutboxHtml } from "#app/mail/outbox.server.ts";
import { invariantResponse } from "#app/utils/misc.ts";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const html = await getOutboxHtml(params.mailId ?? "");
  invariantResponse(html, "No mail with this id in the outbox, or its body is no longer kept.", { status: 404 });
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:",
      "Cache-Control": "no-store",
    },
  });
}
