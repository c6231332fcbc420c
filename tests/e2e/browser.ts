import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function chromiumPath() {
  return process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
}

export const DEMO_PASSWORD = "rapport-demo";
export const demo = (local: string) => `${local}@demo.rapport.test`;

/** One browser per test file; each test opens its own context (fresh cookies). */
export function setupBrowser() {
  const state: { browser?: Browser } = {};
  beforeAll(async () => {
    state.browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  });
  afterAll(async () => {
    await state.browser?.close();
  });
  return {
    baseURL: () => inject("baseURL"),
    async newPage(options: { locale?: string; javaScriptEnabled?: boolean } = {}) {
      if (!state.browser) throw new Error("browser not started");
      const context = await state.browser.newContext({
        baseURL: inject("baseURL"),
        locale: options.locale ?? "en-US",
        javaScriptEnabled: options.javaScriptEnabled ?? true,
      });
      return context.newPage();
    },
  };
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, path = "/login") {
  await page.goto(path);
  await page.getByLabel(/email|e-mail|пошта|correo/i).fill(email);
  await page.locator('input[name="password"]').fill(password);
  await submitAndSettle(page, page.locator('form button[type="submit"]').last());
}

/**
 * Clicks a submit button and waits until the post is answered and the page that follows is
 * shown: the next document when the form posts natively (no JavaScript, or not yet hydrated),
 * the router's navigation when it posts by fetch. (Waiting for "networkidle" alone returns at
 * once when the page was idle before the click.)
 */
export async function submitAndSettle(page: Page, button: ReturnType<Page["locator"]>) {
  const answered = page.waitForResponse((r) => r.request().method() === "POST");
  const navigated = page.waitForEvent("framenavigated", { predicate: (frame) => frame === page.mainFrame() }).then(
    () => true,
    () => false,
  );
  await button.click();
  const response = await answered;
  if (response.request().resourceType() === "document") {
    await navigated;
    await page.waitForLoadState("load");
  }
  // React may render the router's new state a moment after it turns idle: settled means
  // idle on two looks 100 ms apart.
  const deadline = Date.now() + 30_000;
  let idleBefore = false;
  while (Date.now() < deadline) {
    const idle = await page
      .evaluate(() => {
        const router = (window as { __remixRouter?: { state: { navigation: { state: string } } } }).__remixRouter;
        return document.readyState === "complete" && (!router || router.state.navigation.state === "idle");
      })
      .catch(() => false);
    if (idle && idleBefore) return;
    idleBefore = idle;
    await page.waitForTimeout(idle ? 100 : 50);
  }
  throw new Error("the page did not settle after the form was sent");
}

/** The first link on a page whose address starts with the prefix: the demo data decides which. */
export async function firstLink(page: Page, from: string, prefix: string) {
  await page.goto(from);
  const href = await page.locator(`main a[href^="${prefix}"]`).first().getAttribute("href");
  if (!href) throw new Error(`no link to ${prefix} on ${from}`);
  return href;
}
