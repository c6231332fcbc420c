import path from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, inject, test } from "vitest";
import { withConnection } from "#tests/setup/database.ts";
import { root } from "#tests/setup/paths.ts";
import { demo } from "./browser.ts";
import { request, sessionFor } from "./http.ts";

/**
 * Every route of the app, and what each kind of person gets from it.
 *   ok: 200 · login: sent to sign in · forbidden: 403 · bad: 400 (the form's own answer) ·
 *   notFound: 404 · to:<path>: redirected there
 * The test fails when the app has a route this table does not list, so every new route
 * must come here with its expectations.
 */
type Outcome = "ok" | "login" | "forbidden" | "bad" | "notFound" | `to:${string}`;
type Persona = "anonymous" | "trainee" | "mentor" | "manager" | "admin";
type Row = {
  route: string;
  method: "GET" | "POST";
  path: string | ((ids: Ids) => string);
  body?: string | ((ids: Ids) => string);
  expect: Record<Persona, Outcome>;
};
type Ids = { traineeId: string; samsPhoneAttempt: string; anasCertificate: string; anasCode: string; anaId: string };

const everyoneSignedIn = (outcome: Outcome): Record<Persona, Outcome> => ({
  anonymous: "login",
  trainee: outcome,
  mentor: outcome,
  manager: outcome,
  admin: outcome,
});
const adminOnly = (outcome: Outcome): Record<Persona, Outcome> => ({
  anonymous: "login",
  trainee: "forbidden",
  mentor: "forbidden",
  manager: "forbidden",
  admin: outcome,
});
/** Mentors and managers only; the mentor persona (mentor2, Borealis) and the manager (Aurora) differ per row. */
const reviewers = (mentor: Outcome, manager: Outcome): Record<Persona, Outcome> => ({
  anonymous: "login",
  trainee: "forbidden",
  mentor,
  manager,
  admin: "forbidden",
});
const same = (outcome: Outcome): Record<Persona, Outcome> => ({
  anonymous: outcome,
  trainee: outcome,
  mentor: outcome,
  manager: outcome,
  admin: outcome,
});

const unknownToken = "A".repeat(43);

export const matrix: Row[] = [
  { route: "routes/_index", method: "GET", path: "/", expect: everyoneSignedIn("ok") },
  { route: "routes/healthz", method: "GET", path: "/healthz", expect: same("ok") },
  { route: "routes/readyz", method: "GET", path: "/readyz", expect: same("ok") },
  {
    route: "routes/login",
    method: "GET",
    path: "/login",
    expect: { anonymous: "ok", trainee: "to:/", mentor: "to:/", manager: "to:/", admin: "to:/" },
  },
  {
    route: "routes/login",
    method: "POST",
    path: "/login",
    body: "email=&password=",
    expect: { anonymous: "bad", trainee: "to:/", mentor: "to:/", manager: "to:/", admin: "to:/" },
  },
  {
    route: "routes/login_.two-factor",
    method: "GET",
    path: "/login/two-factor",
    expect: { anonymous: "to:/login", trainee: "to:/", mentor: "to:/", manager: "to:/", admin: "to:/" },
  },
  {
    // Without the short-lived cookie the password step gives, there is nothing to check.
    route: "routes/login_.two-factor",
    method: "POST",
    path: "/login/two-factor",
    body: "code=123456",
    expect: { anonymous: "to:/login?expired=1", trainee: "to:/", mentor: "to:/", manager: "to:/", admin: "to:/" },
  },
  { route: "routes/logout", method: "GET", path: "/logout", expect: same("to:/") },
  { route: "routes/locale", method: "GET", path: "/locale", expect: same("to:/") },
  { route: "routes/locale", method: "POST", path: "/locale", body: "locale=xx", expect: same("bad") },
  { route: "routes/search", method: "GET", path: "/search?q=empathy", expect: everyoneSignedIn("ok") },
  { route: "routes/theme", method: "GET", path: "/theme", expect: same("to:/") },
  { route: "routes/theme", method: "POST", path: "/theme", body: "theme=neon", expect: same("bad") },
  {
    route: "routes/theme",
    method: "POST",
    path: "/theme",
    body: "theme=dark&redirectTo=%2Fcourses",
    expect: same("to:/courses"),
  },
  { route: "routes/profile", method: "GET", path: "/profile", expect: everyoneSignedIn("ok") },
  {
    route: "routes/profile",
    method: "POST",
    path: "/profile",
    body: "intent=profile&name=",
    expect: everyoneSignedIn("bad"),
  },
  {
    // Ending a session that is not one's own (or not at all) finds nothing.
    route: "routes/profile",
    method: "POST",
    path: "/profile",
    body: "intent=end-session&session=not-a-session",
    expect: everyoneSignedIn("notFound"),
  },
  { route: "routes/profile_.two-factor", method: "GET", path: "/profile/two-factor", expect: everyoneSignedIn("ok") },
  {
    route: "routes/profile_.two-factor",
    method: "POST",
    path: "/profile/two-factor",
    body: "intent=confirm&code=",
    expect: everyoneSignedIn("bad"),
  },
  { route: "routes/admin", method: "GET", path: "/admin/users", expect: adminOnly("ok") },
  { route: "routes/admin.security", method: "GET", path: "/admin/security", expect: adminOnly("ok") },
  {
    route: "routes/admin.security",
    method: "POST",
    path: "/admin/security",
    body: "intent=save&requireTwoFactor=maybe",
    expect: adminOnly("bad"),
  },
  {
    route: "routes/admin.audit",
    method: "GET",
    path: "/admin/audit?who=%25&kind=no.such&from=2026-99-99&to=x&page=-4",
    expect: adminOnly("ok"),
  },
  {
    route: "routes/admin.audit[.]csv",
    method: "GET",
    path: "/admin/audit.csv?kind=signin.success",
    expect: adminOnly("ok"),
  },
  { route: "routes/admin._index", method: "GET", path: "/admin", expect: adminOnly("to:/admin/users") },
  { route: "routes/admin.users._index", method: "GET", path: "/admin/users?q=a&page=2", expect: adminOnly("ok") },
  { route: "routes/admin.users.new", method: "GET", path: "/admin/users/new", expect: adminOnly("ok") },
  {
    route: "routes/admin.users.new",
    method: "POST",
    path: "/admin/users/new",
    body: "email=x",
    expect: adminOnly("bad"),
  },
  {
    route: "routes/admin.users.$userId",
    method: "GET",
    path: (ids) => `/admin/users/${ids.traineeId}`,
    expect: adminOnly("ok"),
  },
  {
    route: "routes/admin.users.$userId",
    method: "GET",
    path: "/admin/users/no-such-user",
    expect: adminOnly("notFound"),
  },
  {
    route: "routes/admin.users.$userId",
    method: "POST",
    path: (ids) => `/admin/users/${ids.traineeId}`,
    body: "intent=save&email=bad",
    expect: adminOnly("bad"),
  },
  { route: "routes/admin.teams", method: "GET", path: "/admin/teams", expect: adminOnly("ok") },
  {
    route: "routes/admin.teams",
    method: "POST",
    path: "/admin/teams",
    body: "intent=create&name=",
    expect: adminOnly("bad"),
  },
  { route: "routes/admin.import", method: "GET", path: "/admin/import", expect: adminOnly("ok") },
  {
    route: "routes/admin.import",
    method: "POST",
    path: "/admin/import",
    body: "intent=preview",
    expect: adminOnly("bad"),
  },
  { route: "routes/admin.outbox._index", method: "GET", path: "/admin/outbox", expect: adminOnly("ok") },
  {
    route: "routes/admin.outbox._index",
    method: "POST",
    path: "/admin/outbox",
    body: "intent=retry&mailId=",
    expect: adminOnly("bad"),
  },
  { route: "routes/admin.outbox.$mailId", method: "GET", path: "/admin/outbox/nope", expect: adminOnly("notFound") },
  {
    route: "routes/admin.outbox.$mailId",
    method: "POST",
    path: "/admin/outbox/nope",
    body: "intent=retry&mailId=nope",
    expect: adminOnly("notFound"),
  },
  {
    route: "routes/admin.outbox.$mailId_.html",
    method: "GET",
    path: "/admin/outbox/nope/html",
    expect: adminOnly("notFound"),
  },
  // One-time links: a token nobody was given is a 404 for everyone, signed in or not.
  { route: "routes/invitation.$token", method: "GET", path: `/invitation/${unknownToken}`, expect: same("notFound") },
  {
    route: "routes/invitation.$token",
    method: "POST",
    path: `/invitation/${unknownToken}`,
    body: "password=violet+tram+umbrella&confirmPassword=violet+tram+umbrella",
    expect: same("notFound"),
  },
  {
    route: "routes/reset-password.$token",
    method: "GET",
    path: `/reset-password/${unknownToken}`,
    expect: same("notFound"),
  },
  {
    route: "routes/reset-password.$token",
    method: "POST",
    path: `/reset-password/${unknownToken}`,
    body: "password=violet+tram+umbrella&confirmPassword=violet+tram+umbrella",
    expect: same("notFound"),
  },
  // The demo has admins: the first-run page is gone.
  { route: "routes/setup.$token", method: "GET", path: `/setup/${unknownToken}`, expect: same("notFound") },
  {
    route: "routes/setup.$token",
    method: "POST",
    path: `/setup/${unknownToken}`,
    body: "name=Eve&email=eve%40example.com",
    expect: same("notFound"),
  },
  {
    route: "routes/forgot-password",
    method: "GET",
    path: "/forgot-password",
    expect: { anonymous: "ok", trainee: "to:/", mentor: "to:/", manager: "to:/", admin: "to:/" },
  },
  {
    route: "routes/forgot-password",
    method: "POST",
    path: "/forgot-password",
    body: "email=",
    expect: { anonymous: "bad", trainee: "to:/", mentor: "to:/", manager: "to:/", admin: "to:/" },
  },
  { route: "routes/notifications", method: "GET", path: "/notifications", expect: everyoneSignedIn("ok") },
  {
    route: "routes/notifications",
    method: "POST",
    path: "/notifications",
    body: "id=",
    expect: everyoneSignedIn("bad"),
  },
  { route: "routes/learn", method: "GET", path: "/learn", expect: everyoneSignedIn("ok") },
  {
    route: "routes/courses._index",
    method: "GET",
    path: "/courses?competency=empathy",
    expect: everyoneSignedIn("ok"),
  },
  {
    route: "routes/courses.$course._index",
    method: "GET",
    path: "/courses/communication",
    expect: everyoneSignedIn("ok"),
  },
  {
    route: "routes/courses.$course._index",
    method: "GET",
    path: "/courses/no-such-course",
    expect: everyoneSignedIn("notFound"),
  },
  {
    route: "routes/courses.$course.$lesson",
    method: "GET",
    path: "/courses/support-strategy/slas-and-sops",
    expect: everyoneSignedIn("ok"),
  },
  {
    route: "routes/courses.$course.$lesson",
    method: "GET",
    path: "/courses/communication/..%2F..%2Fpackage.json",
    expect: everyoneSignedIn("notFound"),
  },
  {
    route: "routes/courses.$course.$lesson",
    method: "GET",
    path: "/courses/%2Fetc%2Fpasswd/x",
    expect: everyoneSignedIn("notFound"),
  },
  {
    route: "routes/courses.$course.$lesson",
    method: "POST",
    path: "/courses/communication/clear-writing",
    body: "intent=delete",
    expect: everyoneSignedIn("bad"),
  },
  {
    route: "routes/quizzes.$quizId",
    method: "GET",
    path: "/quizzes/time-and-queue-final",
    expect: everyoneSignedIn("ok"),
  },
  {
    route: "routes/quizzes.$quizId",
    method: "GET",
    path: "/quizzes/..%2F..%2Fpackage.json",
    expect: everyoneSignedIn("notFound"),
  },
  {
    route: "routes/quizzes.$quizId",
    method: "POST",
    path: "/quizzes/time-and-queue-final",
    body: "intent=cheat",
    expect: everyoneSignedIn("bad"),
  },
  {
    route: "routes/quizzes.$quizId_.attempts.$attemptId",
    method: "GET",
    path: "/quizzes/time-and-queue-final/attempts/someone-elses-attempt",
    expect: everyoneSignedIn("notFound"),
  },
  {
    // Item analysis: admins, and managers for their teams' attempts (Marta manages Aurora).
    route: "routes/quizzes.$quizId_.analysis",
    method: "GET",
    path: "/quizzes/support-role-final/analysis",
    expect: { ...adminOnly("ok"), manager: "ok" },
  },
  {
    route: "routes/quizzes.$quizId_.analysis",
    method: "GET",
    path: "/quizzes/support-role-final/analysis?attempts=some",
    expect: everyoneSignedIn("bad"),
  },
  {
    route: "routes/quizzes.$quizId_.analysis[.]csv",
    method: "GET",
    path: "/quizzes/support-role-final/analysis.csv",
    expect: { ...adminOnly("ok"), manager: "ok" },
  },
  {
    route: "routes/quizzes.$quizId_.outcomes[.]csv",
    method: "GET",
    path: "/quizzes/support-role-final/outcomes.csv",
    expect: { ...adminOnly("ok"), manager: "ok" },
  },
  { route: "routes/scenarios._index", method: "GET", path: "/scenarios", expect: everyoneSignedIn("ok") },
  {
    route: "routes/scenarios.$scenarioId",
    method: "GET",
    path: "/scenarios/bug-to-engineering",
    expect: everyoneSignedIn("ok"),
  },
  {
    route: "routes/scenarios.$scenarioId",
    method: "GET",
    path: "/scenarios/..%2F..%2Fpackage.json",
    expect: everyoneSignedIn("notFound"),
  },
  {
    route: "routes/scenarios.$scenarioId",
    method: "POST",
    path: "/scenarios/bug-to-engineering",
    body: "intent=cheat",
    expect: everyoneSignedIn("bad"),
  },
  {
    route: "routes/scenarios.$scenarioId",
    method: "POST",
    path: "/scenarios/bug-to-engineering",
    body: "intent=reply&attemptId=someone-elses-attempt&step=opening&option=a",
    expect: everyoneSignedIn("notFound"),
  },
  {
    route: "routes/scenarios.$scenarioId",
    method: "POST",
    path: "/scenarios/bug-to-engineering",
    body: "intent=start&previous=someone-elses-attempt",
    expect: everyoneSignedIn("notFound"),
  },
  {
    route: "routes/scenarios.$scenarioId_.attempts.$attemptId",
    method: "GET",
    path: "/scenarios/bug-to-engineering/attempts/someone-elses-attempt",
    expect: everyoneSignedIn("notFound"),
  },
  // Reviews: Sam (Aurora) is mentored by Lucía, not by mentor2 (Borealis); Marta manages Aurora.
  { route: "routes/reviews._index", method: "GET", path: "/reviews", expect: reviewers("ok", "ok") },
  {
    route: "routes/reviews.$attemptId",
    method: "GET",
    path: "/reviews/no-such-attempt",
    expect: reviewers("notFound", "notFound"),
  },
  {
    route: "routes/reviews.$attemptId",
    method: "GET",
    path: (ids) => `/reviews/${ids.samsPhoneAttempt}`,
    expect: reviewers("forbidden", "ok"),
  },
  {
    route: "routes/reviews.$attemptId",
    method: "POST",
    path: "/reviews/no-such-attempt",
    body: "intent=claim",
    expect: reviewers("notFound", "notFound"),
  },
  {
    route: "routes/reviews.$attemptId",
    method: "POST",
    path: (ids) => `/reviews/${ids.samsPhoneAttempt}`,
    body: "intent=submit&basedOn=0&score%3Ano-such-criterion=9",
    expect: reviewers("forbidden", "bad"),
  },
  { route: "routes/trainees._index", method: "GET", path: "/trainees", expect: reviewers("ok", "ok") },
  // Calibration (ADR 035): trainees and admins never see it; mentors only the sessions they are invited to.
  { route: "routes/calibration._index", method: "GET", path: "/calibration", expect: reviewers("ok", "ok") },
  {
    route: "routes/calibration._index",
    method: "POST",
    path: "/calibration",
    body: "intent=hidden&team=&enabled=on",
    expect: reviewers("bad", "bad"),
  },
  { route: "routes/calibration.new", method: "GET", path: "/calibration/new", expect: reviewers("forbidden", "ok") },
  {
    route: "routes/calibration.new",
    method: "POST",
    path: "/calibration/new",
    body: "title=&deadline=2020-01-01",
    expect: reviewers("forbidden", "bad"),
  },
  {
    route: "routes/calibration.$sessionId._index",
    method: "GET",
    path: "/calibration/no-such-session",
    expect: reviewers("notFound", "notFound"),
  },
  {
    route: "routes/calibration.$sessionId._index",
    method: "POST",
    path: "/calibration/no-such-session",
    body: "intent=close&note=Done",
    expect: reviewers("notFound", "notFound"),
  },
  {
    route: "routes/calibration.$sessionId.results",
    method: "GET",
    path: "/calibration/no-such-session/results",
    expect: reviewers("notFound", "notFound"),
  },
  {
    route: "routes/calibration.$sessionId.$position",
    method: "GET",
    path: "/calibration/no-such-session/1",
    expect: reviewers("notFound", "notFound"),
  },
  {
    route: "routes/calibration.$sessionId.$position",
    method: "POST",
    path: "/calibration/no-such-session/1",
    body: "intent=submit&basedOn=0",
    expect: reviewers("notFound", "notFound"),
  },
  {
    route: "routes/trainees.$userId",
    method: "GET",
    path: (ids) => `/trainees/${ids.traineeId}`,
    expect: reviewers("forbidden", "ok"),
  },
  {
    route: "routes/trainees.$userId",
    method: "GET",
    path: "/trainees/no-such-person",
    expect: reviewers("notFound", "notFound"),
  },
  {
    route: "routes/trainees.$userId",
    method: "POST",
    path: (ids) => `/trainees/${ids.traineeId}`,
    body: "intent=confirm&level=L1&behaviour=plain-friendly-answers&note=",
    expect: reviewers("forbidden", "bad"),
  },
  {
    // Granting a quiz attempt: mentor2 is not Sam's mentor; Sam's manager may, on a quiz that exists.
    route: "routes/trainees.$userId_.quizzes.$quizId.grant",
    method: "POST",
    path: (ids) => `/trainees/${ids.traineeId}/quizzes/no-such-quiz/grant`,
    expect: reviewers("forbidden", "notFound"),
  },
  {
    route: "routes/assignments",
    method: "GET",
    path: "/assignments",
    expect: reviewers("ok", "ok"),
  },
  {
    // Assigning to Sam: mentor2 is not his mentor; his manager may (and is sent back).
    route: "routes/assignments",
    method: "POST",
    path: "/assignments",
    body: (ids) =>
      `intent=assign&back=%2Ftrainees&item=scenario%3Amanager-request-chat&userIds%5B0%5D=${ids.traineeId}&dueDate=2099-01-01`,
    expect: reviewers("forbidden", "to:/trainees#assignments"),
  },
  {
    route: "routes/assignments",
    method: "POST",
    path: "/assignments",
    body: "intent=withdraw&assignmentId=no-such-assignment&confirm=yes",
    expect: reviewers("notFound", "notFound"),
  },
  {
    route: "routes/assignments",
    method: "POST",
    path: "/assignments",
    body: "intent=withdraw&assignmentId=no-such-assignment",
    expect: reviewers("bad", "bad"),
  },
  { route: "routes/progress", method: "GET", path: "/progress", expect: everyoneSignedIn("ok") },
  {
    route: "routes/certificates.$certificateId",
    method: "GET",
    path: "/certificates/no-such-certificate",
    expect: everyoneSignedIn("notFound"),
  },
  {
    // Ana (Aurora, mentored by mentor3): her manager and the admin may see it; Sam and mentor2 may not.
    route: "routes/certificates.$certificateId",
    method: "GET",
    path: (ids) => `/certificates/${ids.anasCertificate}`,
    expect: { anonymous: "login", trainee: "forbidden", mentor: "forbidden", manager: "ok", admin: "ok" },
  },
  {
    // The public verification page: anyone with the code, signed in or not.
    route: "routes/verify.$code",
    method: "GET",
    path: (ids) => `/verify/${ids.anasCode}`,
    expect: same("ok"),
  },
  { route: "routes/verify.$code", method: "GET", path: `/verify/${"0".repeat(32)}`, expect: same("notFound") },
  { route: "routes/verify.$code", method: "GET", path: "/verify/not-a-code", expect: same("notFound") },
  {
    route: "routes/admin.users.$userId_.certificates.$certificateId",
    method: "GET",
    path: (ids) => `/admin/users/${ids.anaId}/certificates/${ids.anasCertificate}`,
    expect: adminOnly("ok"),
  },
  {
    // A revocation without a reason is refused before anything else: Ana's certificate stays.
    route: "routes/admin.users.$userId_.certificates.$certificateId",
    method: "POST",
    path: (ids) => `/admin/users/${ids.anaId}/certificates/${ids.anasCertificate}`,
    body: "reason=",
    expect: adminOnly("bad"),
  },
  {
    // Someone else's certificate under Ana's address is not found.
    route: "routes/admin.users.$userId_.certificates.$certificateId",
    method: "GET",
    path: (ids) => `/admin/users/${ids.traineeId}/certificates/${ids.anasCertificate}`,
    expect: adminOnly("notFound"),
  },
  { route: "routes/team", method: "GET", path: "/team", expect: { ...adminOnly("forbidden"), manager: "ok" } },
  {
    route: "routes/team",
    method: "POST",
    path: "/team",
    body: "traineeId=no-such-person&targetLevel=L2&dueDate=2099-01-01",
    expect: { ...adminOnly("forbidden"), manager: "forbidden" },
  },
  {
    // Sam is in Aurora, Marta's team: a target level that does not exist is refused.
    route: "routes/team",
    method: "POST",
    path: "/team",
    body: (ids) => `traineeId=${ids.traineeId}&targetLevel=L9&dueDate=2099-01-01`,
    expect: { ...adminOnly("forbidden"), manager: "bad" },
  },
  {
    route: "routes/team[.]csv",
    method: "GET",
    path: "/team.csv",
    expect: { ...adminOnly("forbidden"), manager: "ok" },
  },
  { route: "routes/$", method: "GET", path: "/no/such/page", expect: everyoneSignedIn("notFound") },
  { route: "routes/$", method: "POST", path: "/no/such/page", body: "a=1", expect: everyoneSignedIn("notFound") },
  // Sign-out last: it ends the session it is given (a fresh one, see below).
  { route: "routes/logout", method: "POST", path: "/logout", expect: same("to:/login") },
];

const personas: Record<Exclude<Persona, "anonymous">, string> = {
  trainee: demo("trainee"),
  mentor: demo("mentor2"),
  manager: demo("manager"),
  admin: demo("admin"),
};

function matches(response: Response, outcome: Outcome) {
  const location = response.headers.get("location") ?? "";
  switch (outcome) {
    case "ok":
      return response.status === 200;
    case "login":
      return response.status === 302 && location.startsWith("/login?redirectTo=");
    case "forbidden":
      return response.status === 403;
    case "bad":
      return response.status === 400;
    case "notFound":
      return response.status === 404;
    default:
      return response.status === 302 && location === outcome.slice(3);
  }
}

describe("authorization matrix", () => {
  const cookies: Partial<Record<Persona, string>> = {};
  const ids: Ids = { traineeId: "", samsPhoneAttempt: "", anasCertificate: "", anasCode: "", anaId: "" };

  beforeAll(async () => {
    for (const [persona, email] of Object.entries(personas)) cookies[persona as Persona] = await sessionFor(email);
    const list = await request("GET", "/admin/users?q=trainee%40demo", { cookie: cookies.admin });
    ids.traineeId = /\/admin\/users\/(c[a-z0-9]{20,})"/.exec(await list.text())?.[1] ?? "";
    expect(ids.traineeId).not.toBe("");
    const [row, certificate] = await withConnection(inject("e2eDatabaseUrl"), (db) =>
      Promise.all([
        db.get<{ id: string }>(
          `SELECT "id" FROM "ScenarioAttempt" WHERE "userId" = ? AND "scenarioId" = 'locked-out-phone' AND "reviewStatus" <> 'none' ORDER BY "startedAt" LIMIT 1`,
          ids.traineeId,
        ),
        db.get<{ id: string; code: string; userId: string }>(
          `SELECT c."id", c."code", c."userId" FROM "Certification" c JOIN "User" u ON u."id" = c."userId" WHERE u."email" = 'ana.souza@demo.rapport.test' AND c."stage" = 'L1'`,
        ),
      ]),
    );
    ids.anasCertificate = certificate?.id ?? "";
    ids.anasCode = certificate?.code ?? "";
    ids.anaId = certificate?.userId ?? "";
    expect(ids.anasCertificate, "the demo seed certifies Ana at L1").not.toBe("");
    ids.samsPhoneAttempt = row?.id ?? "";
    expect(ids.samsPhoneAttempt, "the demo seed gives Sam a phone attempt sent for review").not.toBe("");
  });

  test("lists every route the app has", async () => {
    const build = (await import(pathToFileURL(path.join(root, "build/server/index.js")).href)) as {
      routes: Record<string, { module: { action?: unknown } }>;
    };
    const appRoutes = Object.keys(build.routes).filter((id) => id !== "root");
    const listed = new Set(matrix.map((row) => row.route));
    expect(
      appRoutes.filter((id) => !listed.has(id)),
      "routes missing from the matrix",
    ).toEqual([]);
    expect(
      [...listed].filter((id) => !appRoutes.includes(id)),
      "matrix rows for routes that no longer exist",
    ).toEqual([]);
    const withActions = appRoutes.filter((id) => build.routes[id]?.module.action);
    const posted = new Set(matrix.filter((r) => r.method === "POST").map((r) => r.route));
    expect(
      withActions.filter((id) => !posted.has(id)),
      "actions without a POST row",
    ).toEqual([]);
  });

  for (const row of matrix) {
    test(`${row.method} ${typeof row.path === "string" ? row.path : row.route}`, async () => {
      const failures: string[] = [];
      for (const persona of ["anonymous", "trainee", "mentor", "manager", "admin"] as const) {
        const cookie =
          persona === "anonymous"
            ? undefined
            : row.route === "routes/logout" && row.method === "POST"
              ? await sessionFor(personas[persona])
              : cookies[persona];
        const target = typeof row.path === "string" ? row.path : row.path(ids);
        const body = typeof row.body === "function" ? row.body(ids) : row.body;
        const response = await request(row.method, target, { cookie, body });
        if (!matches(response, row.expect[persona])) {
          failures.push(
            `${persona}: expected ${row.expect[persona]}, got ${response.status} ${response.headers.get("location") ?? ""}`,
          );
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
