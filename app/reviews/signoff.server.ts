// Level sign-off: a mentor confirms, or withdraws, each behaviour a ladder level asks for.
// Every confirmation and withdrawal is an event; the latest one per behaviour is the state.
import { type SessionUser } from "#app/accounts/auth.server.ts";
import { getLadder } from "#app/content/catalog.server.ts";
import { refreshReadiness } from "#app/ladder/readiness.server.ts";
import { z } from "zod";
import { isUniqueViolation, prisma } from "#app/utils/db.server.ts";
import { canReview } from "./access.server.ts";

import { MAX_SIGNOFF_NOTE } from "./limits.ts";

/** SignOffEvent.action (text in the database): a mentor confirms a behaviour, or withdraws it. */
const signOffAction = z.enum(["confirm", "withdraw"]);

export class SignOffError extends Error {
  constructor(
    readonly code:
      | "notYours"
      | "unknownLevel"
      | "unknownBehaviour"
      | "noteRequired"
      | "noteTooLong"
      | "alreadyConfirmed"
      | "notConfirmed"
      | "unknownAction",
    readonly status: 400 | 403 | 409,
  ) {
    super(code);
  }
}

export type SignOffState = { confirmed: boolean; by: string; at: Date; note: string };

/** The current state of every behaviour, keyed "level/behaviour", plus the full history. */
export async function getSignOffs(traineeId: string) {
  const events = await prisma.signOffEvent.findMany({
    where: { traineeId },
    orderBy: [{ at: "asc" }, { seq: "asc" }],
    select: { level: true, behaviourId: true, action: true, note: true, at: true, mentor: { select: { name: true } } },
  });
  const state: Record<string, SignOffState> = {};
  for (const e of events)
    state[`${e.level}/${e.behaviourId}`] = {
      confirmed: signOffAction.parse(e.action) === "confirm",
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
  if (!(await canReview(user, input.traineeId))) throw new SignOffError("notYours", 403);
  const action = signOffAction.safeParse(input.action);
  if (!action.success) throw new SignOffError("unknownAction", 400);
  const level = getLadder().levels.find((l) => l.id === input.level);
  if (!level) throw new SignOffError("unknownLevel", 400);
  if (!level.behaviours.some((b) => b.id === input.behaviourId)) throw new SignOffError("unknownBehaviour", 400);
  const note = input.note.replace(/\r\n?/g, "\n").trim();
  if (!note) throw new SignOffError("noteRequired", 400);
  if (note.length > MAX_SIGNOFF_NOTE) throw new SignOffError("noteTooLong", 400);
  // The next event takes the next number; the database refuses a number taken twice, so of
  // two mentors confirming at once (on one server or two) one is stored and the other, on
  // its second look, is told it is already confirmed (ADR 017).
  for (let tries = 1; ; tries++) {
    const behaviour = { traineeId: input.traineeId, level: input.level, behaviourId: input.behaviourId };
    const last = await prisma.signOffEvent.findFirst({
      where: behaviour,
      orderBy: { seq: "desc" },
      select: { action: true, seq: true },
    });
    const confirmed = last?.action === "confirm";
    if (action.data === "confirm" && confirmed) throw new SignOffError("alreadyConfirmed", 409);
    if (action.data === "withdraw" && !confirmed) throw new SignOffError("notConfirmed", 409);
    try {
      await prisma.signOffEvent.create({
        data: { ...behaviour, seq: (last?.seq ?? 0) + 1, action: action.data, note, mentorId: user.id },
      });
      break;
    } catch (error) {
      if (!isUniqueViolation(error) || tries >= 3) throw error;
    }
  }
  // A withdrawal changes what is met too (a recorded certification stands).
  await refreshReadiness([input.traineeId]);
}
