// What an admin does with the outbox: send mails again, with an audit entry.
import { audit, type AuditPerson } from "#app/audit/log.server.ts";
import { retryMails } from "./outbox.server.ts";

export async function retryFromAdmin(target: string[] | "all-failed", admin: AuditPerson, ip: string) {
  const count = await retryMails(target);
  if (count) {
    await audit({
      kind: "outbox.retried",
      actor: admin,
      ip,
      details: { mails: count, ...(target === "all-failed" ? { which: "all failed" } : { ids: target }) },
    });
  }
  return count;
}
