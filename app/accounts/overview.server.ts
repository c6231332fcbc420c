import { prisma } from "#app/utils/db.server.ts";
import { hasRole, type SessionUser } from "./auth.server.ts";

/** What the home page shows each person, by role: one query per block, only what is shown. */
export async function getHomeOverview(user: SessionUser) {
  const [me, mentees, managedTeams, counts] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: {
        startDate: true,
        team: { select: { name: true } },
        mentoredBy: { select: { mentor: { select: { name: true, email: true } } } },
      },
    }),
    hasRole(user, "mentor")
      ? prisma.user.findMany({
          where: { mentoredBy: { some: { mentorId: user.id } }, active: true },
          select: { id: true, name: true, startDate: true, team: { select: { name: true } } },
          orderBy: { name: "asc" },
        })
      : null,
    hasRole(user, "manager")
      ? prisma.team.findMany({
          where: { managers: { some: { userId: user.id } } },
          select: {
            id: true,
            name: true,
            members: {
              where: { active: true },
              select: { id: true, name: true, startDate: true },
              orderBy: { name: "asc" },
            },
          },
          orderBy: { name: "asc" },
        })
      : null,
    hasRole(user, "admin")
      ? Promise.all([
          prisma.user.count({ where: { active: true } }),
          prisma.team.count(),
          prisma.user.count({ where: { active: false } }),
        ])
      : null,
  ]);
  return {
    startDate: me.startDate,
    team: me.team?.name ?? null,
    mentors: me.mentoredBy.map((m) => m.mentor),
    mentees,
    managedTeams,
    admin: counts && { activeUsers: counts[0], teams: counts[1], inactiveUsers: counts[2] },
  };
}
