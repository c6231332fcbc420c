// Each person's standing on the ladder, kept as one row (Readiness) and refreshed when
// their evidence changes: a lesson done or undone, a quiz submitted, a grade submitted, a
// behaviour confirmed or withdrawn. Refreshing also records new certifications. The team
// view reads these rows instead of evaluating everyone's history on every visit (ADR 011).
import { createHash } from "node:crypto";
import { competencies, type Competency } from "#app/content/vocabulary.ts";
import { getCourses, getLadder } from "#app/content/catalog.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import {
  type Evidence,
  evaluatePerson,
  loadEvidence,
  type PersonEvaluation,
  recordCertifications,
  type RequirementResult,
} from "./evaluate.server.ts";
import { evidenceByCompetency, mean } from "./profile.server.ts";
import { competencyScoresColumn, requirementsColumn } from "./columns.server.ts";

let fingerprint: { of: unknown; value: string } | null = null;

/** Changes whenever the ladder or the catalogue it refers to changes. */
export function contentVersion() {
  const ladder = getLadder();
  if (fingerprint?.of === ladder) return fingerprint.value;
  const courses = getCourses().map((c) => [c.slug, c.finalQuizId, c.lessons.map((l) => l.slug)]);
  const value = createHash("sha256")
    .update(JSON.stringify([ladder, courses]))
    .digest("hex")
    .slice(0, 16);
  fingerprint = { of: ladder, value };
  return value;
}

/** Quiz and rubric evidence per competency, as one percentage (null without evidence). */
export function competencyScores(evidence: Evidence) {
  const { quiz, rubric } = evidenceByCompetency(evidence);
  const scores: Partial<Record<Competency, number | null>> = {};
  for (const c of competencies) scores[c] = mean([...(quiz.get(c) ?? []), ...(rubric.get(c) ?? [])]);
  return scores;
}

export type ReadinessRow = {
  userId: string;
  contentVersion: string;
  currentLevel: string | null;
  nextLevel: string | null;
  nextMet: number;
  nextTotal: number;
  missing: string;
  competencies: string;
  lastActivityAt: Date | null;
  l1At: Date | null;
};

export function summarize(
  userId: string,
  evidence: Evidence,
  evaluation: PersonEvaluation,
  version = contentVersion(),
): ReadinessRow {
  const next = evaluation.nextLevel;
  return {
    userId,
    contentVersion: version,
    currentLevel: evaluation.currentLevel,
    nextLevel: next?.id ?? null,
    nextMet: next?.met ?? 0,
    nextTotal: next?.total ?? 0,
    missing: requirementsColumn.encode(next?.requirements.filter((r) => !r.met) ?? []),
    competencies: competencyScoresColumn.encode(competencyScores(evidence)),
    lastActivityAt: evidence.lastActivity,
    l1At: evidence.certifications.get("L1")?.certifiedAt ?? null,
  };
}

/** A stored list of requirements (readiness or certificate), with its dates as dates again. */
export function parseMissing(json: string): RequirementResult[] {
  return requirementsColumn.decode(json);
}

/**
 * Evaluates these people (at most a few hundred at a time: their ids go to the database as
 * parameters), records what they have newly completed and stores their readiness rows.
 * Pass `evidence` when the caller has just loaded it. Returns the stored rows.
 */
export async function refreshReadiness(userIds: string[], evidence?: Map<string, Evidence>) {
  if (!userIds.length) return [];
  const all = evidence ?? (await loadEvidence(userIds));
  const version = contentVersion();
  // Activity also counts what the evidence does not keep (a quiz started, a help-desk action).
  const previous = new Map(
    (
      await prisma.readiness.findMany({
        where: { userId: { in: userIds } },
        select: { userId: true, lastActivityAt: true },
      })
    ).map((r) => [r.userId, r.lastActivityAt]),
  );
  const rows: ReadinessRow[] = [];
  for (const userId of userIds) {
    const personal = all.get(userId);
    if (!personal) continue;
    const evaluation = evaluatePerson(personal);
    for (const stage of await recordCertifications(userId, evaluation)) {
      const certification = [...evaluation.levels, ...evaluation.tracks].find((s) => s.id === stage)?.certification;
      if (certification) personal.certifications.set(stage, certification);
    }
    const row = summarize(userId, personal, evaluation, version);
    const before = previous.get(userId) ?? null;
    if (before && (!row.lastActivityAt || before > row.lastActivityAt)) row.lastActivityAt = before;
    rows.push(row);
  }
  await prisma.$transaction(
    rows.map(({ userId, ...data }) =>
      prisma.readiness.upsert({
        where: { userId },
        create: { userId, ...data },
        update: data,
        select: { userId: true },
      }),
    ),
  );
  return rows;
}

/** Moves a person's last activity forward (it never goes back); one UPDATE, no evaluation. */
export async function touchActivity(userId: string, at = new Date()) {
  await prisma.readiness.updateMany({
    where: { userId, OR: [{ lastActivityAt: null }, { lastActivityAt: { lt: at } }] },
    data: { lastActivityAt: at },
  });
}
