import { getMDXComponent } from "mdx-bundler/client";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createI18n, type Locale } from "#app/utils/i18n.ts";
import { translations } from "#app/utils/locale.server.ts";
import { mdxComponents } from "./mdx-components.tsx";

const MAX_ENTRIES = 1000;
const cache = new Map<string, string>();

/**
 * A lesson as HTML, rendered once per compiled code and reader language (the components'
 * labels follow the reader's language) and then served from memory. The browser gets
 * HTML only: no MDX runtime, no eval, nothing to hydrate.
 */
export function renderLessonHtml(code: string, uiLocale: Locale) {
  const key = `${uiLocale}\u0000${code}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const Component = getMDXComponent(code);
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(uiLocale, { translation: translations[uiLocale] })}>
      <Component components={mdxComponents} />
    </I18nextProvider>,
  );
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, html);
  return html;
}
