import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { DomainError } from "#app/utils/errors.ts";
import { RateLimited } from "#app/utils/rate-limit.server.ts";
import { root } from "#tests/setup/paths.ts";
import { createUser } from "#tests/factories.ts";
import {
  countVerification,
  revokeCertificate,
  VERIFY_LIMIT,
  verificationQrSvg,
  verificationUrl,
  verifyCertificate,
} from "./certificates.server.ts";
import { isVerificationCode, newVerificationCode } from "./codes.server.ts";

beforeAll(() => {
  process.env.CONTENT_DIR = path.join(root, "tests/fixtures/content/valid");
});

async function certified(name = "Fernanda Lima") {
  const holder = await createUser({ roles: ["trainee"], name });
  const certificate = await prisma.certification.create({
    data: {
      userId: holder.id,
      stage: "L1",
      code: newVerificationCode(),
      certifiedAt: new Date(Date.UTC(2026, 10, 20, 12)),
      evidence: "[]",
    },
    select: { id: true, code: true },
  });
  return { holder, certificate };
}

async function anAdmin() {
  const admin = await createUser({ roles: ["admin"] });
  return { id: admin.id, email: admin.email, ip: "203.0.113.9" };
}

const stored = (id: string) =>
  prisma.certification.findUniqueOrThrow({
    where: { id },
    select: { revokedAt: true, revokedReason: true, revokedById: true },
  });
const revocationsAudited = (userId: string) =>
  prisma.auditEvent.count({ where: { kind: "certificate.revoked", targetId: userId } });

async function refusedWith(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("verification codes", () => {
  test("are 32 lower-case hex digits (128 random bits), URL-safe, and do not repeat in 20,000", () => {
    const codes = Array.from({ length: 20_000 }, newVerificationCode);
    for (const code of codes.slice(0, 50)) {
      expect(code).toMatch(/^[0-9a-f]{32}$/);
      expect(encodeURIComponent(code)).toBe(code);
    }
    expect(new Set(codes).size).toBe(codes.length);
    // Every hex digit turns up in every position: nothing fixed, nothing counted.
    for (let position = 0; position < 32; position++)
      expect(new Set(codes.map((c) => c[position])).size, `position ${position}`).toBe(16);
  });

  test("anything else is not a code", () => {
    expect(isVerificationCode(newVerificationCode())).toBe(true);
    for (const bad of [
      "",
      "0".repeat(31),
      "0".repeat(33),
      "A".repeat(32),
      "g".repeat(32),
      `${"0".repeat(31)}/`,
      " ".repeat(32),
      null,
      42,
    ])
      expect(isVerificationCode(bad), String(bad)).toBe(false);
  });

  test("the database refuses the same code twice", async () => {
    const { certificate } = await certified();
    const other = await createUser();
    await expect(
      prisma.certification.create({
        data: { userId: other.id, stage: "L1", code: certificate.code, certifiedAt: new Date(), evidence: "[]" },
      }),
    ).rejects.toThrow();
  });
});

describe("the verification page's data", () => {
  test("a valid certificate: holder, level, issuer and date, and nothing about the person beyond their name", async () => {
    const { certificate } = await certified("Dmytro Kovalenko");
    const page = await verifyCertificate(certificate.code, "uk");
    expect(page).toMatchObject({ name: "Dmytro Kovalenko", revoked: null });
    expect(page?.title).toMatch(/^L1 · /);
    expect(page?.issuer).toBeTruthy();
    expect(page?.issuedOn).toMatch(/2026/);
    expect(JSON.stringify(page)).not.toMatch(/@/);
  });

  test("a revoked one says when and why", async () => {
    const { holder, certificate } = await certified();
    await revokeCertificate(
      { userId: holder.id, certificateId: certificate.id },
      { reason: "  Issued by mistake.  " },
      await anAdmin(),
      new Date(Date.UTC(2026, 11, 1, 12)),
    );
    const page = await verifyCertificate(certificate.code, "en");
    expect(page?.revoked).toEqual({ on: expect.stringMatching(/2026/) as unknown, reason: "Issued by mistake." });
  });

  test("an unknown or malformed code finds nothing", async () => {
    await certified();
    for (const code of [newVerificationCode(), "", "x", "' OR 1=1 --", "A".repeat(32), "0".repeat(5000)])
      expect(await verifyCertificate(code, "en"), code.slice(0, 40)).toBeNull();
  });

  test("its address starts with the app's URL, and the QR code is SVG drawn the same way each time", async () => {
    const code = newVerificationCode();
    const url = verificationUrl(code);
    expect(url).toMatch(new RegExp(`^https?://[^/]+/verify/${code}$`));
    const svg = await verificationQrSvg(url);
    expect(svg).toMatch(/^<svg[^>]*viewBox/);
    expect(await verificationQrSvg(url)).toBe(svg);
    expect(await verificationQrSvg(verificationUrl(newVerificationCode()))).not.toBe(svg);
  });

  test("one address may look up 60 a minute; the next is refused with a wait", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < VERIFY_LIMIT.points; i++) await countVerification(ip);
    const error = await countVerification(ip).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimited);
    expect((error as RateLimited).status).toBe(429);
    expect((error as RateLimited).retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe("revoking a certificate", () => {
  test("stores the reason, the admin and the time, and writes one audit entry", async () => {
    const { holder, certificate } = await certified();
    const admin = await anAdmin();
    await revokeCertificate(
      { userId: holder.id, certificateId: certificate.id },
      { reason: "Sign-off withdrawn" },
      admin,
    );
    expect(await stored(certificate.id)).toMatchObject({ revokedReason: "Sign-off withdrawn", revokedById: admin.id });
    expect((await stored(certificate.id)).revokedAt).toBeInstanceOf(Date);
    const entry = await prisma.auditEvent.findFirstOrThrow({
      where: { kind: "certificate.revoked", targetId: holder.id },
      select: { actorId: true, ipAddress: true, details: true },
    });
    expect(entry).toMatchObject({ actorId: admin.id, ipAddress: admin.ip });
    expect(JSON.parse(entry.details)).toEqual({ stage: "L1", issue: 1, reason: "Sign-off withdrawn" });
  });

  test("an empty, blank, too long or control-character reason is refused (400) and nothing is stored", async () => {
    const { holder, certificate } = await certified();
    const admin = await anAdmin();
    for (const [input, key] of [
      [{}, "verification.errors.reasonRequired"],
      [{ reason: "" }, "verification.errors.reasonRequired"],
      [{ reason: " \n\t " }, "verification.errors.reasonRequired"],
      [{ reason: "x".repeat(501) }, "verification.errors.reasonTooLong"],
      [{ reason: "é".repeat(1000) }, "verification.errors.reasonTooLong"],
      [{ reason: "bad\u0000byte" }, "verification.errors.reasonInvalid"],
      [{ reason: ["a", "b"] }, "verification.errors.reasonRequired"],
    ] as const) {
      const error = await refusedWith(
        revokeCertificate({ userId: holder.id, certificateId: certificate.id }, input, admin),
      );
      expect([error.status, error.messageKey], JSON.stringify(input).slice(0, 40)).toEqual([400, key]);
    }
    // Exactly 500 characters (as a person counts them) is allowed.
    await revokeCertificate({ userId: holder.id, certificateId: certificate.id }, { reason: "é".repeat(500) }, admin);
    expect((await stored(certificate.id)).revokedReason).toBe("é".repeat(500));
    expect(await revocationsAudited(holder.id)).toBe(1);
  });

  test("a certificate of someone else, or none, is not found (404); nothing is stored", async () => {
    const { holder, certificate } = await certified();
    const other = await createUser();
    const admin = await anAdmin();
    for (const target of [
      { userId: other.id, certificateId: certificate.id },
      { userId: holder.id, certificateId: "no-such-certificate" },
    ]) {
      const error = await refusedWith(revokeCertificate(target, { reason: "Wrong person" }, admin));
      expect(error.status).toBe(404);
    }
    expect(await stored(certificate.id)).toEqual({ revokedAt: null, revokedReason: null, revokedById: null });
    expect(await revocationsAudited(holder.id)).toBe(0);
  });

  test("once only: a second revocation, or two at once, is told it is already revoked (409) and keeps the first reason", async () => {
    const { holder, certificate } = await certified();
    const admin = await anAdmin();
    const target = { userId: holder.id, certificateId: certificate.id };
    const results = await Promise.allSettled(
      ["first", "second", "third"].map((reason) => revokeCertificate(target, { reason }, admin)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect((r.reason as DomainError).status, String(r.reason)).toBe(409);
    const first = await stored(certificate.id);
    const error = await refusedWith(revokeCertificate(target, { reason: "again" }, admin));
    expect(error.status).toBe(409);
    expect(await stored(certificate.id)).toEqual(first);
    expect(await revocationsAudited(holder.id)).toBe(1);
  });
});
