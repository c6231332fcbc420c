// One rate limiter for everything a person or an address can repeat: sign-in guesses,
// two-factor codes, password checks, form posts, attempts per hour, and later password-reset
// and invitation requests. Counters live in the database (rate-limiter-flexible's Prisma
// store), so every app server sees the same numbers, and each point is taken by one atomic
// upsert *before* the work it guards: a burst of parallel requests cannot all slip through
// while the first ones are still being checked (docs/decisions/013).
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { prisma } from "./db.server.ts";
import { DomainError } from "./errors.ts";

export type LimitRule = {
  /** How many points the key may take within the window. */
  points: number;
  /** The window, counted from the first point taken in it. */
  durationSeconds: number;
};

/**
 * The key has used its points: try again after `retryAfterSeconds`. A refusal like any other
 * (ADR 017): 429, the limiter's sentence (its `count` is minutes) and a Retry-After.
 */
export class RateLimited extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    /** True for the first refusal of a window: the moment worth an audit entry. */
    readonly justReached: boolean,
    messageKey = "errors.tooMany.body",
  ) {
    super("rateLimited", 429, messageKey, {
      retryAfter: retryAfterSeconds,
      count: Math.ceil(retryAfterSeconds / 60),
    });
  }
}

export type Limiter = {
  /** Takes one point. Resolves with how many the key has used; rejects with RateLimited past the limit. */
  consume(key: string): Promise<number>;
  /** Gives back one point taken for work that turned out to be legitimate (a right password). */
  refund(key: string): Promise<void>;
  /** Forgets the key. */
  reset(key: string): Promise<void>;
};

const stores = new Map<string, RateLimiterPrisma>();

function storeFor(name: string, rule: LimitRule) {
  const id = `${name}:${rule.points}/${rule.durationSeconds}`;
  let store = stores.get(id);
  if (!store) {
    store = new RateLimiterPrisma({
      storeClient: prisma,
      tableName: "rateLimit",
      keyPrefix: name,
      points: rule.points,
      duration: rule.durationSeconds,
      // Expired rows are deleted by the housekeeping job, not by a timer per limiter.
      clearExpiredByTimeout: false,
    });
    stores.set(id, store);
  }
  return store;
}

/**
 * A named limiter. Names keep the keys of different limits apart in the one table;
 * `messageKey` is what a person is told past the limit.
 */
export function createLimiter(name: string, rule: LimitRule | (() => LimitRule), messageKey?: string): Limiter {
  const store = () => storeFor(name, typeof rule === "function" ? rule() : rule);
  return {
    async consume(key) {
      const limiter = store();
      try {
        const res = await limiter.consume(key);
        return res.consumedPoints;
      } catch (error) {
        if (error instanceof RateLimiterRes) {
          throw new RateLimited(
            Math.max(1, Math.ceil(error.msBeforeNext / 1000)),
            error.consumedPoints === limiter.points + 1,
            messageKey,
          );
        }
        throw error;
      }
    },
    async refund(key) {
      await store().reward(key, 1);
    },
    async reset(key) {
      await store().delete(key);
    },
  };
}

/** Deletes counters whose window has passed (the housekeeping job calls this). */
export async function pruneRateLimits(now = new Date()) {
  const { count } = await prisma.rateLimit.deleteMany({ where: { expire: { lt: now } } });
  return count;
}
