// Delivers the outbox. Every server runs this worker; a row is sent by the one that claims
// it: a conditional update takes a lease on it (lockedBy, lockedUntil), the mail goes to the
// SMTP server, and only once that server has accepted it is the row marked sent. A worker
// that crashes mid-way simply lets its lease run out and another sends the mail, so a mail is
// never lost; what the SMTP server acknowledged and we recorded is never sent again. (A crash
// in the instant between the server's "250 OK" and our update can send that one mail twice;
// its Message-ID is the row's, so the receiving side can tell it is the same message.)
import nodemailer, { type Transporter } from "nodemailer";
import { appUrl, getEnv, mailFrom } from "#app/utils/env.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { instance } from "#app/utils/instance.server.ts";
import { isSecretKind } from "./outbox.server.ts";

/**
 * How long a claim lasts. Longer than the longest send the transport allows (connection,
 * greeting and socket timeouts below), so no other worker takes a mail still being sent.
 */
export const LEASE_MS = 3 * 60_000;
const TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 };

/** Waits after the nth failed attempt: 30 s, 1 min, 2 min … at most 6 hours. */
export function backoffMs(attempt: number) {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 6 * 60 * 60_000);
}

export type SendMail = (mail: {
  messageId: string;
  from: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
}) => Promise<{ response: string }>;

/**
 * Sends through the SMTP server at `url` (smtp://user:password@host:port). The timeouts go
 * into the URL's query, where nodemailer reads its options; ones the URL sets itself win.
 */
export function createSmtpSender(url: string, timeouts: Partial<typeof TIMEOUTS> = {}): SendMail {
  const withTimeouts = new URL(url);
  for (const [name, ms] of Object.entries({ ...TIMEOUTS, ...timeouts }))
    if (!withTimeouts.searchParams.has(name)) withTimeouts.searchParams.set(name, String(ms));
  const transport: Transporter = nodemailer.createTransport(withTimeouts.toString());
  return async (mail) => {
    const info: { response?: unknown } = await transport.sendMail(mail);
    return { response: typeof info.response === "string" ? info.response : "" };
  };
}

let sender: SendMail | undefined;
/** The transport made from SMTP_URL, one per process. */
const smtpSender = (url: string) => (sender ??= createSmtpSender(url));

/** Where the Message-ID says the mail comes from: APP_URL's host. */
const messageIdHost = () => {
  try {
    return new URL(appUrl()).hostname || "rapport.invalid";
  } catch {
    return "rapport.invalid";
  }
};

const describe = (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, " ").slice(0, 500);
};

/**
 * One round: claims the mails that are due (up to `limit`), sends each, and records the
 * outcome. Safe to run in several processes at once: each mail is claimed by one.
 */
export async function deliverDue({
  send,
  now = () => new Date(),
  worker = instance,
  limit = 20,
}: {
  send: SendMail;
  now?: () => Date;
  worker?: string;
  limit?: number;
}) {
  const started = now();
  const due = await prisma.outboxMail.findMany({
    where: {
      status: "queued",
      nextAttemptAt: { lte: started },
      OR: [{ lockedUntil: null }, { lockedUntil: { lt: started } }],
    },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  const outcome = { sent: 0, failed: 0 };
  const maxAttempts = getEnv().MAIL_MAX_ATTEMPTS;
  for (const { id } of due) {
    const at = now();
    const claimed = await prisma.outboxMail.updateMany({
      where: { id, status: "queued", OR: [{ lockedUntil: null }, { lockedUntil: { lt: at } }] },
      data: {
        lockedBy: worker,
        lockedUntil: new Date(at.getTime() + LEASE_MS),
        attempts: { increment: 1 },
        lastAttemptAt: at,
      },
    });
    if (claimed.count !== 1) continue;
    const mail = await prisma.outboxMail.findUnique({
      where: { id },
      select: { kind: true, toAddress: true, toName: true, subject: true, text: true, html: true, attempts: true },
    });
    if (!mail) continue;
    try {
      const accepted = await send({
        messageId: `<${id}@${messageIdHost()}>`,
        from: mailFrom(),
        to: { name: mail.toName, address: mail.toAddress },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
      const marked = await prisma.outboxMail.updateMany({
        where: { id, lockedBy: worker },
        data: {
          status: "sent",
          sentAt: now(),
          smtpResponse: accepted.response.slice(0, 500),
          lastError: null,
          lockedBy: null,
          lockedUntil: null,
          // A one-time link must not outlive its mail in our database.
          ...(isSecretKind(mail.kind) ? { text: "", html: "" } : {}),
        },
      });
      if (marked.count !== 1) console.warn(`outbox: mail ${id} was sent after its lease ran out`);
      outcome.sent++;
    } catch (error) {
      const giveUp = mail.attempts >= maxAttempts;
      await prisma.outboxMail.updateMany({
        where: { id, lockedBy: worker },
        data: {
          status: giveUp ? "failed" : "queued",
          lastError: describe(error),
          nextAttemptAt: new Date(now().getTime() + backoffMs(mail.attempts)),
          lockedBy: null,
          lockedUntil: null,
        },
      });
      console.warn(
        `outbox: mail ${id} to ${mail.toAddress} not sent (attempt ${mail.attempts}${giveUp ? ", giving up" : ""}): ${describe(error)}`,
      );
      outcome.failed++;
    }
  }
  return outcome;
}

/** The error admins see on mails that wait because no mail server is set. */
export const NO_SMTP = "SMTP_URL is not set: the mail waits in the outbox.";

/**
 * Without SMTP_URL (development, the demo) mails stay in the outbox; each new one is logged
 * once, with its links, by whichever process claims it first.
 */
export async function logUnsent({
  log = console.log,
  limit = 50,
}: { log?: (line: string) => void; limit?: number } = {}) {
  const fresh = await prisma.outboxMail.findMany({
    where: { status: "queued", attempts: 0, lastError: null },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, toAddress: true, subject: true, text: true },
  });
  let logged = 0;
  for (const mail of fresh) {
    const claimed = await prisma.outboxMail.updateMany({
      where: { id: mail.id, lastError: null },
      data: { lastError: NO_SMTP },
    });
    if (claimed.count !== 1) continue;
    const links = mail.text.match(/https?:\/\/\S+/g) ?? [];
    log(
      `mail not sent (no SMTP_URL), kept in the outbox: to ${mail.toAddress} · ${mail.subject}${links.length ? ` · ${links.join(" ")}` : ""}`,
    );
    logged++;
  }
  return logged;
}

const holder = globalThis as unknown as { rapportOutbox?: NodeJS.Timeout };

/** Starts the worker once per process (dev reloads keep the first). */
export function startOutboxWorker() {
  const env = getEnv();
  if (holder.rapportOutbox || env.NODE_ENV === "test") return;
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      if (env.SMTP_URL) await deliverDue({ send: smtpSender(env.SMTP_URL) });
      else await logUnsent({ log: process.env.QUIET === "true" ? () => undefined : console.log });
    } catch (error) {
      console.warn(`outbox: ${describe(error)}`);
    } finally {
      running = false;
    }
  };
  holder.rapportOutbox = setInterval(() => void round(), env.OUTBOX_POLL_SECONDS * 1000);
  holder.rapportOutbox.unref();
  void round();
}
