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
