import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireUser } from "#app/accounts/auth.server.ts";
import { useDates } from "#app/components/dates.tsx";
import { Button } from "#app/components/ui/field.tsx";
import { listNotifications, markRead } from "#app/notifications/notify.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";
import { parseInput } from "#app/utils/errors.ts";
import { refuse } from "#app/utils/errors.server.ts";

export const meta: MetaFunction = () => [{ title: "Notifications · Rapport" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ notifications: await listNotifications(user.id, resolveLocale(request, user.locale)) });
}

const MarkReadSchema = z.object({
  id: z.union([z.literal("all"), z.string().min(1).max(64)], { error: "notifications.errors.which" }),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  let id: string;
  try {
    ({ id } = parseInput(MarkReadSchema, Object.fromEntries(await request.formData())));
  } catch (error) {
    refuse(error, resolveLocale(request, user.locale));
  }
  const marked = await markRead(user.id, id);
  return json({ marked });
}

export default function Notifications() {
  const { notifications } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const dates = useDates();
  const unread = notifications.filter((n) => !n.readAt).length;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{t("notifications.title")}</h1>
        {unread ? (
          <Form method="post">
            <input type="hidden" name="id" value="all" />
            <Button type="submit" variant="secondary">
              {t("notifications.markAllRead")}
            </Button>
          </Form>
        ) : null}
      </div>
      {notifications.length === 0 ? (
        <p className="text-slate-700">{t("notifications.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {notifications.map((n) => (
            <li key={n.id} className={`p-4 ${n.readAt ? "" : "bg-brand-50"}`} data-notification={n.kind}>
              <p className="text-sm">
                {n.readAt ? null : <span className="sr-only">{t("notifications.unreadLabel")}: </span>}
                {t(`notifications.kinds.${n.kind}`, {
                  ...n.data,
                  context: String(n.data.decision ?? n.data.state ?? ""),
                })}
              </p>
              <div className="mt-1 flex flex-wrap items-center gap-3 text-xs text-slate-600">
                <time dateTime={n.createdAt}>{dates.dateTime(n.createdAt)}</time>
                {typeof n.data.path === "string" && n.data.path.startsWith("/") ? (
                  <Link to={n.data.path} className="font-medium text-brand-700 underline">
                    {t("notifications.open")}
                  </Link>
                ) : null}
                {n.readAt ? null : (
                  <Form method="post">
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="underline">
                      {t("notifications.markRead")}
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
