// In-app notifications, and their email when the person has not turned that kind off on
// their profile. A notification and its mail are written with the transaction of the event
// that causes them (the outbox delivers the mail, docs/decisions/025).
import { type Db, queueMail } from "#app/mail/outbox.server.ts";
import { findScenario } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { type MailContent } from "#app/mail/render.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { appUrl } from "#app/utils/env.server.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { getOrganisation, mailLocaleOf, zoneOf } from "#app/utils/organisation.server.ts";
import { emailWanted, type NotificationKind } from "./kinds.ts";

export type Recipient = {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  timeZone: string | null;
  emailNotifications: string;
};

export const recipientSelect = {
  id: true,
  email: true,
  name: true,
  locale: true,
  timeZone: true,
  emailNotifications: true,
} as const;

/**
 * Writes the notification, and queues its mail unless the person turned that kind off.
 * `mail` renders the mail in the reader's language and zone, with the link back to the app.
 */
export async function notify(
  db: Db,
  {
    to,
    kind,
    data,
    path,
    mail,
  }: {
    to: Recipient;
    kind: NotificationKind;
    data: Record<string, string | number>;
    /** Where the notification leads in the app. */
    path: string;
    mail: (reader: { locale: Locale; timeZone: string }, url: string) => MailContent;
  },
) {
  await db.notification.create({ data: { userId: to.id, kind, data: JSON.stringify({ ...data, path }) } });
  if (!emailWanted(to.emailNotifications, kind)) return { mailed: false };
  const organisation = await getOrganisation();
  const locale = mailLocaleOf(to, organisation);
  await queueMail(db, {
    kind,
    to: { address: to.email, name: to.name, userId: to.id },
    locale,
    content: mail({ locale, timeZone: zoneOf(to, organisation) }, `${appUrl()}${path}`),
  });
  return { mailed: true };
}

export const NOTIFICATIONS_SHOWN = 50;

/** The person's latest notifications, newest first, with what their text names in `locale`. */
export async function listNotifications(userId: string, locale: Locale) {
  const rows = await prisma.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NOTIFICATIONS_SHOWN,
    select: { id: true, kind: true, data: true, createdAt: true, readAt: true },
  });
  return rows.map(({ data, ...row }) => {
    const parsed = parseData(data);
    const bundle = typeof parsed.scenarioId === "string" ? findScenario(parsed.scenarioId) : undefined;
    return { ...row, data: bundle ? { ...parsed, scenario: pick(bundle.variants, locale).value.title } : parsed };
  });
}

function parseData(text: string): Record<string, string | number> {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== "object") return {};
    return Object.fromEntries(
      Object.entries(value).filter((e): e is [string, string | number] => ["string", "number"].includes(typeof e[1])),
    );
  } catch {
    return {};
  }
}

export function unreadCount(userId: string) {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

/** Marks one notification (`id`) or all of them read; only the person's own. */
export async function markRead(userId: string, id: string | "all", now = new Date()) {
  const marked = await prisma.notification.updateMany({
    where: { userId, readAt: null, ...(id === "all" ? {} : { id }) },
    data: { readAt: now },
  });
  return marked.count;
}

/** The email choices on the profile: kind → on. */
export async function getEmailChoices(userId: string) {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { emailNotifications: true } });
  return user?.emailNotifications ?? "{}";
}

export async function setEmailChoices(userId: string, off: NotificationKind[]) {
  const value = JSON.stringify(Object.fromEntries(off.map((kind) => [kind, false])));
  await prisma.user.update({ where: { id: userId }, data: { emailNotifications: value }, select: { id: true } });
}
