import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { z } from "zod";
import { stageTitle } from "#app/ladder/describe.server.ts";
import { parseMissing } from "#app/ladder/readiness.server.ts";
import { createSmtpSender, deliverDue } from "#app/mail/worker.server.ts";
import { setEmailChoices } from "#app/notifications/notify.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { formatCalendarDate, formatDateTime } from "#app/utils/format.ts";
import { createUser } from "#tests/factories.ts";
import { type MailServer, type ReceivedMail, startMailServer } from "#tests/mail-server.ts";
import { startWorker } from "#tests/workers/process.ts";
import { emailOf, seed } from "#root/prisma/seed.ts";
import { sendDueNotices, startNoticeScheduler } from "./digests.server.ts";

// The demo organisation on Monday 7 December 2026 at 12:00 UTC. Nobody in it has chosen a
// time zone, so everyone is on the organisation's (UTC) unless a test says otherwise.
const TickOutcome = z.object({ sent: z.number(), quiet: z.number(), lost: z.number(), failed: z.number() });

const MONDAY_NOON = new Date("2026-12-07T12:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let smtp: MailServer;
const ids: Record<string, string> = {};
const idOf = (local: string) => {
  const id = ids[local];
  if (!id) throw new Error(`no demo person ${local}`);
  return id;
};

beforeAll(async () => {
  smtp = await startMailServer();
  await seed(MONDAY_NOON);
  for (const user of await prisma.user.findMany({ select: { id: true, email: true } }))
    ids[user.email.split("@")[0] ?? ""] = user.id;
  // Lucía reads her mail in Mexico City, where it is 06:00 at noon UTC.
  await prisma.user.update({ where: { id: idOf("mentor") }, data: { timeZone: "America/Mexico_City" } });
}, 180_000);
afterAll(async () => {
  await smtp.close();
});
beforeEach(() => {
  smtp.received.length = 0;
});

/** Delivers whatever the tick queued to the real SMTP server. */
async function deliver() {
  const send = createSmtpSender(smtp.url);
  while ((await deliverDue({ send, limit: 50 })).sent > 0);
}

const mailsTo = (local: string) => smtp.to(emailOf(local));
const only = (mails: ReceivedMail[], what: string) => {
  expect(mails, what).toHaveLength(1);
  const [mail] = mails;
  if (!mail) throw new Error(what);
  return { subject: mail.subject ?? "", text: mail.text ?? "", html: typeof mail.html === "string" ? mail.html : "" };
};

/** Waiting attempts of a mentor's trainees, counted here without the app's query. */
async function waitingFor(mentor: string) {
  const rows = await prisma.scenarioAttempt.findMany({
    where: { reviewStatus: "waiting", user: { mentoredBy: { some: { mentorId: idOf(mentor) } } } },
    select: { submittedAt: true },
    orderBy: { submittedAt: "asc" },
  });
  return { count: rows.length, oldest: rows[0]?.submittedAt ?? null };
}

describe("scheduled notices on the demo organisation", () => {
  test("Monday morning: each mentor's digest, each manager's week, the goal reminders; in each reader's language and zone", async () => {
    const first = await sendDueNotices({ now: MONDAY_NOON });
    expect(first.failed).toBe(0);
    await deliver();

    // Rafael (pt-BR) mentors Ana, João and Priya.
    const rafaelQueue = await waitingFor("mentor3");
    expect(rafaelQueue.count).toBeGreaterThan(0);
    const rafaelMails = mailsTo("mentor3");
    const rafael = only(
      rafaelMails.filter((m) => m.subject?.includes("revisão")),
      "Rafael's digest",
    );
    expect(rafael.subject).toBe(
      rafaelQueue.count === 1
        ? "1 tentativa aguarda a sua revisão"
        : `${rafaelQueue.count} tentativas aguardam a sua revisão`,
    );
    expect(rafael.text).toContain("Bom dia, Rafael Costa");
    expect(rafael.text).toContain(formatDateTime(rafaelQueue.oldest ?? new Date(), "pt-BR", "UTC"));
    expect(rafael.text).toContain("http://localhost:3000/reviews");
    expect(rafael.html).toContain('<html lang="pt-BR"');
    expect(rafael.html).toContain('href="http://localhost:3000/reviews"');

    // Олена (uk) mentors Оксана, who misses nothing for L1 but a behaviour to confirm.
    const oksana = await prisma.readiness.findUniqueOrThrow({ where: { userId: idOf("oksana.bondarenko") } });
    const missing = parseMissing(oksana.missing);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((r) => r.kind === "behaviour")).toBe(true);
    const olena = only(mailsTo("mentor2"), "Олена's digest");
    expect(olena.text).toContain("Доброго ранку, Олена Шевченко");
    expect(olena.text).toContain(`Оксана Бондаренко: ${stageTitle(oksana.nextLevel ?? "", "uk")}`);
    expect(olena.text).toContain(missing.length === 1 ? "1 пункт до підтвердження" : `${missing.length} пункт`);

    // Lucía's morning has not come in Mexico City: nothing for her yet.
    expect(mailsTo("mentor")).toHaveLength(0);

    // Marta (pt-BR) manages Aurora: João's goal (L1, five days late) and the people stalled.
    const marta = only(mailsTo("manager"), "Marta's weekly digest");
    expect(marta.subject).toBe(`Suas equipes nesta semana (${formatCalendarDate(MONDAY_NOON, "pt-BR")})`);
    const joaoGoal = await prisma.goal.findUniqueOrThrow({ where: { userId: idOf("joao.pereira") } });
    expect(marta.text).toContain(
      `João Pereira: ${stageTitle("L1", "pt-BR")}, venceu em ${formatCalendarDate(joaoGoal.dueDate, "pt-BR")}`,
    );
    // Ana's goal is 60 days away: not in this week's list.
    expect(marta.text).not.toContain(`Ana Souza: ${stageTitle("L2", "pt-BR")}, vence`);
    const stalled = await prisma.readiness.findMany({
      where: {
        user: { team: { name: "Aurora" }, roles: { some: { role: "trainee" } } },
        OR: [{ lastActivityAt: null }, { lastActivityAt: { lt: new Date(MONDAY_NOON.getTime() - 14 * DAY) } }],
      },
      select: { user: { select: { name: true } } },
    });
    if (stalled.length) {
      expect(marta.text).toContain(`Sem atividade há 14 dias ou mais: ${stalled.length}`);
      for (const { user } of stalled.slice(0, 10)) expect(marta.text).toContain(`${user.name}: `);
    } else expect(marta.text).not.toContain("Sem atividade");
    const reached = await prisma.certification.findMany({
      where: { user: { team: { name: "Aurora" } }, certifiedAt: { gte: new Date(MONDAY_NOON.getTime() - 7 * DAY) } },
      select: { stage: true, user: { select: { name: true } } },
    });
    if (reached.length) {
      expect(marta.text).toContain(`Níveis alcançados: ${reached.length}`);
      for (const r of reached) expect(marta.text).toContain(`${r.user.name}: ${stageTitle(r.stage, "pt-BR")}`);
    } else expect(marta.text).not.toContain("Níveis alcançados");
    expect(marta.text).toContain("http://localhost:3000/team");

    // João (pt-BR) is told his goal is late, and so is his mentor Rafael.
    const joao = only(mailsTo("joao.pereira"), "João's goal reminder");
    expect(joao.subject).toBe(
      `Sua meta venceu em ${formatCalendarDate(joaoGoal.dueDate, "pt-BR")}: ${stageTitle("L1", "pt-BR")}`,
    );
    expect(joao.text).toContain("http://localhost:3000/progress");
    const aboutJoao = only(
      rafaelMails.filter((m) => m.subject?.startsWith("A meta de João Pereira venceu")),
      "Rafael's reminder about João",
    );
    expect(aboutJoao.text).toContain(`http://localhost:3000/trainees/${idOf("joao.pereira")}`);
    // Ana's goal is not due soon, Oksana's is 20 days away: no reminder for them.
    expect(mailsTo("ana.souza")).toHaveLength(0);
    expect(mailsTo("oksana.bondarenko")).toHaveLength(0);

    // The in-app notification comes with the mail.
    expect(await prisma.notification.count({ where: { userId: idOf("mentor3"), kind: "mentor-digest" } })).toBe(1);

    // A tick a minute later, on this server or another, finds everything claimed.
    expect(await sendDueNotices({ now: new Date(MONDAY_NOON.getTime() + 60_000) })).toMatchObject({
      sent: 0,
      quiet: 0,
    });

    // 08:00 in Mexico City: Lucía's digest, in Spanish, with her times in her zone.
    smtp.received.length = 0;
    const luciaQueue = await waitingFor("mentor");
    const atEight = await sendDueNotices({ now: new Date("2026-12-07T14:00:00Z") });
    expect(atEight.sent).toBe(1);
    await deliver();
    expect(smtp.received).toHaveLength(1);
    const lucia = only(mailsTo("mentor"), "Lucía's digest");
    expect(lucia.subject).toBe(
      luciaQueue.count === 1 ? "1 intento espera tu revisión" : `${luciaQueue.count} intentos esperan tu revisión`,
    );
    expect(lucia.text).toContain(formatDateTime(luciaQueue.oldest ?? new Date(), "es", "America/Mexico_City"));
    expect(lucia.text).toContain("(America/Mexico_City)");
  }, 120_000);

  test("nothing to tell: the claim is stored as not sent, with no notification and no mail", async () => {
    const idle = await createUser({ roles: ["mentor"] });
    const tuesday = new Date("2026-12-08T09:00:00Z");
    await sendDueNotices({ now: tuesday });
    await deliver();
    expect(smtp.to(idle.email)).toHaveLength(0);
    expect(await prisma.scheduledNotice.findMany({ where: { userId: idle.id } })).toMatchObject([
      { kind: "mentor-digest", period: "2026-12-08", sent: false },
    ]);
    expect(await prisma.notification.count({ where: { userId: idle.id } })).toBe(0);
    // Not Monday: no manager's digest on Tuesday.
    expect(await prisma.scheduledNotice.count({ where: { kind: "manager-digest", period: "2026-12-08" } })).toBe(0);
  });

  test("a person who turned a kind off gets no mail of it (the in-app notification stays); others still do", async () => {
    await setEmailChoices(idOf("mentor3"), ["mentor-digest"]);
    const wednesday = new Date("2026-12-09T10:00:00Z");
    await sendDueNotices({ now: wednesday });
    await deliver();
    expect(mailsTo("mentor3").filter((m) => m.subject?.includes("revisão"))).toHaveLength(0);
    expect(
      await prisma.scheduledNotice.findUniqueOrThrow({
        where: { kind_userId_period: { kind: "mentor-digest", userId: idOf("mentor3"), period: "2026-12-09" } },
      }),
    ).toMatchObject({ sent: true });
    expect(await prisma.notification.count({ where: { userId: idOf("mentor3"), kind: "mentor-digest" } })).toBe(
      await prisma.scheduledNotice.count({ where: { userId: idOf("mentor3"), kind: "mentor-digest", sent: true } }),
    );
    expect(mailsTo("mentor2")).toHaveLength(1);
    await setEmailChoices(idOf("mentor3"), []);
  });

  test("two server processes ticking at the same moment send one mail per kind, person and period", async () => {
    const thursday = "2026-12-10T08:30:00Z";
    /** One tick in each of two processes, released at the same moment. */
    async function tickInTwoProcesses() {
      const servers = [startWorker(["notices", thursday]), startWorker(["notices", thursday])];
      try {
        await Promise.all(servers.map((s) => s.line((l) => l === "ready")));
        for (const s of servers) s.child.stdin?.write("go\n");
        return await Promise.all(
          servers.map(async (s) => TickOutcome.parse(JSON.parse(await s.line((l) => l.startsWith("{"))))),
        );
      } finally {
        for (const s of servers) s.child.kill();
        await Promise.all(servers.map((s) => s.exited));
      }
    }
    const outcomes = await tickInTwoProcesses();
    // On SQLite a process can wait past the busy timeout for the other's writes on this loaded
    // machine; its notice is left unclaimed for the next tick, as in production.
    for (let round = 0; round < 3 && outcomes.some((o) => o.failed); round++)
      outcomes.push(...(await tickInTwoProcesses()));
    expect(outcomes.slice(-2).map((o) => o.failed)).toEqual([0, 0]);
    const claims = await prisma.scheduledNotice.findMany({ where: { period: { contains: "2026-12-10" } } });
    const sent = outcomes.reduce((sum, o) => sum + o.sent, 0);
    const quiet = outcomes.reduce((sum, o) => sum + o.quiet, 0);
    expect(sent).toBe(claims.filter((c) => c.sent).length);
    expect(sent + quiet).toBe(claims.length);
    // Rafael's and Олена's digests at least (Lucía's morning is hours away).
    expect(sent).toBeGreaterThanOrEqual(2);
    await deliver();
    // One mail per claim that had something to tell, and nobody has two.
    expect(smtp.received).toHaveLength(sent);
    expect(new Set(smtp.received.map((m) => m.rcpt)).size).toBe(sent);
  }, 300_000);

  test("each server schedules the ticks on NOTICE_SCHEDULE, unless NOTICES_ENABLED=false", () => {
    expect(
      startNoticeScheduler({ NOTICES_ENABLED: false, NODE_ENV: "production", NOTICE_SCHEDULE: "*/15 * * * *" }),
    ).toBeNull();
    const cron = startNoticeScheduler({
      NOTICES_ENABLED: true,
      NODE_ENV: "production",
      NOTICE_SCHEDULE: "*/15 * * * *",
    });
    try {
      expect(cron?.getPattern()).toBe("*/15 * * * *");
      expect(cron?.nextRuns(2, new Date("2026-12-08T10:01:00")).map((d) => d.getMinutes())).toEqual([15, 30]);
    } finally {
      cron?.stop();
    }
  });
});
