// Accounts tried as an attacker and as an admin would (issue 20): the sign-in throttle under
// parallel guesses, a noisy address, known devices, sessions that end, two-factor sign-in,
// the audit log. Every person here is made for the test, so no lock-out reaches other files.
import { generate } from "otplib";
import { type Page } from "playwright-core";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { DEMO_PASSWORD, demo, setupBrowser, signIn } from "./browser.ts";
import { request, sessionFor, url } from "./http.ts";

const browser = setupBrowser();
const PASSWORD = "a long and fresh passphrase";
let admin = "";
let counter = 0;

beforeAll(async () => {
  admin = await sessionFor(demo("admin"));
});

/** A new person, made by the admin through the app, with a password. */
async function newPerson(roles: string[] = ["trainee"]) {
  counter++;
  const email = `acct-${Date.now().toString(36)}-${counter}@example.com`;
  const body = new URLSearchParams({
    intent: "save",
    email,
    name: `Person ${counter}`,
    locale: "en",
    password: PASSWORD,
  });
  for (const role of roles) body.append("roles", role);
  const response = await request("POST", "/admin/users/new", { cookie: admin, body: body.toString() });
  expect(response.headers.get("location"), `creating ${email}`).toMatch(/^\/admin\/users\/c[a-z0-9]+\?created=1$/);
  return email;
}

const login = (email: string, password: string, extra: Record<string, string> = {}, cookie?: string) =>
  request("POST", "/login", { cookie, body: new URLSearchParams({ email, password, ...extra }).toString() });

const sessionCookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith("rapport_session="))
    ?.split(";")[0] ?? null;

const signedIn = async (cookie: string) => (await request("GET", "/profile", { cookie })).status === 200;

describe("the sign-in throttle", () => {
  test("the parallel-guess race: 40 guesses at once give no session past the limit, and every 429 says when to retry", async () => {
    const email = await newPerson();
    const wrong = await Promise.all(Array.from({ length: 40 }, (_, i) => login(email, `wrong guess number ${i}`)));
    const statuses = wrong.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    for (const refused of wrong.filter((r) => r.status === 429)) {
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    // A burst with the right password among wrong ones, past the limit: no session at all.
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(email, i % 4 === 3 ? PASSWORD : `another guess ${i}`)),
    );
    expect(burst.map((r) => r.status).every((s) => s === 429)).toBe(true);
    expect(burst.map(sessionCookieOf).filter(Boolean)).toEqual([]);
  });

  test("a burst that mixes the right password in: at most the limit is checked", async () => {
    const email = await newPerson();
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => login(email, i === 39 ? PASSWORD : `wrong guess number ${i}`)),
    );
    const checked = burst.filter((r) => r.status !== 429);
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(burst.filter((r) => sessionCookieOf(r)).length).toBeLessThanOrEqual(1);
  });

  test("the NAT case: many failures at one account from this address, and the others here still sign in", async () => {
    const victim = await newPerson();
    const neighbours = await Promise.all([newPerson(), newPerson()]);
    for (let i = 0; i < 30; i++) await login(victim, `guess ${i}`);
    for (const neighbour of neighbours) {
      const response = await login(neighbour, PASSWORD);
      expect(response.status, neighbour).toBe(302);
      expect(sessionCookieOf(response)).toBeTruthy();
    }
    expect((await login(victim, PASSWORD)).status).toBe(429);
    // The demo people share the address too.
    expect(await signedIn(await sessionFor(demo("fernanda.lima")))).toBe(true);
  });

  test("the person's own browser still signs in while strangers' guesses keep the account locked here", async () => {
    const email = await newPerson();
    const page = await browser.newPage();
    await signIn(page, email, PASSWORD);
    expect(new URL(page.url()).pathname).toBe("/");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL(/\/login$/);
    for (let i = 0; i < 8; i++) await login(email, `stranger's guess ${i}`);
    expect((await login(email, PASSWORD)).status).toBe(429);
    // Same address, but this browser has signed in to this account before.
    await signIn(page, email, PASSWORD);
    expect(new URL(page.url()).pathname).toBe("/");
    await page.context().close();
  });
});

describe("sessions", () => {
  test("a password change ends a stolen session; the profile lists sessions, ends one, and signs out everywhere", async () => {
    const email = await newPerson();
    const thief = sessionCookieOf(await login(email, PASSWORD)) ?? "";
    const phone = sessionCookieOf(await login(email, PASSWORD)) ?? "";
    expect(await signedIn(thief)).toBe(true);

    const page = await browser.newPage();
    await signIn(page, email, PASSWORD);
    await page.goto("/profile");
    await expect(page.locator("section[aria-labelledby=sessions-title] ul > li").count()).resolves.toBe(3);
    // Ending the phone's session from the list.
    const phoneRow = page
      .locator("section[aria-labelledby=sessions-title] ul > li")
      .filter({ hasNot: page.getByText("This device") });
    await phoneRow
      .first()
      .getByRole("button", { name: /End session/ })
      .click();
    await page.getByText("That session has ended.").waitFor();
    const stillIn = await Promise.all([signedIn(thief), signedIn(phone)]);
    expect(stillIn.filter(Boolean)).toHaveLength(1);

    // A new password: whoever else is signed in is out; this browser stays in.
    await page.getByLabel("Current password").fill(PASSWORD);
    await page.getByLabel("New password", { exact: true }).fill("another long passphrase");
    await page.getByLabel("Repeat the new password").fill("another long passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Your password has been changed.").waitFor();
    expect(await signedIn(thief)).toBe(false);
    expect(await signedIn(phone)).toBe(false);
    await page.goto("/profile");
    await expect(page.locator("section[aria-labelledby=sessions-title] ul > li").count()).resolves.toBe(1);

    // Sign out everywhere: this one too.
    const other = sessionCookieOf(await login(email, "another long passphrase")) ?? "";
    expect(await signedIn(other)).toBe(true);
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.waitForURL(/\/login$/);
    expect(await signedIn(other)).toBe(false);
    await page.context().close();
  });

  test("a common or short new password is refused with a message", async () => {
    const email = await newPerson();
    const cookie = sessionCookieOf(await login(email, PASSWORD)) ?? "";
    const change = (next: string) =>
      request("POST", "/profile", {
        cookie,
        body: new URLSearchParams({
          intent: "password",
          currentPassword: PASSWORD,
          newPassword: next,
          confirmPassword: next,
        }).toString(),
      });
    const common = await change("qwertyuiop123");
    expect(common.status).toBe(400);
    expect(await common.text()).toContain("list of the most common");
    const short = await change("short-one");
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("at least 12 characters");
    expect((await login(email, PASSWORD)).status).toBe(302);
  });
});

/** The code an authenticator app shows now, or one period on (a code is accepted once). */
const codeFor = (secret: string, periodsAhead = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + periodsAhead * 30 });

async function setUpTwoFactor(page: Page) {
  await page.goto("/profile/two-factor");
  const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const qr = await page.getByRole("img", { name: "QR code for your authenticator app" }).getAttribute("src");
  expect(qr).toMatch(/^data:image\/svg\+xml;base64,/);
  await page.getByLabel("Type the six-digit code the app shows").fill(await codeFor(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await page.getByTestId("recovery-codes").waitFor();
  const codes = await page.getByTestId("recovery-codes").locator("li").allTextContents();
  return { secret, codes };
}

describe("two-factor sign-in", () => {
  test("set up with a code computed from the secret, as an authenticator app would; then sign-in takes two steps", async () => {
    const email = await newPerson();
    const page = await browser.newPage();
    await signIn(page, email, PASSWORD);
    const { secret, codes } = await setUpTwoFactor(page);
    expect(codes).toHaveLength(10);
    expect(codes.every((c) => /^[a-z2-9]{5}-[a-z2-9]{5}$/.test(c))).toBe(true);
    await page.goto("/profile");
    await expect(page.getByText("On: signing in asks for a code").count()).resolves.toBe(1);
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL(/\/login$/);

    // The password alone gives no session.
    const first = await login(email, PASSWORD);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/login/two-factor");
    expect(sessionCookieOf(first)).toBeNull();

    await signIn(page, email, PASSWORD);
    await page.waitForURL(/\/login\/two-factor$/);
    await page.getByLabel("Code").fill("000000");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("That code doesn't work").waitFor();
    await page.getByLabel("Code").fill(await codeFor(secret, 1));
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await page.context().close();

    // Without JavaScript, with a recovery code; the same code does not work twice.
    const noJs = await browser.newPage({ javaScriptEnabled: false });
    await signIn(noJs, email, PASSWORD);
    expect(new URL(noJs.url()).pathname).toBe("/login/two-factor");
    await noJs.getByLabel("Code").fill(codes[0] ?? "");
    await Promise.all([
      noJs.waitForURL((u) => u.pathname === "/"),
      noJs.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await noJs.getByRole("button", { name: "Sign out", exact: true }).click();
    await noJs.waitForURL(/\/login$/);
    await signIn(noJs, email, PASSWORD);
    await noJs.getByLabel("Code").fill(codes[0] ?? "");
    await noJs.getByRole("button", { name: "Sign in" }).click();
    await noJs.getByText("That code doesn't work").waitFor();
    await noJs.context().close();
  });

  test("the second step is throttled too", async () => {
    const email = await newPerson();
    const page = await browser.newPage();
    await signIn(page, email, PASSWORD);
    await setUpTwoFactor(page);
    await page.context().close();
    const first = await login(email, PASSWORD);
    const pending =
      first.headers
        .getSetCookie()
        .find((c) => c.startsWith("rapport_2fa="))
        ?.split(";")[0] ?? "";
    expect(pending).not.toBe("");
    const tries = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        request("POST", "/login/two-factor", { cookie: pending, body: `code=${String(100000 + i)}` }),
      ),
    );
    expect(tries.filter((r) => r.status === 400).length).toBeLessThanOrEqual(5);
    const refused = tries.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(7);
    expect(refused.every((r) => Number(r.headers.get("retry-after")) > 0)).toBe(true);
    expect(tries.some((r) => sessionCookieOf(r))).toBe(false);
  });

  test("an admin can require two-factor for admins and managers: a manager without it is sent to set it up", async () => {
    const manager = await newPerson(["manager"]);
    const setting = (on: boolean) =>
      request("POST", "/admin/security", {
        cookie: admin,
        body: `intent=save${on ? "&requireTwoFactor=on" : ""}`,
      });
    // Saved; the admin, who has no second factor yet, is sent to set one up at once.
    const on = await setting(true);
    expect(on.status).toBe(302);
    expect(on.headers.get("location")).toBe("/profile/two-factor");
    try {
      const page = await browser.newPage();
      await signIn(page, manager, PASSWORD);
      await page.waitForURL(/\/profile\/two-factor$/);
      // The URL changes before the page is drawn when the router navigates: wait for the text.
      await page.getByText("Your organisation requires two-factor sign-in").waitFor();
      await page.goto("/team");
      expect(new URL(page.url()).pathname).toBe("/profile/two-factor");
      await setUpTwoFactor(page);
      await page.goto("/team");
      expect(new URL(page.url()).pathname).toBe("/team");
      // Required: it cannot be turned off.
      await page.goto("/profile/two-factor");
      await expect(page.getByRole("button", { name: "Turn off two-factor sign-in" }).count()).resolves.toBe(0);
      await page.context().close();
      // The admin is now required to set it up as well, so the test puts the setting back directly.
      expect((await setting(false)).headers.get("location")).toBe("/profile/two-factor");
    } finally {
      const db = new Database(inject("e2eDatabase"));
      db.prepare("DELETE FROM Setting WHERE key = 'security'").run();
      db.close();
    }
  });
});

describe("the audit log", () => {
  test("shows the day's sign-ins and an admin's changes with who, from where and what changed; exports CSV", async () => {
    const email = await newPerson();
    // A change to look for: the admin renames the person.
    const page = await browser.newPage();
    await signIn(page, demo("admin"), undefined);
    await page.goto(`/admin/users?q=${encodeURIComponent(email)}`);
    await page.getByRole("link", { name: /^Person/ }).click();
    await page.getByLabel("Name", { exact: true }).fill("=Renamed Person");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Changes saved.").waitFor();
    await login(email, PASSWORD);

    await page.goto("/admin/audit");
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel("Person (email)").fill(email);
    await page.getByLabel("From").fill(today);
    await page.getByLabel("To").fill(today);
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/who=/);
    await page.locator("tbody tr", { hasText: "Changed a person" }).first().waitFor();
    const rows = page.locator("tbody tr");
    const text = (await rows.allTextContents()).join("\n");
    expect(text).toContain("Signed in");
    expect(text).toContain("Created a person");
    expect(text).toContain("Changed a person");
    expect(text).toMatch(/name: Person \d+ → =Renamed Person/);
    expect(text).toContain("127.0.0.1");
    expect(text).toContain(demo("admin"));

    await page.getByLabel("Event").selectOption("signin.success");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/kind=signin.success/);
    // The rows of the earlier filter go once the new ones are shown.
    await page.locator("tbody tr").nth(1).waitFor({ state: "detached" });
    expect(await page.locator("tbody tr").count()).toBe(1);

    const csv = await request("GET", `/admin/audit.csv?from=${today}`, { cookie: admin });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = new TextDecoder().decode(bytes);
    expect(body).toContain(email);
    expect(body).toContain("name: Person");
    await page.context().close();

    const forbidden = await request("GET", "/admin/audit.csv", { cookie: await sessionFor(demo("manager")) });
    expect(forbidden.status).toBe(403);
  });
});

describe("limits on writing", () => {
  test("the notes flood is refused with a message and nothing is stored", async () => {
    const email = await newPerson();
    const cookie = sessionCookieOf(await login(email, PASSWORD)) ?? "";
    expect(cookie).not.toBe("");
    const path = "/scenarios/bug-to-engineering";
    expect((await request("POST", path, { cookie, body: "intent=start" })).status).toBe(302);
    const html = await (await request("GET", path, { cookie })).text();
    const attemptId = /name="attemptId" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const step = /name="step" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const note = (i: number) =>
      new URLSearchParams({ intent: "action", type: "add-note", note: `${i} ${"x".repeat(1990)}`, attemptId, step });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++)
      statuses.push((await request("POST", path, { cookie, body: note(i).toString() })).status);
    expect(
      statuses.slice(0, 20).every((s) => s === 302),
      statuses.join(","),
    ).toBe(true);
    expect(
      statuses.slice(20).every((s) => s === 400),
      statuses.join(","),
    ).toBe(true);
    const refused = await request("POST", path, { cookie, body: note(99).toString() });
    expect(await refused.text()).toContain("at most 20 internal notes");
    const page = await (await request("GET", path, { cookie })).text();
    expect(page).not.toContain("99 xxxx");
    expect(page.length).toBeLessThan(400_000);
  });
});

describe("headers and odd input", () => {
  test("signed-in pages and their data are never stored; a Permissions-Policy is sent", async () => {
    const cookie = await sessionFor(demo("kenji.sato"));
    for (const path of ["/", "/profile", "/_root.data", "/profile.data"]) {
      const response = await request("GET", path, { cookie });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe("no-store");
    }
    const page = await request("GET", "/login");
    expect(page.headers.get("permissions-policy")).toContain("camera=()");
  });

  test.each(["/。x", "//evil.example", "/\\evil.example", "/%2F%2Fevil.example", "/\u202Eevil"])(
    "redirectTo %j never fails a sign-in and never leaves the site",
    async (redirectTo) => {
      const response = await login(demo("kenji.sato"), DEMO_PASSWORD, { redirectTo });
      expect(response.status).toBe(302);
      const location = response.headers.get("location") ?? "";
      expect(location.startsWith("/")).toBe(true);
      expect(location.startsWith("//")).toBe(false);
      expect(new URL(location, url("/")).host).toBe(new URL(url("/")).host);
    },
  );

  test("a name with a right-to-left override or a zero-width space is refused with a clear message", async () => {
    const cookie = await sessionFor(demo("kenji.sato"));
    for (const name of ["\u202Eotas", "Ken\u200Bji"]) {
      const response = await request("POST", "/profile", {
        cookie,
        body: new URLSearchParams({ intent: "profile", name, locale: "auto" }).toString(),
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("invisible characters");
    }
  });
});
