// Invitations and password resets end to end below the routes: the mail goes through the
// outbox to a real SMTP server in this process, and the link it carries is what the test uses.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createSmtpSender, deliverDue } from "#app/mail/worker.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { RateLimited } from "#app/utils/rate-limit.server.ts";
import { createUser } from "#tests/factories.ts";
import { linkIn, type MailServer, startMailServer } from "#tests/mail-server.ts";
import { createUser as adminCreatesUser } from "./admin.server.ts";
import { createSession } from "./auth.server.ts";
import { acceptInvitation, checkInvitation, resendInvitation } from "./invitations.server.ts";
import { checkReset, completeReset, requestPasswordReset, RESET_LIMITS } from "./password-reset.server.ts";
import { verifyPassword } from "./password.server.ts";

let smtp: MailServer;
beforeAll(async () => {
  smtp = await startMailServer();
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  await prisma.outboxMail.deleteMany();
  await prisma.rateLimit.deleteMany();
});

const deliver = () => deliverDue({ send: createSmtpSender(smtp.url) });
const noSleep = () => Promise.resolve();
const client = { ip: "203.0.113.7", userAgent: "test" };
const tokenAfter = (link: string, prefix: string) => link.split(prefix)[1] ?? "";
const storedHash = async (userId: string) =>
  (await prisma.password.findUniqueOrThrow({ where: { userId }, select: { hash: true } })).hash;

let emails = 0;
const uniqueEmail = (name: string) => `${name}.${++emails}.${Date.now()}@example.test`;

async function invite(locale: "en" | "uk" | "pt-BR" | "es" = "en") {
  const admin = await createUser({ roles: ["admin"], name: "Marta Admin" });
  const email = uniqueEmail("new");
  const { id, invited } = await adminCreatesUser(
    { email, name: "Oksana Bondarenko", roles: ["trainee"], teamId: null, mentorId: null, locale },
    { ...admin, ip: client.ip },
  );
  expect(invited).toBe(true);
  expect(await deliver()).toEqual({ sent: 1, failed: 0 });
  const [mail] = smtp.to(email);
  if (!mail) throw new Error("no invitation arrived");
  return { admin, id, email, mail, token: tokenAfter(linkIn(mail, "/invitation/"), "/invitation/") };
}

describe("invitations", () => {
  test("a person created without a password is mailed an invitation in their language; its link sets the password once", async () => {
    const { id, email, mail, token } = await invite("uk");
    expect(mail.subject).toContain("Marta Admin");
    expect(mail.text).toContain(email);
    expect(mail.html).toContain('lang="uk"');
    // Stored hashed, and the sent mail's body is dropped: the token is nowhere in the database.
    const stored = await prisma.invitation.findFirstOrThrow({ where: { userId: id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify(await prisma.outboxMail.findMany())).not.toContain(token);

    expect((await checkInvitation(token)).problem).toBeNull();
    const outcome = await acceptInvitation(token, "violet tram umbrella", client.ip);
    expect(outcome).toEqual({ status: "ok", user: { id, email } });
    expect(await verifyPassword("violet tram umbrella", await storedHash(id))).toBe(true);

    // Used: a second try changes nothing.
    expect(await acceptInvitation(token, "another long password", client.ip)).toEqual({
      status: "gone",
      problem: "used",
    });
    expect(await verifyPassword("violet tram umbrella", await storedHash(id))).toBe(true);
    expect(await prisma.auditEvent.count({ where: { kind: "invitation.accepted", actorId: id } })).toBe(1);
  });

  test("a resent invitation replaces the older link; forged, malformed and expired links change nothing", async () => {
    const { admin, id, email, token: first } = await invite();
    const resent = await resendInvitation(id, admin, client.ip);
    expect(resent.status).toBe("sent");
    await deliver();
    const mails = smtp.to(email);
    expect(mails).toHaveLength(2);
    const second = tokenAfter(linkIn(mails[1]!, "/invitation/"), "/invitation/");
    expect(second).not.toBe(first);

    expect(await acceptInvitation(first, "violet tram umbrella", client.ip)).toEqual({
      status: "gone",
      problem: "replaced",
    });
    const forged = `${second.slice(0, -1)}${second.endsWith("A") ? "B" : "A"}`;
    for (const bad of [forged, "", "../../etc/passwd", "x".repeat(5000)]) {
      expect((await checkInvitation(bad)).problem).toBe("invalid");
    }
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(await acceptInvitation(second, "violet tram umbrella", client.ip, later)).toEqual({
      status: "gone",
      problem: "expired",
    });
    expect(await prisma.password.count({ where: { userId: id } })).toBe(0);

    // A common password is refused, and the link still works after it.
    expect(await acceptInvitation(second, "password1234", client.ip)).toEqual({ status: "common" });
    expect((await acceptInvitation(second, "violet tram umbrella", client.ip)).status).toBe("ok");
  });

  test("resending is limited per person", async () => {
    const { admin, id } = await invite();
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push((await resendInvitation(id, admin, client.ip)).status);
    expect(outcomes).toEqual(["sent", "sent", "sent", "throttled"]);
  });
});

describe("password reset", () => {
  test("an unknown address gets the same answer and no mail; a known one a link valid one hour", async () => {
    await expect(
      requestPasswordReset(uniqueEmail("nobody"), "198.51.100.1", { sleep: noSleep }),
    ).resolves.toBeUndefined();
    const person = await createUser();
    const started = new Date();
    await expect(requestPasswordReset(person.email, "198.51.100.1", { sleep: noSleep })).resolves.toBeUndefined();
    await deliver();
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.to(person.email);
    const token = tokenAfter(linkIn(mail!, "/reset-password/"), "/reset-password/");
    const checked = await checkReset(token);
    expect(checked.problem).toBeNull();
    const expiresIn = (checked.reset?.expiresAt.getTime() ?? 0) - started.getTime();
    expect(expiresIn).toBeGreaterThan(59 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(61 * 60_000);
    expect(await prisma.auditEvent.count({ where: { kind: "password.resetRequested" } })).toBeGreaterThanOrEqual(2);
  });

  test("a reset ends every session of the person, works once, and not after an hour", async () => {
    const person = await createUser({ password: "old password that works" });
    await createSession(person.id, client);
    await createSession(person.id, { ...client, userAgent: "phone" });
    const bystander = await createUser();
    await createSession(bystander.id, client);

    await requestPasswordReset(person.email, "198.51.100.2", { sleep: noSleep });
    await requestPasswordReset(person.email, "198.51.100.2", { sleep: noSleep });
    await deliver();
    const [older, newer] = smtp
      .to(person.email)
      .map((m) => tokenAfter(linkIn(m, "/reset-password/"), "/reset-password/"));
    if (!older || !newer) throw new Error("two reset mails expected");

    const late = new Date(Date.now() + 61 * 60_000);
    expect(await completeReset(newer, "a brand new passphrase", client.ip, late)).toEqual({
      status: "gone",
      problem: "expired",
    });
    expect(await completeReset(newer, "password1234", client.ip)).toEqual({ status: "common" });
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(2);

    const done = await completeReset(newer, "a brand new passphrase", client.ip);
    expect(done).toMatchObject({ status: "ok", twoFactor: false });
    expect(await prisma.session.count({ where: { userId: person.id } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: bystander.id } })).toBe(1);
    expect(await verifyPassword("a brand new passphrase", await storedHash(person.id))).toBe(true);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { kind: "password.reset", actorId: person.id } });
    expect(JSON.parse(audit.details ?? "{}")).toMatchObject({ sessionsEnded: 2 });

    // Both links are spent now: the one used, and the older one.
    for (const token of [newer, older]) {
      expect(await completeReset(token, "yet another passphrase", client.ip)).toEqual({
        status: "gone",
        problem: "used",
      });
    }
    expect(await verifyPassword("a brand new passphrase", await storedHash(person.id))).toBe(true);
  });

  test("a deactivated person gets no mail, and the answer is the same", async () => {
    const person = await createUser({ active: false });
    await expect(requestPasswordReset(person.email, "198.51.100.3", { sleep: noSleep })).resolves.toBeUndefined();
    await deliver();
    expect(smtp.received).toHaveLength(0);
  });

  test("requests are limited per address typed and per network address", async () => {
    const person = await createUser();
    for (let i = 0; i < RESET_LIMITS.account.points; i++) {
      await requestPasswordReset(person.email, `198.51.100.${10 + i}`, { sleep: noSleep });
    }
    await expect(requestPasswordReset(person.email, "198.51.100.99", { sleep: noSleep })).rejects.toThrow(RateLimited);
    await deliver();
    expect(smtp.to(person.email)).toHaveLength(RESET_LIMITS.account.points);

    const ip = "192.0.2.50";
    for (let i = 0; i < RESET_LIMITS.address.points; i++) {
      await requestPasswordReset(uniqueEmail("spray"), ip, { sleep: noSleep });
    }
    await expect(requestPasswordReset(person.email, ip, { sleep: noSleep })).rejects.toThrow(RateLimited);
  });
});
