import { type Page } from "playwright-core";
import { describe, expect, test } from "vitest";
import { demo, setupBrowser, signIn, submitAndSettle } from "./browser.ts";
import { request } from "./http.ts";

const browser = setupBrowser();

/** The page's background lightness, 0 (black) to 255 (white). */
const background = (page: Page) =>
  page.evaluate(() => {
    const probe = document.createElement("canvas").getContext("2d");
    if (!probe) throw new Error("no canvas");
    probe.fillStyle = getComputedStyle(document.body).backgroundColor;
    probe.fillRect(0, 0, 1, 1);
    const [r = 0, g = 0, b = 0] = probe.getImageData(0, 0, 1, 1).data;
    return Math.round((r + g + b) / 3);
  });

async function newPage(colorScheme: "light" | "dark", javaScriptEnabled = true) {
  const page = await browser.newPage({ javaScriptEnabled });
  await page.emulateMedia({ colorScheme });
  return page;
}

describe("colour scheme", () => {
  test("with no choice stored, the page follows the device's setting", async () => {
    const dark = await newPage("dark", false);
    await dark.goto("/login");
    expect(await dark.locator("html").getAttribute("data-theme")).toBeNull();
    expect(await background(dark)).toBeLessThan(40);
    const light = await newPage("light", false);
    await light.goto("/login");
    expect(await background(light)).toBeGreaterThan(240);
    await dark.context().close();
    await light.context().close();
  });

  test("without JavaScript the switch stores the choice, and the next page is served in it", async () => {
    const page = await newPage("light", false);
    await signIn(page, demo("ana.souza"));
    await page.goto("/courses");
    const group = page.getByRole("group", { name: "Esquema de cores" });
    await submitAndSettle(page, group.getByRole("button", { name: "Escuro" }));
    expect(new URL(page.url()).pathname).toBe("/courses");
    expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
    expect(await background(page)).toBeLessThan(40);
    await expect(group.getByRole("button", { name: "Escuro" }).getAttribute("aria-pressed")).resolves.toBe("true");

    // The server writes the choice into the document itself: nothing waits for a script.
    const cookies = await page.context().cookies();
    const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const html = await (await request("GET", "/courses", { cookie })).text();
    expect(html).toMatch(/<html[^>]*data-theme="dark"/);

    await submitAndSettle(page, group.getByRole("button", { name: "Igual ao dispositivo" }));
    expect(await page.locator("html").getAttribute("data-theme")).toBeNull();
    expect(await background(page)).toBeGreaterThan(240);
    expect((await page.context().cookies()).some((c) => c.name === "rapport_theme")).toBe(false);
    await page.context().close();
  });

  test("with JavaScript, light overrides a dark device", async () => {
    const page = await newPage("dark");
    await page.goto("/login");
    await page.waitForSelector("html[data-hydrated]");
    await submitAndSettle(page, page.getByRole("button", { name: "Light" }));
    expect(await page.locator("html").getAttribute("data-theme")).toBe("light");
    expect(await background(page)).toBeGreaterThan(240);
    await page.context().close();
  });

  test("a value that is not one of the three is refused, and nothing is stored", async () => {
    const response = await request("POST", "/theme", { body: "theme=neon&redirectTo=%2Flogin" });
    expect(response.status).toBe(400);
    expect(response.headers.get("set-cookie")).toBeNull();
    const outside = await request("POST", "/theme", { body: "theme=dark&redirectTo=https%3A%2F%2Fevil.test" });
    expect(outside.status).toBe(302);
    expect(outside.headers.get("location")).toBe("/");
  });
});
