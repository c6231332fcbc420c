// The mails of accounts: the invitation and the password-reset link, in the recipient's
// language, with times in their time zone.
import { type MailContent } from "#app/mail/render.server.ts";
import { formatDateTime } from "#app/utils/format.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { getFixedT } from "#app/utils/locale.server.ts";

type Reader = { locale: Locale; timeZone: string };

export function invitationMail(
  reader: Reader,
  {
    name,
    email,
    inviter,
    url,
    expiresAt,
  }: { name: string; email: string; inviter: string | null; url: string; expiresAt: Date },
): MailContent {
  const t = getFixedT(reader.locale);
  const until = formatDateTime(expiresAt, reader.locale, reader.timeZone);
  return {
    subject: inviter ? t("mail.invitation.subjectFrom", { inviter }) : t("mail.invitation.subject"),
    preview: t("mail.invitation.preview"),
    heading: t("mail.invitation.heading", { name }),
    paragraphs: [
      inviter ? t("mail.invitation.introFrom", { inviter }) : t("mail.invitation.intro"),
      t("mail.invitation.signInWith", { email }),
    ],
    action: { label: t("mail.invitation.action"), url },
    footer: [
      inviter ? t("mail.invitation.expiresAsk", { until, inviter }) : t("mail.invitation.expires", { until }),
      t("mail.invitation.unexpected"),
    ],
  };
}

export function passwordResetMail(
  reader: Reader,
  { email, url, expiresAt }: { email: string; url: string; expiresAt: Date },
): MailContent {
  const t = getFixedT(reader.locale);
  const until = formatDateTime(expiresAt, reader.locale, reader.timeZone);
  return {
    subject: t("mail.reset.subject"),
    preview: t("mail.reset.preview"),
    heading: t("mail.reset.heading"),
    paragraphs: [t("mail.reset.intro", { email }), t("mail.reset.endsSessions")],
    action: { label: t("mail.reset.action"), url },
    footer: [t("mail.reset.expires", { until }), t("mail.reset.unexpected")],
  };
}
