import { randomBytes } from "node:crypto";
import { redirect } from "@remix-run/node";
import { prisma } from "#app/utils/db.server.ts";
import { SESSION_TTL_MS, readSessionId, sessionCookie } from "#app/utils/session.server.ts";
import { burnPasswordCheck, verifyPassword } from "./password.server.ts";
import { isRole, type Role } from "./roles.ts";
import { checkSignInThrottle, clearAccountFailures, pruneOldFailures, recordSignInFailure } from "./throttle.server.ts";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  roles: Role[];
};

const userSelect = {
  id: true,
  email: true,
  name: true,
  locale: true,
  roles: { select: { role: true } },
} as const;

const usersByRequest = new WeakMap<Request, Promise<SessionUser | null>>();

/**
 * The signed-in person, or null. Expired sessions and deactivated people count as signed out.
 * The root and the page's loaders ask for the same request: one session query serves both.
 */
export function getUser(request: Request): Promise<SessionUser | null> {
  let user = usersByRequest.get(request);
  if (!user) {
    user = lookUpUser(request);
    usersByRequest.set(request, user);
  }
  return user;
}

async function lookUpUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const session = await prisma.session.findFirst({
    where: { id: sessionId, expiresAt: { gt: new Date() }, user: { active: true } },
    select: { user: { select: userSelect } },
  });
  if (!session) return null;
  const { roles, ...user } = session.user;
  return { ...user, roles: roles.map((r) => r.role).filter(isRole) };
}

function signInRedirect(request: Request) {
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  return redirect(`/login?${params}`);
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw signInRedirect(request);
  return user;
}

export async function requireAnonymous(request: Request) {
  if (await getUser(request)) throw redirect("/");
}

export function hasRole(user: Pick<SessionUser, "roles">, role: Role | readonly Role[]) {
  const wanted: readonly Role[] = typeof role === "string" ? [role] : role;
  return wanted.some((r) => user.roles.includes(r));
}

/** The person must hold at least one of the roles; otherwise a 403 page. */
export async function requireRole(request: Request, role: Role | readonly Role[]) {
  const user = await requireUser(request);
  if (!hasRole(user, role)) {
    throw new Response("You do not have access to this page.", { status: 403 });
  }
  return user;
}

export type SignInResult =
  { status: "ok"; userId: string } | { status: "invalid" } | { status: "throttled"; retryAt: Date };

/**
 * Checks the password with the throttle in front. Unknown email and wrong password take
 * the same time and give the same answer.
 */
export async function verifySignIn(
  email: string,
  password: string,
  ip: string,
  { sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) } = {},
): Promise<SignInResult> {
  const verdict = await checkSignInThrottle(email, ip);
  if (verdict.refusedUntil) return { status: "throttled", retryAt: verdict.refusedUntil };
  if (verdict.delayMs) await sleep(verdict.delayMs);

  const user = await prisma.user.findUnique({
    where: { email: email.toLowerCase() },
    select: { id: true, active: true, password: { select: { hash: true } } },
  });
  const ok = user?.password ? await verifyPassword(password, user.password.hash) : await burnPasswordCheck(password);
  if (!user || !ok || !user.active) {
    await recordSignInFailure(email, ip);
    return { status: "invalid" };
  }
  await clearAccountFailures(email);
  if (Math.random() < 0.05) await pruneOldFailures();
  return { status: "ok", userId: user.id };
}

/** A fresh session id at every sign-in, so an id planted before sign-in is worthless. */
export async function createSession(userId: string) {
  const session = await prisma.session.create({
    data: {
      id: randomBytes(32).toString("base64url"),
      userId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    },
    select: { id: true, expiresAt: true },
  });
  return sessionCookie.serialize(session.id, { expires: session.expiresAt });
}

export async function destroySession(request: Request) {
  const sessionId = await readSessionId(request);
  if (sessionId) await prisma.session.deleteMany({ where: { id: sessionId } });
  return sessionCookie.serialize("", { maxAge: 0 });
}
