// The first run of a real organisation: while there is no active admin, a server prints a
// one-time setup link at start; the page behind it creates the first admin and the
// organisation's defaults, and is gone for good once an admin exists. For scripted installs,
// `npm run admin:create` does the same from the command line.
import { auditWith } from "#app/audit/log.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { appUrl } from "#app/utils/env.server.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { instance } from "#app/utils/instance.server.ts";
import { getOrganisation, ORGANISATION_KEY, type Organisation } from "#app/utils/organisation.server.ts";
import { isUniqueViolation } from "#app/utils/prisma-errors.server.ts";
import { writeInvitation } from "./invitations.server.ts";
import { hashPassword, isCommonPassword } from "./password.server.ts";
import { newToken, sameHash, tokenHashOf } from "./tokens.server.ts";

const SETUP_ID = "first-run";
/** How long a printed link works: restart the server for a new one. */
export const SETUP_LINK_HOURS = 24;
/**
 * Processes that start within this window of each other are one start (several workers,
 * several servers started together): only the first prints. A restart after it prints anew.
 */
export const SAME_START_MS = 10_000;

export async function hasActiveAdmin() {
  const admins = await prisma.user.count({ where: { active: true, roles: { some: { role: "admin" } } } });
  return admins > 0;
}

export type Announcement =
  | { status: "has-admin" }
  | { status: "printed"; url: string; expiresAt: Date }
  | { status: "printed-elsewhere"; by: string; at: Date };

/**
 * Run by every server process at start. Without an active admin, a fresh token replaces any
 * older one, and the process that stored it prints the link; the others of the same start
 * say where it was printed.
 */
export async function announceFirstRun({
  log = console.log,
  now = new Date(),
  holder = instance,
}: { log?: (line: string) => void; now?: Date; holder?: string } = {}): Promise<Announcement> {
  if (await hasActiveAdmin()) {
    await prisma.setupToken.deleteMany({});
    return { status: "has-admin" };
  }
  const { token, hash } = newToken();
  const data = {
    tokenHash: hash,
    printedBy: holder,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SETUP_LINK_HOURS * 3_600_000),
  };
  let stored =
    (
      await prisma.setupToken.updateMany({
        where: { id: SETUP_ID, createdAt: { lt: new Date(now.getTime() - SAME_START_MS) } },
        data,
      })
    ).count === 1;
  if (!stored) {
    try {
      await prisma.setupToken.create({ data: { id: SETUP_ID, ...data } });
      stored = true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  if (!stored) {
    const current = await prisma.setupToken.findUnique({ where: { id: SETUP_ID } });
    const by = current?.printedBy ?? "another process";
    const at = current?.createdAt ?? now;
    // A sibling process on this machine printed it to the same log: nothing to add.
    const sibling = by.split(":")[0] === holder.split(":")[0];
    if (!sibling) {
      log(
        `Rapport has no admin yet. The setup link was printed by ${by} at ${at.toISOString()}; restart Rapport to print a new one, or run npm run admin:create.`,
      );
    }
    return { status: "printed-elsewhere", by, at };
  }
  const url = `${appUrl()}/setup/${token}`;
  log(
    [
      "",
      "Rapport has no admin yet. Open this link to create the first admin (it works once, for 24 hours):",
      `  ${url}`,
      "",
    ].join("\n"),
  );
  return { status: "printed", url, expiresAt: data.expiresAt };
}

export type SetupLink = "ok" | "closed" | "invalid" | "expired";

/**
 * Whether a setup link can be used now. "closed" (an admin exists) is answered with a plain
 * 404, as if the page had never been.
 */
export async function checkSetupToken(token: string | undefined, now = new Date()): Promise<SetupLink> {
  if (await hasActiveAdmin()) return "closed";
  const hash = tokenHashOf(token);
  const row = await prisma.setupToken.findUnique({ where: { id: SETUP_ID } });
  if (!hash || !row || !sameHash(hash, row.tokenHash)) return "invalid";
  if (row.expiresAt <= now) return "expired";
  return "ok";
}

export type FirstAdmin = {
  name: string;
  email: string;
  password: string;
  timeZone: string;
  locale: Locale;
};

export type SetupOutcome =
  | { status: "ok"; user: { id: string; email: string } }
  | { status: "common" }
  | { status: "emailTaken" }
  | { status: "gone"; link: Exclude<SetupLink, "ok"> };

const saveOrganisation = (db: Pick<typeof prisma, "setting">, organisation: Organisation) => {
  const value = JSON.stringify(organisation);
  return db.setting.upsert({
    where: { key: ORGANISATION_KEY },
    create: { key: ORGANISATION_KEY, value },
    update: { value },
  });
};

/**
 * Creates the first admin and the organisation's defaults. The token is deleted in the same
 * transaction, by a conditional delete: of two forms sent at once, one creates the admin.
 */
export async function completeSetup(
  token: string,
  input: FirstAdmin,
  ip: string,
  now = new Date(),
): Promise<SetupOutcome> {
  const link = await checkSetupToken(token, now);
  if (link !== "ok") return { status: "gone", link };
  if (isCommonPassword(input.password)) return { status: "common" };
  const hash = await hashPassword(input.password);
  const tokenHash = tokenHashOf(token) ?? "";
  if (await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    return { status: "emailTaken" };
  }
  return prisma.$transaction(async (tx): Promise<SetupOutcome> => {
    const taken = await tx.setupToken.deleteMany({ where: { id: SETUP_ID, tokenHash, expiresAt: { gt: now } } });
    if (taken.count !== 1) return { status: "gone", link: "invalid" };
    const admins = await tx.user.count({ where: { active: true, roles: { some: { role: "admin" } } } });
    if (admins > 0) return { status: "gone", link: "closed" };
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        locale: input.locale,
        roles: { create: [{ role: "admin" }] },
        password: { create: { hash } },
      },
      select: { id: true, email: true },
    });
    await saveOrganisation(tx, { timeZone: input.timeZone, locale: input.locale });
    await auditWith(tx, {
      kind: "setup.completed",
      actor: user,
      ip,
      details: { timeZone: input.timeZone, locale: input.locale },
    });
    return { status: "ok", user };
  });
}

export type CommandAdmin = {
  name: string;
  email: string;
  /** null: print an invitation link instead. */
  password: string | null;
  timeZone: string | null;
  locale: Locale | null;
};

export type CommandOutcome =
  | { status: "created"; invitationUrl: string | null; organisation: Organisation }
  | { status: "common" }
  | { status: "emailTaken" };

/**
 * `npm run admin:create`: an admin made from the command line, with a password or an
 * invitation link to print. The organisation's defaults are set if no one set them yet.
 */
export async function createAdminFromCommand(input: CommandAdmin, now = new Date()): Promise<CommandOutcome> {
  if (input.password && isCommonPassword(input.password)) return { status: "common" };
  const hash = input.password ? await hashPassword(input.password) : null;
  const current = await prisma.setting.findUnique({ where: { key: ORGANISATION_KEY }, select: { value: true } });
  const organisation = current
    ? await getOrganisation()
    : { timeZone: input.timeZone ?? "UTC", locale: input.locale ?? "en" };
  return prisma.$transaction(async (tx): Promise<CommandOutcome> => {
    if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } }))
      return { status: "emailTaken" };
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        locale: input.locale,
        timeZone: input.timeZone,
        roles: { create: [{ role: "admin" }] },
        ...(hash ? { password: { create: { hash } } } : {}),
      },
      select: { id: true, email: true, name: true, locale: true, timeZone: true },
    });
    if (!current) await saveOrganisation(tx, organisation);
    const invitation = hash ? null : await writeInvitation(tx, { invitee: user, inviter: null, organisation, now });
    await auditWith(tx, {
      kind: "setup.adminCreated",
      actor: null,
      target: { id: user.id, label: user.email },
      ip: "",
      details: { via: "npm run admin:create", passwordSet: Boolean(hash) },
    });
    await tx.setupToken.deleteMany({});
    return {
      status: "created",
      invitationUrl: invitation ? `${appUrl()}/invitation/${invitation.token}` : null,
      organisation,
    };
  });
}
