// Scheduled notices: the mentor's daily digest, the manager's weekly digest and the goal
// reminders (ADR 033). Every server process ticks on NOTICE_SCHEDULE; each tick finds the
// people whose local morning has come (NOTICE_HOUR in their time zone) and who have not had
// this kind of notice for this period yet. A notice is claimed by inserting its
// ScheduledNotice row (kind, person, period: the primary key) in the same transaction that
// writes the in-app notification and queues the mail in the outbox (ADR 025): of several
// servers ticking at once, one insert wins and the others' transactions roll back whole.
import { Cron } from "croner";
import { type Role, isRole } from "#app/accounts/roles.ts";
import { levels } from "#app/content/vocabulary.ts";
import { type RequirementResult } from "#app/ladder/evaluate.server.ts";
import { parseMissing } from "#app/ladder/readiness.server.ts";
import { type MailContent } from "#app/mail/render.server.ts";
import { type NotificationKind } from "#app/notifications/kinds.ts";
import { notify, type Recipient, recipientSelect } from "#app/notifications/notify.server.ts";
import { waitingSummary } from "#app/reviews/reviews.server.ts";
import { getTeamView } from "#app/team/team.server.ts";
import { localDay, localHour, localWeekday, localWeekStart } from "#app/utils/calendar.server.ts";
import { isUniqueViolation, prisma, WRITE_TRANSACTION } from "#app/utils/db.server.ts";
import { type Env, getEnv } from "#app/utils/env.server.ts";
import { toDateInput } from "#app/utils/format.ts";
import { getOrganisation, type Organisation, zoneOf } from "#app/utils/organisation.server.ts";
import {
  type GoalNotice,
  goalNoticeMail,
  type ManagerDigest,
  managerDigestMail,
  type MentorDigest,
  mentorDigestMail,
  type Reader,
} from "./mails.server.ts";

type Client = typeof prisma;
const DAY = 86_400_000;
/** A goal is "due soon" from this many calendar days before its date. */
export const GOAL_SOON_DAYS = 3;
const MONDAY = 1;

/** What one notice says: the in-app notification's data and link, and its mail. */
type Notice = {
  path: string;
  data: Record<string, string | number>;
  mail: (reader: Reader, url: string) => MailContent;
};

/** A notice someone is due: claimed and sent only if nobody has sent it for this period. */
type Due = {
  kind: Exclude<NotificationKind, "review-graded">;
  to: Recipient;
  zone: string;
  period: string;
  /** Gathers what there is to tell; null when nothing (no mail, the claim is still stored). */
  gather: () => Promise<Notice | null>;
};

const rank = (level: string | null) => levels.findIndex((l) => l === level);
const claimKey = (d: { kind: string; userId: string; period: string }) => `${d.kind}|${d.userId}|${d.period}`;

/** The mentor's digest: the queue, and the trainees waiting only for behaviours to be confirmed. */
export async function gatherMentorDigest(
  mentor: { id: string; roles: Role[]; timeZone: string },
  now: Date,
  db: Client = prisma,
): Promise<MentorDigest> {
  const [queue, readiness] = await Promise.all([
    waitingSummary(mentor, now),
    db.readiness.findMany({
      where: { nextLevel: { not: null }, user: { active: true, mentoredBy: { some: { mentorId: mentor.id } } } },
      select: { userId: true, nextLevel: true, missing: true, user: { select: { name: true } } },
      orderBy: { user: { name: "asc" } },
    }),
  ]);
  const onlyBehaviours = (missing: RequirementResult[]) =>
    missing.length > 0 && missing.every((r) => r.kind === "behaviour");
  const signOffs = readiness.flatMap((r) => {
    const missing = parseMissing(r.missing);
    return r.nextLevel && onlyBehaviours(missing)
      ? [{ traineeId: r.userId, name: r.user.name, level: r.nextLevel, behaviours: missing.length }]
      : [];
  });
  return { ...queue, signOffs };
}

/** The manager's week: levels reached, goals overdue or due within 7 days, stalled people, backlog. */
export async function gatherManagerDigest(
  manager: { id: string; timeZone: string },
  week: string,
  now: Date,
  db: Client = prisma,
): Promise<ManagerDigest> {
  const [team, certified, backlog] = await Promise.all([
    getTeamView(manager, {}, "en", now),
    db.certification.findMany({
      where: {
        certifiedAt: { gte: new Date(now.getTime() - 7 * DAY), lt: now },
        user: { active: true, team: { managers: { some: { userId: manager.id } } } },
      },
      select: { stage: true, certifiedAt: true, user: { select: { name: true } } },
      orderBy: [{ certifiedAt: "asc" }, { id: "asc" }],
    }),
    waitingSummary({ id: manager.id, roles: ["manager"], timeZone: manager.timeZone }, now),
  ]);
  const weekAhead = new Date(now.getTime() + 7 * DAY);
  return {
    week,
    stalledDays: team.stalledDays,
    levelsReached: certified.map((c) => ({ name: c.user.name, stage: c.stage, at: c.certifiedAt })),
    stalled: team.rows.filter((r) => r.stalled).map((r) => ({ name: r.name, lastActivity: r.lastActivity })),
    goals: team.rows
      .flatMap((r) =>
        r.goal && rank(r.currentLevel) < rank(r.goal.targetLevel) && r.goal.dueDate < weekAhead
          ? [{ name: r.name, level: r.goal.targetLevel, due: r.goal.dueDate, overdue: r.goal.dueDate < now }]
          : [],
      )
      .sort((a, b) => a.due.getTime() - b.due.getTime()),
    backlog: { waiting: backlog.waiting, overdue: backlog.overdue },
  };
}

type Person = Recipient & { roles: Array<{ role: string }> };

/** Mentors and managers whose digest is due now: their morning has come, once a day or on Monday. */
async function digestsDue(db: Client, now: Date, organisation: Organisation, hour: number): Promise<Due[]> {
  const people: Person[] = await db.user.findMany({
    where: { active: true, roles: { some: { role: { in: ["mentor", "manager"] } } } },
    select: { ...recipientSelect, roles: { select: { role: true } } },
  });
  return people.flatMap(({ roles: rows, ...to }) => {
    const zone = zoneOf(to, organisation);
    if (localHour(now, zone) < hour) return [];
    const roles = rows.map((r) => r.role).filter(isRole);
    const due: Due[] = [];
    if (roles.includes("mentor"))
      due.push({
        kind: "mentor-digest",
        to,
        zone,
        period: localDay(now, zone),
        gather: async () => {
          const digest = await gatherMentorDigest({ id: to.id, roles, timeZone: zone }, now, db);
          if (!digest.waiting && !digest.signOffs.length) return null;
          return {
            path: "/reviews",
            data: { waiting: digest.waiting, overdue: digest.overdue, signOffs: digest.signOffs.length },
            mail: (reader, url) => mentorDigestMail(reader, url, hour, digest),
          };
        },
      });
    if (roles.includes("manager") && localWeekday(now, zone) === MONDAY) {
      const week = localWeekStart(now, zone);
      due.push({
        kind: "manager-digest",
        to,
        zone,
        period: week,
        gather: async () => {
          const digest = await gatherManagerDigest({ id: to.id, timeZone: zone }, week, now, db);
          const told =
            digest.levelsReached.length + digest.stalled.length + digest.goals.length + digest.backlog.waiting;
          if (!told) return null;
          return {
            path: "/team",
            data: {
              levels: digest.levelsReached.length,
              stalled: digest.stalled.length,
              goals: digest.goals.length,
              waiting: digest.backlog.waiting,
            },
            mail: (reader, url) => managerDigestMail(reader, url, hour, digest),
          };
        },
      });
    }
    return due;
  });
}

/**
 * Goals not yet reached that fall due within GOAL_SOON_DAYS, or are overdue: a reminder to the
 * trainee and to each of their mentors, once for "soon" and once for "overdue" per due date.
 * The due date is a calendar date; "today" is each reader's own.
 */
async function goalNoticesDue(db: Client, now: Date, organisation: Organisation, hour: number): Promise<Due[]> {
  const goals = await db.goal.findMany({
    where: { dueDate: { lt: new Date(now.getTime() + (GOAL_SOON_DAYS + 2) * DAY) }, user: { active: true } },
    select: {
      targetLevel: true,
      dueDate: true,
      user: {
        select: {
          ...recipientSelect,
          readiness: { select: { currentLevel: true } },
          mentoredBy: { where: { mentor: { active: true } }, select: { mentor: { select: recipientSelect } } },
        },
      },
    },
  });
  return goals.flatMap(({ targetLevel, dueDate, user: { readiness, mentoredBy, ...trainee } }) => {
    if (rank(readiness?.currentLevel ?? null) >= rank(targetLevel)) return [];
    const dueDay = toDateInput(dueDate);
    const readers = [
      { to: trainee, about: "self" as const },
      ...mentoredBy.map((m) => ({ to: m.mentor, about: "mentee" as const })),
    ];
    return readers.flatMap(({ to, about }): Due[] => {
      const zone = zoneOf(to, organisation);
      if (localHour(now, zone) < hour) return [];
      const daysLeft = Math.round((Date.parse(dueDay) - Date.parse(localDay(now, zone))) / DAY);
      const state = daysLeft < 0 ? "overdue" : daysLeft <= GOAL_SOON_DAYS ? "soon" : null;
      if (!state) return [];
      const notice: GoalNotice = { state, about, name: trainee.name, level: targetLevel, due: dueDate };
      return [
        {
          kind: "goal-due",
          to,
          zone,
          period: about === "self" ? `${dueDay}/${state}` : `${trainee.id}/${dueDay}/${state}`,
          gather: async () => ({
            path: about === "self" ? "/progress" : `/trainees/${trainee.id}`,
            data: { name: trainee.name, level: targetLevel, due: dueDay, state: `${about}-${state}` },
            mail: (reader, url) => goalNoticeMail(reader, url, hour, notice),
          }),
        },
      ];
    });
  });
}

export type TickOutcome = { sent: number; quiet: number; lost: number; failed: number };

/**
 * One tick: every notice due now and not yet claimed is gathered, then claimed and written
 * in one transaction. `lost` counts claims another server took first; `quiet` claims with
 * nothing to tell (no notification, no mail). Safe in any number of processes at once.
 */
export async function sendDueNotices({ now = new Date(), db = prisma }: { now?: Date; db?: Client } = {}) {
  const hour = getEnv().NOTICE_HOUR;
  const organisation = await getOrganisation();
  const due = [
    ...(await digestsDue(db, now, organisation, hour)),
    ...(await goalNoticesDue(db, now, organisation, hour)),
  ];
  const outcome: TickOutcome = { sent: 0, quiet: 0, lost: 0, failed: 0 };
  if (!due.length) return outcome;
  // Claims of these periods only: at most one row per person and kind, whatever the history.
  const claimed = await db.scheduledNotice.findMany({
    where: { period: { in: [...new Set(due.map((d) => d.period))] } },
    select: { kind: true, userId: true, period: true },
  });
  const taken = new Set(claimed.map(claimKey));
  for (const item of due) {
    const key = { kind: item.kind, userId: item.to.id, period: item.period };
    if (taken.has(claimKey(key))) continue;
    try {
      const notice = await item.gather();
      await db.$transaction(async (tx) => {
        await tx.scheduledNotice.create({ data: { ...key, sent: notice !== null }, select: { kind: true } });
        if (!notice) return;
        await notify(tx, {
          to: item.to,
          kind: item.kind,
          data: notice.data,
          path: notice.path,
          mail: (reader, url) => notice.mail({ ...reader, name: item.to.name }, url),
        });
      }, WRITE_TRANSACTION);
      if (notice) outcome.sent++;
      else outcome.quiet++;
    } catch (error) {
      if (isUniqueViolation(error)) {
        outcome.lost++;
        continue;
      }
      // One person's notice failing must not hold back everyone else's; the next tick retries it.
      outcome.failed++;
      console.warn(
        `notices: ${item.kind} for ${item.to.id} (${item.period}) failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return outcome;
}

const holder = globalThis as unknown as { rapportNotices?: Cron };

/**
 * Schedules the ticks in this process, once (dev reloads re-import this module); none when
 * NOTICES_ENABLED=false or under test. `protect` skips a tick while the last one still runs.
 */
export function startNoticeScheduler(env: Pick<Env, "NOTICES_ENABLED" | "NODE_ENV" | "NOTICE_SCHEDULE"> = getEnv()) {
  if (!env.NOTICES_ENABLED || env.NODE_ENV === "test") return null;
  return (holder.rapportNotices ??= new Cron(env.NOTICE_SCHEDULE, { unref: true, protect: true }, async () => {
    try {
      const outcome = await sendDueNotices();
      if (outcome.sent || outcome.failed)
        console.log(`notices: ${outcome.sent} sent, ${outcome.quiet} with nothing to tell, ${outcome.failed} failed`);
    } catch (error) {
      console.warn(`notices: ${error instanceof Error ? error.message : String(error)}`);
    }
  }));
}
