// Knowledge-base articles of scenarios: Markdown with GitHub tables. Raw HTML in them is
// shown as text, never passed through: an article is content, not markup.
import { Marked } from "marked";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const markdown = new Marked({ gfm: true, async: false }).use({
  renderer: { html: ({ text }) => escapeHtml(text) },
});

export function renderArticle(body: string) {
  return markdown.parse(body, { async: false });
}
