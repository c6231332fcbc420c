import { beforeEach, describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { getOrganisation } from "#app/utils/organisation.server.ts";
import { createUser } from "#tests/factories.ts";
import {
  announceFirstRun,
  checkSetupToken,
  completeSetup,
  createAdminFromCommand,
  SAME_START_MS,
  SETUP_LINK_HOURS,
} from "./first-run.server.ts";
import { checkInvitation } from "./invitations.server.ts";
import { verifyPassword } from "./password.server.ts";

beforeEach(async () => {
  await prisma.user.deleteMany();
  await prisma.setupToken.deleteMany();
  await prisma.setting.deleteMany();
});

const tokenOf = (url: string) => url.split("/setup/")[1] ?? "";
const firstAdmin = {
  name: "Ana Souza",
  email: "ana@example.com",
  password: "violet tram umbrella",
  timeZone: "America/Sao_Paulo",
  locale: "pt-BR" as const,
};

async function announce(at: Date, holder: string) {
  const lines: string[] = [];
  const outcome = await announceFirstRun({ log: (l) => lines.push(l), now: at, holder });
  return { outcome, lines };
}

describe("the first run", () => {
  test("without an admin one process prints a setup link; the token is stored only as a hash", async () => {
    const t0 = new Date();
    const { outcome, lines } = await announce(t0, "host-a:1");
    expect(outcome.status).toBe("printed");
    if (outcome.status !== "printed") return;
    const token = tokenOf(outcome.url);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(lines.join("\n")).toContain(outcome.url);
    const stored = await prisma.setupToken.findMany();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await checkSetupToken(token)).toBe("ok");

    // Other processes of the same start print nothing (a sibling) or only where it went.
    const sibling = await announce(new Date(t0.getTime() + 500), "host-a:2");
    expect(sibling.outcome.status).toBe("printed-elsewhere");
    expect(sibling.lines).toEqual([]);
    const otherServer = await announce(new Date(t0.getTime() + 800), "host-b:7");
    expect(otherServer.outcome.status).toBe("printed-elsewhere");
    expect(otherServer.lines.join()).toContain("host-a:1");
    expect(otherServer.lines.join()).not.toContain("/setup/");
    expect(await checkSetupToken(token)).toBe("ok");

    // A restart later prints a new link; the old one stops working.
    const restart = await announce(new Date(t0.getTime() + SAME_START_MS + 1000), "host-a:9");
    expect(restart.outcome.status).toBe("printed");
    expect(await checkSetupToken(token)).toBe("invalid");
  });

  test("several processes starting at once: exactly one prints", async () => {
    const t0 = new Date();
    const outcomes = await Promise.all(
      ["a:1", "b:2", "c:3", "d:4"].map((holder) => announceFirstRun({ log: () => undefined, now: t0, holder })),
    );
    expect(outcomes.filter((o) => o.status === "printed")).toHaveLength(1);
  });

  test("the setup page creates the first admin and the organisation, once; then the link is gone", async () => {
    const { outcome } = await announce(new Date(), "host:1");
    if (outcome.status !== "printed") throw new Error("no link");
    const token = tokenOf(outcome.url);
    expect(await checkSetupToken("x".repeat(43))).toBe("invalid");
    expect(await checkSetupToken("../../etc/passwd")).toBe("invalid");

    const done = await completeSetup(token, firstAdmin, "192.0.2.1");
    expect(done.status).toBe("ok");
    const admin = await prisma.user.findUniqueOrThrow({
      where: { email: "ana@example.com" },
      select: { name: true, locale: true, roles: { select: { role: true } }, password: { select: { hash: true } } },
    });
    expect(admin).toMatchObject({ name: "Ana Souza", locale: "pt-BR", roles: [{ role: "admin" }] });
    expect(await verifyPassword(firstAdmin.password, admin.password?.hash ?? "")).toBe(true);
    expect(await getOrganisation()).toEqual({ timeZone: "America/Sao_Paulo", locale: "pt-BR" });
    expect(await prisma.auditEvent.count({ where: { kind: "setup.completed" } })).toBe(1);

    // The link, and any other, is now closed for good, and no new one is printed.
    expect(await checkSetupToken(token)).toBe("closed");
    expect(await completeSetup(token, { ...firstAdmin, email: "other@example.com" }, "192.0.2.1")).toEqual({
      status: "gone",
      link: "closed",
    });
    expect((await announce(new Date(Date.now() + 60_000), "host:2")).outcome.status).toBe("has-admin");
    expect(await prisma.setupToken.count()).toBe(0);
  });

  test("bad input changes nothing: a common password, a taken email, an expired or used link", async () => {
    const t0 = new Date();
    const { outcome } = await announce(t0, "host:1");
    if (outcome.status !== "printed") throw new Error("no link");
    const token = tokenOf(outcome.url);
    expect(await completeSetup(token, { ...firstAdmin, password: "password1234" }, "")).toEqual({ status: "common" });
    const inactive = await createUser({ roles: ["admin"], active: false });
    expect(await completeSetup(token, { ...firstAdmin, email: inactive.email }, "")).toEqual({ status: "emailTaken" });
    // A deactivated admin is no admin: the link still works.
    expect(await checkSetupToken(token)).toBe("ok");
    const later = new Date(t0.getTime() + SETUP_LINK_HOURS * 3_600_000 + 1000);
    expect(await checkSetupToken(token, later)).toBe("expired");
    expect(await completeSetup(token, firstAdmin, "", later)).toEqual({ status: "gone", link: "expired" });
    expect(await prisma.user.count({ where: { email: firstAdmin.email } })).toBe(0);
  });

  test("two forms sent at once with the same link create one admin", async () => {
    const { outcome } = await announce(new Date(), "host:1");
    if (outcome.status !== "printed") throw new Error("no link");
    const token = tokenOf(outcome.url);
    const results = await Promise.all([
      completeSetup(token, firstAdmin, ""),
      completeSetup(token, { ...firstAdmin, email: "second@example.com" }, ""),
    ]);
    expect(results.filter((r) => r.status === "ok")).toHaveLength(1);
    expect(await prisma.user.count()).toBe(1);
  });

  test("npm run admin:create: with a password, or with an invitation link to print", async () => {
    const withPassword = await createAdminFromCommand({
      name: "Lee Park",
      email: "lee@example.com",
      password: "quiet harbour lantern",
      timeZone: "Europe/Lisbon",
      locale: "en",
    });
    expect(withPassword).toMatchObject({ status: "created", invitationUrl: null });
    expect(await getOrganisation()).toEqual({ timeZone: "Europe/Lisbon", locale: "en" });

    const invited = await createAdminFromCommand({
      name: "Олена Шевченко",
      email: "olena@example.com",
      password: null,
      timeZone: "Europe/Kyiv",
      locale: "uk",
    });
    if (invited.status !== "created" || !invited.invitationUrl) throw new Error("no invitation");
    const checked = await checkInvitation(invited.invitationUrl.split("/invitation/")[1]);
    expect(checked.problem).toBeNull();
    // The organisation was set by the first command; the second does not change it.
    expect(await getOrganisation()).toEqual({ timeZone: "Europe/Lisbon", locale: "en" });
    expect(await createAdminFromCommand({ ...firstAdmin, email: "lee@example.com", locale: "en" })).toEqual({
      status: "emailTaken",
    });
    expect(
      await createAdminFromCommand({ ...firstAdmin, email: "new@example.com", password: "qwertyuiop123" }),
    ).toEqual({ status: "common" });
  });
});
