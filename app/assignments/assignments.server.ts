// Assignments: a manager (for their teams' people) or a mentor (for their own trainees) asks
// people to do a course, a quiz or a scenario by a day. Whether one is done is read from the
// evidence already stored, never written on a page view (docs/decisions/016, 039).
import { type SessionUser } from "#app/accounts/auth.server.ts";
import { auditWith } from "#app/audit/log.server.ts";
import {
  findCourse,
  findQuiz,
  findScenario,
  getCourses,
  getQuizzes,
  getScenarios,
} from "#app/content/catalog.server.ts";
import { pick } from "#app/content/localized.ts";
import { getFixedT } from "#app/utils/locale.server.ts";
import { type MailContent } from "#app/mail/render.server.ts";
import { notify, recipientSelect } from "#app/notifications/notify.server.ts";
import { localDay } from "#app/utils/calendar.server.ts";
import { prisma, WRITE_TRANSACTION } from "#app/utils/db.server.ts";
import { DomainError, parseInput } from "#app/utils/errors.ts";
import { dayOf } from "#app/utils/forms.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { isUniqueViolation } from "#app/utils/prisma-errors.server.ts";
import { type AssignItemsInput, AssignItemsSchema, type AssignmentKind } from "./schemas.ts";

type Assigner = Pick<SessionUser, "id" | "email" | "name" | "roles" | "timeZone">;

const refuse = (code: string, status: 400 | 403 | 404 | 409, details: Record<string, string | number> = {}) =>
  new DomainError(code, status, `assignments.errors.${code}`, details);

/** The item's title in `locale`, or null when no such item exists. */
export function itemTitle(kind: AssignmentKind, itemId: string, locale: Locale) {
  if (kind === "course") {
    const course = findCourse(itemId);
    return course ? pick(course.text, locale).value.title : null;
  }
  if (kind === "quiz") {
    const quiz = findQuiz(itemId);
    return quiz ? pick(quiz.variants, locale).value.title : null;
  }
  const bundle = findScenario(itemId);
  return bundle ? pick(bundle.variants, locale).value.title : null;
}

export function itemPath(kind: AssignmentKind, itemId: string, difficulty = "") {
  if (kind === "course") return `/courses/${itemId}`;
  if (kind === "quiz") return `/quizzes/${itemId}`;
  return `/scenarios/${itemId}${difficulty ? `?difficulty=${difficulty}` : ""}`;
}

/** The people this person may assign to: their teams' members (manager), their trainees (mentor). */
export function scopeWhere(assigner: Pick<SessionUser, "id" | "roles">) {
  const ors = [];
  if (assigner.roles.includes("manager")) ors.push({ team: { managers: { some: { userId: assigner.id } } } });
  if (assigner.roles.includes("mentor")) ors.push({ mentoredBy: { some: { mentorId: assigner.id } } });
  return { active: true, OR: ors.length ? ors : [{ id: "" }] };
}

/**
 * Assigns one item to the people chosen and everyone in the team chosen, all or nothing:
 * every check runs before the transaction, and the one-open-per-person index refuses a
 * duplicate that slipped in between. Returns how many were assigned.
 */
export async function assignItems(assigner: Assigner, raw: AssignItemsInput, now = new Date()) {
  const input = parseInput(AssignItemsSchema, raw);
  const title = itemTitle(input.kind, input.itemId, "en");
  if (!title) throw refuse("unknownItem", 404);
  const difficulty = input.kind === "scenario" ? input.difficulty : "";
  if (input.dueDate < localDay(now, assigner.timeZone)) throw refuse("pastDate", 400);
  const ids = new Set(input.userIds);
  if (input.teamId) {
    const team = await prisma.team.findFirst({
      where: { id: input.teamId, managers: { some: { userId: assigner.id } } },
      select: { members: { where: { active: true, roles: { some: { role: "trainee" } } }, select: { id: true } } },
    });
    if (!team) throw refuse("notYourTeam", 403);
    for (const member of team.members) ids.add(member.id);
  }
  if (ids.size === 0) throw refuse("nobody", 400);
  const people = await prisma.user.findMany({
    where: { id: { in: [...ids] }, ...scopeWhere(assigner) },
    select: recipientSelect,
  });
  if (people.length !== ids.size) throw refuse("notYours", 403);
  const open = await prisma.assignment.findMany({
    where: { userId: { in: [...ids] }, kind: input.kind, itemId: input.itemId, withdrawnAt: null },
    select: { user: { select: { name: true } } },
  });
  if (open.length) throw refuse("duplicate", 409, { names: open.map((a) => a.user.name).join(", ") });
  const dueDate = dayOf(input.dueDate);
  try {
    await prisma.$transaction(async (tx) => {
      for (const person of people) {
        await tx.assignment.create({
          data: {
            userId: person.id,
            kind: input.kind,
            itemId: input.itemId,
            difficulty,
            dueDate,
            note: input.note,
            assignedById: assigner.id,
            assignedAt: now,
          },
          select: { id: true },
        });
        await notify(tx, {
          to: person,
          kind: "assignment",
          data: {
            title: itemTitle(input.kind, input.itemId, (person.locale ?? "en") as Locale) ?? title,
            by: assigner.name,
            due: input.dueDate,
          },
          path: "/learn",
          mail: (reader, url) =>
            assignmentMail(reader, url, {
              title: itemTitle(input.kind, input.itemId, reader.locale) ?? title,
              by: assigner.name,
              due: input.dueDate,
              note: input.note,
            }),
        });
      }
    }, WRITE_TRANSACTION);
  } catch (error) {
    if (isUniqueViolation(error)) throw refuse("duplicate", 409, { names: "" });
    throw error;
  }
  return people.length;
}

function assignmentMail(
  reader: { locale: Locale; timeZone: string },
  url: string,
  { title, by, due, note }: { title: string; by: string; due: string; note: string },
): MailContent {
  const t = getFixedT(reader.locale);
  const subject = t("mail.assignment.subject", { title });
  return {
    subject,
    preview: subject,
    heading: subject,
    paragraphs: [t("mail.assignment.body", { title, by, due }), ...(note ? [note] : [])],
    action: { label: t("mail.assignment.action"), url },
    footer: [t("mail.notificationFooter")],
  };
}

/**
 * Withdraws an open assignment: the person who assigned it, or a manager of the assignee's
 * team, may. The row stays (withdrawnAt), with an audit entry in the same transaction.
 */
export async function withdrawAssignment(actor: Assigner, assignmentId: string, ip: string, now = new Date()) {
  const assignment = await prisma.assignment.findFirst({
    where: {
      id: assignmentId,
      withdrawnAt: null,
      OR: [{ assignedById: actor.id }, { user: { team: { managers: { some: { userId: actor.id } } } } }],
    },
    select: { id: true, kind: true, itemId: true, dueDate: true, user: { select: { id: true, name: true } } },
  });
  if (!assignment) throw refuse("notFound", 404);
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.assignment.updateMany({
      where: { id: assignment.id, withdrawnAt: null },
      data: { withdrawnAt: now },
    });
    if (!count) throw refuse("notFound", 404);
    await auditWith(tx, {
      kind: "assignment.withdrawn",
      actor: { id: actor.id, email: actor.email },
      target: { id: assignment.user.id, label: assignment.user.name },
      ip,
      details: {
        kind: assignment.kind,
        itemId: assignment.itemId,
        dueDate: assignment.dueDate.toISOString().slice(0, 10),
      },
    });
  }, WRITE_TRANSACTION);
}

export type AssignmentView = {
  id: string;
  kind: AssignmentKind;
  itemId: string;
  title: string;
  href: string;
  dueDate: string;
  note: string;
  assignedBy: string;
  assignedById: string;
  done: boolean;
  overdue: boolean;
};

/**
 * A person's assignments that are not withdrawn, with done read from the evidence: a course
 * whose every lesson is marked done, a passed quiz (whenever), a scenario attempt submitted
 * after it was assigned (graded or still waiting for review).
 */
export async function listAssignments(userId: string, locale: Locale, today: string): Promise<AssignmentView[]> {
  const rows = await prisma.assignment.findMany({
    where: { userId, withdrawnAt: null },
    orderBy: [{ dueDate: "asc" }, { assignedAt: "asc" }],
    select: {
      id: true,
      kind: true,
      itemId: true,
      difficulty: true,
      dueDate: true,
      note: true,
      assignedAt: true,
      assignedById: true,
      assignedBy: { select: { name: true } },
    },
  });
  if (!rows.length) return [];
  const [lessons, passed, submitted] = await Promise.all([
    prisma.lessonProgress.findMany({
      where: { userId, completedAt: { not: null } },
      select: { courseSlug: true, lessonSlug: true },
    }),
    prisma.quizAttempt.findMany({ where: { userId, passed: true }, select: { quizId: true }, distinct: ["quizId"] }),
    prisma.scenarioAttempt.findMany({
      where: { userId, submittedAt: { not: null } },
      select: { scenarioId: true, submittedAt: true },
    }),
  ]);
  const doneLessons = new Set(lessons.map((l) => `${l.courseSlug}/${l.lessonSlug}`));
  const passedQuizzes = new Set(passed.map((q) => q.quizId));
  return rows.flatMap((row) => {
    const kind = row.kind as AssignmentKind;
    const title = itemTitle(kind, row.itemId, locale);
    // An item removed from the content since: nothing to link to, so not shown.
    if (!title) return [];
    let done: boolean;
    if (kind === "course") {
      const course = findCourse(row.itemId);
      done = !!course && course.lessons.every((l) => doneLessons.has(`${row.itemId}/${l.slug}`));
    } else if (kind === "quiz") done = passedQuizzes.has(row.itemId);
    else done = submitted.some((a) => a.scenarioId === row.itemId && a.submittedAt! >= row.assignedAt);
    const dueDate = row.dueDate.toISOString().slice(0, 10);
    return [
      {
        id: row.id,
        kind,
        itemId: row.itemId,
        title,
        href: itemPath(kind, row.itemId, row.difficulty),
        dueDate,
        note: row.note,
        assignedBy: row.assignedBy.name,
        assignedById: row.assignedById,
        done,
        overdue: !done && dueDate < today,
      },
    ];
  });
}

/** Open assignments of a person, oldest due first, for the home page and for digests. */
export async function dueAssignments(userId: string, now: Date, locale: Locale = "en", timeZone = "UTC") {
  const all = await listAssignments(userId, locale, localDay(now, timeZone));
  return all.filter((a) => !a.done);
}

/** Open and overdue counts per person (the /team column). */
export async function assignmentCounts(userIds: string[], now: Date, timeZone: string) {
  const today = localDay(now, timeZone);
  const counts = new Map<string, { open: number; overdue: number }>();
  await Promise.all(
    userIds.map(async (id) => {
      const open = await dueAssignments(id, now, "en", timeZone);
      counts.set(id, { open: open.length, overdue: open.filter((a) => a.dueDate < today).length });
    }),
  );
  return counts;
}

/** What the assign form offers: every course, quiz and scenario, titled in `locale`. */
export function assignableItems(locale: Locale) {
  const courses = getCourses().map((c) => ({ value: `course:${c.slug}`, title: pick(c.text, locale).value.title }));
  const quizzes = Object.values(getQuizzes()).map((q) => ({
    value: `quiz:${q.id}`,
    title: pick(q.variants, locale).value.title,
  }));
  const scenarios = Object.values(getScenarios()).map((b) => ({
    value: `scenario:${b.id}`,
    title: pick(b.variants, locale).value.title,
  }));
  return { course: courses, quiz: quizzes, scenario: scenarios };
}
