import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { createTeam, createUser } from "#tests/factories.ts";
import { checkUserCsv, csvIsClean, importCheckedRows } from "./csv-import.server.ts";

const header = "email,name,roles,team,start date,locale";

describe("CSV import of users", () => {
  test("a good file previews clean and imports every row with roles, team, date and locale", async () => {
    const team = await createTeam("Northwind");
    const csv = `\uFEFF${header}\r\nana.souza@example.com,Ana Souza,trainee,Northwind,2026-09-01,pt-BR\r\n"LEE@example.com","Park, Lee",mentor;trainee,,2026-05-12,\r\nolena@example.com,Олена Шевченко,trainee,Northwind,,uk\r\n`;
    const check = await checkUserCsv(csv);
    expect(check.fileProblems).toEqual([]);
    expect(check.rows.map((r) => r.problems)).toEqual([[], [], []]);
    expect(csvIsClean(check)).toBe(true);
    const admin = await createUser({ roles: ["admin"] });
    expect(await importCheckedRows(check.rows, { ...admin, ip: "192.0.2.7" })).toBe(3);
    const entry = await prisma.auditEvent.findFirstOrThrow({
      where: { kind: "users.imported" },
      select: { actorEmail: true, ipAddress: true, details: true },
    });
    expect(entry).toMatchObject({ actorEmail: admin.email, ipAddress: "192.0.2.7" });
    expect(JSON.parse(entry.details)).toEqual({
      count: 3,
      emails: ["ana.souza@example.com", "lee@example.com", "olena@example.com"],
    });
    const lee = await prisma.user.findUniqueOrThrow({
      where: { email: "lee@example.com" },
      select: { name: true, locale: true, teamId: true, roles: { select: { role: true }, orderBy: { role: "asc" } } },
    });
    expect(lee).toEqual({
      name: "Park, Lee",
      locale: null,
      teamId: null,
      roles: [{ role: "mentor" }, { role: "trainee" }],
    });
    const olena = await prisma.user.findUniqueOrThrow({
      where: { email: "olena@example.com" },
      select: { name: true, teamId: true, locale: true },
    });
    expect(olena).toEqual({ name: "Олена Шевченко", teamId: team.id, locale: "uk" });
  });

  test("every bad row gets its own problem and nothing is importable", async () => {
    const existing = await createUser();
    const csv = [
      header,
      "not-an-email,Bad Email,trainee,,,",
      "dup@example.com,First,trainee,,,",
      "DUP@example.com,Second,trainee,,,",
      `${existing.email},Taken,trainee,,,`,
      "role@example.com,Role,wizard,,,",
      "locale@example.com,Locale,trainee,,,fr",
      "team@example.com,Team,trainee,Nowhere,,",
      "date@example.com,Date,trainee,,2026-02-30,",
      "noroles@example.com,No Roles,,,,",
      "<script>@example.com,<b>x</b>,trainee,,,",
      "bidi@example.com,\u202Eotas,trainee,,,",
      "zw@example.com,An\u200Bna,trainee,,,",
    ].join("\n");
    const check = await checkUserCsv(csv);
    const problems = Object.fromEntries(check.rows.map((r) => [r.line, r.problems.map((p) => p.key)]));
    expect(problems).toEqual({
      2: ["csv.badEmail"],
      3: [],
      4: ["csv.duplicateInFile"],
      5: ["csv.duplicateInDatabase"],
      6: ["csv.unknownRole"],
      7: ["csv.unknownLocale"],
      8: ["csv.unknownTeam"],
      9: ["csv.badDate"],
      10: ["csv.noRoles"],
      11: ["csv.badEmail", "csv.badName"],
      12: ["csv.nameInvisible"],
      13: ["csv.nameInvisible"],
    });
    expect(check.rows.find((r) => r.line === 4)?.problems[0]).toEqual({
      key: "csv.duplicateInFile",
      value: "dup@example.com",
      line: 3,
    });
    expect(csvIsClean(check)).toBe(false);
  });

  test("file-level problems: empty, missing or unknown columns, header only", async () => {
    expect((await checkUserCsv("  \n")).fileProblems).toEqual([{ key: "csv.empty" }]);
    expect((await checkUserCsv("email,name\n")).fileProblems).toEqual([
      { key: "csv.missingColumn", value: "roles" },
      { key: "csv.noRows" },
    ]);
    expect((await checkUserCsv("email,name,roles,shoe size\na@b.co,A,trainee,42")).fileProblems).toEqual([
      { key: "csv.unknownColumn", value: "shoe size" },
    ]);
  });
});
