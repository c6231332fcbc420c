// The email choices on the profile (issue 15): each kind of notification can be turned off,
// in the person's language, and a form that does not say a known kind is refused whole.
import path from "node:path";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { notificationKinds } from "#app/notifications/kinds.ts";
import { withConnection } from "#tests/setup/database.ts";
import { demo, setupBrowser, signIn } from "./browser.ts";
import { request, sessionFor } from "./http.ts";

const browser = setupBrowser();
const PASSWORD = "a long and fresh passphrase";
let admin = "";
let email = "";
let cookie = "";

beforeAll(async () => {
  admin = await sessionFor(demo("admin"));
  email = `notices-${Date.now().toString(36)}@example.com`;
  const body = new URLSearchParams({ intent: "save", email, name: "Ірина Коваль", locale: "uk", password: PASSWORD });
  body.append("roles", "mentor");
  const created = await request("POST", "/admin/users/new", { cookie: admin, body: body.toString() });
  expect(created.status).toBe(302);
  const login = await request("POST", "/login", {
    body: new URLSearchParams({ email, password: PASSWORD }).toString(),
  });
  cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  expect(login.status).toBe(302);
});

const stored = () =>
  withConnection(inject("e2eDatabaseUrl"), (db) =>
    db.get<{ emailNotifications: string }>(`SELECT "emailNotifications" FROM "User" WHERE "email" = ?`, email),
  ).then((row) => row?.emailNotifications);

const post = (pairs: Array<[string, string]>) =>
  request("POST", "/profile", { cookie, body: new URLSearchParams(pairs).toString() });

describe("email choices", () => {
  test("ticked kinds are mailed, the others turned off; the form says when digests arrive", async () => {
    expect(await stored()).toBe("{}");
    const saved = await post([
      ["intent", "email-notifications"],
      ["email", "mentor-digest"],
      ["email", "goal-due"],
    ]);
    expect(saved.status).toBe(200);
    // Every kind not ticked is stored as turned off.
    const off = notificationKinds.filter((kind) => kind !== "mentor-digest" && kind !== "goal-due");
    expect(JSON.parse((await stored()) ?? "")).toEqual(Object.fromEntries(off.map((kind) => [kind, false])));
    expect(off).toContain("review-graded");
    const page = await (await request("GET", "/profile", { cookie })).text();
    expect(page).toContain("Зведення й нагадування надходять від 08:00 за Вашим часовим поясом");
  });

  test("a kind that does not exist, hostile or huge input: 400 and nothing stored", async () => {
    const before = await stored();
    for (const value of ["weekly-spam", "<script>alert(1)</script>", "x".repeat(20_000), ""]) {
      const refused = await post([
        ["intent", "email-notifications"],
        ["email", "goal-due"],
        ["email", value],
      ]);
      expect(refused.status, value.slice(0, 30)).toBe(400);
    }
    const wrongIntent = await post([
      ["intent", "email-everything"],
      ["email", "goal-due"],
    ]);
    expect(wrongIntent.status).toBe(400);
    expect(await stored()).toBe(before);
  });

  test("the choices at phone width, in Ukrainian", async () => {
    const page = await browser.newPage({ locale: "uk-UA" });
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, email, PASSWORD);
    await page.goto("/profile");
    const section = page.locator("section[aria-labelledby=email-choices-title]");
    await section.scrollIntoViewIfNeeded();
    expect(await section.locator("input[type=checkbox]").count()).toBe(notificationKinds.length);
    expect(await section.locator("input[type=checkbox]:checked").count()).toBe(2);
    // Nothing wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const shots = process.env.SCREENSHOTS_DIR;
    if (shots) await section.screenshot({ path: path.join(shots, "profile-email-choices-uk-390.png") });
    await page.context().close();
  });
});
