import { randomBytes } from "node:crypto";
import { redirect } from "@remix-run/node";
import { audit } from "#app/audit/log.server.ts";
import { type Client } from "#app/utils/client.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { getEnv } from "#app/utils/env.server.ts";
import { forbidden } from "#app/utils/errors.ts";
import { refuse } from "#app/utils/errors.server.ts";
import { resolveLocale } from "#app/utils/locale.server.ts";
import { createLimiter } from "#app/utils/rate-limit.server.ts";
import { readSessionId, sessionCookie, sessionIdleMs, sessionLifetimeMs } from "#app/utils/session.server.ts";
import { burnPasswordCheck, checkPassword, hashPassword } from "./password.server.ts";
import { isRole, type Role } from "./roles.ts";
import { twoFactorRequiredFor } from "./settings.server.ts";
import { beginSignIn, rememberDevice, SignInThrottled } from "./throttle.server.ts";

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  roles: Role[];
  /** The session this request came with. */
  sessionId: string;
  /** Whether the person signs in with a second factor. */
  twoFactor: boolean;
};

/** lastSeenAt is written at most this often per session, so a page view rarely costs a write. */
const LAST_SEEN_EVERY_MS = 60_000;

const usersByRequest = new WeakMap<Request, Promise<SessionUser | null>>();

/**
 * The signed-in person, or null. Expired, idle and ended sessions and deactivated people count
 * as signed out. The root and the page's loaders ask for the same request: one query serves both.
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
  const now = Date.now();
  const session = await prisma.session.findFirst({
    where: {
      id: sessionId,
      expiresAt: { gt: new Date(now) },
      lastSeenAt: { gt: new Date(now - sessionIdleMs()) },
      user: { active: true },
    },
    select: {
      lastSeenAt: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          locale: true,
          roles: { select: { role: true } },
          twoFactor: { select: { enabledAt: true } },
        },
      },
    },
  });
  if (!session) return null;
  if (now - session.lastSeenAt.getTime() > LAST_SEEN_EVERY_MS) {
    await prisma.session.updateMany({ where: { id: sessionId }, data: { lastSeenAt: new Date(now) } });
  }
  const { roles, twoFactor, ...user } = session.user;
  return {
    ...user,
    roles: roles.map((r) => r.role).filter(isRole),
    sessionId,
    twoFactor: Boolean(twoFactor?.enabledAt),
  };
}

function signInRedirect(request: Request) {
  const url = new URL(request.url);
  const params = new URLSearchParams({ redirectTo: `${url.pathname}${url.search}` });
  return redirect(`/login?${params}`);
}

const writes = createLimiter("write", () => ({ points: getEnv().WRITES_PER_MINUTE, durationSeconds: 60 }));
const countedWrites = new WeakSet<Request>();

/**
 * The signed-in person, else a redirect to sign in. Every form post of a signed-in person
 * passes here, so this is where one person's writes are limited. An admin or manager whom the
 * organisation requires to use two-factor sign-in is sent to set it up first.
 */
export async function requireUser(
  request: Request,
  { allowWithoutTwoFactor = false }: { allowWithoutTwoFactor?: boolean } = {},
): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) throw signInRedirect(request);
  if (request.method !== "GET" && request.method !== "HEAD" && !countedWrites.has(request)) {
    countedWrites.add(request);
    await writes.consume(user.id).catch((error: unknown) => refuse(error, resolveLocale(request, user.locale)));
  }
  if (!allowWithoutTwoFactor && !user.twoFactor && (await twoFactorRequiredFor(user.roles))) {
    throw redirect("/profile/two-factor");
  }
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
  if (!hasRole(user, role)) refuse(forbidden("errors.forbidden.body"), resolveLocale(request, user.locale));
  return user;
}

export type SignInResult =
  | { status: "ok"; user: { id: string; email: string }; twoFactor: boolean }
  | { status: "invalid" }
  | { status: "throttled"; retryAfterSeconds: number };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Checks the password with the throttle in front (throttle.server.ts). Unknown email and
 * wrong password take the same time and give the same answer. A right password against a
 * bcrypt hash from before argon2id is rehashed on the spot.
 */
export async function verifySignIn({
  email,
  password,
  client,
  knownDevice = async () => null,
  sleep = defaultSleep,
}: {
  email: string;
  password: string;
  client: Client;
  /** The device id this browser holds for the account with that id, if any. */
  knownDevice?: (userId: string) => Promise<string | null>;
  sleep?: (ms: number) => Promise<void>;
}): Promise<SignInResult> {
  const account = email.toLowerCase();
  const user = await prisma.user.findUnique({
    where: { email: account },
    select: { id: true, email: true, active: true, password: { select: { hash: true } } },
  });
  let ticket;
  try {
    ticket = await beginSignIn({
      email: account,
      ip: client.ip,
      knownDevice: user ? await knownDevice(user.id) : null,
    });
  } catch (error) {
    if (!(error instanceof SignInThrottled)) throw error;
    if (error.justReached) {
      await audit({
        kind: "signin.throttled",
        actor: null,
        target: { id: user?.id ?? null, label: account },
        ip: client.ip,
        details: { limit: error.scope, retryAfterSeconds: error.retryAfterSeconds },
      });
    }
    return { status: "throttled", retryAfterSeconds: error.retryAfterSeconds };
  }
  if (ticket.delayMs) await sleep(ticket.delayMs);
  const checked = user?.password ? await checkPassword(password, user.password.hash) : null;
  if (!checked) await burnPasswordCheck(password);
  if (!user || !checked?.ok || !user.active) {
    await audit({
      kind: "signin.failure",
      actor: null,
      target: { id: user?.id ?? null, label: account },
      ip: client.ip,
      details: { reason: !user ? "unknownEmail" : !user.active ? "deactivated" : "wrongPassword" },
    });
    return { status: "invalid" };
  }
  await ticket.succeeded();
  if (checked.rehash) {
    await prisma.password.update({ where: { userId: user.id }, data: { hash: await hashPassword(password) } });
  }
  const twoFactor = await prisma.twoFactor.count({ where: { userId: user.id, enabledAt: { not: null } } });
  return { status: "ok", user: { id: user.id, email: user.email }, twoFactor: twoFactor > 0 };
}

/** A fresh session id at every sign-in, so an id planted before sign-in is worthless. */
export async function createSession(userId: string, client: Client) {
  const now = new Date();
  const session = await prisma.session.create({
    data: {
      id: randomBytes(32).toString("base64url"),
      userId,
      expiresAt: new Date(now.getTime() + sessionLifetimeMs()),
      lastSeenAt: now,
      ipAddress: client.ip.slice(0, 100),
      userAgent: client.userAgent,
    },
    select: { id: true, expiresAt: true },
  });
  return sessionCookie.serialize(session.id, { expires: session.expiresAt });
}

/**
 * Signs the person in: the session, an audit entry saying how, and the device cookie that makes
 * this browser a known device for the account. The session cookie comes first: scripts that
 * sign in over HTTP read the first cookie.
 */
export async function startSession(
  request: Request,
  user: { id: string; email: string },
  client: Client,
  method: "password" | "totp" | "recovery",
) {
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(user.id, client));
  headers.append("Set-Cookie", await rememberDevice(request, user.id));
  await audit({ kind: "signin.success", actor: user, ip: client.ip, details: { method } });
  return headers;
}

export async function destroySession(request: Request, client?: Client) {
  const sessionId = await readSessionId(request);
  if (sessionId) {
    const ended = await prisma.session.findUnique({
      where: { id: sessionId },
      select: { user: { select: { id: true, email: true } } },
    });
    await prisma.session.deleteMany({ where: { id: sessionId } });
    if (ended && client) await audit({ kind: "signout", actor: ended.user, ip: client.ip });
  }
  return sessionCookie.serialize("", { maxAge: 0 });
}
