import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { type Role } from "#app/accounts/roles.ts";
import { type ScenarioBundle } from "#app/content/catalog.server.ts";
import { createSmtpSender, deliverDue } from "#app/mail/worker.server.ts";
import { claimForGrading, saveGrade } from "#app/reviews/reviews.server.ts";
import { finishAttempt, recordAction, recordReply, startAttempt } from "#app/scenarios/attempts.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import { linkIn, type MailServer, startMailServer } from "#tests/mail-server.ts";
import { root } from "#tests/setup/paths.ts";
import { emailWanted } from "./kinds.ts";
import { listNotifications, markRead, setEmailChoices, unreadCount } from "./notify.server.ts";

let bundle: ScenarioBundle;
let smtp: MailServer;
beforeAll(async () => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
  const { findScenario } = await import("#app/content/catalog.server.ts");
  const found = findScenario("fixture-chat");
  if (!found) throw new Error("fixture scenario missing");
  bundle = found;
  smtp = await startMailServer();
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(async () => {
  smtp.received.length = 0;
  await prisma.outboxMail.deleteMany();
});

async function person(roles: Role[]) {
  const user = await createUser({ roles });
  return { ...user, roles, timeZone: "UTC" };
}

/** A trainee (in `locale`) whose finished attempt their mentor grades with `decision`. */
async function graded(decision: "passed" | "retry", locale = "en") {
  const trainee = await person(["trainee"]);
  await prisma.user.update({ where: { id: trainee.id }, data: { locale } });
  const mentor = await person(["mentor"]);
  await prisma.mentorship.create({ data: { mentorId: mentor.id, traineeId: trainee.id } });
  const attemptId = await startAttempt(trainee.id, bundle, "en", "normal");
  await recordReply(trainee.id, bundle, attemptId, { conversation: "main", step: "opening" }, { optionId: "a" });
  // The fixture's good path in scenario format v2: the help desk's work, then the reply.
  const checking = { conversation: "main", step: "checking" };
  await recordAction(trainee.id, bundle, attemptId, checking, { type: "set-priority", value: "high" });
  await recordAction(trainee.id, bundle, attemptId, checking, { type: "link-article", value: "late-orders" });
  await recordAction(trainee.id, bundle, attemptId, checking, {
    type: "escalate",
    value: "logistics",
    note: "CS-1 late 9 days; reship today, customer told tracking within 24 h.",
  });
  await recordReply(trainee.id, bundle, attemptId, checking, {
    text: "Hi Ana, I'm sorry your parcel is late. I have asked Logistics to reship it today and you will get a tracking link by email within 24 hours.",
  });
  await finishAttempt(trainee.id, bundle, attemptId);
  return {
    trainee,
    mentor,
    attemptId,
    grade: async () => {
      await claimForGrading(mentor, attemptId);
      await saveGrade(
        mentor,
        attemptId,
        { scores: { empathy: 3, "next-step": 2, tools: 3 }, comments: {}, feedback: "Say when it arrives.", decision },
        "submit",
        0,
      );
    },
  };
}

describe("notifications", () => {
  test("a graded attempt: an unread notification for the trainee, and a mail in their language linking to it", async () => {
    const { trainee, mentor, attemptId, grade } = await graded("retry", "es");
    await grade();
    expect(await unreadCount(trainee.id)).toBe(1);
    expect(await unreadCount(mentor.id)).toBe(0);
    const [note] = await listNotifications(trainee.id, "en");
    expect(note).toMatchObject({
      kind: "review-graded",
      readAt: null,
      data: { decision: "retry", reviewer: mentor.name, path: `/scenarios/fixture-chat/attempts/${attemptId}` },
    });
    expect(note?.data.scenario).toBe(bundle.variants.en?.title);

    expect(await deliverDue({ send: createSmtpSender(smtp.url) })).toEqual({ sent: 1, failed: 0 });
    const [mail] = smtp.to(trainee.email);
    expect(mail?.html).toContain('lang="es"');
    expect(linkIn(mail!, "/attempts/")).toMatch(new RegExp(`/scenarios/fixture-chat/attempts/${attemptId}$`));

    // Only the person's own notifications can be marked read.
    expect(await markRead(mentor.id, note!.id)).toBe(0);
    expect(await markRead(trainee.id, note!.id)).toBe(1);
    expect(await unreadCount(trainee.id)).toBe(0);
  });

  test("a kind turned off on the profile is not mailed, but still listed", async () => {
    const { trainee, grade } = await graded("passed");
    await setEmailChoices(trainee.id, ["review-graded"]);
    await grade();
    expect(await unreadCount(trainee.id)).toBe(1);
    expect(await deliverDue({ send: createSmtpSender(smtp.url) })).toEqual({ sent: 0, failed: 0 });
    expect(smtp.to(trainee.email)).toHaveLength(0);
  });

  test("stored choices that are not JSON, or unknown, leave email on", () => {
    expect(emailWanted("{}", "goal-due")).toBe(true);
    expect(emailWanted('{"goal-due":false}', "goal-due")).toBe(false);
    expect(emailWanted('{"goal-due":false}', "review-graded")).toBe(true);
    expect(emailWanted("not json", "goal-due")).toBe(true);
    expect(emailWanted("null", "goal-due")).toBe(true);
  });
});
