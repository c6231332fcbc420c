import { auditQuery, type AuditPerson, changes } from "#app/audit/log.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { hashPassword, isCommonPassword } from "./password.server.ts";
import { type Role } from "./roles.ts";

/** The admin making a change, and from where: every change here leaves an audit entry. */
export type AdminActor = AuditPerson & { ip: string; sessionId?: string };

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
      team: { select: { name: true } },
      roles: { select: { role: true } },
      mentoredBy: { select: { mentorId: true, mentor: { select: { name: true } } }, take: 1 },
      twoFactor: { select: { enabledAt: true } },
    },
  });
  if (!user) return null;
  const { mentoredBy, team, twoFactor, ...rest } = user;
  return {
    ...rest,
    roles: user.roles.map((r) => r.role),
    mentorId: mentoredBy[0]?.mentorId ?? null,
    teamName: team?.name ?? null,
    mentorName: mentoredBy[0]?.mentor.name ?? null,
    twoFactor: Boolean(twoFactor?.enabledAt),
  };
}

type EditedUser = NonNullable<Awaited<ReturnType<typeof getUserForEdit>>>;

/** What the audit log keeps of a person: readable names, not only ids. */
function auditSnapshot(
  user: Pick<EditedUser, "email" | "name" | "roles" | "teamName" | "mentorName" | "locale" | "startDate">,
) {
  return {
    email: user.email,
    name: user.name,
    roles: [...user.roles].sort().join(", "),
    team: user.teamName,
    mentor: user.mentorName,
    locale: user.locale,
    startDate: user.startDate ? user.startDate.toISOString().slice(0, 10) : null,
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
  if (input.password && isCommonPassword(input.password)) errors.password = ["form.passwordCommon"];
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

export async function createUser(input: UserInput, admin: AdminActor) {
  const hash = input.password ? await hashPassword(input.password) : null;
  const user = await prisma.user.create({
    data: {
      ...userData(input),
      roles: { create: input.roles.map((role) => ({ role })) },
      password: hash ? { create: { hash } } : undefined,
      mentoredBy: input.mentorId ? { create: { mentorId: input.mentorId } } : undefined,
    },
    select: { id: true },
  });
  const created = await getUserForEdit(user.id);
  if (created) {
    await auditQuery({
      kind: "user.created",
      actor: admin,
      target: { id: user.id, label: created.email },
      ip: admin.ip,
      details: { ...auditSnapshot(created), passwordSet: Boolean(hash) },
    });
  }
  return user;
}

/**
 * Saves the admin's form. A new password ends every session of the person (except the admin's
 * own, when they edit themselves), so whoever had their account is out.
 */
export async function updateUser(id: string, input: UserInput, admin: AdminActor) {
  const [before, team, mentor] = await Promise.all([
    getUserForEdit(id),
    input.teamId ? prisma.team.findUnique({ where: { id: input.teamId }, select: { name: true } }) : null,
    input.mentorId ? prisma.user.findUnique({ where: { id: input.mentorId }, select: { name: true } }) : null,
  ]);
  if (!before) return;
  const data = userData(input);
  const after = { ...data, roles: input.roles, teamName: team?.name ?? null, mentorName: mentor?.name ?? null };
  const diff = changes(auditSnapshot(before), auditSnapshot(after));
  const target = { id, label: input.email };
  const hash = input.password ? await hashPassword(input.password) : null;
  await prisma.$transaction([
    prisma.user.update({ where: { id }, data, select: { id: true } }),
    prisma.userRole.deleteMany({ where: { userId: id } }),
    prisma.userRole.createMany({ data: input.roles.map((role) => ({ userId: id, role })) }),
    prisma.mentorship.deleteMany({ where: { traineeId: id } }),
    ...(input.mentorId ? [prisma.mentorship.create({ data: { traineeId: id, mentorId: input.mentorId } })] : []),
    ...(Object.keys(diff).length
      ? [auditQuery({ kind: "user.updated", actor: admin, target, ip: admin.ip, details: diff })]
      : []),
    ...(hash
      ? [
          prisma.password.upsert({ where: { userId: id }, create: { userId: id, hash }, update: { hash } }),
          prisma.session.deleteMany({
            where: { userId: id, ...(admin.sessionId ? { id: { not: admin.sessionId } } : {}) },
          }),
          auditQuery({ kind: "user.passwordSet", actor: admin, target, ip: admin.ip }),
        ]
      : []),
  ]);
}

/** Deactivating ends every session at once; the person cannot sign in until reactivated. */
export async function setUserActive(id: string, active: boolean, admin: AdminActor) {
  const user = await prisma.user.findUnique({ where: { id }, select: { email: true } });
  if (!user) return;
  await prisma.$transaction([
    prisma.user.update({ where: { id }, data: { active }, select: { id: true } }),
    ...(active ? [] : [prisma.session.deleteMany({ where: { userId: id } })]),
    auditQuery({
      kind: active ? "user.reactivated" : "user.deactivated",
      actor: admin,
      target: { id, label: user.email },
      ip: admin.ip,
    }),
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

export async function createTeam(name: string, admin: AdminActor) {
  const team = await prisma.team.create({ data: { name }, select: { id: true } });
  await auditQuery({ kind: "team.created", actor: admin, target: { id: team.id, label: name }, ip: admin.ip });
  return team;
}

export async function renameTeam(id: string, name: string, admin: AdminActor) {
  const before = await prisma.team.findUnique({ where: { id }, select: { name: true } });
  await prisma.$transaction([
    prisma.team.update({ where: { id }, data: { name }, select: { id: true } }),
    auditQuery({
      kind: "team.renamed",
      actor: admin,
      target: { id, label: name },
      ip: admin.ip,
      details: { name: [before?.name ?? null, name] },
    }),
  ]);
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
export async function setTeamManager(teamId: string, managerId: string | null, admin: AdminActor) {
  const [team, manager] = await Promise.all([
    prisma.team.findUnique({
      where: { id: teamId },
      select: { name: true, managers: { select: { user: { select: { email: true } } } } },
    }),
    managerId ? prisma.user.findUnique({ where: { id: managerId }, select: { email: true } }) : null,
  ]);
  const before = team?.managers.map((m) => m.user.email).join(", ") || null;
  await prisma.$transaction([
    prisma.teamManager.deleteMany({ where: { teamId } }),
    ...(managerId ? [prisma.teamManager.create({ data: { teamId, userId: managerId } })] : []),
    auditQuery({
      kind: "team.managerSet",
      actor: admin,
      target: { id: teamId, label: team?.name ?? teamId },
      ip: admin.ip,
      details: { manager: [before, manager?.email ?? null] },
    }),
  ]);
}
