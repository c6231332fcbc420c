// Usage: tsx shot.tmp.ts <name> <path> [width] [locale]
import { chromium } from "playwright-core";
const [name, target, width = "1280", locale = "en-US"] = process.argv.slice(2);
const base = "http://localhost:3917";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const context = await browser.newContext({ locale, viewport: { width: Number(width), height: 900 } });
const page = await context.newPage();
await page.goto(`${base}/login`);
await page.fill('input[name="email"]', "trainee@demo.rapport.test");
await page.fill('input[name="password"]', "rapport-demo");
await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.press('input[name="password"]', "Enter")]);
const response = await page.goto(`${base}${target}`);
await page.waitForLoadState("networkidle");
await page.screenshot({ path: `/tmp/content-layer/shots/${name}.png`, fullPage: true });
console.log(response?.status(), (await page.locator("main, body").first().innerText()).slice(0, 600).replace(/\n+/g, " | "));
await browser.close();
