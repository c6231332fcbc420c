// One layout for every mail, in two forms: plain text, and simple HTML that reads well in
// any mail app and with a screen reader (one column, real headings and lists, the language
// declared, inline styles only, the link written out under its button).
import { type Locale } from "#app/utils/i18n.ts";
import { getFixedT } from "#app/utils/locale.server.ts";

export type MailContent = {
  subject: string;
  /** The line mail apps show beside the subject. */
  preview: string;
  heading: string;
  paragraphs: string[];
  /** A short list (a digest's items), shown after the paragraphs. */
  list?: Array<{ title: string; lines?: string[] }>;
  /** The one thing to do, as a button and as a written-out link. */
  action?: { label: string; url: string };
  /** Why the person got it, or what to do if it was unexpected. */
  footer: string[];
};

export type RenderedMail = { subject: string; text: string; html: string };

const escapeHtml = (value: string) =>
  value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

const FONT = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const BRAND = "#1f5fbf";
const INK = "#0f172a";
const MUTED = "#475569";

/** A subject on one line, without control characters: it goes into a mail header. */
const oneLine = (value: string) => value.replace(/[\p{Cc}\s]+/gu, " ").trim();

export function renderMail(locale: Locale, content: MailContent): RenderedMail {
  const t = getFixedT(locale);
  const subject = oneLine(content.subject);
  const text = [
    content.heading,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.list?.length
      ? [...content.list.flatMap((item) => [`- ${item.title}`, ...(item.lines ?? []).map((l) => `  ${l}`)]), ""]
      : []),
    ...(content.action ? [`${content.action.label}:`, content.action.url, ""] : []),
    "-- ",
    ...content.footer,
    "",
  ].join("\n");

  const paragraph = (value: string) => `<p style="margin:0 0 16px;">${escapeHtml(value)}</p>`;
  const list = content.list?.length
    ? `<ul style="margin:0 0 16px;padding:0 0 0 20px;">${content.list
        .map(
          (item) =>
            `<li style="margin:0 0 10px;"><strong>${escapeHtml(item.title)}</strong>${(item.lines ?? [])
              .map((l) => `<br><span style="color:${MUTED};">${escapeHtml(l)}</span>`)
              .join("")}</li>`,
        )
        .join("")}</ul>`
    : "";
  const action = content.action
    ? `<p style="margin:24px 0 16px;"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:${BRAND};color:#ffffff;font-weight:600;text-decoration:none;padding:12px 20px;border-radius:6px;">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:14px;color:${MUTED};">${escapeHtml(t("mail.linkFallback"))}<br><a href="${escapeHtml(content.action.url)}" style="color:${BRAND};word-break:break-all;">${escapeHtml(content.action.url)}</a></p>`
    : "";
  const html = `<!doctype html>
<html lang="${locale}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f1f5f9;">
<div style="display:none;max-height:0;overflow:hidden;">${escapeHtml(content.preview)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f1f5f9;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;">
<tr><td style="padding:28px 28px 8px;font-family:${FONT};font-size:16px;line-height:1.5;color:${INK};">
<p style="margin:0 0 20px;font-size:15px;font-weight:700;color:${BRAND};">Rapport</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;font-weight:700;color:${INK};">${escapeHtml(content.heading)}</h1>
${content.paragraphs.map(paragraph).join("\n")}
${list}
${action}
</td></tr>
<tr><td style="padding:16px 28px 24px;border-top:1px solid #e2e8f0;font-family:${FONT};font-size:13px;line-height:1.5;color:${MUTED};">
${content.footer.map((line) => `<p style="margin:0 0 8px;">${escapeHtml(line)}</p>`).join("\n")}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
  return { subject, text, html };
}
