import { prisma } from "#app/utils/db.server.ts";
import { hashPassword, verifyPassword } from "./password.server.ts";

export async function updateProfile(userId: string, data: { name: string; locale: string | null }) {
  await prisma.user.update({ where: { id: userId }, data, select: { id: true } });
}

/** false when the current password is wrong; nothing changes then. */
export async function changePassword(userId: string, currentPassword: string, newPassword: string) {
  const stored = await prisma.password.findUnique({ where: { userId }, select: { hash: true } });
  if (!stored || !(await verifyPassword(currentPassword, stored.hash))) return false;
  await prisma.password.update({ where: { userId }, data: { hash: await hashPassword(newPassword) } });
  return true;
}
