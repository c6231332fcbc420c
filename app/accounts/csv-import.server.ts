import Papa from "papaparse";
import { auditQuery, type AuditPerson } from "#app/audit/log.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { isLocale } from "#app/utils/i18n.ts";
import { isRole, type Role } from "./roles.ts";
import { EmailSchema, NameSchema, StartDateSchema } from "./schemas.ts";

export const CSV_MAX_ROWS = 2000;

/** The CSV's text: the uploaded file's, or what the preview sent back to import. */
export async function csvText(form: { file?: File; csv?: string }) {
  return form.file ? form.file.text() : (form.csv ?? "");
}

export type CsvProblem = { key: string; value?: string; line?: number };

export type CsvRow = {
  line: number;
  email: string;
  name: string;
  roles: string;
  team: string;
  startDate: string;
  locale: string;
  problems: CsvProblem[];
};

export type CsvCheck = { fileProblems: CsvProblem[]; rows: CsvRow[] };

const columnAliases: Record<string, keyof Omit<CsvRow, "line" | "problems">> = {
  email: "email",
  "e-mail": "email",
  name: "name",
  roles: "roles",
  role: "roles",
  team: "team",
  "start date": "startDate",
  start_date: "startDate",
  startdate: "startDate",
  locale: "locale",
  language: "locale",
};
const required = ["email", "name", "roles"] as const;

function splitRoles(value: string) {
  return value
    .split(/[;|,\s]+/)
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean);
}

/**
 * Reads the file and checks every row against the rules and the database, so the preview
 * can show each problem next to its row. Nothing is written here.
 */
export async function checkUserCsv(text: string): Promise<CsvCheck> {
  const source = text.replace(/^\uFEFF/, "");
  if (!source.trim()) return { fileProblems: [{ key: "csv.empty" }], rows: [] };
  const parsed = Papa.parse<string[]>(source, { skipEmptyLines: "greedy" });
  const [header, ...records] = parsed.data;
  if (!header) return { fileProblems: [{ key: "csv.empty" }], rows: [] };
  const columns = header.map((h) => columnAliases[h.trim().toLowerCase()] ?? null);
  const fileProblems: CsvProblem[] = [];
  for (const column of required) {
    if (!columns.includes(column)) fileProblems.push({ key: "csv.missingColumn", value: column });
  }
  header.forEach((h, i) => {
    if (!columns[i]) fileProblems.push({ key: "csv.unknownColumn", value: h });
  });
  if (records.length === 0) fileProblems.push({ key: "csv.noRows" });
  if (records.length > CSV_MAX_ROWS) fileProblems.push({ key: "csv.tooManyRows", value: String(CSV_MAX_ROWS) });
  if (fileProblems.length) return { fileProblems, rows: [] };

  const rows: CsvRow[] = records.map((record, index) => {
    const row: CsvRow = {
      line: index + 2,
      email: "",
      name: "",
      roles: "",
      team: "",
      startDate: "",
      locale: "",
      problems: [],
    };
    columns.forEach((column, i) => {
      if (column) row[column] = (record[i] ?? "").trim();
    });
    if (record.length !== header.length) row.problems.push({ key: "csv.columnCount" });
    return row;
  });

  const emails = rows.map((r) => r.email.toLowerCase()).filter(Boolean);
  const teamNames = [...new Set(rows.map((r) => r.team).filter(Boolean))];
  const [existing, teams] = await Promise.all([
    prisma.user.findMany({ where: { email: { in: emails } }, select: { email: true } }),
    prisma.team.findMany({ where: { name: { in: teamNames } }, select: { name: true } }),
  ]);
  const existingEmails = new Set(existing.map((u) => u.email));
  const knownTeams = new Set(teams.map((t) => t.name));
  const firstLineOfEmail = new Map<string, number>();

  for (const row of rows) {
    const email = EmailSchema.safeParse(row.email);
    if (!email.success) {
      row.problems.push({ key: "csv.badEmail", value: row.email });
    } else {
      row.email = email.data;
      const first = firstLineOfEmail.get(email.data);
      if (first) row.problems.push({ key: "csv.duplicateInFile", value: email.data, line: first });
      else firstLineOfEmail.set(email.data, row.line);
      if (existingEmails.has(email.data)) row.problems.push({ key: "csv.duplicateInDatabase", value: email.data });
    }
    const name = NameSchema.safeParse(row.name);
    if (!name.success) {
      const invisible = name.error.issues.some((i) => i.message === "form.nameInvisible");
      row.problems.push({ key: invisible ? "csv.nameInvisible" : "csv.badName", value: row.name });
    }
    const roleList = splitRoles(row.roles);
    if (roleList.length === 0) row.problems.push({ key: "csv.noRoles" });
    for (const role of roleList) {
      if (!isRole(role)) row.problems.push({ key: "csv.unknownRole", value: role });
    }
    if (row.team && !knownTeams.has(row.team)) row.problems.push({ key: "csv.unknownTeam", value: row.team });
    if (row.startDate && !StartDateSchema.safeParse(row.startDate).success) {
      row.problems.push({ key: "csv.badDate", value: row.startDate });
    }
    if (row.locale && !isLocale(row.locale)) row.problems.push({ key: "csv.unknownLocale", value: row.locale });
  }
  return { fileProblems, rows };
}

export function csvIsClean(check: CsvCheck) {
  return check.fileProblems.length === 0 && check.rows.length > 0 && check.rows.every((r) => r.problems.length === 0);
}

/** All rows or none: one transaction. Imported people have no password until an admin sets one. */
export async function importCheckedRows(rows: CsvRow[], admin: AuditPerson & { ip: string }) {
  const teams = await prisma.team.findMany({
    where: { name: { in: [...new Set(rows.map((r) => r.team).filter(Boolean))] } },
    select: { id: true, name: true },
  });
  const teamId = new Map(teams.map((t) => [t.name, t.id]));
  await prisma.$transaction([
    ...rows.map((row) =>
      prisma.user.create({
        data: {
          email: row.email,
          name: row.name,
          teamId: row.team ? teamId.get(row.team) : null,
          startDate: row.startDate ? new Date(`${row.startDate}T00:00:00Z`) : null,
          locale: row.locale || null,
          roles: { create: [...new Set(splitRoles(row.roles))].filter(isRole).map((role: Role) => ({ role })) },
        },
        select: { id: true },
      }),
    ),
    auditQuery({
      kind: "users.imported",
      actor: admin,
      ip: admin.ip,
      details: { count: rows.length, emails: rows.slice(0, 200).map((r) => r.email) },
    }),
  ]);
  return rows.length;
}
