import { describe, expect, test } from "vitest";
import { demo, signIn, setupBrowser } from "./browser.ts";

const browser = setupBrowser();

function csvFile(name: string, text: string) {
  return { name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") };
}

describe("admin", () => {
  test("a bad CSV shows an error per bad row and imports nothing; a good one imports after preview", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("admin"));
    await page.goto("/admin/import");
    await page.setInputFiles(
      "#csv-file",
      csvFile(
        "bad.csv",
        [
          "email,name,roles,team,start date,locale",
          "good.one@example.com,Good One,trainee,Aurora,2026-10-01,en",
          "broken-email,Broken,trainee,,,",
          "trainee@demo.rapport.test,Already Here,trainee,,,",
          "role@example.com,Role,pilot,,,",
          "lang@example.com,Lang,trainee,,,fr",
          "good.one@example.com,Twice,trainee,,,",
        ].join("\n"),
      ),
    );
    await page.getByRole("button", { name: "Check file" }).click();
    await page.getByRole("heading", { name: "Preview" }).waitFor();
    await expect(page.getByText("5 rows have problems. Nothing has been imported.").count()).resolves.toBe(1);
    for (const message of [
      '"broken-email" is not a valid email address.',
      "trainee@demo.rapport.test already has an account.",
      'Unknown role "pilot"',
      'Unknown locale "fr"',
      "good.one@example.com already appears on line 2.",
    ]) {
      await expect(page.getByText(message).count(), message).resolves.toBe(1);
    }
    await expect(page.getByRole("button", { name: /^Import/ }).count()).resolves.toBe(0);

    await page.setInputFiles(
      "#csv-file",
      csvFile(
        "good.csv",
        [
          "email,name,roles,team,start date,locale",
          "nadia.petrenko@example.com,Надія Петренко,trainee,Borealis,2026-11-02,uk",
          "tomas.garcia@example.com,Tomás García,mentor;trainee,Aurora,2026-10-20,es",
        ].join("\n"),
      ),
    );
    await page.getByRole("button", { name: "Check file" }).click();
    await page.getByText("Every row is valid: 2 to create, 0 to update, 0 unchanged.").waitFor();
    await page.getByRole("button", { name: "Import: create 2, update 0" }).click();
    await page.getByText("2 people created.").waitFor();
    await page.goto("/admin/users?q=petrenko");
    await expect(page.getByRole("link", { name: "Надія Петренко" }).count()).resolves.toBe(1);
    await page.goto("/admin/users?q=good.one");
    await expect(page.getByText("0 people").count()).resolves.toBe(1);
    await page.context().close();
  });

  test("creating a user: bad input is answered next to the field; a deactivated user cannot sign in", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("admin"));
    await page.goto("/admin/users/new");
    await page.getByLabel("Name").fill("<script>alert(1)</script>");
    await page.getByLabel("Email", { exact: true }).fill("not an email");
    // Server-side answer, as if JavaScript were off: submit without the browser's own checks.
    await page.locator("form#user").evaluate((form: HTMLFormElement) => form.setAttribute("novalidate", ""));
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByText("The name contains characters that aren't allowed").count()).resolves.toBe(1);
    await expect(page.getByText("Enter an email address like name@example.com.").count()).resolves.toBe(1);

    await page.getByLabel("Name").fill("Beatriz Nunes");
    await page.getByLabel("Email", { exact: true }).fill("beatriz.nunes@example.com");
    await page.getByLabel("Team").selectOption({ label: "Aurora" });
    await page.getByLabel(/^Password/).fill("a-strong-password");
    await page.getByRole("button", { name: "Create user" }).click();
    await page.getByText("User created.").waitFor();

    const beatriz = await browser.newPage();
    await signIn(beatriz, "beatriz.nunes@example.com", "a-strong-password");
    expect(new URL(beatriz.url()).pathname).toBe("/");

    // Without ticking the confirmation nothing happens: the browser asks for it, and the server refuses it too.
    await page.getByRole("button", { name: "Deactivate" }).click();
    expect(
      await page
        .getByRole("checkbox", { name: /sign .* out everywhere/ })
        .evaluate((box) => (box as HTMLInputElement).validity.valueMissing),
    ).toBe(true);
    await page.getByRole("checkbox", { name: /sign .* out everywhere/ }).check();
    await page.getByRole("button", { name: "Deactivate" }).click();
    await page.getByText("Deactivated").first().waitFor();
    // Her open session has ended, and she cannot sign in again.
    await beatriz.goto("/profile");
    expect(new URL(beatriz.url()).pathname).toBe("/login");
    await signIn(beatriz, "beatriz.nunes@example.com", "a-strong-password");
    expect(new URL(beatriz.url()).pathname).toBe("/login");
    await page.context().close();
    await beatriz.context().close();
  });

  test("teams: create, rename with a clash refused, set a manager", async () => {
    const page = await browser.newPage();
    await signIn(page, demo("admin"));
    await page.goto("/admin/teams");
    await page.getByLabel("New team's name").fill("Cassiopeia");
    await page.getByRole("button", { name: "Create team" }).click();
    const rows = page.locator("main ul > li");
    await rows.nth(2).waitFor();
    const names = await page
      .getByRole("textbox", { name: "Name", exact: true })
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(names).toEqual(["Aurora", "Borealis", "Cassiopeia"]);
    const index = names.indexOf("Cassiopeia");
    const row = rows.nth(index);
    await row.getByRole("textbox", { name: "Name", exact: true }).fill("Aurora");
    await row.getByRole("button", { name: "Rename" }).click();
    await page.getByText("There is already a team with this name.").waitFor({ timeout: 5000 });
    await row.getByLabel("Manager").selectOption({ label: "Marta Oliveira" });
    await row.getByRole("button", { name: "Set manager" }).click();
    await page.waitForLoadState("networkidle");
    await expect(rows.nth(index).getByLabel("Manager").inputValue()).resolves.not.toBe("");
    await page.context().close();
  });
});
