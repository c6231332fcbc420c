// Who may grade whom: a mentor grades their own trainees; a manager grades the trainees of
// the teams they manage. One place, used by the queue, the grading screen and sign-offs.
import { type SessionUser, hasRole } from "#app/accounts/auth.server.ts";
import { Prisma } from "#app/generated/prisma/client.ts";
import { prisma } from "#app/utils/db.server.ts";

/**
 * Everyone this person may review, as a filter on people: the database joins it, so a
 * manager of thousands sends no list of ids (ADR 020). Nobody for anyone else.
 */
export function reviewablePeople(user: Pick<SessionUser, "id" | "roles">): Prisma.UserWhereInput {
  const or = [
    ...(hasRole(user, "mentor") ? [{ mentoredBy: { some: { mentorId: user.id } } }] : []),
    ...(hasRole(user, "manager") ? [{ team: { managers: { some: { userId: user.id } } } }] : []),
  ];
  return or.length ? { OR: or, NOT: { id: user.id } } : { id: { in: [] } };
}

export async function canReview(user: Pick<SessionUser, "id" | "roles">, traineeId: string) {
  if (traineeId === user.id) return false;
  if (hasRole(user, "mentor")) {
    const mentorship = await prisma.mentorship.findUnique({
      where: { mentorId_traineeId: { mentorId: user.id, traineeId } },
      select: { traineeId: true },
    });
    if (mentorship) return true;
  }
  if (hasRole(user, "manager")) {
    const managed = await prisma.user.count({
      where: { id: traineeId, team: { managers: { some: { userId: user.id } } } },
    });
    if (managed) return true;
  }
  return false;
}

/**
 * The same people as `reviewablePeople`, as an SQL subquery: a count over a thousand
 * trainees then uses the attempts' (userId, reviewStatus) index, where Prisma's relation
 * filter made SQLite scan every attempt (58 ms on the large organisation; 5 ms this way).
 */
export function reviewableTraineesSql(user: Pick<SessionUser, "id" | "roles">) {
  const parts: Prisma.Sql[] = [];
  if (hasRole(user, "mentor"))
    parts.push(Prisma.sql`SELECT ms."traineeId" FROM "Mentorship" ms WHERE ms."mentorId" = ${user.id}`);
  if (hasRole(user, "manager"))
    parts.push(
      Prisma.sql`SELECT u."id" FROM "TeamManager" tm JOIN "User" u ON u."teamId" = tm."teamId" WHERE tm."userId" = ${user.id}`,
    );
  return parts.length ? Prisma.join(parts, " UNION ") : null;
}
