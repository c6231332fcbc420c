// Invitations: a person created by an admin (one by one, from CSV, or from the command line)
// gets a single-use, expiring link to choose their password, which signs them in. The mail is
// written in the transaction that creates the person, so nobody is created without one.
import { type AuditPerson, auditWith } from "#app/audit/log.server.ts";
import { type Db, queueMail } from "#app/mail/outbox.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { appUrl, getEnv } from "#app/utils/env.server.ts";
import { getOrganisation, mailLocaleOf, type Organisation, zoneOf } from "#app/utils/organisation.server.ts";
import { createLimiter, RateLimited } from "#app/utils/rate-limit.server.ts";
import { invitationMail } from "./mails.server.ts";
import { hashPassword, isCommonPassword } from "./password.server.ts";
import { newToken, tokenHashOf } from "./tokens.server.ts";
import { getUser } from "./auth.server.ts";

export type Invitee = { id: string; email: string; name: string; locale: string | null; timeZone: string | null };

export const invitationUrl = (token: string) => `${appUrl()}/invitation/${token}`;

/**
 * The invitation row and its mail, written with `db` (a transaction's client). Earlier
 * invitations still pending are withdrawn, so only the newest link works.
 */
export async function writeInvitation(
  db: Db,
  {
    invitee,
    inviter,
    organisation,
    now = new Date(),
  }: { invitee: Invitee; inviter: { id: string; name: string } | null; organisation: Organisation; now?: Date },
) {
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + getEnv().INVITATION_DAYS * 86_400_000);
  await db.invitation.updateMany({
    where: { userId: invitee.id, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  await db.invitation.create({
    data: { userId: invitee.id, tokenHash: hash, createdAt: now, expiresAt, invitedById: inviter?.id ?? null },
    select: { id: true },
  });
  const locale = mailLocaleOf(invitee, organisation);
  await queueMail(db, {
    kind: "invitation",
    to: { address: invitee.email, name: invitee.name, userId: invitee.id },
    locale,
    content: invitationMail(
      { locale, timeZone: zoneOf(invitee, organisation) },
      {
        name: invitee.name,
        email: invitee.email,
        inviter: inviter?.name ?? null,
        url: invitationUrl(token),
        expiresAt,
      },
    ),
  });
  return { token, expiresAt };
}

export type InvitationState = "pending" | "accepted" | "expired" | "none";

/** Where a person's invitation stands, as admins see it: the newest one decides. */
export function invitationState(
  latest: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date } | null | undefined,
  now = new Date(),
): InvitationState {
  if (!latest) return "none";
  if (latest.acceptedAt) return "accepted";
  if (latest.revokedAt || latest.expiresAt <= now) return "expired";
  return "pending";
}

/** Resends per person, and per admin: a resend button must not become a way to flood a mailbox. */
const resendPerPerson = createLimiter("invitation-resend", { points: 3, durationSeconds: 60 * 60 });
const resendPerAdmin = createLimiter("invitation-resend-admin", { points: 200, durationSeconds: 60 * 60 });

export type ResendOutcome =
  | { status: "sent"; expiresAt: Date }
  | { status: "throttled"; retryAfterSeconds: number }
  | { status: "notFound" }
  | { status: "inactive" };

/** A new invitation for someone, from an admin; the older link stops working. */
export async function resendInvitation(
  userId: string,
  admin: AuditPerson & { name: string },
  ip: string,
  now = new Date(),
): Promise<ResendOutcome> {
  const invitee = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, locale: true, timeZone: true, active: true },
  });
  if (!invitee) return { status: "notFound" };
  if (!invitee.active) return { status: "inactive" };
  try {
    await resendPerAdmin.consume(admin.id);
    await resendPerPerson.consume(userId);
  } catch (error) {
    if (error instanceof RateLimited) return { status: "throttled", retryAfterSeconds: error.retryAfterSeconds };
    throw error;
  }
  const organisation = await getOrganisation();
  const { expiresAt } = await prisma.$transaction(async (tx) => {
    const written = await writeInvitation(tx, { invitee, inviter: admin, organisation, now });
    await auditWith(tx, {
      kind: "invitation.resent",
      actor: admin,
      target: { id: invitee.id, label: invitee.email },
      ip,
    });
    return written;
  });
  return { status: "sent", expiresAt };
}

export type LinkProblem = "invalid" | "expired" | "used" | "replaced" | "inactive";

/** The invitation a link names, or why it cannot be used. Nothing is changed here. */
export async function checkInvitation(token: string | undefined, now = new Date()) {
  const hash = tokenHashOf(token);
  const found = hash
    ? await prisma.invitation.findUnique({
        where: { tokenHash: hash },
        select: {
          id: true,
          expiresAt: true,
          acceptedAt: true,
          revokedAt: true,
          user: { select: { id: true, email: true, name: true, active: true } },
        },
      })
    : null;
  if (!found) return { problem: "invalid" as const };
  if (found.acceptedAt) return { problem: "used" as const, user: found.user };
  if (found.revokedAt) return { problem: "replaced" as const, user: found.user };
  if (found.expiresAt <= now) return { problem: "expired" as const, user: found.user, expiresAt: found.expiresAt };
  if (!found.user.active) return { problem: "inactive" as const, user: found.user };
  return { problem: null, invitation: { id: found.id, expiresAt: found.expiresAt }, user: found.user };
}

export type AcceptOutcome =
  | { status: "ok"; user: { id: string; email: string } }
  | { status: "common" }
  | { status: "gone"; problem: LinkProblem };

/**
 * Sets the password the invitation asked for. The invitation is taken by one conditional
 * update, so a link used twice at once sets one password; every session the person might
 * have is ended (there should be none).
 */
export async function acceptInvitation(
  token: string,
  password: string,
  ip: string,
  now = new Date(),
): Promise<AcceptOutcome> {
  if (isCommonPassword(password)) return { status: "common" };
  const checked = await checkInvitation(token, now);
  if (checked.problem) return { status: "gone", problem: checked.problem };
  const { invitation, user } = checked;
  const hash = await hashPassword(password);
  const accepted = await prisma.$transaction(async (tx) => {
    const taken = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (taken.count !== 1) return false;
    await tx.password.upsert({ where: { userId: user.id }, create: { userId: user.id, hash }, update: { hash } });
    await tx.session.deleteMany({ where: { userId: user.id } });
    await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    await auditWith(tx, { kind: "invitation.accepted", actor: { id: user.id, email: user.email }, ip });
    return true;
  });
  if (!accepted) {
    const again = await checkInvitation(token, now);
    return { status: "gone", problem: again.problem ?? "used" };
  }
  return { status: "ok", user: { id: user.id, email: user.email } };
}

/** The HTTP status a one-time link's page answers with when it cannot be used. */
export const linkStatus = (problem: LinkProblem | "otherPerson") =>
  problem === "invalid" ? 404 : problem === "otherPerson" ? 403 : 410;

/**
 * A checked one-time link (invitation or reset) as the page shows it. Someone else signed in
 * in this browser must sign out first: the link must not quietly set a password for another
 * person.
 */
export async function viewLink<C extends { problem: null; user: { id: string } } | { problem: LinkProblem }>(
  request: Request,
  checked: C,
) {
  const viewer = await getUser(request);
  const signedInAs = viewer?.name ?? null;
  if (checked.problem === null) {
    const usable = checked as Extract<C, { problem: null }>;
    if (viewer && viewer.id !== usable.user.id) return { problem: "otherPerson" as const, signedInAs };
    return { ...usable, signedInAs };
  }
  return { problem: checked.problem as LinkProblem, signedInAs };
}
