import { type Locale } from "./i18n.ts";

/** Each language's strings as its own chunk: the browser downloads only the one it shows. */
export const loadTranslation: Record<Locale, () => Promise<Record<string, unknown>>> = {
  en: () => import("../locales/en.json").then((m) => m.default),
  "pt-BR": () => import("../locales/pt-BR.json").then((m) => m.default),
  es: () => import("../locales/es.json").then((m) => m.default),
  uk: () => import("../locales/uk.json").then((m) => m.default),
};
