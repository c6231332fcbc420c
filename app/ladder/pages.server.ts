// What the ladder's pages show: a person's own progress, evaluated from their evidence (a
// read: readiness and certificates are written with the evidence, ADR 016), and a recorded
// certificate in its holder's language.
import { prisma } from "#app/utils/db.server.ts";
import { formatDate } from "#app/utils/format.ts";
import { defaultLocale, isLocale, type Locale } from "#app/utils/i18n.ts";
import { getFixedT } from "#app/utils/locale.server.ts";
import { certificateTitle, verificationQrSvg, verificationUrl } from "./certificates.server.ts";
import { describeRequirements, stageTitle } from "./describe.server.ts";
import { evaluatePerson, loadEvidence, type StageResult } from "./evaluate.server.ts";
import { competencyProfile } from "./profile.server.ts";
import { parseMissing } from "./readiness.server.ts";
import { stageShare } from "./share.ts";

export async function getProgressPage(userId: string, locale: Locale) {
  const [evidenceByUser, waiting] = await Promise.all([
    loadEvidence([userId]),
    prisma.scenarioAttempt.findMany({ where: { userId, reviewStatus: "waiting" }, select: { scenarioId: true } }),
  ]);
  const evidence = evidenceByUser.get(userId);
  if (!evidence) throw new Error(`no evidence loaded for ${userId}`);
  const evaluation = evaluatePerson(evidence);
  const context = { waitingScenarios: new Set(waiting.map((w) => w.scenarioId)) };
  const stage = (s: StageResult) => ({
    id: s.id,
    title: stageTitle(s.id, locale),
    met: s.met,
    total: s.total,
    share: stageShare(
      s.total,
      s.requirements.filter((r) => !r.met),
    ),
    complete: s.complete,
    certification: s.certification && { id: s.certification.id, at: s.certification.certifiedAt.toISOString() },
    revoked: s.revoked && { id: s.revoked.id, at: s.revoked.at.toISOString() },
  });
  const current = evaluation.levels.find((l) => l.id === evaluation.currentLevel) ?? null;
  return {
    currentLevel: current ? stage(current) : null,
    next: evaluation.nextLevel && {
      ...stage(evaluation.nextLevel),
      requirements: describeRequirements(evaluation.nextLevel, locale, context),
    },
    levels: evaluation.levels.map(stage),
    tracks: evaluation.tracks.map((t) => ({ ...stage(t), requirements: describeRequirements(t, locale, context) })),
    profile: await competencyProfile(userId, evidence),
  };
}

/**
 * A recorded certificate as it prints: in its holder's language, whoever opens it, with the
 * evidence stored when it was earned. Null when there is none with this id; who may see it
 * is the caller's guard (holderId).
 */
export async function getCertificate(certificateId: string, timeZone: string) {
  const certificate = await prisma.certification.findUnique({
    where: { id: certificateId },
    select: {
      userId: true,
      stage: true,
      code: true,
      certifiedAt: true,
      evidence: true,
      revokedAt: true,
      revokedReason: true,
      user: { select: { name: true, locale: true } },
    },
  });
  if (!certificate) return null;
  const locale = isLocale(certificate.user.locale) ? certificate.user.locale : defaultLocale;
  const t = getFixedT(locale);
  const earned = { id: certificate.stage, requirements: parseMissing(certificate.evidence) };
  const url = verificationUrl(certificate.code);
  return {
    holderId: certificate.userId,
    locale,
    heading: t("certificate.heading"),
    certifies: t("certificate.certifies"),
    name: certificate.user.name,
    reached: t("certificate.reached"),
    title: certificateTitle(certificate.stage, locale),
    date: t("certificate.on", { date: formatDate(certificate.certifiedAt, locale, timeZone) }),
    evidenceTitle: t("certificate.evidence"),
    evidence: describeRequirements(earned, locale).map((r) => ({
      label: r.label,
      kind: t(`progress.kinds.${r.kind}`),
      detail: r.detail,
      at: r.at ? formatDate(r.at, locale, timeZone) : null,
    })),
    print: t("certificate.print"),
    verify: {
      label: t("verification.printLabel"),
      qrLabel: t("verification.qrLabel"),
      url,
      qrSvg: await verificationQrSvg(url),
    },
    revoked: certificate.revokedAt && {
      text: t("verification.revokedBanner", {
        date: formatDate(certificate.revokedAt, locale, timeZone),
        reason: certificate.revokedReason ?? "",
      }),
    },
  };
}
