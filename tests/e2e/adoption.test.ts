// A new organisation adopts Rapport, as issue 15 tells it: a migrated database without the
// demo, a server that prints the setup link, the first admin created through it, 20 people
// imported from CSV, each invited by mail in their language (a real SMTP server in this
// process), invitations accepted and a forgotten password reset in the browser — with and
// without JavaScript, on a desktop and a 390 px phone, in English and Ukrainian.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { linkIn, type MailServer, startMailServer } from "#tests/mail-server.ts";
import { createDatabase, type TestDatabase } from "#tests/setup/database.ts";
import { e2eEnv, freePort } from "#tests/setup/e2e-server.ts";
import { root } from "#tests/setup/paths.ts";
import { CHROMIUM_FLAGS, chromiumPath, submitAndSettle } from "./browser.ts";

let smtp: MailServer;
let server: ChildProcess | undefined;
let browser: Browser;
let base = "";
let database: TestDatabase | undefined;
let output = "";

/** Screenshots for people reading the flows, when E2E_SCREENSHOTS names a folder. */
const shotsDir = process.env.E2E_SCREENSHOTS;
async function shot(page: Page, name: string) {
  if (shotsDir) await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

const admin = { name: "Marta Quispe", email: "marta@acme.example", password: "lantern orchard seventeen" };
const locales = ["en", "pt-BR", "es", "uk"] as const;
const zones = ["Europe/London", "America/Sao_Paulo", "America/Bogota", "Europe/Kiev"] as const;
const people = Array.from({ length: 20 }, (_, i) => ({
  email: `agent${i + 1}@acme.example`,
  name: `Agent Number ${i + 1}`,
  locale: locales[i % 4] ?? "en",
  timeZone: zones[i % 4] ?? "UTC",
}));
const csv = [
  "email,name,roles,start date,locale,time zone",
  ...people.map((p) => `${p.email},${p.name},trainee,2026-12-01,${p.locale},${p.timeZone}`),
].join("\n");

beforeAll(async () => {
  smtp = await startMailServer();
  // A migrated database without the demo, on the run's engine.
  database = await createDatabase("adoption", { migrate: true });
  const port = await freePort();
  base = `http://localhost:${port}`;
  server = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: {
      ...e2eEnv(database.url, port),
      DEMO_MODE: "false",
      SMTP_URL: smtp.url,
      APP_URL: base,
      MAIL_FROM: "Acme Academy <academy@acme.example>",
      OUTBOX_POLL_SECONDS: "1",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  server.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const deadline = Date.now() + 30_000;
  while (!/\/setup\/\S+/.test(output)) {
    if (Date.now() > deadline) throw new Error(`no setup link printed; the server said:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
  await smtp?.close();
  await database?.drop();
});

async function newPage({
  locale = "en-US",
  phone = false,
  javaScript = true,
}: { locale?: string; phone?: boolean; javaScript?: boolean } = {}) {
  const context = await browser.newContext({
    baseURL: base,
    locale,
    javaScriptEnabled: javaScript,
    viewport: phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
  });
  return context.newPage();
}

const setupLink = () => output.match(/https?:\/\/\S+\/setup\/\S+/)?.[0] ?? "";
const post = (url: string, form: Record<string, string>) =>
  fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });

async function choosePassword(page: Page, password: string) {
  await page.locator('input[name="password"]').fill(password);
  await page.locator('input[name="confirmPassword"]').fill(password);
  await submitAndSettle(page, page.locator('form button[type="submit"]').last());
}

let adminPage: Page;

describe("a new organisation adopts Rapport", () => {
  test("the first run: the printed link creates the first admin once; bad input and forged links change nothing", async () => {
    const link = setupLink();
    expect(link.startsWith(`${base}/setup/`)).toBe(true);
    const forged = await fetch(`${link.slice(0, -2)}xx`);
    expect(forged.status).toBe(404);
    const badZone = await post(link, {
      ...admin,
      confirmPassword: admin.password,
      timeZone: "Mars/Olympus_Mons",
      locale: "en",
    });
    expect(badZone.status).toBe(400);
    expect(await badZone.text()).toContain("Choose a time zone from the list");

    adminPage = await newPage();
    const response = await adminPage.goto(link);
    expect(response?.status()).toBe(200);
    await shot(adminPage, "setup-en-desktop");
    await adminPage.locator('input[name="name"]').fill(admin.name);
    await adminPage.locator('input[name="email"]').fill(admin.email);
    await adminPage.locator('input[name="password"]').fill(admin.password);
    await adminPage.locator('input[name="confirmPassword"]').fill(admin.password);
    await adminPage.locator('select[name="timeZone"]').selectOption("America/Sao_Paulo");
    await adminPage.locator('#setup select[name="locale"]').selectOption("en");
    await submitAndSettle(adminPage, adminPage.locator('form button[type="submit"]').last());
    expect(new URL(adminPage.url()).pathname).toBe("/admin/users");

    // The page is gone for good: the same link, or any other, is a plain 404.
    expect((await fetch(link)).status).toBe(404);
    expect((await post(link, { ...admin, confirmPassword: admin.password })).status).toBe(404);
  });

  test("20 people imported from CSV each receive an invitation in their language, with a link back to the app", async () => {
    await adminPage.goto("/admin/import");
    await adminPage.locator('input[name="file"]').setInputFiles({
      name: "people.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    await submitAndSettle(adminPage, adminPage.getByRole("button", { name: "Check file" }));
    await shot(adminPage, "import-preview-en-desktop");
    await expect(adminPage.getByRole("status").first().textContent()).resolves.toMatch(/20/);
    await submitAndSettle(adminPage, adminPage.getByRole("button", { name: /^Import/ }));
    await expect(adminPage.getByRole("status").first().textContent()).resolves.toMatch(/20/);

    const mails = await smtp.waitFor((m) => m.rcpt.startsWith("agent"), 20, 60_000);
    expect(new Set(mails.map((m) => m.rcpt)).size).toBe(20);
    for (const person of people) {
      const [mail] = smtp.to(person.email);
      expect(mail?.html, person.email).toContain(`lang="${person.locale}"`);
      expect(linkIn(mail!, "/invitation/").startsWith(`${base}/invitation/`)).toBe(true);
      expect(mail?.from?.text).toContain("academy@acme.example");
    }
    expect(smtp.to(people[3]!.email)[0]?.subject).toContain(admin.name);
  });

  test("an invitation accepted on a phone in Ukrainian, and one without JavaScript; a used link says so", async () => {
    const uk = people[3]!;
    const ukLink = linkIn(smtp.to(uk.email)[0]!, "/invitation/");
    const phone = await newPage({ locale: "uk-UA", phone: true });
    await phone.goto(ukLink);
    await shot(phone, "invitation-uk-phone");
    await choosePassword(phone, "зелений трамвай парасолька");
    expect(new URL(phone.url()).search).toBe("?welcome=1");
    await shot(phone, "invitation-accepted-uk-phone");
    await expect(phone.getByRole("status").first().textContent()).resolves.toMatch(/\S/);

    const en = people[0]!;
    const enLink = linkIn(smtp.to(en.email)[0]!, "/invitation/");
    const noScript = await newPage({ javaScript: false });
    await noScript.goto(enLink);
    await choosePassword(noScript, "violet tram umbrella");
    expect(new URL(noScript.url()).pathname).toBe("/");
    await expect(noScript.getByRole("heading", { level: 1 }).textContent()).resolves.toContain(en.name);

    const again = await newPage();
    const response = await again.goto(enLink);
    expect(response?.status()).toBe(410);
    await shot(again, "invitation-used-en-desktop");
    await expect(again.locator("[data-link-problem]").getAttribute("data-link-problem")).resolves.toBe("used");
    await noScript.context().close();
    await again.context().close();
    await phone.context().close();
  });

  test("a forgotten password: the same answer for any address; the mailed link resets it and signs out every other session", async () => {
    const person = people[0]!;
    const signedIn = await newPage();
    await signedIn.goto("/login");
    await signedIn.locator('input[name="email"]').fill(person.email);
    await signedIn.locator('input[name="password"]').fill("violet tram umbrella");
    await submitAndSettle(signedIn, signedIn.locator('form button[type="submit"]').last());
    expect(new URL(signedIn.url()).pathname).toBe("/");

    const answerFor = async (page: Page, email: string) => {
      await page.goto("/login");
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await page.waitForURL("**/forgot-password");
      await page.locator('input[name="email"]').fill(email);
      await submitAndSettle(page, page.locator('form button[type="submit"]').last());
      return (await page.getByRole("status").textContent())?.replace(email, "<email>");
    };
    const forgot = await newPage({ javaScript: false });
    const unknown = await answerFor(forgot, "nobody@acme.example");
    const known = await answerFor(forgot, person.email);
    await shot(forgot, "forgot-sent-en-desktop");
    expect(known).toBe(unknown);

    const [mail] = await smtp.waitFor((m) => m.rcpt === person.email && m.text?.includes("/reset-password/") === true);
    expect(smtp.received.some((m) => m.rcpt === "nobody@acme.example")).toBe(false);
    await forgot.goto(linkIn(mail!, "/reset-password/"));
    await shot(forgot, "reset-en-desktop");
    await choosePassword(forgot, "a completely new passphrase");
    expect(new URL(forgot.url()).search).toBe("?reset=1");

    // The session from before the reset is over.
    await signedIn.goto("/");
    expect(new URL(signedIn.url()).pathname).toBe("/login");
    // The old password is refused, the new one works.
    const old = await post(`${base}/login`, { email: person.email, password: "violet tram umbrella" });
    expect(old.status).toBe(400);
    const fresh = await post(`${base}/login`, { email: person.email, password: "a completely new passphrase" });
    expect(fresh.status).toBe(302);
    await forgot.context().close();
    await signedIn.context().close();
  });
});
