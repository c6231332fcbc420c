import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).default("file:./data/rapport.db"),
  SESSION_SECRET: z.string().min(16, "SESSION_SECRET must be at least 16 characters"),
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
});

export type Env = z.infer<typeof schema>;

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
  cached = parsed.data;
  return cached;
}

/** The only environment values the browser may see. */
export function getPublicEnv() {
  const env = getEnv();
  return { MODE: env.NODE_ENV, DEMO_MODE: env.DEMO_MODE };
}
