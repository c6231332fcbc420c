// A manager sets a trainee's mentor, target level and due date.
import { type SessionUser } from "#app/accounts/auth.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { DomainError, parseInput } from "#app/utils/errors.ts";
import { dayOf } from "#app/utils/forms.ts";
import { type AssignInput, AssignSchema } from "./schemas.ts";

const refuse = (code: "notYourTeam" | "notAMentor" | "pastDate" | "selfMentor", status: 400 | 403) =>
  new DomainError(code, status, `team.errors.${code}`);

/** Checks everything first (the form's own rules, then the people), then writes mentor and goal in one transaction. */
export async function assign(manager: Pick<SessionUser, "id">, raw: AssignInput, now = new Date()) {
  const inTeam = await prisma.user.count({
    where: { id: raw.traineeId, team: { managers: { some: { userId: manager.id } } } },
  });
  if (!inTeam) throw refuse("notYourTeam", 403);
  const input = parseInput(AssignSchema, raw);
  if (input.mentorId) {
    if (input.mentorId === input.traineeId) throw refuse("selfMentor", 400);
    const mentor = await prisma.user.count({
      where: { id: input.mentorId, active: true, roles: { some: { role: "mentor" } } },
    });
    if (!mentor) throw refuse("notAMentor", 400);
  }
  const due = dayOf(input.dueDate);
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (due < today) throw refuse("pastDate", 400);
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

/** What a trainee sees of what their manager set: the goal, and the mentor. */
export async function goalAndMentor(traineeId: string) {
  const [goal, mentorship] = await Promise.all([
    prisma.goal.findUnique({ where: { userId: traineeId }, select: { targetLevel: true, dueDate: true } }),
    prisma.mentorship.findFirst({
      where: { traineeId },
      orderBy: { createdAt: "desc" },
      select: { mentor: { select: { name: true } } },
    }),
  ]);
  return { goal, mentor: mentorship?.mentor.name ?? null };
}
