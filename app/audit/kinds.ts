/** Every kind of audit entry, grouped for the filter on /admin/audit. Labels are i18n keys audit.kinds.<kind>. */
export const auditKindGroups = {
  signIn: ["signin.success", "signin.failure", "signin.throttled", "signin.twoFactorFailure", "signout"],
  account: [
    "password.changed",
    "password.checkFailed",
    "session.ended",
    "session.endedAll",
    "twoFactor.enabled",
    "twoFactor.disabled",
    "twoFactor.recoveryCodesRenewed",
    "password.resetRequested",
    "password.reset",
    "invitation.accepted",
  ],
  admin: [
    "user.created",
    "user.updated",
    "user.passwordSet",
    "user.deactivated",
    "user.reactivated",
    "user.twoFactorReset",
    "users.imported",
    "team.created",
    "team.renamed",
    "team.managerSet",
    "settings.changed",
    "audit.exported",
    "outbox.retried",
    "invitation.resent",
    "setup.completed",
    "setup.adminCreated",
    "certificate.revoked",
  ],
  work: ["assignment.withdrawn"],
} as const;

export type AuditKind = (typeof auditKindGroups)[keyof typeof auditKindGroups][number];

export const auditKinds: readonly AuditKind[] = Object.values(auditKindGroups).flat();

export function isAuditKind(value: unknown): value is AuditKind {
  return typeof value === "string" && (auditKinds as readonly string[]).includes(value);
}
