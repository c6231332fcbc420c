import { type Role } from "#app/accounts/roles.ts";

export type NavItem = { to: string; labelKey: string; roles?: readonly Role[] };

/** What each role gives a person; items without roles are for everyone signed in. */
export const navItems: NavItem[] = [
  { to: "/", labelKey: "nav.home" },
  { to: "/learn", labelKey: "nav.learn", roles: ["trainee"] },
  { to: "/progress", labelKey: "nav.progress", roles: ["trainee"] },
  { to: "/courses", labelKey: "nav.courses" },
  { to: "/scenarios", labelKey: "nav.scenarios" },
  { to: "/trainees", labelKey: "nav.trainees", roles: ["mentor", "manager"] },
  { to: "/reviews", labelKey: "nav.reviews", roles: ["mentor", "manager"] },
  { to: "/calibration", labelKey: "nav.calibration", roles: ["mentor", "manager"] },
  { to: "/team", labelKey: "nav.team", roles: ["manager"] },
  { to: "/admin/users", labelKey: "nav.admin", roles: ["admin"] },
];

export function navFor(userRoles: readonly Role[]) {
  return navItems.filter((item) => !item.roles || item.roles.some((r) => userRoles.includes(r)));
}
