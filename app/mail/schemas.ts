// The outbox's one form: send a mail again, or every mail that was given up.
import { z } from "zod";

export const OutboxActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry"), mailId: z.string().trim().min(1).max(100) }),
  z.object({ intent: z.literal("retry-failed") }),
]);

export const outboxFilters = ["unsent", "queued", "failed", "sent", "all"] as const;
export const OutboxFilterSchema = z.enum(outboxFilters).catch("unsent");
