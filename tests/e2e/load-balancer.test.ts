// Two app servers on one database behind nginx with deploy/nginx.conf, as docs/deploy.md
// sets them up: the demo works through the one address, a session made on one server is
// good on the other, and restarting the servers one at a time loses no request.
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type TestDatabase } from "#tests/setup/database.ts";
import { e2eEnv, freePorts, seededDatabase } from "#tests/setup/e2e-server.ts";
import { startNginx, unitCommand } from "#tests/setup/nginx.ts";
import { root } from "#tests/setup/paths.ts";
import { clientOf } from "./http.ts";

let database: TestDatabase | undefined;
let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
let ports: number[] = [];
const servers = new Map<number, ChildProcess>();

/** An app server on `port`, as deploy/rapport@.service starts it; resolves once /readyz says 200. */
async function startApp(port: number) {
  const unit = unitCommand(port);
  const child = spawn(unit.command, unit.args, {
    cwd: root,
    env: { ...e2eEnv(database?.url ?? "", port), ...unit.env, TRUST_PROXY: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  servers.set(port, child);
  for (let tries = 0; tries < 300; tries++) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the app server on ${port} did not become ready`);
}

/** SIGTERM, as systemd stops it: the server finishes what it has and exits. */
function stopApp(port: number) {
  const child = servers.get(port);
  return new Promise<number | null>((resolve) => {
    if (!child || child.exitCode !== null) return resolve(child?.exitCode ?? null);
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

beforeAll(async () => {
  database = await seededDatabase("balanced");
  const [listen = 0, ...apps] = await freePorts(3);
  ports = apps;
  await Promise.all(ports.map(startApp));
  nginx = await startNginx(listen, ports);
});

afterAll(async () => {
  await nginx?.stop();
  await Promise.all(
    [...servers.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGKILL");
        }),
    ),
  );
  await database?.drop();
});

const { send, signIn } = clientOf(() => nginx?.base ?? "");

describe("two servers behind nginx", () => {
  test("the demo works through nginx: a sign-in on one server is good on both, and both serve", async () => {
    const cookie = await signIn("trainee");
    const pages = await Promise.all(
      Array.from({ length: 24 }, (_, i) => send(i % 2 ? "/learn" : "/courses", { cookie }).then((r) => r.status)),
    );
    expect(pages).toEqual(Array(24).fill(200));
    const quiz = await send("/quizzes/support-role-what-support-does-check", { cookie, form: [["intent", "start"]] });
    expect(quiz.status).toBe(302);
    // Both app servers answered signed-in pages.
    const served = new Set(
      (nginx?.log() ?? []).filter((line) => / GET \/(learn|courses) /.test(line)).map((line) => line.split(" ")[3]),
    );
    expect(served).toEqual(new Set(ports.map((port) => `127.0.0.1:${port}`)));
    // nginx passes the client's address on; with TRUST_PROXY=1 the servers take it.
    expect((await send("/readyz")).status).toBe(200);
  });

  test("restarting the servers one at a time while people keep working: no request fails", async () => {
    const cookie = await signIn("priya.nair");
    let stop = false;
    const statuses: number[] = [];
    const failures: string[] = [];
    // Pages, and a form post (the language choice, saved on the profile) among them.
    const actions = [
      { path: "/learn", expect: 200 },
      { path: "/courses", expect: 200 },
      { path: "/progress", expect: 200 },
      {
        path: "/locale",
        form: [
          ["locale", "en"],
          ["redirectTo", "/learn"],
        ] as Array<[string, string]>,
        expect: 302,
      },
    ];
    const worker = async (i: number) => {
      for (let n = i; !stop; n++) {
        const action = actions[n % actions.length] ?? { path: "/learn", expect: 200 };
        await send(action.path, { cookie, form: action.form }).then(
          (r) => {
            statuses.push(r.status);
            if (r.status !== action.expect) failures.push(`${action.path}: ${r.status}`);
          },
          (error: unknown) => failures.push(`${action.path}: ${String(error)}`),
        );
        // People, not a benchmark: a request every few tens of milliseconds per worker.
        await new Promise((r) => setTimeout(r, 30));
      }
    };
    const load = [0, 1, 2, 3].map(worker);
    for (const port of ports) {
      expect(await stopApp(port)).toBe(0);
      await startApp(port);
    }
    stop = true;
    await Promise.all(load);
    expect(failures).toEqual([]);
    expect(statuses.length).toBeGreaterThan(20);
  });
});
