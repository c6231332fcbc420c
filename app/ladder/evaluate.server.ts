// Evaluation of people against the ladder, in one place: the evidence of many people in a
// fixed number of queries, each level's and track's requirements met or not with the
// evidence that met them, and certification when all are met.
import { type CourseMeta, getCourses, getLadder } from "#app/content/catalog.server.ts";
import { type Ladder, type LadderStage } from "#app/content/schemas/ladder.ts";
import { type Difficulty, difficulties, isDifficulty } from "#app/content/vocabulary.ts";
import { Prisma } from "#app/generated/prisma/client.ts";
import { type Db, prisma } from "#app/utils/db.server.ts";
import { newVerificationCode } from "./codes.server.ts";
import {
  quizCompetenciesColumn,
  type RequirementResult,
  requirementsColumn,
  rubricScoresColumn,
} from "./columns.server.ts";

export type { RequirementResult };

export type QuizEvidence = {
  attemptId: string;
  score: number;
  passed: boolean;
  at: Date;
  competencies: Record<string, number>;
};
export type GradeEvidence = {
  attemptId: string;
  scenarioId: string;
  mean: number;
  decision: string;
  at: Date;
  scores: Record<string, number>;
  /** How hard the graded attempt was played (attempts from before difficulty existed: normal). */
  difficulty: Difficulty;
};

/**
 * The difficulty in an attempt's state column. The ladder sits below scenarios, so it reads
 * this one field itself rather than through the scenario layer's decoder.
 */
function difficultyOf(state: string): Difficulty {
  try {
    const value: unknown = (JSON.parse(state) as { difficulty?: unknown }).difficulty;
    return typeof value === "string" && isDifficulty(value) ? value : "normal";
  } catch {
    return "normal";
  }
}

const atLeast = (played: Difficulty, required: Difficulty) =>
  difficulties.indexOf(played) >= difficulties.indexOf(required);

export type RecordedCertification = { id: string; certifiedAt: Date; issue: number; revokedAt: Date | null };

export type Evidence = {
  lessons: Map<string, Map<string, Date>>;
  quizzes: Map<string, QuizEvidence[]>;
  grades: GradeEvidence[];
  signOffs: Map<string, { confirmed: boolean; at: Date }>;
  /** Each stage's latest certificate (the highest issue), revoked or not. */
  certifications: Map<string, RecordedCertification>;
  lastActivity: Date | null;
};

const emptyEvidence = (): Evidence => ({
  lessons: new Map(),
  quizzes: new Map(),
  grades: [],
  signOffs: new Map(),
  certifications: new Map(),
  lastActivity: null,
});

const later = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a > b ? a : b);

/** Above this many people, evaluate in batches: every query below carries their ids. */
export const MAX_EVIDENCE_PEOPLE = 500;

/**
 * Everything the ladder looks at, for a batch of people at once: six queries whatever their
 * number. By id, each table is filtered on its own user column, so its index on that column
 * is used; a filter through the User relation makes SQLite scan the whole table. The ids
 * are the batch the caller evaluates (one person on a page, a batch of a team's stale
 * rows), never a list read back from the database, and at most MAX_EVIDENCE_PEOPLE (ADR 020).
 */
export async function loadEvidence(userIds: string[], db: Db = prisma): Promise<Map<string, Evidence>> {
  if (userIds.length > MAX_EVIDENCE_PEOPLE) {
    throw new Error(`loadEvidence takes at most ${MAX_EVIDENCE_PEOPLE} people at once, not ${userIds.length}`);
  }
  const result = new Map(userIds.map((id) => [id, emptyEvidence()]));
  if (!userIds.length) return result;
  const peopleSql = Prisma.sql`a."userId" IN (${Prisma.join(userIds)})`;
  const where = { userId: { in: userIds } };
  const [lessons, quizzes, reviews, signOffs, certifications, attempts] = await Promise.all([
    db.lessonProgress.findMany({
      where,
      select: { userId: true, courseSlug: true, lessonSlug: true, firstOpenedAt: true, completedAt: true },
    }),
    db.quizAttempt.findMany({
      where: { ...where, submittedAt: { not: null } },
      select: {
        id: true,
        userId: true,
        quizId: true,
        score: true,
        passed: true,
        submittedAt: true,
        competencies: true,
      },
      orderBy: { submittedAt: "asc" },
    }),
    // Latest submitted grade of each attempt, one joined query (an include would send the
    // database one parameter per review).
    db.$queryRaw<
      Array<{
        attemptId: string;
        userId: string;
        scenarioId: string;
        decision: string;
        scores: string;
        createdAt: string | Date;
        state: string;
      }>
    >`
      SELECT r."attemptId", a."userId", a."scenarioId", v."decision", v."scores", v."createdAt", a."state"
      FROM "Review" r
      JOIN "ReviewVersion" v ON v."reviewId" = r."id" AND v."version" = r."version"
      JOIN "ScenarioAttempt" a ON a."id" = r."attemptId"
      WHERE r."version" > 0 AND ${peopleSql}`,
    db.signOffEvent.findMany({
      where: { traineeId: { in: userIds } },
      select: { traineeId: true, level: true, behaviourId: true, action: true, at: true },
      orderBy: { at: "asc" },
    }),
    db.certification.findMany({
      where,
      select: { id: true, userId: true, stage: true, certifiedAt: true, issue: true, revokedAt: true },
      orderBy: { issue: "asc" },
    }),
    db.$queryRaw<Array<{ userId: string; startedAt: string | Date | null; finishedAt: string | Date | null }>>`
      SELECT a."userId", MAX(a."startedAt") AS "startedAt", MAX(a."finishedAt") AS "finishedAt"
      FROM "ScenarioAttempt" a
      WHERE ${peopleSql}
      GROUP BY a."userId"`,
  ]);
  for (const row of lessons) {
    const evidence = result.get(row.userId);
    if (!evidence) continue;
    evidence.lastActivity = later(evidence.lastActivity, later(row.firstOpenedAt, row.completedAt));
    if (!row.completedAt) continue;
    const course = evidence.lessons.get(row.courseSlug) ?? new Map<string, Date>();
    course.set(row.lessonSlug, row.completedAt);
    evidence.lessons.set(row.courseSlug, course);
  }
  for (const row of quizzes) {
    const evidence = result.get(row.userId);
    if (!evidence || !row.submittedAt) continue;
    evidence.lastActivity = later(evidence.lastActivity, row.submittedAt);
    const list = evidence.quizzes.get(row.quizId) ?? [];
    list.push({
      attemptId: row.id,
      score: row.score ?? 0,
      passed: row.passed === true,
      at: row.submittedAt,
      competencies: row.competencies ? quizCompetenciesColumn.decode(row.competencies) : {},
    });
    evidence.quizzes.set(row.quizId, list);
  }
  for (const row of reviews) {
    const evidence = result.get(row.userId);
    if (!evidence) continue;
    const scores = rubricScoresColumn.decode(row.scores);
    const levels = Object.values(scores);
    evidence.grades.push({
      attemptId: row.attemptId,
      scenarioId: row.scenarioId,
      mean: levels.length ? levels.reduce((a, b) => a + b, 0) / levels.length : 0,
      decision: row.decision,
      at: new Date(row.createdAt),
      scores,
      difficulty: difficultyOf(row.state),
    });
  }
  for (const row of signOffs)
    result
      .get(row.traineeId)
      ?.signOffs.set(`${row.level}/${row.behaviourId}`, { confirmed: row.action === "confirm", at: row.at });
  for (const { userId, stage, ...certification } of certifications)
    result.get(userId)?.certifications.set(stage, certification);
  const date = (value: string | Date | null) => (value === null ? null : new Date(value));
  for (const row of attempts) {
    const evidence = result.get(row.userId);
    if (evidence)
      evidence.lastActivity = later(evidence.lastActivity, later(date(row.startedAt), date(row.finishedAt)));
  }
  return result;
}

export type StageResult = {
  id: string;
  requirements: RequirementResult[];
  met: number;
  total: number;
  complete: boolean;
  /** When the last requirement was met (the certification date). */
  completeAt: Date | null;
  /** The certificate that holds, if any (never a revoked one). */
  certification: { id: string; certifiedAt: Date } | null;
  /** The latest certificate when it was revoked and the stage not earned again since. */
  revoked: { id: string; at: Date } | null;
  /** How many certificates this stage has had, revoked ones included. */
  issues: number;
};

function courseResult(course: CourseMeta | undefined, slug: string, evidence: Evidence): RequirementResult {
  const done = evidence.lessons.get(slug);
  const lessons = course?.lessons ?? [];
  const lessonsDone = lessons.filter((l) => done?.has(l.slug));
  const quizPass = course?.finalQuizId ? evidence.quizzes.get(course.finalQuizId)?.find((q) => q.passed) : undefined;
  const total = lessons.length + (course?.finalQuizId ? 1 : 0);
  const count = lessonsDone.length + (quizPass ? 1 : 0);
  const met = total > 0 && count === total;
  let at: Date | null = quizPass?.at ?? null;
  for (const lesson of lessonsDone) at = later(at, done?.get(lesson.slug) ?? null);
  return { kind: "course", id: slug, met, at: met ? at : null, done: count, total };
}

/** One level or track against one person's evidence. */
export function evaluateStage(
  stage: LadderStage,
  evidence: Evidence,
  courses: Map<string, CourseMeta>,
  prerequisite: StageResult | null,
): StageResult {
  const requirements: RequirementResult[] = [];
  if (prerequisite)
    requirements.push({ kind: "stage", id: prerequisite.id, met: prerequisite.complete, at: prerequisite.completeAt });
  for (const slug of stage.requires.courses) requirements.push(courseResult(courses.get(slug), slug, evidence));
  for (const quiz of stage.requires.quizzes) {
    const attempts = evidence.quizzes.get(quiz.id) ?? [];
    const first = attempts.find((a) => a.score >= quiz.minScore) ?? null;
    const best = attempts.length ? Math.max(...attempts.map((a) => a.score)) : null;
    requirements.push({
      kind: "quiz",
      id: quiz.id,
      met: Boolean(first),
      at: first?.at ?? null,
      min: quiz.minScore,
      best,
      attemptId: first?.attemptId ?? null,
    });
  }
  for (const scenario of stage.requires.scenarios) {
    const played = evidence.grades.filter((g) => g.scenarioId === scenario.id);
    const grades = played
      .filter((g) => atLeast(g.difficulty, scenario.difficulty))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const passes = (g: GradeEvidence) => g.decision === "passed" && g.mean >= scenario.minRubric;
    const first = grades.find(passes) ?? null;
    // Said to the trainee: a pass played too easy is why the requirement is still open.
    const tooEasy = first
      ? null
      : (played.find((g) => passes(g) && !atLeast(g.difficulty, scenario.difficulty)) ?? null);
    const best = grades.length ? Math.max(...grades.map((g) => g.mean)) : null;
    requirements.push({
      kind: "scenario",
      id: scenario.id,
      met: Boolean(first),
      at: first?.at ?? null,
      min: scenario.minRubric,
      best: best === null ? null : Math.round(best * 10) / 10,
      attemptId: first?.attemptId ?? null,
      decision: grades.at(-1)?.decision ?? null,
      difficulty: scenario.difficulty,
      tooEasy: tooEasy?.difficulty ?? null,
    });
  }
  for (const behaviour of stage.behaviours) {
    const signOff = evidence.signOffs.get(`${stage.id}/${behaviour.id}`);
    requirements.push({
      kind: "behaviour",
      id: behaviour.id,
      stage: stage.id,
      met: signOff?.confirmed === true,
      at: signOff?.confirmed ? signOff.at : null,
    });
  }
  const met = requirements.filter((r) => r.met).length;
  let complete = met === requirements.length;
  let completeAt: Date | null = null;
  if (complete) for (const r of requirements) completeAt = later(completeAt, r.at);
  const recorded = evidence.certifications.get(stage.id);
  const revokedAt = recorded?.revokedAt ?? null;
  // After a revocation the stage is earned again only by evidence met after it, such as a
  // mentor's new sign-off; the evidence that earned the revoked certificate does not (ADR 034).
  const revoked = revokedAt && !(completeAt && completeAt > revokedAt);
  if (revoked) {
    complete = false;
    completeAt = null;
  }
  return {
    id: stage.id,
    requirements,
    met,
    total: requirements.length,
    complete,
    completeAt,
    certification: recorded && !revokedAt ? { id: recorded.id, certifiedAt: recorded.certifiedAt } : null,
    revoked: recorded && revoked ? { id: recorded.id, at: revokedAt } : null,
    issues: recorded?.issue ?? 0,
  };
}

export type PersonEvaluation = {
  levels: StageResult[];
  tracks: StageResult[];
  /** The highest level certified, each one after the one before. */
  currentLevel: string | null;
  nextLevel: StageResult | null;
};

export function evaluatePerson(
  evidence: Evidence,
  ladder: Ladder = getLadder(),
  courseList: CourseMeta[] = getCourses(),
): PersonEvaluation {
  const courses = new Map(courseList.map((c) => [c.slug, c]));
  const levels: StageResult[] = [];
  let previous: StageResult | null = null;
  for (const level of ladder.levels) {
    const result = evaluateStage(level, evidence, courses, previous);
    // A recorded certification stands even if evidence later changes (a withdrawn sign-off).
    if (result.certification && !result.complete) result.complete = true;
    levels.push(result);
    previous = result;
  }
  const tracks = ladder.tracks.map((track) =>
    evaluateStage(track, evidence, courses, levels.find((l) => l.id === track.from) ?? null),
  );
  let currentLevel: string | null = null;
  for (const level of levels) {
    if (!level.complete) break;
    currentLevel = level.id;
  }
  return { levels, tracks, currentLevel, nextLevel: levels.find((l) => !l.complete) ?? null };
}

/**
 * Records every level and track this evaluation finds complete and not yet certified, and
 * marks them certified in the evaluation; returns the stages that were new.
 */
export async function recordCertifications(userId: string, evaluation: PersonEvaluation, db: Db = prisma) {
  const created: string[] = [];
  for (const stage of [...evaluation.levels, ...evaluation.tracks]) {
    if (!stage.complete || stage.certification || !stage.completeAt) continue;
    // One statement, so that of two requests (or servers) certifying at once neither fails,
    // inside a transaction too, where PostgreSQL aborts everything after a refused insert:
    // the update names the key's own value, which lets Prisma send INSERT … ON CONFLICT DO
    // UPDATE; the record the first one stored stands (ADR 020).
    // After a revocation, the next issue with a code of its own; the revoked one stays as it is.
    const issue = stage.issues + 1;
    stage.certification = await db.certification.upsert({
      where: { userId_stage_issue: { userId, stage: stage.id, issue } },
      create: {
        userId,
        stage: stage.id,
        issue,
        code: newVerificationCode(),
        certifiedAt: stage.completeAt,
        evidence: requirementsColumn.encode(stage.requirements),
      },
      update: { stage: stage.id },
      select: { id: true, certifiedAt: true },
    });
    stage.issues = issue;
    stage.revoked = null;
    created.push(stage.id);
  }
  return created;
}
