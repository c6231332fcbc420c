// Calibration sessions (ADR 035): a manager picks submitted attempts, invites mentors and sets
// a deadline; each mentor grades every attempt blind with its rubric, the manager (the lead)
// records the reference grades and closes the session with a note. Nobody sees another
// person's grade of an attempt before submitting their own, or before the session closes:
// every function here that returns grades checks that, so no route can leak them.
import { type SessionUser, hasRole } from "#app/accounts/auth.server.ts";
import { findScenario } from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { type Prisma } from "#app/generated/prisma/client.ts";
import { rubricScoresColumn as scoresColumn } from "#app/ladder/columns.server.ts";
import { commentsColumn, decision as decisionColumn } from "#app/reviews/columns.server.ts";
import { attemptScreen } from "#app/reviews/reviews.server.ts";
import { type Grade } from "#app/reviews/schemas.ts";
import { addLocalDays, dayStartIn } from "#app/utils/calendar.server.ts";
import { prisma, WRITE_TRANSACTION } from "#app/utils/db.server.ts";
import { DomainError, type ErrorDetails } from "#app/utils/errors.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { type NewSession } from "./schemas.ts";

export type Person = Pick<SessionUser, "id" | "roles" | "name" | "timeZone">;
export type GradeKind = "mentor" | "reference" | "hidden";

export function calibrationError(code: string, status: 400 | 403 | 404 | 409, details: ErrorDetails = {}) {
  return new DomainError(code, status, `calibration.errors.${code}`, details);
}

/** The teams this person manages, as a filter; nobody's for someone who is not a manager. */
function managedTeams(user: Pick<Person, "id" | "roles">): Prisma.TeamWhereInput {
  return hasRole(user, "manager") ? { managers: { some: { userId: user.id } } } : { id: { in: [] } };
}

const CANDIDATES = 40;

/** What a manager picks from: their teams, recent submitted attempts of their people, mentors. */
export async function newSessionOptions(user: Person, locale: Locale) {
  const [teams, attempts, mentors] = await Promise.all([
    prisma.team.findMany({ where: managedTeams(user), select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.scenarioAttempt.findMany({
      where: {
        reviewStatus: { in: ["waiting", "graded"] },
        finishedAt: { not: null },
        user: { team: managedTeams(user) },
      },
      select: { id: true, scenarioId: true, submittedAt: true, user: { select: { name: true } } },
      orderBy: [{ submittedAt: "desc" }, { id: "asc" }],
      take: CANDIDATES,
    }),
    prisma.user.findMany({
      where: { active: true, roles: { some: { role: "mentor" } }, NOT: { id: user.id } },
      select: { id: true, name: true, team: { select: { name: true } } },
      orderBy: { name: "asc" },
    }),
  ]);
  return {
    teams,
    attempts: attempts.flatMap((a) => {
      const bundle = findScenario(a.scenarioId);
      if (!bundle || !bundle.variants.en.rubric.length) return [];
      return [
        {
          id: a.id,
          title: pick(bundle.variants, locale).value.title,
          trainee: a.user.name,
          submittedAt: a.submittedAt,
        },
      ];
    }),
    mentors: mentors.map((m) => ({ id: m.id, name: m.name, team: m.team?.name ?? null })),
  };
}

/**
 * Creates a session, or refuses it whole: a team the person manages, a deadline not in the
 * past (the end of that day on their calendar), submitted attempts with a rubric of that
 * person's teams, and active mentors other than themselves.
 */
export async function createSession(user: Person, input: NewSession, now = new Date()) {
  if (!hasRole(user, "manager")) throw calibrationError("notLead", 403);
  const team = await prisma.team.findFirst({ where: { id: input.team, ...managedTeams(user) }, select: { id: true } });
  if (!team) throw calibrationError("teamNotYours", 403);
  const deadline = addLocalDays(dayStartIn(input.deadline, user.timeZone), 1, user.timeZone);
  if (deadline <= now) throw calibrationError("deadlineInPast", 400);
  const attempts = await prisma.scenarioAttempt.findMany({
    where: {
      id: { in: input.attempt },
      reviewStatus: { in: ["waiting", "graded"] },
      finishedAt: { not: null },
      user: { team: managedTeams(user) },
    },
    select: { id: true, scenarioId: true },
  });
  const usable = new Set(
    attempts.filter((a) => findScenario(a.scenarioId)?.variants.en.rubric.length).map((a) => a.id),
  );
  const unusable = input.attempt.find((id) => !usable.has(id));
  if (unusable !== undefined) throw calibrationError("attemptNotUsable", 400);
  const mentors = await prisma.user.findMany({
    where: { id: { in: input.mentor }, active: true, roles: { some: { role: "mentor" } }, NOT: { id: user.id } },
    select: { id: true },
  });
  if (mentors.length !== input.mentor.length) throw calibrationError("mentorNotUsable", 400);
  const session = await prisma.calibrationSession.create({
    data: {
      title: input.title,
      teamId: team.id,
      leadId: user.id,
      deadline,
      createdAt: now,
      items: { create: input.attempt.map((attemptId, position) => ({ attemptId, position: position + 1 })) },
      invites: { create: input.mentor.map((mentorId) => ({ mentorId })) },
    },
    select: { id: true },
  });
  return session.id;
}

/** How a person takes part: the lead grades the reference, invited mentors grade blind, the team's other managers watch. */
type Part = "lead" | "mentor" | "manager";
const kindOf = (part: Part): GradeKind | null => (part === "lead" ? "reference" : part === "mentor" ? "mentor" : null);

/** The sessions a person may see: those they lead or were invited to, and their teams' sessions. */
function visibleSessions(user: Pick<Person, "id" | "roles">): Prisma.CalibrationSessionWhereInput {
  return {
    OR: [
      { leadId: user.id },
      { invites: { some: { mentorId: user.id } } },
      ...(hasRole(user, "manager") ? [{ team: managedTeams(user) }] : []),
    ],
  };
}

export async function listSessions(user: Person) {
  const sessions = await prisma.calibrationSession.findMany({
    where: visibleSessions(user),
    select: {
      id: true,
      title: true,
      status: true,
      deadline: true,
      closedAt: true,
      leadId: true,
      team: { select: { name: true } },
      lead: { select: { name: true } },
      _count: { select: { items: true, invites: true } },
      invites: { where: { mentorId: user.id }, select: { mentorId: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  const mine = await prisma.calibrationGrade.groupBy({
    by: ["itemId"],
    where: {
      graderId: user.id,
      status: "submitted",
      kind: { in: ["mentor", "reference"] },
      item: { session: visibleSessions(user) },
    },
    _count: true,
  });
  const graded = new Set(mine.map((g) => g.itemId));
  const items = await prisma.calibrationItem.findMany({
    where: { sessionId: { in: sessions.map((s) => s.id) } },
    select: { id: true, sessionId: true },
  });
  return sessions.map((s) => {
    const part: Part = s.leadId === user.id ? "lead" : s.invites.length ? "mentor" : "manager";
    const own = items.filter((i) => i.sessionId === s.id);
    return {
      id: s.id,
      title: s.title,
      team: s.team.name,
      lead: s.lead.name,
      status: s.status,
      deadline: s.deadline,
      closedAt: s.closedAt,
      items: s._count.items,
      mentors: s._count.invites,
      part,
      done: kindOf(part) ? own.filter((i) => graded.has(i.id)).length : null,
    };
  });
}

/** The session as this person may see it, or a 404 (someone else's session is not found). */
async function sessionFor(user: Pick<Person, "id" | "roles">, sessionId: string) {
  const session = await prisma.calibrationSession.findFirst({
    where: { id: sessionId, ...visibleSessions(user) },
    include: {
      team: { select: { id: true, name: true } },
      lead: { select: { id: true, name: true } },
      items: { orderBy: { position: "asc" }, select: { id: true, position: true, source: true, attemptId: true } },
      invites: { select: { mentor: { select: { id: true, name: true } } } },
    },
  });
  if (!session) throw calibrationError("notFound", 404);
  const part: Part =
    session.leadId === user.id ? "lead" : session.invites.some((i) => i.mentor.id === user.id) ? "mentor" : "manager";
  return { session, part };
}

/** A grade as the grading form and the reveal show it. */
const gradeOf = (row: { scores: string; comments: string; feedback: string; decision: string | null }): Grade => ({
  scores: scoresColumn.decode(row.scores),
  comments: commentsColumn.decode(row.comments),
  feedback: row.feedback,
  decision: row.decision === null ? null : decisionColumn.parse(row.decision),
});

/** The items of a session this person has submitted a grade for (mentor or reference). */
async function submittedBy(userId: string, sessionId: string) {
  const rows = await prisma.calibrationGrade.findMany({
    where: { graderId: userId, status: "submitted", kind: { in: ["mentor", "reference"] }, item: { sessionId } },
    select: { itemId: true },
  });
  return new Set(rows.map((r) => r.itemId));
}

/**
 * Whether this person may see everyone's grades and the figures: once the session is closed,
 * or once they have submitted their own grade of every attempt in it. A manager who takes no
 * part waits for the close.
 */
function seesEverything(part: Part, closed: boolean, items: number, submitted: number) {
  return closed || (part !== "manager" && items > 0 && submitted === items);
}

export async function openSession(user: Person, sessionId: string, locale: Locale) {
  const { session, part } = await sessionFor(user, sessionId);
  const [mine, counts, attempts] = await Promise.all([
    submittedBy(user.id, sessionId),
    prisma.calibrationGrade.groupBy({
      by: ["itemId", "kind"],
      where: { status: "submitted", kind: { in: ["mentor", "reference"] }, item: { sessionId } },
      _count: true,
    }),
    prisma.scenarioAttempt.findMany({
      where: { id: { in: session.items.flatMap((i) => (i.attemptId ? [i.attemptId] : [])) } },
      select: { id: true, scenarioId: true, user: { select: { name: true } } },
    }),
  ]);
  const closed = session.status === "closed";
  const byAttempt = new Map(attempts.map((a) => [a.id, a]));
  return {
    id: session.id,
    title: session.title,
    team: session.team.name,
    lead: session.lead.name,
    status: session.status,
    deadline: session.deadline,
    closedAt: session.closedAt,
    note: session.note,
    part,
    canClose: !closed && part !== "mentor",
    seesEverything: seesEverything(part, closed, session.items.length, mine.size),
    mentors: session.invites.map((i) => i.mentor.name).sort((a, b) => a.localeCompare(b, locale)),
    items: session.items.map((item) => {
      const attempt = item.attemptId ? byAttempt.get(item.attemptId) : undefined;
      const bundle = attempt ? findScenario(attempt.scenarioId) : undefined;
      const count = (kind: GradeKind) => counts.find((c) => c.itemId === item.id && c.kind === kind)?._count ?? 0;
      return {
        position: item.position,
        title: bundle ? pick(bundle.variants, locale).value.title : (attempt?.scenarioId ?? ""),
        trainee: attempt?.user.name ?? "",
        mine: mine.has(item.id),
        graded: count("mentor"),
        referenced: count("reference") > 0,
      };
    }),
  };
}

async function itemFor(user: Person, sessionId: string, position: number) {
  const { session, part } = await sessionFor(user, sessionId);
  const item = session.items.find((i) => i.position === position);
  if (!item?.attemptId) throw calibrationError("notFound", 404);
  return { session, part, item: { ...item, attemptId: item.attemptId } };
}

/**
 * One attempt of a session in the grading screen: the attempt without its trainee review, this
 * person's own calibration grade (draft or submitted), and everyone else's grades only once
 * theirs is submitted or the session is closed.
 */
export async function openCalibrationItem(user: Person, sessionId: string, position: number, now = new Date()) {
  const { session, part, item } = await itemFor(user, sessionId, position);
  const kind = kindOf(part);
  const [screen, own] = await Promise.all([
    attemptScreen(item.attemptId),
    kind
      ? prisma.calibrationGrade.findUnique({
          where: { itemId_graderId_kind: { itemId: item.id, graderId: user.id, kind } },
        })
      : null,
  ]);
  const closed = session.status === "closed";
  const submitted = own?.status === "submitted";
  const revealed = closed || submitted;
  const others = revealed
    ? await prisma.calibrationGrade.findMany({
        where: { itemId: item.id, status: "submitted", kind: { in: ["mentor", "reference"] } },
        select: {
          kind: true,
          scores: true,
          comments: true,
          feedback: true,
          decision: true,
          grader: { select: { id: true, name: true } },
        },
        orderBy: [{ kind: "desc" }, { submittedAt: "asc" }],
      })
    : [];
  const open = !closed && (part === "lead" || (part === "mentor" && session.deadline > now));
  return {
    ...screen,
    // Calibration shows no review state: a graded attempt must not hint at its grade.
    reviewStatus: "waiting",
    session: { id: session.id, title: session.title, status: session.status, deadline: session.deadline },
    position,
    count: session.items.length,
    part,
    kind,
    working: own
      ? { ...gradeOf(own), status: submitted ? ("submitted" as const) : ("draft" as const), version: 0 }
      : null,
    versions: [],
    canGrade: kind !== null && open && !submitted,
    submitted,
    others: others.map((g) => ({
      name: g.grader.name,
      mine: g.grader.id === user.id,
      kind: g.kind as GradeKind,
      grade: gradeOf(g),
    })),
  };
}

/** Writes one grade's levels as rows, for the figures computed in SQL (results.server.ts). */
export function scoreRows(
  grade: { id: string; itemId: string; graderId: string; kind: GradeKind },
  sessionId: string,
  scores: Record<string, number>,
) {
  return Object.entries(scores).map(([criterion, level]) => ({
    gradeId: grade.id,
    itemId: grade.itemId,
    sessionId,
    graderId: grade.graderId,
    kind: grade.kind,
    criterion,
    level,
  }));
}

/**
 * Stores a draft, or submits the grade once: a second submission, a closed session, a mentor
 * after the deadline and a manager who takes no part are refused, with nothing stored.
 */
export async function saveCalibrationGrade(
  user: Person,
  sessionId: string,
  position: number,
  grade: Grade,
  intent: "draft" | "submit",
  now = new Date(),
) {
  const { session, part, item } = await itemFor(user, sessionId, position);
  const kind = kindOf(part);
  if (!kind) throw calibrationError("notInvited", 403);
  if (session.status === "closed") throw calibrationError("closed", 409);
  if (part === "mentor" && session.deadline <= now) throw calibrationError("pastDeadline", 409);
  await storeGrade({ itemId: item.id, sessionId, graderId: user.id, kind }, grade, intent, now);
}

/** The one write path of every calibration grade, hidden ones included (hidden.server.ts). */
export async function storeGrade(
  where: { itemId: string; sessionId: string; graderId: string; kind: GradeKind },
  grade: Grade,
  intent: "draft" | "submit",
  now: Date,
  alongside?: (tx: Prisma.TransactionClient) => Promise<unknown>,
) {
  const data = {
    scores: scoresColumn.encode(grade.scores),
    comments: commentsColumn.encode(grade.comments),
    feedback: grade.feedback,
    decision: grade.decision,
  };
  const key = { itemId: where.itemId, graderId: where.graderId, kind: where.kind };
  await prisma.$transaction(async (tx) => {
    const row = await tx.calibrationGrade.upsert({
      where: { itemId_graderId_kind: key },
      create: { ...key, ...data, status: "draft" },
      update: {},
      select: { id: true, status: true },
    });
    // Only a draft changes: of two submissions at once, one finds the grade already submitted.
    const saved = await tx.calibrationGrade.updateMany({
      where: { id: row.id, status: "draft" },
      data: intent === "submit" ? { ...data, status: "submitted", submittedAt: now } : data,
    });
    if (saved.count !== 1) throw calibrationError("alreadyGraded", 409);
    if (intent === "submit")
      await tx.calibrationScore.createMany({
        data: scoreRows({ id: row.id, ...key }, where.sessionId, grade.scores),
      });
    await alongside?.(tx);
  }, WRITE_TRANSACTION);
}

/** Closes the session with the discussion note: the lead or another manager of its team. */
export async function closeSession(user: Person, sessionId: string, note: string, now = new Date()) {
  const { session, part } = await sessionFor(user, sessionId);
  if (part === "mentor") throw calibrationError("notLead", 403);
  const closed = await prisma.calibrationSession.updateMany({
    where: { id: session.id, status: "open" },
    data: { status: "closed", closedAt: now, note },
  });
  if (closed.count !== 1) throw calibrationError("closed", 409);
}

/** Whether the person may see a session's figures now (see seesEverything). */
export async function resultsAccess(user: Person, sessionId: string) {
  const { session, part } = await sessionFor(user, sessionId);
  const mine = await submittedBy(user.id, sessionId);
  if (!seesEverything(part, session.status === "closed", session.items.length, mine.size))
    throw calibrationError("resultsHidden", 403);
  return { session, part };
}
