// "Forgot your password?": a link valid for one hour, once, mailed to the account's address.
// The answer to a request is the same whether the address has an account or not, and takes
// about as long. Using the link ends every session of the person and signs them in without
// passing the sign-in throttle (docs/decisions/013): holding the mailbox is the proof.
import { auditWith } from "#app/audit/log.server.ts";
import { queueMail } from "#app/mail/outbox.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { appUrl } from "#app/utils/env.server.ts";
import { getOrganisation, mailLocaleOf, zoneOf } from "#app/utils/organisation.server.ts";
import { createLimiter } from "#app/utils/rate-limit.server.ts";
import { type LinkProblem } from "./invitations.server.ts";
import { passwordResetMail } from "./mails.server.ts";
import { hashPassword, isCommonPassword } from "./password.server.ts";
import { newToken, tokenHashOf } from "./tokens.server.ts";

export const RESET_LINK_MINUTES = 60;

export const RESET_LIMITS = {
  /** Requests for one address (typed, whether it has an account or not). */
  account: { points: 3, durationSeconds: 60 * 60 },
  /** Requests from one network address, for any email. */
  address: { points: 20, durationSeconds: 60 * 60 },
} as const;

const limiters = {
  account: createLimiter("reset-account", RESET_LIMITS.account),
  address: createLimiter("reset-address", RESET_LIMITS.address),
};

/**
 * Every request answers no sooner than this, so the work done for an existing account (a
 * token, a mail rendered and queued) does not show in the response time.
 */
export const RESET_ANSWER_FLOOR_MS = 400;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Takes one point from each limit (throws RateLimited when one is used up), then writes a
 * link and its mail if the address belongs to an active person. Returns nothing either way.
 */
export async function requestPasswordReset(
  email: string,
  ip: string,
  { now = new Date(), sleep = defaultSleep }: { now?: Date; sleep?: (ms: number) => Promise<void> } = {},
) {
  const started = Date.now();
  await limiters.address.consume(ip);
  await limiters.account.consume(email);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, locale: true, timeZone: true, active: true },
  });
  const organisation = await getOrganisation();
  await prisma.$transaction(async (tx) => {
    if (user?.active) {
      const { token, hash } = newToken();
      const expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000);
      await tx.passwordReset.create({ data: { userId: user.id, tokenHash: hash, createdAt: now, expiresAt } });
      const locale = mailLocaleOf(user, organisation);
      await queueMail(tx, {
        kind: "password-reset",
        to: { address: user.email, name: user.name, userId: user.id },
        locale,
        content: passwordResetMail(
          { locale, timeZone: zoneOf(user, organisation) },
          { email: user.email, url: `${appUrl()}/reset-password/${token}`, expiresAt },
        ),
      });
    }
    await auditWith(tx, {
      kind: "password.resetRequested",
      actor: null,
      target: { id: user?.id ?? null, label: email },
      ip,
      details: { sent: Boolean(user?.active), ...(user && !user.active ? { reason: "deactivated" } : {}) },
    });
  });
  const left = RESET_ANSWER_FLOOR_MS - (Date.now() - started);
  if (left > 0) await sleep(left);
}

/** The reset a link names, or why it cannot be used. Nothing is changed here. */
export async function checkReset(token: string | undefined, now = new Date()) {
  const hash = tokenHashOf(token);
  const found = hash
    ? await prisma.passwordReset.findUnique({
        where: { tokenHash: hash },
        select: {
          id: true,
          expiresAt: true,
          usedAt: true,
          user: { select: { id: true, email: true, name: true, active: true } },
        },
      })
    : null;
  if (!found) return { problem: "invalid" as const };
  if (found.usedAt) return { problem: "used" as const, user: found.user };
  if (found.expiresAt <= now) return { problem: "expired" as const, user: found.user };
  if (!found.user.active) return { problem: "inactive" as const, user: found.user };
  return { problem: null, reset: { id: found.id, expiresAt: found.expiresAt }, user: found.user };
}

export type ResetOutcome =
  | { status: "ok"; user: { id: string; email: string }; twoFactor: boolean }
  | { status: "common" }
  | { status: "gone"; problem: LinkProblem };

/**
 * Sets the new password. The link is taken by one conditional update; every session of the
 * person ends, every other reset link of theirs stops working, and a pending invitation is
 * settled (the person has a password now).
 */
export async function completeReset(
  token: string,
  password: string,
  ip: string,
  now = new Date(),
): Promise<ResetOutcome> {
  if (isCommonPassword(password)) return { status: "common" };
  const checked = await checkReset(token, now);
  if (checked.problem) return { status: "gone", problem: checked.problem };
  const { reset, user } = checked;
  const hash = await hashPassword(password);
  const done = await prisma.$transaction(async (tx) => {
    const taken = await tx.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (taken.count !== 1) return false;
    await tx.password.upsert({ where: { userId: user.id }, create: { userId: user.id, hash }, update: { hash } });
    const ended = await tx.session.deleteMany({ where: { userId: user.id } });
    await tx.passwordReset.updateMany({ where: { userId: user.id, usedAt: null }, data: { usedAt: now } });
    await tx.invitation.updateMany({
      where: { userId: user.id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await auditWith(tx, {
      kind: "password.reset",
      actor: { id: user.id, email: user.email },
      ip,
      details: { sessionsEnded: ended.count },
    });
    return true;
  });
  if (!done) {
    const again = await checkReset(token, now);
    return { status: "gone", problem: again.problem ?? "used" };
  }
  const twoFactor = await prisma.twoFactor.count({ where: { userId: user.id, enabledAt: { not: null } } });
  return { status: "ok", user: { id: user.id, email: user.email }, twoFactor: twoFactor > 0 };
}
