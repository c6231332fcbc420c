// Organisation-wide security settings, changed by an admin at /admin/security.
import { auditQuery, type AuditPerson } from "#app/audit/log.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { type Role } from "./roles.ts";

export type SecuritySettings = {
  /** Admins and managers must sign in with two factors; they are sent to set it up first. */
  requireTwoFactor: boolean;
};

const KEY = "security";
const defaults: SecuritySettings = { requireTwoFactor: false };

export async function getSecuritySettings(): Promise<SecuritySettings> {
  const row = await prisma.setting.findUnique({ where: { key: KEY }, select: { value: true } });
  if (!row) return defaults;
  const stored = JSON.parse(row.value) as Partial<SecuritySettings>;
  return { requireTwoFactor: stored.requireTwoFactor === true };
}

export async function saveSecuritySettings(next: SecuritySettings, admin: AuditPerson, ip: string) {
  const before = await getSecuritySettings();
  const value = JSON.stringify(next);
  await prisma.$transaction([
    prisma.setting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: { value } }),
    auditQuery({
      kind: "settings.changed",
      actor: admin,
      ip,
      details: { requireTwoFactor: [before.requireTwoFactor, next.requireTwoFactor] },
    }),
  ]);
}

/** The roles the two-factor requirement applies to. */
export const TWO_FACTOR_ROLES: readonly Role[] = ["admin", "manager"];

export async function twoFactorRequiredFor(roles: readonly Role[]) {
  if (!roles.some((r) => TWO_FACTOR_ROLES.includes(r))) return false;
  return (await getSecuritySettings()).requireTwoFactor;
}
