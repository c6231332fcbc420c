// Each person's standing on the ladder, kept as one row (Readiness) and refreshed in the
// transaction of every write that changes their evidence (evidence.server.ts), or by the
// background sweep when content changes. Refreshing also records new certifications. The
// team view reads these rows instead of evaluating everyone's history (ADR 011, ADR 016).
import { createHash } from "node:crypto";
import { competencies, type Competency } from "#app/content/vocabulary.ts";
import { getCourses, getLadder } from "#app/content/catalog.server.ts";
import { type Db, WRITE_TRANSACTION, prisma } from "#app/utils/db.server.ts";
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
import { stageShare } from "./share.ts";

/** Bumped when what a row holds changes (a new column): stored rows then count as stale. */
const ROW_FORMAT = 2;

let fingerprint: { of: unknown; value: string } | null = null;

/** Changes whenever the ladder or the catalogue it refers to changes. */
export function contentVersion() {
  const ladder = getLadder();
  if (fingerprint?.of === ladder) return fingerprint.value;
  const courses = getCourses().map((c) => [c.slug, c.finalQuizId, c.lessons.map((l) => l.slug)]);
  const value = createHash("sha256")
    .update(JSON.stringify([ROW_FORMAT, ladder, courses]))
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
  nextShare: number;
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
  const open = next?.requirements.filter((r) => !r.met) ?? [];
  return {
    userId,
    contentVersion: version,
    currentLevel: evaluation.currentLevel,
    nextLevel: next?.id ?? null,
    nextMet: next?.met ?? 0,
    nextTotal: next?.total ?? 0,
    nextShare: next ? stageShare(next.total, open) : 100,
    missing: requirementsColumn.encode(open),
    competencies: competencyScoresColumn.encode(competencyScores(evidence)),
    lastActivityAt: evidence.lastActivity,
    l1At: evidence.certifications.get("L1")?.certifiedAt ?? null,
  };
}

/** A stored list of requirements (readiness or certificate), with its dates as dates again. */
export function parseMissing(json: string): RequirementResult[] {
  return requirementsColumn.decode(json);
}

/** People per transaction when many are refreshed (the sweep, the seed): each holds the write lock. */
const BATCH = 100;

/**
 * Evaluates these people inside the caller's transaction, records what they have newly
 * completed and stores their readiness rows; returns the stored rows. Each person's row is
 * written first, before their evidence is read: two transactions changing one person's
 * evidence at once then take turns, and the later one evaluates what the earlier committed.
 * That keeps a row from being overwritten by an evaluation that missed a write (ADR 016).
 */
export async function refreshWithin(tx: Db, userIds: string[]) {
  if (!userIds.length) return [];
  const version = contentVersion();
  // Activity also counts what the evidence does not keep (a quiz started, a help-desk action).
  const previous = new Map<string, Date | null>();
  for (const userId of userIds) {
    const locked = await tx.readiness.upsert({
      where: { userId },
      create: { userId, contentVersion: "", nextMet: 0, nextTotal: 0, missing: "[]", competencies: "{}" },
      update: { contentVersion: "" },
      select: { lastActivityAt: true },
    });
    previous.set(userId, locked.lastActivityAt);
  }
  const all = await loadEvidence(userIds, tx);
  const rows: ReadinessRow[] = [];
  for (const userId of userIds) {
    const personal = all.get(userId);
    if (!personal) continue;
    const evaluation = evaluatePerson(personal);
    for (const stage of await recordCertifications(userId, evaluation, tx)) {
      const result = [...evaluation.levels, ...evaluation.tracks].find((s) => s.id === stage);
      if (result?.certification)
        personal.certifications.set(stage, { ...result.certification, issue: result.issues, revokedAt: null });
    }
    const row = summarize(userId, personal, evaluation, version);
    const before = previous.get(userId) ?? null;
    if (before && (!row.lastActivityAt || before > row.lastActivityAt)) row.lastActivityAt = before;
    const { userId: _id, ...data } = row;
    await tx.readiness.update({ where: { userId }, data, select: { userId: true } });
    rows.push(row);
  }
  return rows;
}

/**
 * Refreshes these people outside any write (seed, tests, the sweep), a batch per transaction.
 * Returns the stored rows.
 */
export async function refreshReadiness(userIds: string[]) {
  const rows: ReadinessRow[] = [];
  for (let i = 0; i < userIds.length; i += BATCH) {
    const batch = userIds.slice(i, i + BATCH);
    rows.push(...(await prisma.$transaction((tx) => refreshWithin(tx, batch), WRITE_TRANSACTION)));
  }
  return rows;
}

/**
 * Brings stale rows up to date: trainees with no row yet (new people) or one computed
 * against other content (a deploy, an edit in development). Runs in the background (ADR 016),
 * never in a page's request; returns how many it refreshed, at most `limit`.
 */
export async function refreshStaleReadiness(limit = BATCH) {
  const stale = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT u."id" FROM "User" u
    JOIN "UserRole" ur ON ur."userId" = u."id" AND ur."role" = 'trainee'
    LEFT JOIN "Readiness" r ON r."userId" = u."id"
    WHERE u."active" = true AND (r."userId" IS NULL OR r."contentVersion" <> ${contentVersion()})
    ORDER BY u."id"
    LIMIT ${limit}`;
  await refreshReadiness(stale.map((row) => row.id));
  return stale.length;
}
