// A server's background work, run alone in a process of its own so that tests can run two at
// once or kill one mid-way (SIGKILL). DATABASE_URL names the test's database.
//   notices <ISO time>   waits for "go" on stdin, runs one scheduler tick at that time
//   deliver <offset ms>  delivers the outbox once to SMTP_URL, its clock moved by the offset
// Prints the outcome as one line of JSON.
import readline from "node:readline";
import { sendDueNotices } from "#app/digests/digests.server.ts";
import { createSmtpSender, deliverDue } from "#app/mail/worker.server.ts";
import { prisma } from "#app/utils/db.server.ts";

const [command, argument = ""] = process.argv.slice(2);

async function main() {
  if (command === "notices") {
    const now = new Date(argument);
    // Loaded and connected first, so that both processes start the tick together.
    await prisma.user.count();
    const lines = readline.createInterface({ input: process.stdin });
    process.stdout.write("ready\n");
    for await (const line of lines) if (line === "go") break;
    lines.close();
    return sendDueNotices({ now });
  }
  if (command === "deliver") {
    const url = process.env.SMTP_URL;
    if (!url) throw new Error("SMTP_URL is not set");
    const offset = Number(argument);
    return deliverDue({ send: createSmtpSender(url), now: () => new Date(Date.now() + offset) });
  }
  throw new Error(`unknown command ${command ?? ""}`);
}

main()
  .then((outcome) => process.stdout.write(`${JSON.stringify(outcome)}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
