import { randomBytes } from "node:crypto";
import QRCode from "qrcode";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { withConnection } from "#tests/setup/database.ts";
import { demo, setupBrowser, signIn, submitAndSettle } from "./browser.ts";
import { request, sessionFor } from "./http.ts";

const browser = setupBrowser();

/** The dark modules of a QR code's SVG, and its size: what a reader decodes. */
function qrShape(svg: string) {
  const viewBox = /viewBox="([^"]+)"/.exec(svg)?.[1];
  const dark = [...svg.matchAll(/<path[^>]*\bd="([^"]+)"/g)].map((m) => m[1]).at(-1);
  return { viewBox, dark };
}

const database = () => inject("e2eDatabaseUrl");

/** A person of their own with an L1 certificate, for tests that revoke it. */
async function certifiedStranger() {
  const id = `cert${randomBytes(8).toString("hex")}`;
  const code = randomBytes(16).toString("hex");
  const certificateId = `c${randomBytes(12).toString("hex")}`;
  const now = new Date();
  await withConnection(database(), async (db) => {
    await db.run(
      'INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES (?, ?, ?, ?)',
      id,
      `${id}@example.test`,
      "Valéria Quintana",
      now,
    );
    await db.run(
      'INSERT INTO "Certification" ("id", "userId", "stage", "code", "certifiedAt", "evidence") VALUES (?, ?, \'L1\', ?, ?, \'[]\')',
      certificateId,
      id,
      code,
      new Date(Date.UTC(2026, 10, 30, 12)),
    );
  });
  return { userId: id, email: `${id}@example.test`, certificateId, code };
}

const revocation = (certificateId: string) =>
  withConnection(database(), (db) =>
    db.get<{ revokedAt: string | null; revokedReason: string | null }>(
      'SELECT "revokedAt", "revokedReason" FROM "Certification" WHERE "id" = ?',
      certificateId,
    ),
  );

describe("the printed certificate and its public verification page", () => {
  test("Ana's printed certificate carries its verification address as text and as a QR code of that address, which opens 'valid' signed out and without JavaScript", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("ana.souza"));
    await page.goto("/progress");
    await page.locator('a[href^="/certificates/"]').first().click();
    await page.waitForSelector("[data-certificate]");
    const url = (await page.locator("[data-verify-url]").textContent())?.trim() ?? "";
    expect(url).toMatch(/^https?:\/\/[^/]+\/verify\/[0-9a-f]{32}$/);
    expect(await page.locator("[data-verify-url]").getAttribute("href")).toBe(url);
    // The QR code is in the page as SVG (drawn on the server) and encodes exactly that address.
    const shown = await page.locator("[data-qr] svg").evaluate((svg) => svg.outerHTML);
    const expected = await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
    expect(qrShape(shown).dark).toBeTruthy();
    expect(qrShape(shown)).toEqual(qrShape(expected));
    // One digit changed (to one it is not already: the code is random) gives another code.
    const other = `${url.slice(0, -1)}${url.endsWith("0") ? "1" : "0"}`;
    expect(qrShape(shown)).not.toEqual(
      qrShape(await QRCode.toString(other, { type: "svg", errorCorrectionLevel: "M", margin: 2 })),
    );
    // It prints: QR and address are on paper, the "print this page" hint is not.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("[data-qr] svg").isVisible()).toBe(true);
    expect(await page.locator("[data-verify-url]").isVisible()).toBe(true);
    await page.context().close();

    const outsider = await browser.newPage({ javaScriptEnabled: false });
    const response = await outsider.goto(url);
    expect(response?.status()).toBe(200);
    expect(await outsider.locator("[data-status]").getAttribute("data-status")).toBe("valid");
    expect(await outsider.locator("[data-status]").textContent()).toMatch(/Valid/);
    expect(await outsider.locator("[data-holder]").textContent()).toBe("Ana Souza");
    expect(await outsider.locator("[data-stage]").textContent()).toMatch(/^L1 · /);
    expect(await outsider.locator('meta[name="robots"]').getAttribute("content")).toMatch(/noindex/);
    expect(await outsider.content()).not.toContain("ana.souza@");
    await outsider.context().close();
  });

  test("the page speaks the reader's language (Accept-Language, or the switcher's cookie) and says nothing of the holder but name, level, issuer and date", async () => {
    const anas = await withConnection(database(), (db) =>
      db.get<{ code: string }>(
        `SELECT c."code" FROM "Certification" c JOIN "User" u ON u."id" = c."userId" WHERE u."email" = ? AND c."stage" = 'L1'`,
        demo("ana.souza"),
      ),
    );
    const path = `/verify/${anas?.code ?? ""}`;
    for (const [headers, words] of [
      [{ "Accept-Language": "es-MX,es;q=0.9" }, ["Válido", "Titular", "Fecha de emisión"]],
      [{ "Accept-Language": "uk" }, ["Чинний", "Власник", "Дата видачі"]],
      [{ Cookie: "rapport_locale=pt-BR" }, ["Válido", "Titular", "Data de emissão"]],
      [{}, ["Valid", "Holder", "Date issued", "Issued by"]],
    ] as const) {
      const response = await request("GET", path, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-robots-tag")).toMatch(/noindex/);
      const html = await response.text();
      for (const word of words) expect(html, JSON.stringify(headers)).toContain(word);
      expect(html).toContain("Ana Souza");
      expect(html).not.toMatch(/ana\.souza@|demo\.rapport\.test/);
    }
  });

  test("an unknown or malformed code is a 404 that says so, and tells nothing else", async () => {
    for (const code of [
      randomBytes(16).toString("hex"),
      "not-a-code",
      "A".repeat(32),
      "0".repeat(31),
      `${"0".repeat(32)}%27%20OR%201=1`,
      "x".repeat(3000),
    ]) {
      const response = await request("GET", `/verify/${code}`);
      expect(response.status, code.slice(0, 40)).toBe(404);
      const html = await response.text();
      expect(html).toContain("There is no certificate with this code");
      expect(html).not.toContain("Ana Souza");
    }
  });
});

describe("revoking a certificate", () => {
  let admin = "";
  beforeAll(async () => {
    admin = await sessionFor(demo("admin"));
  });

  test("an admin revokes from the person's page after a confirmation step; the verification page, the admin's list and the certificate say revoked, with date and reason", async () => {
    const person = await certifiedStranger();
    const page = await browser.newPage();
    await signIn(page, demo("admin"));
    await page.goto(`/admin/users/${person.userId}`);
    expect(await page.locator(`[data-certificate="${person.certificateId}"] [data-status]`).textContent()).toBe(
      "Valid",
    );
    await page.getByRole("link", { name: "Revoke…" }).click();
    await page.waitForURL(`**/admin/users/${person.userId}/certificates/${person.certificateId}`);
    // The address changes before the new page is drawn: wait for its heading.
    await expect.poll(() => page.locator("h1").textContent()).toBe("Revoke a certificate");
    // Nothing happens until the reason is given and the revocation confirmed.
    expect((await revocation(person.certificateId))?.revokedAt).toBeNull();
    await page.getByLabel(/Reason/).fill("The L1 sign-offs were recorded for the wrong person.");
    await submitAndSettle(page, page.getByRole("button", { name: "Revoke the certificate" }));
    expect(new URL(page.url()).pathname).toBe(`/admin/users/${person.userId}`);
    expect(await page.getByText("The certificate was revoked.").isVisible()).toBe(true);
    expect(await page.locator(`[data-certificate="${person.certificateId}"] [data-status]`).textContent()).toContain(
      "The L1 sign-offs were recorded for the wrong person.",
    );
    await page.goto(`/certificates/${person.certificateId}`);
    expect(await page.locator("[data-revoked]").textContent()).toContain("This certificate was revoked on");
    await page.goto("/admin/audit?kind=certificate.revoked");
    expect(await page.locator("table").textContent()).toContain(person.email);
    await page.context().close();

    const outsider = await browser.newPage({ javaScriptEnabled: false });
    await outsider.goto(`/verify/${person.code}`);
    expect(await outsider.locator("[data-status]").getAttribute("data-status")).toBe("revoked");
    const status = (await outsider.locator("[data-status]").textContent()) ?? "";
    expect(status).toContain("Revoked");
    expect(status).toMatch(/revoked on .*20\d\d/);
    expect(status).toContain("The L1 sign-offs were recorded for the wrong person.");
    await outsider.context().close();
  });

  test("refused with a 4xx and nothing stored: no reason, a reason too long, not an admin, already revoked", async () => {
    const person = await certifiedStranger();
    const path = `/admin/users/${person.userId}/certificates/${person.certificateId}`;
    const post = (reason: string, cookie = admin) =>
      request("POST", path, { cookie, body: new URLSearchParams({ reason }).toString() });
    for (const [reason, message] of [
      ["", "Give the reason for the revocation."],
      ["   ", "Give the reason for the revocation."],
      ["x".repeat(501), "Keep the reason to 500 characters or fewer."],
    ] as const) {
      const response = await post(reason);
      expect(response.status, reason.slice(0, 10)).toBe(400);
      expect(await response.text()).toContain(message);
    }
    for (const who of ["mentor", "manager", "trainee"]) {
      const response = await post("Not mine to revoke", await sessionFor(demo(who)));
      expect(response.status, who).toBe(403);
    }
    const signedOut = await request("POST", path, { body: "reason=Nobody" });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toMatch(/^\/login/);
    expect(await revocation(person.certificateId)).toEqual({ revokedAt: null, revokedReason: null });

    expect((await post("Issued in error.")).status).toBe(302);
    const first = await revocation(person.certificateId);
    expect(first?.revokedReason).toBe("Issued in error.");
    const again = await post("A second reason");
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already revoked");
    expect(await revocation(person.certificateId)).toEqual(first);
    // The confirmation page of a revoked certificate offers no second revocation.
    const confirm = await request("GET", path, { cookie: admin });
    const html = await confirm.text();
    expect(html).toContain("This certificate was revoked on");
    expect(html).not.toContain('name="reason"');
  });
});
