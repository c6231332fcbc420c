import { describe, expect, test } from "vitest";
import { prisma } from "#app/utils/db.server.ts";
import { createTeam, createUser } from "#tests/factories.ts";
import { canonicalTimeZone } from "#app/utils/time-zone.ts";
import { checkUserCsv, csvIsClean, csvSummary, importCheckedRows } from "./csv-import.server.ts";

const adminOf = async () => ({ ...(await createUser({ roles: ["admin"], name: "Alex Admin" })), ip: "192.0.2.7" });

const header = "email,name,roles,team,start date,locale";

describe("CSV import of users", () => {
  test("a good file previews clean and imports every row with roles, team, date and locale", async () => {
    const team = await createTeam("Northwind");
    const csv = `\uFEFF${header}\r\nana.souza@example.com,Ana Souza,trainee,Northwind,2026-09-01,pt-BR\r\n"LEE@example.com","Park, Lee",mentor;trainee,,2026-05-12,\r\nolena@example.com,Олена Шевченко,trainee,Northwind,,uk\r\n`;
    const check = await checkUserCsv(csv);
    expect(check.fileProblems).toEqual([]);
    expect(check.rows.map((r) => r.problems)).toEqual([[], [], []]);
    expect(csvIsClean(check)).toBe(true);
    expect(check.rows.map((r) => r.action)).toEqual(["create", "create", "create"]);
    const admin = await adminOf();
    expect(await importCheckedRows(check, admin)).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const entry = await prisma.auditEvent.findFirstOrThrow({
      where: { kind: "users.imported" },
      select: { actorEmail: true, ipAddress: true, details: true },
    });
    expect(entry).toMatchObject({ actorEmail: admin.email, ipAddress: "192.0.2.7" });
    expect(JSON.parse(entry.details)).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      emails: ["ana.souza@example.com", "lee@example.com", "olena@example.com"],
    });
    // Each new person has an invitation waiting, and its mail in their language (the
    // organisation's, English by default, for Lee, who has none).
    const mails = await prisma.outboxMail.findMany({
      where: { kind: "invitation" },
      select: { toAddress: true, locale: true, subject: true },
      orderBy: { toAddress: "asc" },
    });
    expect(mails.map((m) => [m.toAddress, m.locale])).toEqual([
      ["ana.souza@example.com", "pt-BR"],
      ["lee@example.com", "en"],
      ["olena@example.com", "uk"],
    ]);
    expect(mails[0]?.subject).toContain("Alex Admin");
    expect(await prisma.invitation.count({ where: { acceptedAt: null } })).toBe(3);
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

  test("as a sync: each row previews as create, update (with what changes) or unchanged, then applies in one go", async () => {
    const north = await createTeam("North");
    await createTeam("South");
    const admin = await adminOf();
    const first = `email,name,roles,team,start date,locale,time zone
ana@example.com,Ana Souza,trainee,North,2026-09-01,pt-BR,America/Sao_Paulo
lee@example.com,Lee Park,mentor;trainee,,2026-05-12,en,
olena@example.com,Олена Шевченко,trainee,North,,uk,Europe/Kyiv`;
    await importCheckedRows(await checkUserCsv(first, { update: true, adminId: admin.id }), admin);
    await prisma.outboxMail.deleteMany();

    // The HR export a month later: Ana moved team and zone, Lee is unchanged, Olena lost the
    // trainee role and became a mentor, and Diego is new.
    const second = `email,name,roles,team,start date,locale,time zone
ANA@example.com,Ana Souza,trainee,South,2026-09-01,pt-BR,Europe/Lisbon
lee@example.com,Lee Park,trainee;mentor,,2026-05-12,en,
olena@example.com,Олена Шевченко,mentor,North,,uk,Europe/Kyiv
diego@example.com,Diego Martínez,trainee,South,2026-12-01,es,America/Mexico_City`;
    const without = await checkUserCsv(second, { update: false, adminId: admin.id });
    expect(without.rows.map((r) => r.problems.map((p) => p.key))).toEqual([
      ["csv.duplicateInDatabase"],
      ["csv.duplicateInDatabase"],
      ["csv.duplicateInDatabase"],
      [],
    ]);
    const check = await checkUserCsv(second, { update: true, adminId: admin.id });
    expect(csvIsClean(check)).toBe(true);
    expect(check.rows.map((r) => [r.email, r.action, r.changes])).toEqual([
      [
        "ana@example.com",
        "update",
        [
          { field: "team", from: "North", to: "South" },
          { field: "timeZone", from: "America/Sao_Paulo", to: "Europe/Lisbon" },
        ],
      ],
      ["lee@example.com", "unchanged", []],
      ["olena@example.com", "update", [{ field: "roles", from: "trainee", to: "mentor" }]],
      ["diego@example.com", "create", []],
    ]);
    expect(csvSummary(check)).toEqual({ create: 1, update: 2, unchanged: 1, invalid: 0 });
    const leeBefore = await prisma.user.findUniqueOrThrow({ where: { email: "lee@example.com" } });

    expect(await importCheckedRows(check, admin)).toEqual({ created: 1, updated: 2, unchanged: 1 });
    const ana = await prisma.user.findUniqueOrThrow({
      where: { email: "ana@example.com" },
      select: { teamId: true, timeZone: true, id: true },
    });
    expect(ana.teamId).not.toBe(north.id);
    expect(ana.timeZone).toBe("Europe/Lisbon");
    const olena = await prisma.user.findUniqueOrThrow({
      where: { email: "olena@example.com" },
      select: { roles: { select: { role: true } } },
    });
    expect(olena.roles).toEqual([{ role: "mentor" }]);
    expect((await prisma.user.findUniqueOrThrow({ where: { email: "lee@example.com" } })).updatedAt).toEqual(
      leeBefore.updatedAt,
    );
    // Only the new person is invited; every change is in the audit log with before and after.
    expect(
      (await prisma.outboxMail.findMany({ select: { toAddress: true, locale: true } })).map((m) => m.toAddress),
    ).toEqual(["diego@example.com"]);
    const updated = await prisma.auditEvent.findFirstOrThrow({ where: { kind: "user.updated", targetId: ana.id } });
    expect(JSON.parse(updated.details)).toEqual({
      team: ["North", "South"],
      timeZone: ["America/Sao_Paulo", "Europe/Lisbon"],
      via: "csv",
    });
  });

  test("the whole import is one transaction: a failure half-way leaves nobody created or changed", async () => {
    const admin = await adminOf();
    const existing = await createUser({ name: "Before" });
    const csv = `email,name,roles
${existing.email},After,trainee
first@example.com,First,trainee
second@example.com,Second,trainee`;
    const check = await checkUserCsv(csv, { update: true, adminId: admin.id });
    expect(csvIsClean(check)).toBe(true);
    const importsBefore = await prisma.auditEvent.count({ where: { kind: "users.imported" } });
    // Someone else takes the last row's address between the preview and the import.
    await prisma.user.create({ data: { email: "second@example.com", name: "Someone else" } });
    await expect(importCheckedRows(check, admin)).rejects.toThrow();
    expect(await prisma.user.findUnique({ where: { email: "first@example.com" } })).toBeNull();
    expect((await prisma.user.findUniqueOrThrow({ where: { email: existing.email } })).name).toBe("Before");
    expect(await prisma.outboxMail.count({ where: { toAddress: "first@example.com" } })).toBe(0);
    expect(await prisma.auditEvent.count({ where: { kind: "users.imported" } })).toBe(importsBefore);
  });

  test("a row may not take the importing admin's own admin role; a time zone must exist", async () => {
    const admin = await adminOf();
    const csv = `email,name,roles,time zone
${admin.email},Alex Admin,trainee,
x@example.com,X,trainee,Mars/Olympus_Mons
y@example.com,Y,trainee,europe/kyiv`;
    const check = await checkUserCsv(csv, { update: true, adminId: admin.id });
    expect(check.rows.map((r) => r.problems.map((p) => p.key))).toEqual([
      ["csv.cannotDropOwnAdmin"],
      ["csv.unknownTimeZone"],
      [],
    ]);
    // A zone typed in another case or spelling is stored as the runtime names it.
    expect(check.rows[2]?.timeZone).toBe(canonicalTimeZone("Europe/Kyiv"));
  });
});
