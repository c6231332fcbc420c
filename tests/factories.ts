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
