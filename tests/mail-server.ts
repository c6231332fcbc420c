// A real SMTP server inside the test process (smtp-server), so tests see the mails Rapport
// sends exactly as a mail server receives them, parsed with mailparser.
import { type AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A parsed mail, with the envelope recipient it was delivered to. */
export type ReceivedMail = ParsedMail & { rcpt: string; raw: string };

/**
 * accept: take every mail · refuse: answer 451 to every recipient · hold: read the whole
 * message and never answer it (a sender killed now has not been told it was accepted).
 */
export type Mode = "accept" | "refuse" | "hold";

export async function startMailServer({ port = 0 }: { port?: number } = {}) {
  const received: ReceivedMail[] = [];
  let mode: Mode = "accept";
  /** Messages read in "hold" mode and never answered. */
  let held = 0;
  /** Called right after a message is accepted ("250" written to the sender). */
  let afterAccept: (() => void) | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (mode === "refuse") {
        const error = Object.assign(new Error("Mailbox temporarily unavailable, try later"), { responseCode: 451 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (mode === "hold") {
          held++;
          return;
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw).then(
          (parsed) => {
            for (const rcpt of session.envelope.rcptTo) received.push({ ...parsed, rcpt: rcpt.address, raw });
            callback();
            afterAccept?.();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    url: `smtp://127.0.0.1:${address.port}`,
    received,
    setMode(next: Mode) {
      mode = next;
    },
    held: () => held,
    onAccepted(hook: (() => void) | undefined) {
      afterAccept = hook;
    },
    /** The mails to an address so far. */
    to(address: string) {
      return received.filter((m) => m.rcpt === address.toLowerCase());
    },
    /** Waits (generously) until `count` mails match, and returns them. */
    async waitFor(predicate: (mail: ReceivedMail) => boolean, count = 1, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.filter(predicate);
        if (found.length >= count) return found;
        if (Date.now() > deadline) {
          throw new Error(`waited for ${count} mail(s), got ${found.length} (received ${received.length} in all)`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type MailServer = Awaited<ReturnType<typeof startMailServer>>;

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: ReceivedMail, prefix: string) {
  const link = (mail.text ?? "").match(/https?:\/\/\S+/g)?.find((l) => l.includes(prefix));
  if (!link) throw new Error(`no link with ${prefix} in the mail "${mail.subject ?? ""}"`);
  return link;
}
