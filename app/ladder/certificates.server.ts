// Certificates as people outside see them (ADR 034): the public verification page behind each
// certificate's unguessable code, the address and QR code its printed form carries, and an
// admin's revocation with a reason. The page shows what the printed certificate says (holder,
// level, issuer, date) and whether it still holds; nothing else about the person.
import QRCode from "qrcode";
import { auditWith, type AuditPerson } from "#app/audit/log.server.ts";
import { prisma, WRITE_TRANSACTION } from "#app/utils/db.server.ts";
import { appUrl, organisationName } from "#app/utils/env.server.ts";
import { DomainError, notFound, parseInput } from "#app/utils/errors.ts";
import { formatDate } from "#app/utils/format.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { getOrganisation } from "#app/utils/organisation.server.ts";
import { createLimiter } from "#app/utils/rate-limit.server.ts";
import { isVerificationCode } from "./codes.server.ts";
import { stageTitle } from "./describe.server.ts";
import { evidenceChanged } from "./evidence.server.ts";
import { RevokeCertificateSchema } from "./schemas.ts";

/** Look-ups of the verification page from one network address (ADR 013's limiter). */
export const VERIFY_LIMIT = { points: 60, durationSeconds: 60 };
const lookups = createLimiter("verify", VERIFY_LIMIT);

/** Takes one look-up from this address; throws RateLimited (429) past the limit. */
export function countVerification(ip: string) {
  return lookups.consume(ip);
}

export function verificationUrl(code: string) {
  return `${appUrl()}/verify/${code}`;
}

/** The QR code of a verification address as SVG markup, drawn on the server so it prints without JavaScript. */
export function verificationQrSvg(url: string) {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}

/** "L1 · Support Specialist I", or a track's title alone. */
export function certificateTitle(stage: string, locale: Locale) {
  return `${stage.startsWith("L") ? `${stage} · ` : ""}${stageTitle(stage, locale)}`;
}

/**
 * What /verify/<code> shows, in the reader's language and the organisation's time zone;
 * null for a code that is malformed or matches no certificate (the page answers 404 for both).
 */
export async function verifyCertificate(code: string, locale: Locale) {
  if (!isVerificationCode(code)) return null;
  const certificate = await prisma.certification.findUnique({
    where: { code },
    select: {
      stage: true,
      certifiedAt: true,
      revokedAt: true,
      revokedReason: true,
      user: { select: { name: true } },
    },
  });
  if (!certificate) return null;
  const { timeZone } = await getOrganisation();
  return {
    name: certificate.user.name,
    title: certificateTitle(certificate.stage, locale),
    issuer: organisationName(),
    issuedOn: formatDate(certificate.certifiedAt, locale, timeZone),
    revoked: certificate.revokedAt && {
      on: formatDate(certificate.revokedAt, locale, timeZone),
      reason: certificate.revokedReason ?? "",
    },
  };
}

/** A person's certificates, every issue, newest first: the admin's list on their page. */
export async function certificatesOf(userId: string, locale: Locale) {
  const rows = await prisma.certification.findMany({
    where: { userId },
    select: {
      id: true,
      stage: true,
      issue: true,
      code: true,
      certifiedAt: true,
      revokedAt: true,
      revokedReason: true,
    },
    orderBy: [{ certifiedAt: "desc" }, { issue: "desc" }],
  });
  return rows.map(({ stage, code, ...row }) => ({
    ...row,
    title: certificateTitle(stage, locale),
    verifyPath: `/verify/${code}`,
  }));
}

/** One certificate of this person for the revocation page; null when the person has none with this id. */
export async function certificateForRevocation(userId: string, certificateId: string, locale: Locale) {
  const row = await prisma.certification.findFirst({
    where: { id: certificateId, userId },
    select: {
      id: true,
      stage: true,
      issue: true,
      certifiedAt: true,
      revokedAt: true,
      revokedReason: true,
      user: { select: { name: true } },
    },
  });
  if (!row) return null;
  const { stage, user, ...rest } = row;
  return { ...rest, name: user.name, title: certificateTitle(stage, locale) };
}

/**
 * Revokes a certificate of this person, once: the reason (required, at most 500 characters)
 * is stored and shown on the verification page; the audit log records who, when and why;
 * the person's standing on the ladder is evaluated again in the same transaction. Refuses an
 * unknown certificate (404) and one already revoked (409), storing nothing.
 */
export async function revokeCertificate(
  target: { userId: string; certificateId: string },
  input: unknown,
  admin: AuditPerson & { ip: string },
  now = new Date(),
) {
  const { reason } = parseInput(RevokeCertificateSchema, input);
  await prisma.$transaction(async (tx) => {
    // A conditional update: of two admins revoking at once, one does it and the other is told.
    const { count } = await tx.certification.updateMany({
      where: { id: target.certificateId, userId: target.userId, revokedAt: null },
      data: { revokedAt: now, revokedReason: reason, revokedById: admin.id },
    });
    const certificate = await tx.certification.findFirst({
      where: { id: target.certificateId, userId: target.userId },
      select: { stage: true, issue: true, user: { select: { email: true } } },
    });
    if (!certificate) throw notFound("verification.errors.certificateNotFound");
    if (count === 0) throw new DomainError("alreadyRevoked", 409, "verification.errors.alreadyRevoked");
    await auditWith(tx, {
      kind: "certificate.revoked",
      actor: admin,
      target: { id: target.userId, label: certificate.user.email },
      ip: admin.ip,
      details: { stage: certificate.stage, issue: certificate.issue, reason },
    });
    await evidenceChanged(tx, target.userId);
  }, WRITE_TRANSACTION);
}
