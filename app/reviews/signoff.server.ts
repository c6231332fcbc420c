// Level sign-off: a mentor confirms, or withdraws, each behaviour a ladder level asks for.
// Every confirmation and withdrawal is an event; the latest one per behaviour is the state.
import { type SessionUser } from "#app/accounts/auth.server.ts";
import { getLadder } from "#app/content/catalog.server.ts";
import { evidenceChanged } from "#app/ladder/evidence.server.ts";
import { z } from "zod";
import { prisma, WRITE_TRANSACTION } from "#app/utils/db.server.ts";
import { DomainError, parseInput } from "#app/utils/errors.ts";
import { canReview } from "./access.server.ts";
import { SignOffActionSchema, SignOffNoteSchema } from "./schemas.ts";

const refuse = (
  code: "notYours" | "unknownLevel" | "unknownBehaviour" | "alreadyConfirmed" | "notConfirmed",
  status: 400 | 403 | 409,
) => new DomainError(code, status, `trainee.errors.${code}`);

/** What a mentor writes besides the behaviour: the same rules as the form's. */
const SignOffInput = z.object({ action: SignOffActionSchema, note: SignOffNoteSchema });

export type SignOffState = { confirmed: boolean; by: string; at: Date; note: string };

/** The current state of every behaviour, keyed "level/behaviour", plus the full history. */
export async function getSignOffs(traineeId: string) {
  const events = await prisma.signOffEvent.findMany({
    where: { traineeId },
    orderBy: { at: "asc" },
    select: { level: true, behaviourId: true, action: true, note: true, at: true, mentor: { select: { name: true } } },
  });
  const state: Record<string, SignOffState> = {};
  for (const e of events)
    state[`${e.level}/${e.behaviourId}`] = {
      // SignOffEvent.action is text in the database: read it as the form's own union.
      confirmed: SignOffActionSchema.parse(e.action) === "confirm",
      by: e.mentor.name,
      at: e.at,
      note: e.note,
    };
  return { state, history: events.map((e) => ({ ...e, mentor: e.mentor.name })).reverse() };
}

export async function recordSignOff(
  user: Pick<SessionUser, "id" | "roles">,
  input: { traineeId: string; level: string; behaviourId: string; action: string; note: string },
) {
  if (!(await canReview(user, input.traineeId))) throw refuse("notYours", 403);
  const { action, note } = parseInput(SignOffInput, input);
  const level = getLadder().levels.find((l) => l.id === input.level);
  if (!level) throw refuse("unknownLevel", 400);
  if (!level.behaviours.some((b) => b.id === input.behaviourId)) throw refuse("unknownBehaviour", 400);
  await prisma.$transaction(async (tx) => {
    const last = await tx.signOffEvent.findFirst({
      where: { traineeId: input.traineeId, level: input.level, behaviourId: input.behaviourId },
      orderBy: { at: "desc" },
      select: { action: true },
    });
    const confirmed = last?.action === "confirm";
    if (action === "confirm" && confirmed) throw refuse("alreadyConfirmed", 409);
    if (action === "withdraw" && !confirmed) throw refuse("notConfirmed", 409);
    await tx.signOffEvent.create({
      data: {
        traineeId: input.traineeId,
        level: input.level,
        behaviourId: input.behaviourId,
        action,
        note,
        mentorId: user.id,
      },
    });
    // A withdrawal changes what is met too (a recorded certification stands).
    await evidenceChanged(tx, input.traineeId);
  }, WRITE_TRANSACTION);
}
