// The outbox: every mail is a row written in the same transaction as the event that causes
// it (an invitation, a grade), so a mail is never sent for something that was rolled back and
// never lost for something that was kept. The worker (worker.server.ts) delivers the rows.
import { type Prisma } from "#app/generated/prisma/client.ts";
import { prisma } from "#app/utils/db.server.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { type MailContent, renderMail } from "./render.server.ts";

/** The client or a transaction's client: a mail joins whichever write it belongs to. */
export type Db = Prisma.TransactionClient;

export const mailKinds = [
  "invitation",
  "password-reset",
  "review-graded",
  "mentor-digest",
  "manager-digest",
  "goal-due",
  "assignment",
] as const;
export type MailKind = (typeof mailKinds)[number];

/** Mails carrying a one-time link: their bodies are not kept once the SMTP server took them. */
const carriesSecret: ReadonlySet<MailKind> = new Set(["invitation", "password-reset"]);
export const isSecretKind = (kind: string) => (carriesSecret as ReadonlySet<string>).has(kind);

export const outboxStatuses = ["queued", "sent", "failed"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export type Recipient = { address: string; name: string; userId: string | null };

/**
 * The mail as a write: pass the transaction's client to put it in that transaction (or the
 * query into a batch transaction). Rendering happens here, in the recipient's language.
 */
export function queueMail(
  db: Db,
  { kind, to, locale, content }: { kind: MailKind; to: Recipient; locale: Locale; content: MailContent },
) {
  const mail = renderMail(locale, content);
  return db.outboxMail.create({
    data: {
      kind,
      toAddress: to.address,
      toName: to.name,
      userId: to.userId,
      locale,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    },
    select: { id: true },
  });
}

export const OUTBOX_PAGE_SIZE = 50;

export type OutboxFilter = "unsent" | OutboxStatus | "all";

const whereFor = (filter: OutboxFilter): Prisma.OutboxMailWhereInput =>
  filter === "all" ? {} : filter === "unsent" ? { status: { in: ["queued", "failed"] } } : { status: filter };

/** What /admin/outbox lists: newest first, with the counts per status. */
export async function listOutbox(filter: OutboxFilter, page: number) {
  const where = whereFor(filter);
  const [total, counts, mails] = await Promise.all([
    prisma.outboxMail.count({ where }),
    prisma.outboxMail.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.outboxMail.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      select: {
        id: true,
        createdAt: true,
        kind: true,
        toAddress: true,
        toName: true,
        subject: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        lastError: true,
        sentAt: true,
      },
    }),
  ]);
  const count = (status: OutboxStatus) => counts.find((c) => c.status === status)?._count._all ?? 0;
  return {
    total,
    pages: Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE)),
    counts: { queued: count("queued"), sent: count("sent"), failed: count("failed") },
    mails,
  };
}

export async function getOutboxMail(id: string) {
  return prisma.outboxMail.findUnique({
    where: { id },
    select: {
      id: true,
      createdAt: true,
      kind: true,
      toAddress: true,
      toName: true,
      locale: true,
      subject: true,
      text: true,
      status: true,
      attempts: true,
      nextAttemptAt: true,
      lastAttemptAt: true,
      lastError: true,
      sentAt: true,
      smtpResponse: true,
    },
  });
}

export async function getOutboxHtml(id: string) {
  return (await prisma.outboxMail.findUnique({ where: { id }, select: { html: true } }))?.html ?? null;
}

/**
 * Sends a queued or given-up mail again at the next round, with a fresh count of attempts.
 * A mail a worker is delivering right now (its lease still running) is left alone. Returns
 * how many mails it put back in line.
 */
export async function retryMails(ids: string[] | "all-failed", now = new Date()) {
  const { count } = await prisma.outboxMail.updateMany({
    where: {
      ...(ids === "all-failed" ? { status: "failed" } : { id: { in: ids }, status: { in: ["queued", "failed"] } }),
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
    },
    data: { status: "queued", attempts: 0, nextAttemptAt: now, lockedBy: null, lockedUntil: null },
  });
  return count;
}

/** Sent mails older than this are deleted by the housekeeping job. */
export const KEEP_SENT_DAYS = 30;

export async function pruneOutbox(now = new Date()) {
  const { count } = await prisma.outboxMail.deleteMany({
    where: { status: "sent", sentAt: { lt: new Date(now.getTime() - KEEP_SENT_DAYS * 86_400_000) } },
  });
  return count;
}
