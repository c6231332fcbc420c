// ADR 025 promises at-least-once delivery: a mail whose worker dies before the SMTP server
// accepted it is sent by the next worker once the dead one's lease runs out (never lost); a
// worker that dies between the server's "250" and its own mark can make that one mail
// arrive twice, both copies with the row's Message-ID, so the receiver can tell. These
// tests kill a real worker process with SIGKILL at each of those two moments.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { prisma } from "#app/utils/db.server.ts";
import { type MailServer, startMailServer } from "#tests/mail-server.ts";
import { startWorker } from "#tests/workers/process.ts";
import { queueMail } from "./outbox.server.ts";
import { LEASE_MS } from "./worker.server.ts";

const Outcome = z.object({ sent: z.number(), failed: z.number() });

let smtp: MailServer;
beforeAll(async () => {
  smtp = await startMailServer();
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(async () => {
  smtp.setMode("accept");
  smtp.onAccepted(undefined);
  smtp.received.length = 0;
  await prisma.outboxMail.deleteMany();
});

async function queue(n: number) {
  return queueMail(prisma, {
    kind: "mentor-digest",
    to: { address: `crash${n}@example.test`, name: `Crash ${n}`, userId: null },
    locale: "en",
    content: {
      subject: `Digest ${n}`,
      preview: "A digest",
      heading: "Good morning",
      paragraphs: ["Three attempts wait for your review."],
      action: { label: "Open the review queue", url: "http://localhost:3000/reviews" },
      footer: ["You get this because you are a mentor."],
    },
  });
}

/** A worker process that delivers once; `offsetMs` moves its clock (a restart after the lease). */
const deliverOnce = (offsetMs = 0) =>
  startWorker(["deliver", String(offsetMs)], {
    SMTP_URL: smtp.url,
    MAIL_FROM: "Rapport <rapport@example.test>",
    APP_URL: "http://localhost:3000",
  });

async function waitUntil(check: () => boolean, what: string) {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`waited for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const row = (id: string) => prisma.outboxMail.findUniqueOrThrow({ where: { id } });

describe("the outbox survives a worker killed with SIGKILL", () => {
  test("killed while the SMTP server reads the message: not lost; the restarted worker sends it once the lease runs out", async () => {
    const { id } = await queue(1);
    smtp.setMode("hold");
    const killed = deliverOnce();
    await waitUntil(() => smtp.held() === 1, "the message to reach the SMTP server");
    killed.child.kill("SIGKILL");
    expect((await killed.exited).signal).toBe("SIGKILL");
    expect(smtp.received).toHaveLength(0);
    const orphan = await row(id);
    expect(orphan).toMatchObject({ status: "queued", attempts: 1, sentAt: null });
    expect(orphan.lockedBy).toMatch(new RegExp(`:${killed.child.pid}$`));

    smtp.setMode("accept");
    // Restarted at once: the dead worker's lease still holds the mail.
    const early = deliverOnce();
    expect(Outcome.parse(JSON.parse(await early.line((l) => l.startsWith("{"))))).toEqual({ sent: 0, failed: 0 });
    await early.exited;
    // Restarted after the lease ran out: delivered, once.
    const restarted = deliverOnce(LEASE_MS + 1000);
    expect(Outcome.parse(JSON.parse(await restarted.line((l) => l.startsWith("{"))))).toEqual({
      sent: 1,
      failed: 0,
    });
    expect((await restarted.exited).code).toBe(0);
    const [mail, ...more] = smtp.to("crash1@example.test");
    expect(more).toHaveLength(0);
    expect(mail?.subject).toBe("Digest 1");
    expect(mail?.messageId).toBe(`<${id}@localhost>`);
    expect(await row(id)).toMatchObject({ status: "sent", attempts: 2, lockedBy: null });
  }, 180_000);

  test("killed right after the SMTP server accepted: never lost, at most one extra copy, with the same Message-ID", async () => {
    const { id } = await queue(2);
    const worker = deliverOnce();
    smtp.onAccepted(() => worker.child.kill("SIGKILL"));
    expect((await worker.exited).signal).toBe("SIGKILL");
    expect(smtp.to("crash2@example.test")).toHaveLength(1);
    const before = await row(id);
    // Either the worker recorded the acceptance before it died, or it still holds the lease.
    const marked = before.status === "sent";
    if (!marked) expect(before).toMatchObject({ status: "queued", attempts: 1 });

    smtp.onAccepted(undefined);
    const restarted = deliverOnce(LEASE_MS + 1000);
    expect(Outcome.parse(JSON.parse(await restarted.line((l) => l.startsWith("{"))))).toEqual({
      sent: marked ? 0 : 1,
      failed: 0,
    });
    await restarted.exited;
    const copies = smtp.to("crash2@example.test");
    expect(copies).toHaveLength(marked ? 1 : 2);
    expect(new Set(copies.map((m) => m.messageId))).toEqual(new Set([`<${id}@localhost>`]));
    expect(await row(id)).toMatchObject({ status: "sent" });
  }, 180_000);
});
