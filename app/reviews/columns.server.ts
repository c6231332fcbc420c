// The JSON columns and statuses of reviews, each read and written through its schema
// (prisma/schema.prisma keeps them as text). The scores are the ladder's (ladder/columns.server.ts).
import { z } from "zod";
import { jsonColumn } from "#app/utils/json-column.ts";
import { type Change } from "./grading.server.ts";
import { decisions } from "./schemas.ts";

/** Review.comments: event seq of a trainee reply → comment. */
export const commentsColumn = jsonColumn(z.record(z.string(), z.string()));

const change: z.ZodType<Change> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("score"), criterion: z.string(), from: z.number().nullable(), to: z.number().nullable() }),
  z.object({ kind: z.literal("decision"), from: z.string().nullable(), to: z.string().nullable() }),
  z.object({ kind: z.literal("feedback") }),
  z.object({ kind: z.literal("comment"), seq: z.string(), change: z.enum(["added", "edited", "removed"]) }),
]);
/** ReviewVersion.changes */
export const changesColumn = jsonColumn(z.array(change));

/** Review.decision and ReviewVersion.decision */
export const decision = z.enum(decisions);
/** Review.status: a draft being written, or the latest submitted version. */
export const reviewState = z.enum(["draft", "submitted"]);
