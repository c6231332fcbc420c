import { useTranslation } from "react-i18next";
import { localeNames, locales } from "#app/utils/i18n.ts";

/** "Same as my browser" and each language named in itself: the choices of a locale select. */
export function LocaleOptions() {
  const { t } = useTranslation();
  return (
    <>
      <option value="auto">{t("profile.localeAuto")}</option>
      {locales.map((l) => (
        <option key={l} value={l} lang={l}>
          {localeNames[l]}
        </option>
      ))}
    </>
  );
}
