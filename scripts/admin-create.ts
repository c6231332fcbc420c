// npm run admin:create -- --email ana@example.com --name "Ana Souza" [--locale pt-BR]
//                         [--time-zone America/Sao_Paulo] [--invite]
// Creates an admin for scripted installs. The password comes from ADMIN_PASSWORD, else from a
// prompt (when a person is at the terminal), else the command prints an invitation link with
// which the admin chooses it. The organisation's time zone and language are set from the
// same options if nobody has set them yet.
import "dotenv/config";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createAdminFromCommand } from "#app/accounts/first-run.server.ts";
import { EmailSchema, LocaleSchema, NameSchema, PasswordSchema } from "#app/accounts/schemas.ts";
import { prisma } from "#app/utils/db.server.ts";
import { getFixedT } from "#app/utils/locale.server.ts";
import { TimeZoneSchema } from "#app/utils/time-zone.ts";

const usage =
  'Usage: npm run admin:create -- --email ana@example.com --name "Ana Souza" [--locale en|pt-BR|es|uk] [--time-zone Europe/Lisbon] [--invite]';

const OptionsSchema = z.object({
  email: EmailSchema,
  name: NameSchema,
  locale: LocaleSchema.optional(),
  timeZone: TimeZoneSchema.optional(),
});

/** Reads a line without echoing it, for a password typed at the terminal. */
function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    process.stdout.write(prompt);
    let typed = "";
    input.setRawMode(true);
    input.resume();
    input.setEncoding("utf8");
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n") {
          done();
          resolve(typed);
          return;
        }
        if (char === "\u0003") {
          done();
          reject(new Error("cancelled"));
          return;
        }
        if (char === "\u007f" || char === "\b") typed = [...typed].slice(0, -1).join("");
        else typed += char;
      }
    };
    const done = () => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      process.stdout.write("\n");
    };
    input.on("data", onData);
  });
}

async function choosePassword(invite: boolean): Promise<string | null> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (invite || !process.stdin.isTTY) return null;
  const first = await readHidden("Password for the new admin (12 to 128 characters): ");
  const second = await readHidden("The same password again: ");
  if (first !== second) throw new Error("The two passwords are different. Nothing was created.");
  return first;
}

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      locale: { type: "string" },
      "time-zone": { type: "string" },
      invite: { type: "boolean", default: false },
    },
    strict: true,
  });
  const parsed = OptionsSchema.safeParse({
    email: values.email,
    name: values.name,
    locale: values.locale,
    timeZone: values["time-zone"],
  });
  if (!parsed.success) {
    const t = getFixedT("en");
    const problems = parsed.error.issues.map(
      (i) => `  --${i.path.join(".").replace("timeZone", "time-zone")}: ${t(i.message)}`,
    );
    throw new Error(`${problems.join("\n")}\n${usage}`);
  }
  const password = await choosePassword(values.invite ?? false);
  if (password !== null) {
    const checked = PasswordSchema.safeParse(password);
    if (!checked.success) throw new Error(`The password: ${getFixedT("en")(checked.error.issues[0]?.message ?? "")}`);
  }
  const outcome = await createAdminFromCommand({
    ...parsed.data,
    password,
    locale: parsed.data.locale ?? null,
    timeZone: parsed.data.timeZone ?? null,
  });
  switch (outcome.status) {
    case "common":
      throw new Error("That password is on the list of the most common ones. Choose another; nothing was created.");
    case "emailTaken":
      throw new Error(`Someone already uses ${parsed.data.email}. Nothing was created.`);
    case "created":
      console.log(`Created the admin ${parsed.data.name} <${parsed.data.email}>.`);
      console.log(`Organisation: time zone ${outcome.organisation.timeZone}, language ${outcome.organisation.locale}.`);
      if (outcome.invitationUrl) {
        console.log("They choose their password with this link (it works once):");
        console.log(`  ${outcome.invitationUrl}`);
      }
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
