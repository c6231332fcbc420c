import { prisma } from "#app/utils/db.server.ts";
import { hashPassword } from "./password.server.ts";
import { type Role } from "./roles.ts";

export const USERS_PAGE_SIZE = 25;

export async function listUsers({ q, page }: { q: string; page: number }) {
  const where = q ? { OR: [{ name: { contains: q } }, { email: { contains: q.toLowerCase() } }] } : {};
  const [total, users] = await Promise.all([
    prisma.user.count({ where }),
    prisma.user.findMany({
      where,
      select: {
        id: true,
        name: true,
        email: true,
        active: true,
        locale: true,
        team: { select: { name: true } },
        roles: { select: { role: true } },
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
    }),
  ]);
  return { total, users: users.map((u) => ({ ...u, roles: u.roles.map((r) => r.role) })) };
}

/** The choices the user form offers: teams, and people who can mentor. */
export async function getUserFormOptions() {
  const [teams, mentors] = await Promise.all([
    prisma.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.user.findMany({
      where: { active: true, roles: { some: { role: "mentor" } } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return { teams, mentors };
}

export async function getUserForEdit(id: string) {
  const user = await prisma.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      locale: true,
      startDate: true,
      active: true,
      teamId: true,
      roles: { select: { role: true } },
      mentoredBy: { select: { mentorId: true }, take: 1 },
    },
  });
  if (!user) return null;
  return {
    ...user,
    roles: user.roles.map((r) => r.role),
    mentorId: user.mentoredBy[0]?.mentorId ?? null,
  };
}

export type UserInput = {
  email: string;
  name: string;
  roles: Role[];
  teamId: string | null;
  mentorId: string | null;
  startDate?: string;
  locale: string;
  password?: string;
};

/** Field errors for references that do not exist or clash; empty when the input can be stored. */
export async function checkUserReferences(input: UserInput, editingId?: string) {
  const [emailOwner, team, mentor] = await Promise.all([
    prisma.user.findUnique({ where: { email: input.email }, select: { id: true } }),
    input.teamId ? prisma.team.findUnique({ where: { id: input.teamId }, select: { id: true } }) : null,
    input.mentorId
      ? prisma.user.findFirst({
          where: { id: input.mentorId, active: true, roles: { some: { role: "mentor" } } },
          select: { id: true },
        })
      : null,
  ]);
  const errors: Record<string, string[]> = {};
  if (emailOwner && emailOwner.id !== editingId) errors.email = ["form.emailTaken"];
  if (input.teamId && !team) errors.teamId = ["form.teamUnknown"];
  if (input.mentorId && (!mentor || input.mentorId === editingId)) errors.mentorId = ["form.mentorInvalid"];
  return errors;
}

function userData(input: UserInput) {
  return {
    email: input.email,
    name: input.name,
    teamId: input.teamId,
    locale: input.locale === "auto" ? null : input.locale,
    startDate: input.startDate ? new Date(`${input.startDate}T00:00:00Z`) : null,
  };
}

export async function createUser(input: UserInput) {
  const hash = input.password ? await hashPassword(input.password) : null;
  return prisma.user.create({
    data: {
      ...userData(input),
      roles: { create: input.roles.map((role) => ({ role })) },
      password: hash ? { create: { hash } } : undefined,
      mentoredBy: input.mentorId ? { create: { mentorId: input.mentorId } } : undefined,
    },
    select: { id: true },
  });
}

export async function updateUser(id: string, input: UserInput) {
  const hash = input.password ? await hashPassword(input.password) : null;
  await prisma.$transaction([
    prisma.user.update({ where: { id }, data: userData(input), select: { id: true } }),
    prisma.userRole.deleteMany({ where: { userId: id } }),
    prisma.userRole.createMany({ data: input.roles.map((role) => ({ userId: id, role })) }),
    prisma.mentorship.deleteMany({ where: { traineeId: id } }),
    ...(input.mentorId ? [prisma.mentorship.create({ data: { traineeId: id, mentorId: input.mentorId } })] : []),
    ...(hash
      ? [prisma.password.upsert({ where: { userId: id }, create: { userId: id, hash }, update: { hash } })]
      : []),
  ]);
}

/** Deactivating ends every session at once; the person cannot sign in until reactivated. */
export async function setUserActive(id: string, active: boolean) {
  await prisma.$transaction([
    prisma.user.update({ where: { id }, data: { active }, select: { id: true } }),
    ...(active ? [] : [prisma.session.deleteMany({ where: { userId: id } })]),
  ]);
}

export async function listTeams() {
  const [teams, managers] = await Promise.all([
    prisma.team.findMany({
      select: {
        id: true,
        name: true,
        _count: { select: { members: true } },
        managers: { select: { user: { select: { id: true, name: true } } } },
      },
      orderBy: { name: "asc" },
    }),
    prisma.user.findMany({
      where: { active: true, roles: { some: { role: "manager" } } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
  ]);
  return { teams, managers };
}

export async function teamNameTaken(name: string, exceptId?: string) {
  const team = await prisma.team.findUnique({ where: { name }, select: { id: true } });
  return Boolean(team && team.id !== exceptId);
}

export async function createTeam(name: string) {
  return prisma.team.create({ data: { name }, select: { id: true } });
}

export async function renameTeam(id: string, name: string) {
  await prisma.team.update({ where: { id }, data: { name }, select: { id: true } });
}

export async function teamExists(id: string) {
  return Boolean(await prisma.team.findUnique({ where: { id }, select: { id: true } }));
}

export async function isActiveManager(userId: string) {
  return Boolean(
    await prisma.user.findFirst({
      where: { id: userId, active: true, roles: { some: { role: "manager" } } },
      select: { id: true },
    }),
  );
}

/** A team has at most one manager in this screen; clearing it leaves the team unmanaged. */
export async function setTeamManager(teamId: string, managerId: string | null) {
  await prisma.$transaction([
    prisma.teamManager.deleteMany({ where: { teamId } }),
    ...(managerId ? [prisma.teamManager.create({ data: { teamId, userId: managerId } })] : []),
  ]);
}
