// The scheduled mails (digests and goal reminders), in the reader's language, with every
// date in their time zone. Each builder takes the facts gathered by digests.server.ts.
import { stageTitle } from "#app/ladder/describe.server.ts";
import { type MailContent } from "#app/mail/render.server.ts";
import { formatCalendarDate, formatDate, formatDateTime } from "#app/utils/format.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { getFixedT } from "#app/utils/locale.server.ts";

export type Reader = { locale: Locale; timeZone: string; name: string };

/** Longer lists are cut here, with a line that says how many more there are. */
export const LIST_LIMIT = 10;

export type MentorDigest = {
  waiting: number;
  overdue: number;
  oldest: Date | null;
  /** Trainees who met everything for their next level but behaviours a mentor confirms. */
  signOffs: Array<{ traineeId: string; name: string; level: string; behaviours: number }>;
};

export type ManagerDigest = {
  /** The Monday the digest is for (YYYY-MM-DD, the reader's calendar). */
  week: string;
  stalledDays: number;
  levelsReached: Array<{ name: string; stage: string; at: Date }>;
  stalled: Array<{ name: string; lastActivity: Date | null }>;
  goals: Array<{ name: string; level: string; due: Date; overdue: boolean }>;
  backlog: { waiting: number; overdue: number };
};

export type GoalNotice = {
  state: "soon" | "overdue";
  /** The trainee themself, or their mentor. */
  about: "self" | "mentee";
  name: string;
  level: string;
  due: Date;
};

const footer = (t: ReturnType<typeof getFixedT>, reader: Reader, hour: number) => [
  t("notices.sentAt", { hour: `${String(hour).padStart(2, "0")}:00`, zone: reader.timeZone }),
  t("mail.notificationFooter"),
];

/** The first LIST_LIMIT lines, and a last one that counts the rest. */
function capped(t: ReturnType<typeof getFixedT>, lines: string[]) {
  if (lines.length <= LIST_LIMIT) return lines;
  return [...lines.slice(0, LIST_LIMIT), t("notices.more", { count: lines.length - LIST_LIMIT })];
}

export function mentorDigestMail(reader: Reader, url: string, hour: number, digest: MentorDigest): MailContent {
  const t = getFixedT(reader.locale);
  const subject = digest.waiting
    ? t("notices.mentor.subject", { count: digest.waiting })
    : t("notices.mentor.subjectSignOffs", { count: digest.signOffs.length });
  const paragraphs = digest.waiting
    ? [
        t("notices.mentor.waiting", {
          count: digest.waiting,
          oldest: digest.oldest ? formatDateTime(digest.oldest, reader.locale, reader.timeZone) : "",
        }),
        digest.overdue ? t("notices.mentor.overdue", { count: digest.overdue }) : t("notices.mentor.noneOverdue"),
      ]
    : [t("notices.mentor.nothingWaiting")];
  if (digest.signOffs.length) paragraphs.push(t("notices.mentor.signOffsIntro"));
  return {
    subject,
    preview: paragraphs[0] ?? subject,
    heading: t("notices.greeting", { name: reader.name }),
    paragraphs,
    list: digest.signOffs.slice(0, LIST_LIMIT).map((s) => ({
      title: `${s.name}: ${stageTitle(s.level, reader.locale)}`,
      lines: [t("notices.mentor.behaviours", { count: s.behaviours })],
    })),
    action: { label: t("notices.mentor.action"), url },
    footer: footer(t, reader, hour),
  };
}

export function managerDigestMail(reader: Reader, url: string, hour: number, digest: ManagerDigest): MailContent {
  const t = getFixedT(reader.locale);
  const week = formatCalendarDate(`${digest.week}T00:00:00Z`, reader.locale);
  const list: NonNullable<MailContent["list"]> = [];
  if (digest.levelsReached.length)
    list.push({
      title: t("notices.manager.levelsReached", { count: digest.levelsReached.length }),
      lines: capped(
        t,
        digest.levelsReached.map((r) =>
          t("notices.manager.levelLine", {
            name: r.name,
            stage: stageTitle(r.stage, reader.locale),
            date: formatDate(r.at, reader.locale, reader.timeZone),
          }),
        ),
      ),
    });
  if (digest.goals.length)
    list.push({
      title: t("notices.manager.goals", { count: digest.goals.length }),
      lines: capped(
        t,
        digest.goals.map((g) =>
          t(g.overdue ? "notices.manager.goalOverdue" : "notices.manager.goalDue", {
            name: g.name,
            level: stageTitle(g.level, reader.locale),
            date: formatCalendarDate(g.due, reader.locale),
          }),
        ),
      ),
    });
  if (digest.stalled.length)
    list.push({
      title: t("notices.manager.stalled", { count: digest.stalled.length, days: digest.stalledDays }),
      lines: capped(
        t,
        digest.stalled.map((s) =>
          s.lastActivity
            ? t("notices.manager.lastActive", {
                name: s.name,
                date: formatDate(s.lastActivity, reader.locale, reader.timeZone),
              })
            : t("notices.manager.neverActive", { name: s.name }),
        ),
      ),
    });
  if (digest.backlog.waiting)
    list.push({
      title: t("notices.manager.backlog"),
      lines: [t("notices.manager.backlogLine", digest.backlog)],
    });
  return {
    subject: t("notices.manager.subject", { week }),
    preview: t("notices.manager.intro"),
    heading: t("notices.manager.heading", { week }),
    paragraphs: [t("notices.manager.intro")],
    list,
    action: { label: t("notices.manager.action"), url },
    footer: footer(t, reader, hour),
  };
}

export function goalNoticeMail(reader: Reader, url: string, hour: number, notice: GoalNotice): MailContent {
  const t = getFixedT(reader.locale);
  const values = {
    name: notice.name,
    level: stageTitle(notice.level, reader.locale),
    date: formatCalendarDate(notice.due, reader.locale),
  };
  const key = `notices.goal.${notice.about}.${notice.state}`;
  return {
    subject: t(`${key}.subject`, values),
    preview: t(`${key}.body`, values),
    heading: t(`${key}.subject`, values),
    paragraphs: [t(`${key}.body`, values), t(`${key}.next`, values)],
    action: { label: t(`notices.goal.${notice.about}.action`), url },
    footer: footer(t, reader, hour),
  };
}
