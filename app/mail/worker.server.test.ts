import net from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { startMailServer, type MailServer } from "#tests/mail-server.ts";
import { queueMail, retryMails } from "./outbox.server.ts";
import { backoffMs, createSmtpSender, deliverDue, LEASE_MS, logUnsent, NO_SMTP } from "./worker.server.ts";

let smtp: MailServer;
beforeAll(async () => {
  smtp = await startMailServer();
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(async () => {
  smtp.setMode("accept");
  smtp.received.length = 0;
  await prisma.outboxMail.deleteMany();
});

const content = (n: number) => ({
  subject: `Hello number ${n}`,
  preview: "A test mail",
  heading: `Hello ${n}`,
  paragraphs: ["First paragraph with <b>markup</b> & an ampersand."],
  action: { label: "Open Rapport", url: `http://localhost:3000/things/${n}` },
  footer: ["You get this because you are a test."],
});

async function queue(n: number, kind: "review-graded" | "invitation" = "review-graded") {
  return queueMail(prisma, {
    kind,
    to: { address: `person${n}@example.test`, name: `Person ${n}`, userId: null },
    locale: "en",
    content: content(n),
  });
}

const row = (id: string) => prisma.outboxMail.findUniqueOrThrow({ where: { id } });

describe("the outbox worker", () => {
  test("sends queued mails to the SMTP server as text and HTML, and marks them sent", async () => {
    const { id } = await queue(1);
    const outcome = await deliverDue({ send: createSmtpSender(smtp.url) });
    expect(outcome).toEqual({ sent: 1, failed: 0 });
    const [mail] = smtp.to("person1@example.test");
    expect(mail?.subject).toBe("Hello number 1");
    expect(mail?.messageId).toBe(`<${id}@localhost>`);
    expect(mail?.text).toContain("First paragraph with <b>markup</b> & an ampersand.");
    expect(mail?.text).toContain("http://localhost:3000/things/1");
    expect(mail?.html).toContain("First paragraph with &lt;b&gt;markup&lt;/b&gt; &amp; an ampersand.");
    expect(mail?.html).toContain('<html lang="en"');
    expect(mail?.html).toContain('href="http://localhost:3000/things/1"');
    const stored = await row(id);
    expect(stored).toMatchObject({ status: "sent", attempts: 1, lastError: null, lockedBy: null });
    expect(stored.smtpResponse).toMatch(/^250/);
    // Sent once: another round finds nothing to do.
    expect(await deliverDue({ send: createSmtpSender(smtp.url) })).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  test("a mail with a one-time link keeps no body once sent; others keep theirs", async () => {
    const secret = await queue(2, "invitation");
    const plain = await queue(3);
    await deliverDue({ send: createSmtpSender(smtp.url) });
    expect(await row(secret.id)).toMatchObject({ status: "sent", text: "", html: "" });
    expect((await row(plain.id)).text).toContain("Hello 3");
  });

  test("an SMTP server that refuses: the mail stays queued with the error, and goes once it accepts", async () => {
    const { id } = await queue(4);
    smtp.setMode("refuse");
    const t0 = new Date();
    expect(await deliverDue({ send: createSmtpSender(smtp.url), now: () => t0 })).toEqual({ sent: 0, failed: 1 });
    let stored = await row(id);
    expect(stored).toMatchObject({ status: "queued", attempts: 1, lockedBy: null });
    expect(stored.lastError).toMatch(/451/);
    expect(stored.nextAttemptAt.getTime()).toBe(t0.getTime() + backoffMs(1));
    // Not due yet: nothing is tried before the wait is over.
    smtp.setMode("accept");
    expect(await deliverDue({ send: createSmtpSender(smtp.url), now: () => t0 })).toEqual({ sent: 0, failed: 0 });
    const later = new Date(t0.getTime() + backoffMs(1) + 1000);
    expect(await deliverDue({ send: createSmtpSender(smtp.url), now: () => later })).toEqual({ sent: 1, failed: 0 });
    stored = await row(id);
    expect(stored).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(smtp.to("person4@example.test")).toHaveLength(1);
  });

  test("a mail server that is down or never answers: queued with the error, waits growing", async () => {
    const { id } = await queue(5);
    // Nothing listens on this port any more.
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const t0 = new Date();
    await deliverDue({ send: createSmtpSender(`smtp://127.0.0.1:${port}`), now: () => t0 });
    expect((await row(id)).lastError).toMatch(/ECONNREFUSED/);

    // A server that takes the connection and never says hello.
    const silent = net.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
    const silentPort = (silent.address() as net.AddressInfo).port;
    const t1 = new Date(t0.getTime() + backoffMs(1));
    await deliverDue({
      send: createSmtpSender(`smtp://127.0.0.1:${silentPort}`, { greetingTimeout: 300 }),
      now: () => t1,
    });
    await new Promise<void>((r) => silent.close(() => r()));
    const stored = await row(id);
    expect(stored).toMatchObject({ status: "queued", attempts: 2 });
    expect(stored.lastError).toMatch(/greeting/i);
    // The second failure waits twice as long as the first.
    expect(stored.nextAttemptAt.getTime() - t1.getTime()).toBe(2 * backoffMs(1));
  });

  test("gives up after MAIL_MAX_ATTEMPTS; an admin's retry puts it back in line", async () => {
    const { id } = await queue(6);
    await prisma.outboxMail.update({ where: { id }, data: { attempts: 9 } });
    smtp.setMode("refuse");
    await deliverDue({ send: createSmtpSender(smtp.url) });
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 10 });
    // A failed mail is not tried again by itself.
    smtp.setMode("accept");
    await prisma.outboxMail.update({ where: { id }, data: { nextAttemptAt: new Date(0) } });
    expect(await deliverDue({ send: createSmtpSender(smtp.url) })).toEqual({ sent: 0, failed: 0 });
    expect(await retryMails([id])).toBe(1);
    expect(await row(id)).toMatchObject({ status: "queued", attempts: 0 });
    expect(await deliverDue({ send: createSmtpSender(smtp.url) })).toEqual({ sent: 1, failed: 0 });
    // A sent mail cannot be "retried" into a second copy.
    expect(await retryMails([id])).toBe(0);
  });

  test("several workers at once send each mail exactly once", async () => {
    for (let n = 10; n < 30; n++) await queue(n);
    const send = createSmtpSender(smtp.url);
    const rounds = await Promise.all(
      ["a:1", "b:2", "c:3", "d:4"].map((worker) => deliverDue({ send, worker, limit: 50 })),
    );
    expect(rounds.reduce((sum, r) => sum + r.sent, 0)).toBe(20);
    expect(smtp.received).toHaveLength(20);
    expect(new Set(smtp.received.map((m) => m.rcpt)).size).toBe(20);
    expect(await prisma.outboxMail.count({ where: { status: "sent" } })).toBe(20);
  });

  test("a worker that died holding a mail: nobody sends it until its lease runs out, then one does", async () => {
    const { id } = await queue(7);
    const t0 = new Date("2026-12-01T10:00:00Z");
    // The dead worker claimed it at t0 and never came back.
    await prisma.outboxMail.update({
      where: { id },
      data: { lockedBy: "dead:1", lockedUntil: new Date(t0.getTime() + LEASE_MS), attempts: 1, nextAttemptAt: t0 },
    });
    const send = createSmtpSender(smtp.url);
    const during = new Date(t0.getTime() + LEASE_MS - 1000);
    expect(await deliverDue({ send, now: () => during })).toEqual({ sent: 0, failed: 0 });
    const after = new Date(t0.getTime() + LEASE_MS + 1000);
    const [one, two] = await Promise.all([
      deliverDue({ send, now: () => after, worker: "x:1" }),
      deliverDue({ send, now: () => after, worker: "y:2" }),
    ]);
    expect((one?.sent ?? 0) + (two?.sent ?? 0)).toBe(1);
    expect(smtp.to("person7@example.test")).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2 });
  });

  test("without SMTP_URL each new mail is logged once with its link, and stays queued", async () => {
    const { id } = await queue(8);
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    await Promise.all([logUnsent({ log }), logUnsent({ log }), logUnsent({ log })]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("person8@example.test");
    expect(lines[0]).toContain("http://localhost:3000/things/8");
    expect(await row(id)).toMatchObject({ status: "queued", attempts: 0, lastError: NO_SMTP });
    await logUnsent({ log });
    expect(lines).toHaveLength(1);
    // Once a mail server is set, the waiting mail goes out.
    expect(await deliverDue({ send: createSmtpSender(smtp.url) })).toEqual({ sent: 1, failed: 0 });
  });
});
