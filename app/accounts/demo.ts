import { type Role } from "./roles.ts";

/** The demo organisation's sign-ins, shown on the sign-in page in demo mode only. */
export const demoAccounts = {
  password: "rapport-demo",
  accounts: [
    { email: "admin@demo.rapport.test", roles: ["admin"] },
    { email: "manager@demo.rapport.test", roles: ["manager"] },
    { email: "mentor@demo.rapport.test", roles: ["mentor", "trainee"] },
    { email: "trainee@demo.rapport.test", roles: ["trainee"] },
  ] satisfies Array<{ email: string; roles: Role[] }>,
};
