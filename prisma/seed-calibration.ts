// The demo's closed calibration session (ADR 035): Marta (Aurora's manager) had Lucía, Olena
// and Rafael grade two submitted attempts blind; Olena grades more leniently than the
// reference, so the results page shows both agreement and who deviates.
import { findScenario } from "#app/content/catalog.server.ts";
import { scoreRows } from "#app/calibration/sessions.server.ts";
import { prisma } from "#app/utils/db.server.ts";

export const DEMO_SESSION_TITLE = "Aurora — November calibration";

/** Offsets from the reference per grader, criterion by criterion (cycled). */
const offsets: Record<string, number[]> = {
  reference: [0],
  mentor: [0, 0, -1, 0],
  mentor3: [0, 1, 0, 0],
  mentor2: [1, 2, 1, 1],
};

export async function seedCalibration(ids: Record<string, string>, teamId: string, now: Date) {
  const lead = ids.manager;
  if (!lead) return 0;
  await prisma.calibrationSession.deleteMany({ where: { leadId: lead, title: DEMO_SESSION_TITLE } });
  const attempts = await prisma.scenarioAttempt.findMany({
    where: { reviewStatus: { in: ["graded", "waiting"] }, finishedAt: { not: null }, user: { teamId } },
    select: { id: true, scenarioId: true },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
  });
  const usable = attempts.filter((a) => findScenario(a.scenarioId)?.variants.en.rubric.length).slice(0, 2);
  if (usable.length < 2) return 0;
  const day = 86_400_000;
  const session = await prisma.calibrationSession.create({
    data: {
      title: DEMO_SESSION_TITLE,
      teamId,
      leadId: lead,
      deadline: new Date(now.getTime() - 10 * day),
      createdAt: new Date(now.getTime() - 20 * day),
      status: "closed",
      closedAt: new Date(now.getTime() - 8 * day),
      note: "We agreed that a level 3 on empathy needs the customer's feeling named in the agent's own words, not only an apology. Olena grades about a level above the group on every criterion: we will pair her with Lucía on the next five reviews.",
      items: { create: usable.map((a, i) => ({ attemptId: a.id, position: i + 1 })) },
      invites: { create: ["mentor", "mentor2", "mentor3"].flatMap((m) => (ids[m] ? [{ mentorId: ids[m] }] : [])) },
    },
    include: { items: true },
  });
  for (const item of session.items) {
    const attempt = usable.find((a) => a.id === item.attemptId);
    const rubric = attempt ? (findScenario(attempt.scenarioId)?.variants.en.rubric ?? []) : [];
    const reference = Object.fromEntries(rubric.map((c, i) => [c.id, 2 + ((i + item.position) % 2)]));
    for (const [who, shifts] of Object.entries(offsets)) {
      const graderId = who === "reference" ? lead : ids[who];
      if (!graderId) continue;
      const kind = who === "reference" ? "reference" : "mentor";
      const scores = Object.fromEntries(
        rubric.map((c, i) => [
          c.id,
          Math.min(4, Math.max(1, (reference[c.id] ?? 2) + (shifts[i % shifts.length] ?? 0))),
        ]),
      );
      const grade = await prisma.calibrationGrade.create({
        data: {
          itemId: item.id,
          graderId,
          kind,
          status: "submitted",
          scores: JSON.stringify(scores),
          decision: Object.values(scores).every((v) => v >= 3) ? "passed" : "retry",
          submittedAt: new Date(now.getTime() - 12 * day),
        },
      });
      await prisma.calibrationScore.createMany({ data: scoreRows({ ...grade, kind }, session.id, scores) });
    }
  }
  return session.items.length;
}
