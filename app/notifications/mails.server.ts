// The notification mails, in the reader's language.
import { type MailContent } from "#app/mail/render.server.ts";
import { type Locale } from "#app/utils/i18n.ts";
import { getFixedT } from "#app/utils/locale.server.ts";

type Reader = { locale: Locale; timeZone: string };

export function reviewGradedMail(
  reader: Reader,
  url: string,
  { scenario, reviewer, decision }: { scenario: string; reviewer: string; decision: "passed" | "retry" },
): MailContent {
  const t = getFixedT(reader.locale);
  return {
    subject: t(`mail.reviewGraded.subject.${decision}`, { scenario }),
    preview: t(`mail.reviewGraded.subject.${decision}`, { scenario }),
    heading: t(`mail.reviewGraded.subject.${decision}`, { scenario }),
    paragraphs: [t(`mail.reviewGraded.body.${decision}`, { scenario, reviewer })],
    action: { label: t("mail.reviewGraded.action"), url },
    footer: [t("mail.notificationFooter")],
  };
}
