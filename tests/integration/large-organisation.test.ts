// Pages whose size grows with the organisation, for a manager of 1,000 and of 5,000 people:
// each answers, on either engine, with no query growing with a list of ids (ADR 020).
import { describe, expect, test } from "vitest";
import { sessionCookie } from "#app/utils/session.server.ts";
import { sweepReadiness } from "#app/ladder/sweep.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { createOrganisation } from "#tests/factories.ts";

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

async function signedIn(userId: string) {
  const id = `large-${userId}`;
  await prisma.session.create({ data: { id, userId, expiresAt: new Date(Date.now() + 3_600_000) } });
  return (await sessionCookie.serialize(id)).split(";")[0] ?? "";
}

/** Runs a route's loader as Remix would for a GET of `path`, and the root loader before it. */
async function get(path: string, cookie: string) {
  const request = new Request(`http://localhost${path}`, { headers: { Cookie: cookie, "Accept-Language": "en" } });
  const route = (await import(`#app/routes/${routeFile(path)}`)) as { loader: Loader };
  const root = (await import("#app/root.tsx")) as unknown as { loader: Loader };
  await root.loader({ request, params: {}, context: {} });
  const result = await route.loader({ request, params: {}, context: {} });
  return result instanceof Response ? result : new Response(JSON.stringify(result));
}

function routeFile(path: string) {
  const files: Record<string, string> = {
    "/reviews": "reviews._index.tsx",
    "/team": "team.tsx",
    "/team.csv": "team[.]csv.ts",
    "/progress": "progress.tsx",
  };
  const file = files[new URL(path, "http://localhost").pathname];
  if (!file) throw new Error(`no route for ${path}`);
  return file;
}

describe.each([1_000, 5_000])("a manager of %i people", (people) => {
  test("the review queue, the team table, its CSV and the progress page answer", async () => {
    const org = await createOrganisation({ people });
    const cookie = await signedIn(org.manager.id);

    const queue = await get("/reviews", cookie);
    expect(queue.status).toBe(200);
    const queueData = JSON.stringify(await queue.json());
    expect(queueData).toContain(`"total":${people}`);

    const filtered = await get(`/reviews?trainee=${org.traineeIds[people - 1]}`, cookie);
    expect(filtered.status).toBe(200);
    expect(JSON.stringify(await filtered.json())).toContain('"total":1');

    // A filter naming someone outside the manager's teams shows nothing of theirs.
    const stranger = await createOrganisation({ people: 1, teams: 1 });
    const elsewhere = await get(`/reviews?trainee=${stranger.traineeIds[0]}`, cookie);
    expect(JSON.stringify(await elsewhere.json())).toContain('"total":0');

    const team = await get("/team", cookie);
    expect(team.status).toBe(200);
    expect(JSON.stringify(await team.json())).toContain(`"total":${people}`);

    const csv = await get("/team.csv", cookie);
    expect(csv.status).toBe(200);
    expect((await csv.text()).trim().split("\n")).toHaveLength(people + 1);

    const trainee = await signedIn(org.traineeIds[0] ?? "");
    const progress = await get("/progress", trainee);
    expect(progress.status).toBe(200);
    // Pages never evaluate readiness (ADR 016): the background sweep writes one row per
    // person, and a second sweep finds nothing left to do.
    await sweepReadiness();
    expect(await prisma.readiness.count({ where: { userId: { in: org.traineeIds.slice(0, 3) } } })).toBe(3);
    expect(await sweepReadiness()).toBe(0);
  }, 600_000);
});
