// A manager sets a trainee's mentor, target level and due date.
import { type SessionUser } from "#app/accounts/auth.server.ts";
import { levels } from "#app/content/vocabulary.ts";
import { prisma } from "#app/utils/db.server.ts";

export class AssignError extends Error {
  constructor(
    readonly code: "notYourTeam" | "notAMentor" | "unknownLevel" | "badDate" | "pastDate" | "selfMentor",
    readonly status: 400 | 403,
  ) {
    super(code);
  }
}

export type AssignInput = { traineeId: string; mentorId: string; targetLevel: string; dueDate: string };

/** Checks everything first, then writes mentor and goal in one transaction. */
export async function assign(manager: Pick<SessionUser, "id">, input: AssignInput, now = new Date()) {
  const inTeam = await prisma.user.count({
    where: { id: input.traineeId, team: { managers: { some: { userId: manager.id } } } },
  });
  if (!inTeam) throw new AssignError("notYourTeam", 403);
  if (input.mentorId) {
    if (input.mentorId === input.traineeId) throw new AssignError("selfMentor", 400);
    const mentor = await prisma.user.count({
      where: { id: input.mentorId, active: true, roles: { some: { role: "mentor" } } },
    });
    if (!mentor) throw new AssignError("notAMentor", 400);
  }
  if (!(levels as readonly string[]).includes(input.targetLevel)) throw new AssignError("unknownLevel", 400);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.dueDate)) throw new AssignError("badDate", 400);
  const due = new Date(`${input.dueDate}T00:00:00Z`);
  if (Number.isNaN(due.getTime()) || due.toISOString().slice(0, 10) !== input.dueDate)
    throw new AssignError("badDate", 400);
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (due < today) throw new AssignError("pastDate", 400);
  await prisma.$transaction(async (tx) => {
    if (input.mentorId) {
      await tx.mentorship.deleteMany({ where: { traineeId: input.traineeId } });
      await tx.mentorship.create({ data: { traineeId: input.traineeId, mentorId: input.mentorId } });
    }
    await tx.goal.upsert({
      where: { userId: input.traineeId },
      create: { userId: input.traineeId, targetLevel: input.targetLevel, dueDate: due, setById: manager.id },
      update: { targetLevel: input.targetLevel, dueDate: due, setById: manager.id },
    });
  });
}

export async function mentorOptions() {
  return prisma.user.findMany({
    where: { active: true, roles: { some: { role: "mentor" } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
