import { generate } from "otplib";
import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { createUser } from "#tests/factories.ts";
import {
  checkSecondStep,
  confirmEnrolment,
  disableTwoFactor,
  pendingEnrolment,
  readPendingSignIn,
  recoveryCodesLeft,
  renewRecoveryCodes,
  startPendingSignIn,
  verifySecondFactor,
} from "./two-factor.server.ts";

const at = (secret: string, periodsAhead = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + periodsAhead * 30 });

async function enrolled() {
  const user = await createUser();
  const enrolment = await pendingEnrolment(user);
  if (!enrolment) throw new Error("no enrolment");
  const codes = await confirmEnrolment(user, await at(enrolment.secret), "192.0.2.1");
  if (!codes) throw new Error("not enrolled");
  return { user, secret: enrolment.secret, codes };
}

describe("two-factor sign-in", () => {
  test("enrolment keeps one secret until confirmed, and only a right code confirms it", async () => {
    const user = await createUser();
    const first = await pendingEnrolment(user);
    const again = await pendingEnrolment(user);
    expect(again?.secret).toBe(first?.secret);
    expect(first?.uri).toContain("otpauth://totp/Rapport:");
    expect(first?.qrDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await confirmEnrolment(user, "000000", "192.0.2.1")).toBeNull();
    expect(await confirmEnrolment(user, "not a code", "192.0.2.1")).toBeNull();
    const codes = await confirmEnrolment(user, await at(first?.secret ?? ""), "192.0.2.1");
    expect(codes).toHaveLength(10);
    expect(await pendingEnrolment(user)).toBeNull();
    // Stored hashed only.
    const stored = await prisma.recoveryCode.findMany({ where: { userId: user.id }, select: { hash: true } });
    expect(stored.some((s) => codes?.some((c) => s.hash.includes(c.replace("-", ""))))).toBe(false);
    expect(await prisma.auditEvent.count({ where: { kind: "twoFactor.enabled", actorId: user.id } })).toBe(1);
  });

  test("a code is accepted once (no replay), the next period's code once more", async () => {
    const { user, secret } = await enrolled();
    // The code used to enrol cannot sign in.
    expect((await verifySecondFactor(user.id, await at(secret))).ok).toBe(false);
    const next = await at(secret, 1);
    const both = await Promise.all([verifySecondFactor(user.id, next), verifySecondFactor(user.id, next)]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect((await verifySecondFactor(user.id, next)).ok).toBe(false);
  });

  test("a recovery code signs in once, in any case and with or without its dash", async () => {
    const { user, codes } = await enrolled();
    const code = codes[0] ?? "";
    expect(await verifySecondFactor(user.id, code.toUpperCase().replace("-", ""))).toEqual({
      ok: true,
      method: "recovery",
    });
    expect((await verifySecondFactor(user.id, code)).ok).toBe(false);
    expect(await recoveryCodesLeft(user.id)).toBe(9);
    const renewed = await renewRecoveryCodes(user, "192.0.2.1");
    expect((await verifySecondFactor(user.id, codes[1] ?? "")).ok).toBe(false);
    expect((await verifySecondFactor(user.id, renewed[0] ?? "")).ok).toBe(true);
  });

  test("the second step is limited per person, and a wrong code is audited", async () => {
    const { user, secret } = await enrolled();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => checkSecondStep(user.id, "123456", "192.0.2.2")),
    );
    expect(results.filter((r) => r.status === "invalid").length).toBeLessThanOrEqual(5);
    expect(results.filter((r) => r.status === "throttled").length).toBeGreaterThanOrEqual(5);
    expect((await checkSecondStep(user.id, await at(secret, 1), "192.0.2.2")).status).toBe("throttled");
    expect(
      await prisma.auditEvent.count({ where: { kind: "signin.twoFactorFailure", targetId: user.id } }),
    ).toBeGreaterThan(0);
  });

  test("a deactivated person's pending sign-in goes nowhere; turning it off removes secret and codes", async () => {
    const { user, secret } = await enrolled();
    await prisma.user.update({ where: { id: user.id }, data: { active: false } });
    expect((await checkSecondStep(user.id, await at(secret, 1), "192.0.2.3")).status).toBe("gone");
    await disableTwoFactor(user.id, { actor: user, ip: "192.0.2.3" });
    expect(await prisma.twoFactor.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.recoveryCode.count({ where: { userId: user.id } })).toBe(0);
  });

  test("the pending cookie is signed and runs out", async () => {
    const cookie = await startPendingSignIn({ userId: "u1", redirectTo: "/x" });
    const request = (header: string) =>
      new Request("http://localhost/login/two-factor", { headers: { Cookie: header } });
    const value = cookie.split(";")[0] ?? "";
    expect(await readPendingSignIn(request(value))).toEqual({ userId: "u1", redirectTo: "/x" });
    expect(await readPendingSignIn(request(value.replace(/.$/, "x")))).toBeNull();
    const later = Date.now() + 11 * 60_000;
    const realNow = Date.now;
    Date.now = () => later;
    try {
      expect(await readPendingSignIn(request(value))).toBeNull();
    } finally {
      Date.now = realNow;
    }
  });
});
