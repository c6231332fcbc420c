import { type Locale } from "#app/utils/i18n.ts";
import { type Role } from "./roles.ts";

/**
 * The demo organisation's sign-ins, shown on the sign-in page in demo mode only: each role
 * once, and a trainee in each language, so a visitor can see the product as its Brazilian,
 * Spanish-speaking and Ukrainian users do.
 */
export const demoAccounts = {
  password: "rapport-demo",
  accounts: [
    { email: "admin@demo.rapport.test", roles: ["admin"], locale: "en" },
    { email: "manager@demo.rapport.test", roles: ["manager"], locale: "pt-BR" },
    { email: "mentor@demo.rapport.test", roles: ["mentor", "trainee"], locale: "es" },
    { email: "mentor2@demo.rapport.test", roles: ["mentor"], locale: "uk" },
    { email: "trainee@demo.rapport.test", roles: ["trainee"], locale: "en" },
    { email: "ana.souza@demo.rapport.test", roles: ["trainee"], locale: "pt-BR" },
    { email: "valentina.ruiz@demo.rapport.test", roles: ["trainee"], locale: "es" },
    { email: "oksana.bondarenko@demo.rapport.test", roles: ["trainee"], locale: "uk" },
  ] satisfies Array<{ email: string; roles: Role[]; locale: Locale }>,
};
