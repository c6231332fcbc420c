import { Cron } from "croner";
import { z } from "zod";
import { DatabaseUrlError, databaseTarget } from "./database-url.server.ts";

const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
  /** file:… (SQLite) or postgresql://… (PostgreSQL); see database-url.server.ts. */
  DATABASE_URL: z
    .string()
    .min(1)
    .default("file:./data/rapport.db")
    .superRefine((url, ctx) => {
      try {
        databaseTarget(url);
      } catch (error) {
        if (!(error instanceof DatabaseUrlError)) throw error;
        ctx.addIssue({ code: "custom", message: error.message });
      }
    }),
  /** Connections each server process keeps to PostgreSQL (SQLite uses one per process). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * SQLite's `synchronous` in WAL mode: NORMAL survives a crash of Rapport or of its
   * process; FULL also survives a power cut or an operating-system crash, at one disk
   * flush per write (docs/deploy.md).
   */
  SQLITE_SYNCHRONOUS: z.enum(["NORMAL", "FULL"]).default("NORMAL"),
  /**
   * One secret, or several separated by commas: the first signs new cookies, every one is
   * accepted, so a secret can be replaced without signing everyone out (docs/deploy.md).
   */
  SESSION_SECRET: z
    .string()
    .transform((value) => value.split(",").map((secret) => secret.trim()))
    .pipe(
      z
        .array(z.string().min(16, "SESSION_SECRET: every secret must be at least 16 characters"))
        .min(1)
        .refine((list) => new Set(list).size === list.length, "SESSION_SECRET lists the same secret twice"),
    ),
  /** Lists the demo accounts on the sign-in page. Never set it on a real organisation. */
  DEMO_MODE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Database queries slower than this (ms) are logged. */
  SLOW_QUERY_MS: z.coerce.number().int().positive().default(50),
  /** Mentor review target: a waiting attempt is overdue after this many working days (Mon–Fri). */
  REVIEW_TARGET_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(2),
  /** How long opening an attempt to grade holds it for that mentor. */
  REVIEW_CLAIM_MINUTES: z.coerce.number().int().min(1).max(480).default(30),
  /** A trainee with no learning activity for this many days is marked stalled on /team. */
  STALLED_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  /** A session unused for this long ends (ASVS 3.3.2 level 2: 30 minutes). */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60)
    .default(30),
  /** A session ends this long after sign-in, used or not (ASVS 3.3.2 level 2: 12 hours). */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24)
    .default(12),
  /** Audit log entries older than this are deleted. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(400),
  /** Form posts one signed-in person may send per minute (every write route). */
  WRITES_PER_MINUTE: z.coerce.number().int().min(10).max(100_000).default(120),
  /** Quiz attempts and scenario attempts one person may start per hour. */
  QUIZ_ATTEMPTS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(30),
  SCENARIO_ATTEMPTS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
  /**
   * The mail server, as smtp://user:password@host:587 (STARTTLS when offered) or
   * smtps://…:465. Without it mails wait in the outbox (/admin/outbox) and are logged.
   */
  SMTP_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .refine((v) => v === undefined || /^smtps?:$/.test(urlOrNull(v)?.protocol ?? ""), {
      message: "SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465",
    }),
  /** The sender of every mail: "Rapport <rapport@example.com>" or an address. */
  MAIL_FROM: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .refine((v) => v === undefined || mailboxAddress(v) !== null, {
      message: 'MAIL_FROM must be an address, or a name and an address: "Rapport <rapport@example.com>"',
    }),
  /** Where people reach Rapport: the start of every link in a mail (https://academy.example.com). */
  APP_URL: z
    .string()
    .optional()
    .transform((v) => v?.trim().replace(/\/+$/, "") || undefined)
    .refine((v) => v === undefined || /^https?:$/.test(urlOrNull(v)?.protocol ?? ""), {
      message: "APP_URL must be the address people open Rapport at, like https://academy.example.com",
    }),
  /** Who issues the certificates, as the public verification page names them; the site's host when not set. */
  ORGANISATION_NAME: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined)
    .refine((v) => v === undefined || (v.length <= 100 && !/[\p{Cc}<>]/u.test(v)), {
      message: "ORGANISATION_NAME must be at most 100 characters, without < > or control characters",
    }),
  /** A mail that failed this many times is given up (an admin can send it again from /admin/outbox). */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  /** How often each server looks for mails to send. */
  OUTBOX_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** How long an invitation link works. */
  INVITATION_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  /** When every server looks for digests and reminders due (croner pattern; each is sent once). */
  NOTICE_SCHEDULE: z
    .string()
    .default("*/15 * * * *")
    .refine((v) => validCron(v), { message: "NOTICE_SCHEDULE must be a cron pattern like */15 * * * *" }),
  /** false: this process sends no digests or reminders (another server, or nobody, does). */
  NOTICES_ENABLED: z
    .enum(["true", "false"])
    .default("true")
    .transform((v) => v === "true"),
  /** Digests and reminders go out from this hour of each person's day (0–23, in their time zone). */
  NOTICE_HOUR: z.coerce.number().int().min(0).max(23).default(8),
});

function urlOrNull(value: string) {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** The address part of "Name <address>" or of a bare address; null when it is not one. */
export function mailboxAddress(value: string) {
  const address = /<([^<>]+)>\s*$/.exec(value)?.[1] ?? value;
  return z.email().safeParse(address.trim()).success ? address.trim() : null;
}

function validCron(pattern: string) {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

export type Env = Omit<z.infer<typeof schema>, "SESSION_SECRET"> & {
  /** The secret that signs (the first listed). */
  SESSION_SECRET: string;
  /** Every secret that verifies, the signing one first. */
  SESSION_SECRETS: string[];
};

let cached: Env | undefined;

/** Validated once, at first use (start-up); a bad environment stops the server with a clear list. */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse({
    ...process.env,
    SESSION_SECRET:
      process.env.SESSION_SECRET ??
      (process.env.NODE_ENV === "production" ? undefined : "development-only-session-secret"),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${problems.join("\n")}`);
  }
  if (parsed.data.SESSION_IDLE_MINUTES > parsed.data.SESSION_MAX_HOURS * 60) {
    throw new Error("Invalid environment:\n  SESSION_IDLE_MINUTES must not be longer than SESSION_MAX_HOURS");
  }
  // Mails that leave the machine need a sender and links that work outside it.
  if (parsed.data.SMTP_URL) {
    const missing = (["MAIL_FROM", "APP_URL"] as const).filter((key) => !parsed.data[key]);
    if (missing.length) {
      throw new Error(
        `Invalid environment:\n${missing.map((key) => `  ${key} is required when SMTP_URL is set`).join("\n")}`,
      );
    }
  }
  const secrets = parsed.data.SESSION_SECRET;
  cached = { ...parsed.data, SESSION_SECRET: secrets[0] ?? "", SESSION_SECRETS: secrets };
  return cached;
}

/** The start of every link in a mail; the local server when APP_URL is not set (dev, demo). */
export function appUrl() {
  return getEnv().APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

/** Who issues certificates: ORGANISATION_NAME, else the host people reach Rapport at. */
export function organisationName() {
  return getEnv().ORGANISATION_NAME ?? new URL(appUrl()).host;
}

/** The sender of every mail. */
export function mailFrom() {
  return getEnv().MAIL_FROM ?? "Rapport <rapport@localhost>";
}

/** The only environment values the browser may see. */
export function getPublicEnv() {
  const env = getEnv();
  return { MODE: env.NODE_ENV, DEMO_MODE: env.DEMO_MODE };
}
