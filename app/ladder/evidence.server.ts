// How the ladder hears about what people do, in one place (ADR 016). A write that changes
// someone's evidence (a lesson done or undone, a quiz submitted, a grade submitted, a
// behaviour confirmed or withdrawn) calls evidenceChanged inside its own transaction; what
// only shows that someone was active (a lesson opened, a quiz or scenario started, a turn
// played) calls touchActivity there. A write and its readiness row commit together or not
// at all.
import { type Db } from "#app/utils/db.server.ts";
import { DomainError } from "#app/utils/errors.ts";
import { refreshWithin } from "./readiness.server.ts";

/**
 * Re-evaluates the person inside the caller's transaction: new certifications and the
 * readiness row are stored with the write that caused them. If the evaluation fails, the
 * caller's transaction rolls back and the person is told nothing was saved (503: try again).
 */
export async function evidenceChanged(tx: Db, userId: string) {
  try {
    await refreshWithin(tx, [userId]);
  } catch (error) {
    console.error(`the ladder could not re-evaluate ${userId}; the write is rolled back`, error);
    throw new DomainError("notSaved", 503, "errors.notSaved");
  }
}

/** Moves a person's last activity forward (it never goes back); one UPDATE, no evaluation. */
export async function touchActivity(db: Db, userId: string, at = new Date()) {
  await db.readiness.updateMany({
    where: { userId, OR: [{ lastActivityAt: null }, { lastActivityAt: { lt: at } }] },
    data: { lastActivityAt: at },
  });
}
