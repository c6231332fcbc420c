import { type ChildProcess, spawn } from "node:child_process";
import { describe, expect, inject, test } from "vitest";
import { e2eEnv, freePort } from "#tests/setup/e2e-server.ts";
import { root } from "#tests/setup/paths.ts";
import { demo, setupBrowser, signIn } from "./browser.ts";
import { answerStep, currentStep, deskAction, finish, playToEnd, scenarioFile } from "./scenario-play.ts";

const browser = setupBrowser();

/** A second production server on the test database, which this test can kill. */
async function startServer(port: number) {
  const server = spawn(process.execPath, ["server.js"], {
    cwd: root,
    env: e2eEnv(inject("e2eDatabaseUrl"), port),
    stdio: ["ignore", "ignore", "inherit"],
  });
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://localhost:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill("SIGKILL");
  throw new Error(`the server on port ${port} did not start`);
}

function kill(server: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) return resolve();
    server.once("exit", () => resolve());
    server.kill("SIGKILL");
  });
}

const reply =
  "Hello, I'm so sorry for the trouble, I understand how worrying this is. I will sort it out today and call you back before 4 pm. Is there anything else I can help you with?";

describe("an attempt survives the server dying", () => {
  test("the server is killed mid-attempt; after a restart the page resumes at the same step with the same help desk", async () => {
    const scenario = scenarioFile("locked-out-phone");
    const port = await freePort();
    let server = await startServer(port);
    try {
      const page = await browser.newPage();
      const base = `http://localhost:${port}`;
      await signIn(page, demo("fernanda.lima"), undefined, `${base}/login`);
      await page.goto(`${base}/scenarios/${scenario.id}`);
      await page.waitForSelector("html[data-hydrated]");
      await page.locator('form:has(input[name="intent"][value="start"]) button').click();
      await page.waitForSelector("[data-help-desk]");
      await answerStep(page, scenario, { pick: "best", text: reply });
      await page.locator('select[name="priority"]').selectOption("high");
      await deskAction(page, () => page.locator('form:has(input[name="intent"][value="ticket"]) button').click());
      await page
        .locator('form:has(input[name="type"][value="add-note"]) textarea')
        .fill("Verified by security questions.");
      await deskAction(page, () => page.locator('form:has(input[name="type"][value="add-note"]) button').click());
      const step = await currentStep(page);
      const transcript = await page.locator("[data-turn]").allTextContents();

      // SIGKILL: no graceful shutdown, nothing flushed on the way out.
      await kill(server);
      const down = await fetch(`${base}/healthz`).then(
        () => "up",
        () => "down",
      );
      expect(down).toBe("down");
      // How long the restart takes is the benchmark's business, not this test's (no wall-clock asserts).
      server = await startServer(port);

      await page.reload();
      await page.waitForSelector("html[data-hydrated]");
      expect(await currentStep(page)).toBe(step);
      expect(await page.locator("[data-turn]").allTextContents()).toEqual(transcript);
      expect(await page.locator('select[name="priority"]').inputValue()).toBe("high");
      expect(await page.getByText("Verified by security questions.").count()).toBe(1);
      expect(await page.locator("[data-activity-log] li").count()).toBe(3);

      // And it carries on to the end.
      await playToEnd(page, scenario, { pick: "best", text: reply });
      await finish(page);
      expect(await page.locator("[data-measure=csat]").count()).toBe(1);
    } finally {
      await kill(server);
    }
  });
});
