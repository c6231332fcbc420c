import { prisma } from "#app/utils/db.server.ts";
import { hasRole, type SessionUser } from "./auth.server.ts";

/** Who the person is, for the home page (and the organisation's counts for an admin); home/ adds their day. */
export async function getHomeOverview(user: SessionUser) {
  const [me, counts] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: user.id },
      select: {
        startDate: true,
        team: { select: { name: true } },
        mentoredBy: { select: { mentor: { select: { name: true, email: true } } } },
      },
    }),
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
    admin: counts && { activeUsers: counts[0], teams: counts[1], inactiveUsers: counts[2] },
  };
}
