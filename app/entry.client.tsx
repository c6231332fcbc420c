import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createI18n, defaultLocale, isLocale } from "./utils/i18n.ts";
import { loadTranslation } from "./utils/i18n-bundles.ts";

// Only the page's own language is downloaded, before hydration so the first render matches.
const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : defaultLocale;
const translation = await loadTranslation[locale]();
const i18n = createI18n(locale, { translation });

await pageDataDecoded();

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <RemixBrowser />
      </I18nextProvider>
    </StrictMode>,
  );
});

/**
 * With single fetch, RemixBrowser's first render starts decoding the page's streamed data and
 * suspends on it. Hydration runs as a transition, so that is fine until the reader presses a
 * key or clicks: React then hydrates the root synchronously, a synchronous render cannot
 * wait, and the root fails (React error #345) and the page's scripts stop. Starting the
 * decoding here and waiting for it means the first render never suspends. RemixBrowser's
 * first call does nothing before it throws the decoding promise (no hooks), so calling it
 * outside React is safe; anything else it throws is thrown again by the real render, where
 * the error boundary shows it.
 */
async function pageDataDecoded() {
  try {
    RemixBrowser({});
  } catch (pending) {
    if (pending instanceof Promise) await pending;
  }
}
