import { hashPassword } from "#app/accounts/password.server.ts";
import { type Role } from "#app/accounts/roles.ts";
import { prisma } from "#app/utils/db.server.ts";

let counter = 0;

export async function createUser({
  roles = ["trainee"],
  password = "correct horse battery",
  active = true,
  teamId = null,
  name,
}: { roles?: Role[]; password?: string | null; active?: boolean; teamId?: string | null; name?: string } = {}) {
  counter++;
  const email = `person${counter}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const user = await prisma.user.create({
    data: {
      email,
      name: name ?? `Person ${counter}`,
      active,
      teamId,
      roles: { create: roles.map((role) => ({ role })) },
      password: password ? { create: { hash: await hashPassword(password) } } : undefined,
    },
    select: { id: true, email: true, name: true },
  });
  return { ...user, password };
}

export async function createTeam(name = `Team ${++counter}`) {
  return prisma.team.create({ data: { name }, select: { id: true, name: true } });
}

/**
 * A manager of `people` trainees in `teams` teams, each trainee with a mentor (one per 25) and
 * one attempt waiting for review: for pages whose size grows with the organisation. Written
 * with a few bulk inserts, so 5,000 people take seconds.
 */
export async function createOrganisation({ people, teams = 10 }: { people: number; teams?: number }) {
  const run = `${++counter}${Math.random().toString(36).slice(2, 7)}`;
  const manager = await createUser({ roles: ["manager", "mentor"], name: `Manager ${run}` });
  const teamIds = Array.from({ length: teams }, (_, t) => `team${run}x${t}`);
  await prisma.team.createMany({ data: teamIds.map((id, t) => ({ id, name: `Team ${run}-${t}` })) });
  await prisma.teamManager.createMany({ data: teamIds.map((teamId) => ({ teamId, userId: manager.id })) });
  const mentorIds = Array.from({ length: Math.ceil(people / 25) }, (_, m) => `mentor${run}x${m}`);
  await prisma.user.createMany({
    data: mentorIds.map((id, m) => ({ id, email: `${id}@example.test`, name: `Mentor ${run}-${m}` })),
  });
  await prisma.userRole.createMany({ data: mentorIds.map((userId) => ({ userId, role: "mentor" })) });
  const traineeIds = Array.from({ length: people }, (_, p) => `trainee${run}x${p}`);
  await prisma.user.createMany({
    data: traineeIds.map((id, p) => ({
      id,
      email: `${id}@example.test`,
      name: `Trainee ${run}-${String(p).padStart(5, "0")}`,
      teamId: teamIds[p % teams],
      startDate: new Date(Date.UTC(2026, 0, 1 + (p % 300))),
    })),
  });
  await prisma.userRole.createMany({ data: traineeIds.map((userId) => ({ userId, role: "trainee" })) });
  await prisma.mentorship.createMany({
    data: traineeIds.map((traineeId, p) => ({ traineeId, mentorId: mentorIds[Math.floor(p / 25)] ?? manager.id })),
  });
  // The manager mentors some people too, as a team lead does.
  await prisma.mentorship.createMany({
    data: traineeIds.slice(0, 30).map((traineeId) => ({ traineeId, mentorId: manager.id })),
  });
  const submittedAt = new Date(Date.UTC(2026, 10, 2, 10));
  await prisma.scenarioAttempt.createMany({
    data: traineeIds.map((userId, p) => ({
      id: `attempt${run}x${p}`,
      userId,
      scenarioId: "double-charge-chat",
      locale: "en",
      stepId: "end",
      state: "{}",
      startedAt: submittedAt,
      finishedAt: submittedAt,
      submittedAt: new Date(submittedAt.getTime() + p * 1000),
      reviewStatus: "waiting",
    })),
  });
  return { manager, teamIds, mentorIds, traineeIds };
}
