import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { sessionCookie } from "#app/utils/session.server.ts";
import { createUser } from "#tests/factories.ts";
import { setUserActive } from "./admin.server.ts";
import { createSession, destroySession, getUser, requireRole, requireUser, verifySignIn } from "./auth.server.ts";

async function requestWith(setCookie: string) {
  const id: unknown = await sessionCookie.parse(setCookie);
  return new Request("http://localhost/x", { headers: { Cookie: await sessionCookie.serialize(id) } });
}

describe("sign-in", () => {
  test("the right password signs in; unknown email and wrong password get the same answer", async () => {
    const user = await createUser();
    expect(await verifySignIn(user.email, "correct horse battery", "1.1.1.1")).toEqual({
      status: "ok",
      userId: user.id,
    });
    expect(await verifySignIn(user.email.toUpperCase(), "correct horse battery", "1.1.1.1")).toEqual({
      status: "ok",
      userId: user.id,
    });
    expect(await verifySignIn(user.email, "wrong", "1.1.1.1")).toEqual({ status: "invalid" });
    expect(await verifySignIn("nobody@example.test", "correct horse battery", "1.1.1.1")).toEqual({
      status: "invalid",
    });
  });

  test("a deactivated person cannot sign in, and their sessions end", async () => {
    const user = await createUser();
    const cookie = await createSession(user.id);
    expect((await getUser(await requestWith(cookie)))?.id).toBe(user.id);
    await setUserActive(user.id, false);
    expect(await getUser(await requestWith(cookie))).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await verifySignIn(user.email, "correct horse battery", "1.1.1.2")).toEqual({ status: "invalid" });
  });

  test("a person without a password (imported) cannot sign in", async () => {
    const user = await createUser({ password: null });
    expect(await verifySignIn(user.email, "", "1.1.1.3")).toEqual({ status: "invalid" });
  });
});

describe("sessions", () => {
  test("every sign-in makes a new random session id; the cookie holds only that id", async () => {
    const user = await createUser();
    const first = await createSession(user.id);
    const second = await createSession(user.id);
    const [id1, id2] = [await sessionCookie.parse(first), await sessionCookie.parse(second)];
    expect(id1).not.toBe(id2);
    expect(String(id1)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first).toMatch(/HttpOnly/);
    expect(first).toMatch(/SameSite=Lax/);
    expect(first).not.toContain(user.id);
  });

  test("an expired session is no session", async () => {
    const user = await createUser();
    const request = await requestWith(await createSession(user.id));
    await prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getUser(request)).toBeNull();
  });

  test("a forged cookie (unsigned or tampered) is ignored", async () => {
    const user = await createUser();
    const setCookie = await createSession(user.id);
    const id = String(await sessionCookie.parse(setCookie));
    const forged = new Request("http://localhost/", {
      headers: { Cookie: `rapport_session=${encodeURIComponent(JSON.stringify(id))}` },
    });
    expect(await getUser(forged)).toBeNull();
  });

  test("sign-out deletes the session row", async () => {
    const user = await createUser();
    const request = await requestWith(await createSession(user.id));
    const cleared = await destroySession(request);
    expect(cleared).toMatch(/Max-Age=0/);
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
    const denied = await requireRole(await requestWith(await createSession(trainee.id)), "admin").catch(
      (e: unknown) => e,
    );
    expect((denied as Response).status).toBe(403);
    const allowed = await requireRole(await requestWith(await createSession(both.id)), ["manager", "mentor"]);
    expect(allowed.roles.sort()).toEqual(["mentor", "trainee"]);
  });
});
