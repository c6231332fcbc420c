import { describe, expect, test } from "vitest";
import { demo, signIn, setupBrowser } from "./browser.ts";

const browser = setupBrowser();

describe("languages", () => {
  test("a signed-out visitor gets the browser's language and can switch", async () => {
    const page = await browser.newPage({ locale: "es-MX" });
    await page.goto("/login");
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    await page.getByLabel("Idioma").selectOption("uk");
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Cambiar" }).click()]);
    await page.waitForURL(/\/login/);
    expect(await page.locator("html").getAttribute("lang")).toBe("uk");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toMatch(/Rapport/);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.not.toMatch(/Sign in/);
    await page.context().close();
  });

  test("a signed-in person's switch is saved on their profile and follows them", async () => {
    const page = await browser.newPage({ locale: "en-US" });
    await signIn(page, demo("admin"));
    await page.getByLabel("Language").selectOption("pt-BR");
    await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Change" }).click()]);
    expect(await page.locator("html").getAttribute("lang")).toBe("pt-BR");
    const navText = await page.getByRole("navigation").first().textContent();
    expect(navText).toContain("Início");

    // A new browser with another language still shows the profile's choice.
    const again = await browser.newPage({ locale: "uk-UA" });
    await signIn(again, demo("admin"));
    expect(await again.locator("html").getAttribute("lang")).toBe("pt-BR");
    // Put it back for the other tests.
    await again.getByLabel("Idioma").selectOption("en");
    await Promise.all([again.waitForLoadState("load"), again.getByRole("button", { name: "Alterar" }).click()]);
    expect(await again.locator("html").getAttribute("lang")).toBe("en");
    await page.context().close();
    await again.context().close();
  });

  test("the 404 page speaks the person's language", async () => {
    const page = await browser.newPage({ locale: "uk-UA" });
    await signIn(page, demo("manager2"));
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    expect(await page.locator("html").getAttribute("lang")).toBe("uk");
    const heading = await page.getByRole("heading", { level: 1 }).textContent();
    expect(heading).toMatch(/[А-Яа-яІіЇїЄє]/);
    await page.context().close();
  });
});
