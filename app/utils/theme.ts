import { z } from "zod";

/** "system" follows the device's light or dark setting; the others override it. */
export const themes = ["system", "light", "dark"] as const;
export type Theme = (typeof themes)[number];

export const THEME_COOKIE = "rapport_theme";

export const ThemeFormSchema = z.object({
  theme: z.enum(themes),
  /** Where to go back to; an odd one only loses the way back (misc.ts: safeRedirect). */
  redirectTo: z.string().max(2000).optional().catch(undefined),
});

/** The stored choice, or "system" when there is none or it is not one of ours. */
export function themeFromCookie(cookieHeader: string | null): Theme {
  const value = (cookieHeader ?? "")
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === THEME_COOKIE)?.[1];
  return themes.find((theme) => theme === value) ?? "system";
}
