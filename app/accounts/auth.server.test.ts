import bcrypt from "bcryptjs";
import { describe, expect, test, vi } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { sessionCookie } from "#app/utils/session.server.ts";
import { createUser } from "#tests/factories.ts";
import { setUserActive, updateUser } from "./admin.server.ts";
import { createSession, destroySession, getUser, requireRole, requireUser, verifySignIn } from "./auth.server.ts";
import { changePassword } from "./profile.server.ts";
import { endAllSessions, endSession, listSessions } from "./sessions.server.ts";

const client = (ip: string) => ({ ip, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0" });

async function requestWith(setCookie: string, init: RequestInit = {}) {
  const id: unknown = await sessionCookie.parse(setCookie);
  return new Request("http://localhost/x", {
    ...init,
    headers: { Cookie: await sessionCookie.serialize(id) },
  });
}

const signIn = (email: string, password: string, ip: string) =>
  verifySignIn({ email, password, client: client(ip), sleep: async () => {} });

describe("sign-in", () => {
  test("the right password signs in; unknown email and wrong password get the same answer", async () => {
    const user = await createUser();
    const ok = { status: "ok", user: { id: user.id, email: user.email }, twoFactor: false };
    expect(await signIn(user.email, "correct horse battery", "1.1.1.1")).toEqual(ok);
    expect(await signIn(user.email.toUpperCase(), "correct horse battery", "1.1.1.1")).toEqual(ok);
    expect(await signIn(user.email, "wrong", "1.1.1.1")).toEqual({ status: "invalid" });
    expect(await signIn("nobody@example.test", "correct horse battery", "1.1.1.1")).toEqual({ status: "invalid" });
  });

  test("a deactivated person cannot sign in, and their sessions end", async () => {
    const user = await createUser();
    const admin = await createUser({ roles: ["admin"] });
    const cookie = await createSession(user.id, client("1.1.1.2"));
    expect((await getUser(await requestWith(cookie)))?.id).toBe(user.id);
    await setUserActive(user.id, false, { ...admin, ip: "1.1.1.9" });
    expect(await getUser(await requestWith(cookie))).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await signIn(user.email, "correct horse battery", "1.1.1.2")).toEqual({ status: "invalid" });
  });

  test("a person without a password (imported) cannot sign in", async () => {
    const user = await createUser({ password: null });
    expect(await signIn(user.email, "", "1.1.1.3")).toEqual({ status: "invalid" });
  });

  test("sign-ins, failures and their addresses are in the audit log; passwords never are", async () => {
    const user = await createUser();
    await signIn(user.email, "a wrong guess here", "198.51.100.4");
    await signIn("nobody@example.test", "another guess", "198.51.100.5");
    const entries = await prisma.auditEvent.findMany({
      where: { kind: "signin.failure", ipAddress: { startsWith: "198.51.100." } },
      select: { targetId: true, targetLabel: true, ipAddress: true, details: true },
      orderBy: { at: "asc" },
    });
    expect(entries).toEqual([
      { targetId: user.id, targetLabel: user.email, ipAddress: "198.51.100.4", details: '{"reason":"wrongPassword"}' },
      {
        targetId: null,
        targetLabel: "nobody@example.test",
        ipAddress: "198.51.100.5",
        details: '{"reason":"unknownEmail"}',
      },
    ]);
    expect(JSON.stringify(await prisma.auditEvent.findMany())).not.toMatch(/guess/);
  });
});

describe("passwords", () => {
  test("new hashes are argon2id; a bcrypt hash from before is rehashed at the next sign-in", async () => {
    const user = await createUser();
    const stored = await prisma.password.findUniqueOrThrow({ where: { userId: user.id }, select: { hash: true } });
    expect(stored.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await prisma.password.update({
      where: { userId: user.id },
      data: { hash: await bcrypt.hash("correct horse battery", 4) },
    });
    expect((await signIn(user.email, "correct horse battery", "2.2.2.1")).status).toBe("ok");
    const after = await prisma.password.findUniqueOrThrow({ where: { userId: user.id }, select: { hash: true } });
    expect(after.hash).toMatch(/^\$argon2id\$/);
    expect((await signIn(user.email, "correct horse battery", "2.2.2.1")).status).toBe("ok");
  });

  test("every character counts: no truncation at 72 bytes as bcrypt did", async () => {
    // 40 Cyrillic letters are 80 bytes: bcrypt would have compared only the first 36.
    const long = "ж".repeat(40);
    const user = await createUser({ password: long });
    expect((await signIn(user.email, `${"ж".repeat(39)}ш`, "2.2.2.2")).status).toBe("invalid");
    expect((await signIn(user.email, long, "2.2.2.2")).status).toBe("ok");
  });
});

describe("sessions", () => {
  test("every sign-in makes a new random session id; the cookie holds only that id", async () => {
    const user = await createUser();
    const first = await createSession(user.id, client("3.3.3.1"));
    const second = await createSession(user.id, client("3.3.3.1"));
    const [id1, id2] = [await sessionCookie.parse(first), await sessionCookie.parse(second)];
    expect(id1).not.toBe(id2);
    expect(String(id1)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first).toMatch(/HttpOnly/);
    expect(first).toMatch(/SameSite=Lax/);
    expect(first).not.toContain(user.id);
  });

  test("a session past its absolute end is no session, however recently used", async () => {
    const user = await createUser();
    const request = await requestWith(await createSession(user.id, client("3.3.3.2")));
    await prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getUser(request)).toBeNull();
  });

  test("a session unused for longer than the idle timeout ends; one used in time goes on", async () => {
    const user = await createUser();
    const cookie = await createSession(user.id, client("3.3.3.3"));
    const idleMs = getEnv().SESSION_IDLE_MINUTES * 60_000;
    await prisma.session.updateMany({
      where: { userId: user.id },
      data: { lastSeenAt: new Date(Date.now() - idleMs + 60_000) },
    });
    expect((await getUser(await requestWith(cookie)))?.id).toBe(user.id);
    // That visit moved lastSeenAt to now, so the session is alive again for a whole idle period.
    const seen = await prisma.session.findFirstOrThrow({ where: { userId: user.id }, select: { lastSeenAt: true } });
    expect(Date.now() - seen.lastSeenAt.getTime()).toBeLessThan(120_000);
    await prisma.session.updateMany({
      where: { userId: user.id },
      data: { lastSeenAt: new Date(Date.now() - idleMs - 1000) },
    });
    expect(await getUser(await requestWith(cookie))).toBeNull();
  });

  test("lastSeenAt is written at most once a minute per session", async () => {
    const user = await createUser();
    const cookie = await createSession(user.id, client("3.3.3.4"));
    const writes = vi.spyOn(prisma.session, "updateMany");
    for (let i = 0; i < 5; i++) expect((await getUser(await requestWith(cookie)))?.id).toBe(user.id);
    expect(writes).not.toHaveBeenCalled();
    await prisma.session.updateMany({
      where: { userId: user.id },
      data: { lastSeenAt: new Date(Date.now() - 61_000) },
    });
    writes.mockClear();
    await getUser(await requestWith(cookie));
    await getUser(await requestWith(cookie));
    expect(writes).toHaveBeenCalledTimes(1);
    writes.mockRestore();
  });

  test("a forged cookie (unsigned or tampered) is ignored", async () => {
    const user = await createUser();
    const setCookie = await createSession(user.id, client("3.3.3.5"));
    const id = String(await sessionCookie.parse(setCookie));
    const forged = new Request("http://localhost/", {
      headers: { Cookie: `rapport_session=${encodeURIComponent(JSON.stringify(id))}` },
    });
    expect(await getUser(forged)).toBeNull();
  });

  test("sign-out deletes the session row", async () => {
    const user = await createUser();
    const request = await requestWith(await createSession(user.id, client("3.3.3.6")));
    const cleared = await destroySession(request, client("3.3.3.6"));
    expect(cleared).toMatch(/Max-Age=0/);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { kind: "signout", actorId: user.id } })).toBe(1);
  });

  test("a password change ends every other session, the stolen one included, and keeps this one", async () => {
    const user = await createUser();
    const mine = await requestWith(await createSession(user.id, client("3.3.4.1")));
    const stolen = await requestWith(await createSession(user.id, client("203.0.113.66")));
    const me = await requireUser(mine);
    expect(await changePassword(me, "correct horse battery", "a brand new passphrase", "3.3.4.1")).toEqual({
      status: "ok",
    });
    expect(await getUser(stolen)).toBeNull();
    expect((await getUser(new Request(mine.url, { headers: mine.headers })))?.id).toBe(user.id);
    expect(await prisma.auditEvent.count({ where: { kind: "password.changed", actorId: user.id } })).toBe(1);
  });

  test("a wrong current password changes nothing; a common new one is refused", async () => {
    const user = await createUser();
    const me = await requireUser(await requestWith(await createSession(user.id, client("3.3.4.2"))));
    expect((await changePassword(me, "not my password", "a brand new passphrase", "3.3.4.2")).status).toBe("wrong");
    expect((await changePassword(me, "correct horse battery", "qwertyuiop123", "3.3.4.2")).status).toBe("common");
    expect((await signIn(user.email, "correct horse battery", "3.3.4.2")).status).toBe("ok");
  });

  test("the current-password check is throttled like sign-in", async () => {
    const user = await createUser();
    const me = await requireUser(await requestWith(await createSession(user.id, client("3.3.4.3"))));
    const results = await Promise.all(
      Array.from({ length: 12 }, () => changePassword(me, "guess guess guess", "a brand new passphrase", "3.3.4.3")),
    );
    expect(results.filter((r) => r.status === "wrong")).toHaveLength(5);
    expect(results.filter((r) => r.status === "throttled")).toHaveLength(7);
    // Even the right password waits now.
    expect((await changePassword(me, "correct horse battery", "a brand new passphrase", "3.3.4.3")).status).toBe(
      "throttled",
    );
  });

  test("an admin setting a password ends every session of that person", async () => {
    const user = await createUser();
    const admin = await createUser({ roles: ["admin"] });
    const theirs = await requestWith(await createSession(user.id, client("3.3.5.1")));
    await updateUser(
      user.id,
      {
        email: user.email,
        name: user.name,
        roles: ["trainee"],
        teamId: null,
        mentorId: null,
        locale: "auto",
        password: "set by the admin today",
      },
      { ...admin, ip: "3.3.5.9" },
    );
    expect(await getUser(theirs)).toBeNull();
    const entry = await prisma.auditEvent.findFirstOrThrow({
      where: { kind: "user.passwordSet" },
      select: { actorEmail: true, targetLabel: true, ipAddress: true },
    });
    expect(entry).toEqual({ actorEmail: admin.email, targetLabel: user.email, ipAddress: "3.3.5.9" });
  });

  test("a person lists their sessions, ends one by one, or all at once", async () => {
    const user = await createUser();
    const here = await requireUser(await requestWith(await createSession(user.id, client("3.3.6.1"))));
    const phone = await requestWith(
      await createSession(user.id, {
        ip: "3.3.6.2",
        userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148 Safari/604.1",
      }),
    );
    const list = await listSessions(user.id, here.sessionId);
    expect(list).toHaveLength(2);
    expect(list.find((s) => s.current)?.device).toBe("Firefox 130 · Linux");
    const other = list.find((s) => !s.current);
    expect(other).toMatchObject({ device: "Safari 17 · iOS", ipAddress: "3.3.6.2" });
    // Handles are not session ids.
    expect(JSON.stringify(list)).not.toContain(here.sessionId);
    expect(await endSession(here, "not-a-handle", "3.3.6.1")).toBe(false);
    expect(await endSession(here, list.find((s) => s.current)?.handle ?? "", "3.3.6.1")).toBe(false);
    expect(await endSession(here, other?.handle ?? "", "3.3.6.1")).toBe(true);
    expect(await getUser(phone)).toBeNull();
    expect(await listSessions(user.id, here.sessionId)).toHaveLength(1);
    // Someone else's handle does nothing.
    const stranger = await createUser();
    const strangers = await requireUser(await requestWith(await createSession(stranger.id, client("3.3.6.3"))));
    await createSession(user.id, client("3.3.6.4"));
    const mineNow = await listSessions(user.id, here.sessionId);
    expect(await endSession(strangers, mineNow.find((s) => !s.current)?.handle ?? "", "3.3.6.3")).toBe(false);
    expect(await endAllSessions(here, "3.3.6.1")).toBe(2);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("guards", () => {
  test("requireUser redirects to sign-in with the page to come back to", async () => {
    const result = await requireUser(new Request("http://localhost/admin/users?q=a")).catch((e: unknown) => e);
    expect(result).toBeInstanceOf(Response);
    const response = result as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fadmin%2Fusers%3Fq%3Da");
  });

  test("requireRole throws 403 for a person without the role and lets a holder through", async () => {
    const trainee = await createUser({ roles: ["trainee"] });
    const both = await createUser({ roles: ["mentor", "trainee"] });
    const denied = await requireRole(
      await requestWith(await createSession(trainee.id, client("4.4.4.1"))),
      "admin",
    ).catch((e: unknown) => e);
    expect((denied as Response).status).toBe(403);
    const allowed = await requireRole(await requestWith(await createSession(both.id, client("4.4.4.1"))), [
      "manager",
      "mentor",
    ]);
    expect(allowed.roles.sort()).toEqual(["mentor", "trainee"]);
  });

  test("one person's form posts are limited per minute, with Retry-After; reading pages is not", async () => {
    const user = await createUser();
    const cookie = await createSession(user.id, client("4.4.4.2"));
    const limit = getEnv().WRITES_PER_MINUTE;
    const outcomes = await Promise.all(
      Array.from({ length: limit + 5 }, async () =>
        requireUser(await requestWith(cookie, { method: "POST" })).then(
          () => 200,
          (e: unknown) => (e instanceof Response ? e : 500),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 200)).toHaveLength(limit);
    const refused = outcomes.filter((o): o is Response => o instanceof Response);
    expect(refused).toHaveLength(5);
    expect(refused.every((r) => r.status === 429 && Number(r.headers.get("Retry-After")) > 0)).toBe(true);
    expect((await requireUser(await requestWith(cookie))).id).toBe(user.id);
    // Another person is not affected.
    const other = await createUser();
    const theirs = await createSession(other.id, client("4.4.4.2"));
    expect((await requireUser(await requestWith(theirs, { method: "POST" }))).id).toBe(other.id);
  }, 60_000);
});
