// Importing people from a CSV file, as a sync: with "update existing people", a row whose
// email already has an account updates that person (only the columns the file has); without
// it, such a row is a problem. The preview says for every row what will happen: create,
// update (which fields, from what to what), unchanged, or the problems. Nothing is written
// until every row is valid, and then everything is written in one transaction, with an
// invitation mailed to each new person.
import Papa from "papaparse";
import { type AuditPerson, auditWith, changes } from "#app/audit/log.server.ts";
import { prisma } from "#app/utils/db.server.ts";
import { isLocale } from "#app/utils/i18n.ts";
import { getOrganisation } from "#app/utils/organisation.server.ts";
import { canonicalTimeZone } from "#app/utils/time-zone.ts";
import { writeInvitation } from "./invitations.server.ts";
import { isRole, type Role } from "./roles.ts";
import { EmailSchema, NameSchema, StartDateSchema } from "./schemas.ts";

export const CSV_MAX_ROWS = 2000;

/** The CSV's text: the uploaded file's, or what the preview sent back to import. */
export async function csvText(form: { file?: File; csv?: string }) {
  return form.file ? form.file.text() : (form.csv ?? "");
}

export type CsvProblem = { key: string; value?: string; line?: number };

const fields = ["email", "name", "roles", "team", "startDate", "locale", "timeZone"] as const;
type Column = (typeof fields)[number];
/** The fields an update can change, in the order the preview lists them. */
type Changeable = Exclude<Column, "email">;

export type CsvChange = { field: Changeable; from: string; to: string };

export type CsvRow = Record<Column, string> & {
  line: number;
  /** What importing does with the row; null while it has problems. */
  action: "create" | "update" | "unchanged" | null;
  changes: CsvChange[];
  problems: CsvProblem[];
};

export type CsvCheck = {
  fileProblems: CsvProblem[];
  rows: CsvRow[];
  /** Whether rows of people who already have an account update them. */
  update: boolean;
  /** The optional columns the file has: only these are compared and changed. */
  columns: Column[];
};

const columnAliases: Record<string, Column> = {
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
  "time zone": "timeZone",
  time_zone: "timeZone",
  timezone: "timeZone",
};
const required = ["email", "name", "roles"] as const;

function splitRoles(value: string) {
  return [
    ...new Set(
      value
        .split(/[;|,\s]+/)
        .map((r) => r.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

const rolesText = (roles: readonly string[]) => [...roles].sort().join(";");
const dayOf = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");

/** What an existing person looks like in the file's terms. */
type Existing = {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  timeZone: string | null;
  startDate: Date | null;
  team: { name: string } | null;
  roles: Array<{ role: string }>;
};

function asRow(person: Existing): Record<Changeable, string> {
  return {
    name: person.name,
    roles: rolesText(person.roles.map((r) => r.role)),
    team: person.team?.name ?? "",
    startDate: dayOf(person.startDate),
    locale: person.locale ?? "",
    timeZone: person.timeZone ?? "",
  };
}

/**
 * Reads the file and checks every row against the rules and the database, so the preview
 * can show what each row will do, or its problems. Nothing is written here. `adminId` is the
 * importing admin: a row must not take their own admin role away.
 */
export async function checkUserCsv(
  text: string,
  { update = false, adminId = null }: { update?: boolean; adminId?: string | null } = {},
): Promise<CsvCheck> {
  const source = text.replace(/^\uFEFF/, "");
  const empty = (fileProblems: CsvProblem[]): CsvCheck => ({ fileProblems, rows: [], update, columns: [] });
  if (!source.trim()) return empty([{ key: "csv.empty" }]);
  const parsed = Papa.parse<string[]>(source, { skipEmptyLines: "greedy" });
  const [header, ...records] = parsed.data;
  if (!header) return empty([{ key: "csv.empty" }]);
  const columns = header.map((h) => columnAliases[h.trim().toLowerCase()] ?? null);
  const fileProblems: CsvProblem[] = [];
  for (const column of required) {
    if (!columns.includes(column)) fileProblems.push({ key: "csv.missingColumn", value: column });
  }
  header.forEach((h, i) => {
    if (!columns[i]) fileProblems.push({ key: "csv.unknownColumn", value: h });
    else if (columns.indexOf(columns[i]) !== i) fileProblems.push({ key: "csv.repeatedColumn", value: h });
  });
  if (records.length === 0) fileProblems.push({ key: "csv.noRows" });
  if (records.length > CSV_MAX_ROWS) fileProblems.push({ key: "csv.tooManyRows", value: String(CSV_MAX_ROWS) });
  if (fileProblems.length) return empty(fileProblems);
  const present = fields.filter((f) => columns.includes(f));

  const rows: CsvRow[] = records.map((record, index) => {
    const row: CsvRow = {
      line: index + 2,
      email: "",
      name: "",
      roles: "",
      team: "",
      startDate: "",
      locale: "",
      timeZone: "",
      action: null,
      changes: [],
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
    prisma.user.findMany({
      where: { email: { in: emails } },
      select: {
        id: true,
        email: true,
        name: true,
        locale: true,
        timeZone: true,
        startDate: true,
        team: { select: { name: true } },
        roles: { select: { role: true } },
      },
    }),
    prisma.team.findMany({ where: { name: { in: teamNames } }, select: { name: true } }),
  ]);
  const existingByEmail = new Map(existing.map((u) => [u.email, u]));
  const knownTeams = new Set(teams.map((t) => t.name));
  const firstLineOfEmail = new Map<string, number>();

  for (const row of rows) {
    const email = EmailSchema.safeParse(row.email);
    let person: Existing | undefined;
    if (!email.success) {
      row.problems.push({ key: "csv.badEmail", value: row.email });
    } else {
      row.email = email.data;
      const first = firstLineOfEmail.get(email.data);
      if (first) row.problems.push({ key: "csv.duplicateInFile", value: email.data, line: first });
      else firstLineOfEmail.set(email.data, row.line);
      person = existingByEmail.get(email.data);
      if (person && !update) row.problems.push({ key: "csv.duplicateInDatabase", value: email.data });
    }
    const name = NameSchema.safeParse(row.name);
    if (!name.success) {
      const invisible = name.error.issues.some((i) => i.message === "form.nameInvisible");
      row.problems.push({ key: invisible ? "csv.nameInvisible" : "csv.badName", value: row.name });
    } else {
      row.name = name.data;
    }
    const roleList = splitRoles(row.roles);
    if (roleList.length === 0) row.problems.push({ key: "csv.noRoles" });
    for (const role of roleList) {
      if (!isRole(role)) row.problems.push({ key: "csv.unknownRole", value: role });
    }
    row.roles = rolesText(roleList);
    if (row.team && !knownTeams.has(row.team)) row.problems.push({ key: "csv.unknownTeam", value: row.team });
    if (row.startDate && !StartDateSchema.safeParse(row.startDate).success) {
      row.problems.push({ key: "csv.badDate", value: row.startDate });
    }
    if (row.locale && !isLocale(row.locale)) row.problems.push({ key: "csv.unknownLocale", value: row.locale });
    if (row.timeZone) {
      const zone = canonicalTimeZone(row.timeZone);
      if (zone) row.timeZone = zone;
      else row.problems.push({ key: "csv.unknownTimeZone", value: row.timeZone });
    }
    if (person && update && person.id === adminId && !roleList.includes("admin")) {
      row.problems.push({ key: "csv.cannotDropOwnAdmin" });
    }
    if (row.problems.length) continue;
    if (!person) {
      row.action = "create";
      continue;
    }
    const before = asRow(person);
    row.changes = present
      .filter((f): f is Changeable => f !== "email")
      .filter((f) => before[f] !== row[f])
      .map((f) => ({ field: f, from: before[f], to: row[f] }));
    row.action = row.changes.length ? "update" : "unchanged";
  }
  return { fileProblems, rows, update, columns: present };
}

export function csvIsClean(check: CsvCheck) {
  return check.fileProblems.length === 0 && check.rows.length > 0 && check.rows.every((r) => r.problems.length === 0);
}

export function csvSummary(check: CsvCheck) {
  const count = (action: CsvRow["action"]) => check.rows.filter((r) => r.action === action).length;
  return {
    create: count("create"),
    update: count("update"),
    unchanged: count("unchanged"),
    invalid: check.rows.filter((r) => r.problems.length).length,
  };
}

const dateOf = (day: string) => (day ? new Date(`${day}T00:00:00Z`) : null);

/**
 * All rows or none: one transaction, with an invitation (row and mail) for every new person
 * and an audit entry for every person changed. Call with a clean check only.
 */
export async function importCheckedRows(check: CsvCheck, admin: AuditPerson & { name: string; ip: string }) {
  const rows = check.rows.filter((r) => r.action === "create" || r.action === "update");
  const [teams, organisation] = await Promise.all([
    prisma.team.findMany({
      where: { name: { in: [...new Set(rows.map((r) => r.team).filter(Boolean))] } },
      select: { id: true, name: true },
    }),
    getOrganisation(),
  ]);
  const teamId = new Map(teams.map((t) => [t.name, t.id]));
  const rolesOf = (row: CsvRow) => splitRoles(row.roles).filter(isRole);
  const summary = csvSummary(check);
  // Two thousand people with their invitations take longer than an interactive transaction's
  // default five seconds.
  await prisma.$transaction(
    async (tx) => {
      for (const row of rows) {
        if (row.action === "create") {
          const user = await tx.user.create({
            data: {
              email: row.email,
              name: row.name,
              teamId: row.team ? teamId.get(row.team) : null,
              startDate: dateOf(row.startDate),
              locale: row.locale || null,
              timeZone: row.timeZone || null,
              roles: { create: rolesOf(row).map((role: Role) => ({ role })) },
            },
            select: { id: true, email: true, name: true, locale: true, timeZone: true },
          });
          await writeInvitation(tx, { invitee: user, inviter: admin, organisation });
          continue;
        }
        const person = await tx.user.findUniqueOrThrow({ where: { email: row.email }, select: { id: true } });
        const changed = new Set(row.changes.map((c) => c.field));
        await tx.user.update({
          where: { id: person.id },
          data: {
            ...(changed.has("name") ? { name: row.name } : {}),
            ...(changed.has("team") ? { teamId: row.team ? teamId.get(row.team) : null } : {}),
            ...(changed.has("startDate") ? { startDate: dateOf(row.startDate) } : {}),
            ...(changed.has("locale") ? { locale: row.locale || null } : {}),
            ...(changed.has("timeZone") ? { timeZone: row.timeZone || null } : {}),
          },
          select: { id: true },
        });
        if (changed.has("roles")) {
          await tx.userRole.deleteMany({ where: { userId: person.id } });
          await tx.userRole.createMany({ data: rolesOf(row).map((role) => ({ userId: person.id, role })) });
        }
        await auditWith(tx, {
          kind: "user.updated",
          actor: admin,
          target: { id: person.id, label: row.email },
          ip: admin.ip,
          details: {
            ...changes(
              Object.fromEntries(row.changes.map((c) => [c.field, c.from || null])),
              Object.fromEntries(row.changes.map((c) => [c.field, c.to || null])),
            ),
            via: "csv",
          },
        });
      }
      await auditWith(tx, {
        kind: "users.imported",
        actor: admin,
        ip: admin.ip,
        details: {
          created: summary.create,
          updated: summary.update,
          unchanged: summary.unchanged,
          emails: rows.slice(0, 200).map((r) => r.email),
        },
      });
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return { created: summary.create, updated: summary.update, unchanged: summary.unchanged };
}
