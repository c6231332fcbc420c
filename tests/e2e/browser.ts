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
  await page.getByLabel(/email|e-mail|пошта/i).fill(email);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([page.waitForLoadState("networkidle"), page.locator('form button[type="submit"]').last().click()]);
}
