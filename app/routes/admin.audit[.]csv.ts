// /admin/audit.csv — the audit log with the page's filters, as a spreadsheet. Exporting it is
// itself an entry in the log.
import { type LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "#app/accounts/auth.server.ts";
import { detailLines } from "#app/audit/details.ts";
import { audit } from "#app/audit/log.server.ts";
import { auditEventsForExport, auditFiltersFrom } from "#app/audit/query.server.ts";
import { clientOf } from "#app/utils/client.server.ts";
import { csvResponse } from "#app/utils/csv.server.ts";
import { createI18n } from "#app/utils/i18n.ts";
import { resolveLocale, translations } from "#app/utils/locale.server.ts";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const filters = auditFiltersFrom(new URL(request.url));
  const events = await auditEventsForExport(filters);
  await audit({
    kind: "audit.exported",
    actor: admin,
    ip: clientOf(request, context).ip,
    details: { rows: events.length, ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) },
  });
  const locale = resolveLocale(request, admin.locale);
  const { t } = createI18n(locale, { translation: translations[locale] });
  const header = ["when", "kind", "actor", "target", "address", "details"].map((c) => t(`audit.${c}`));
  const rows = events.map((e) => [
    e.at.toISOString(),
    t(`audit.kinds.${e.kind}`, { defaultValue: e.kind }),
    e.actorEmail ?? "",
    e.targetLabel ?? "",
    e.ipAddress,
    detailLines(e.details).join("; "),
  ]);
  return csvResponse(`audit-${new Date().toISOString().slice(0, 10)}.csv`, header, rows);
}
