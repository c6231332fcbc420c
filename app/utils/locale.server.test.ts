import { describe, expect, test } from "vitest";
import en from "#app/locales/en.json";
import { locales } from "./i18n.ts";
import { localeFromAcceptLanguage, resolveLocale, translations } from "./locale.server.ts";

function request(headers: Record<string, string>) {
  return new Request("http://localhost/", { headers });
}

describe("locale", () => {
  test.each([
    ["pt-BR,pt;q=0.9,en;q=0.8", "pt-BR"],
    ["pt-PT", "pt-BR"],
    ["es-MX,es;q=0.9", "es"],
    ["uk-UA,uk;q=0.9,ru;q=0.5", "uk"],
    ["de-DE,fr;q=0.8", "en"],
    ["fr;q=0.9,es;q=0.8", "es"],
    ["", "en"],
    ["!!garbage;;q=x", "en"],
  ])("Accept-Language %j gives %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  test("the profile wins over the cookie, the cookie over the browser", () => {
    const req = request({ Cookie: "rapport_locale=es", "Accept-Language": "uk" });
    expect(resolveLocale(req, "pt-BR")).toBe("pt-BR");
    expect(resolveLocale(req, null)).toBe("es");
    expect(resolveLocale(request({ "Accept-Language": "uk" }), null)).toBe("uk");
    expect(resolveLocale(request({ Cookie: "rapport_locale=xx", "Accept-Language": "uk" }), "zz")).toBe("uk");
  });

  function keys(value: unknown, prefix = ""): string[] {
    if (typeof value !== "object" || value === null) return [prefix];
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, "");

  test.each(locales.filter((l) => l !== "en"))("%s translates every English string", (locale) => {
    const have = new Set(keys(translations[locale]).map(base));
    const missing = [...new Set(keys(en).map(base))].filter((k) => !have.has(k));
    expect(missing).toEqual([]);
  });
});
