// One rate limiter for everything a person or an address can repeat: sign-in guesses,
// two-factor codes, password checks, form posts, attempts per hour, and later password-reset
// and invitation requests. Counters live in the database (rate-limiter-flexible's Prisma
// store), so every app server sees the same numbers, and each point is taken by one atomic
// upsert *before* the work it guards: a burst of parallel requests cannot all slip through
// while the first ones are still being checked (docs/decisions/013).
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { prisma } from "./db.server.ts";

export type LimitRule = {
  /** How many points the key may take within the window. */
  points: number;
  /** The window, counted from the first point taken in it. */
  durationSeconds: number;
};

/** The key has used its points: try again after `retryAfterSeconds`. */
export class RateLimited extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    /** True for the first refusal of a window: the moment worth an audit entry. */
    readonly justReached: boolean,
  ) {
    super(`rate limited for ${retryAfterSeconds} s`);
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

/** A named limiter. Names keep the keys of different limits apart in the one table. */
export function createLimiter(name: string, rule: LimitRule | (() => LimitRule)): Limiter {
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

/** The answer to a refused request: 429 with Retry-After, as a thrown Response or a body of one's own. */
export function tooManyRequests(
  error: RateLimited,
  body: string | null = "Too many requests. Wait a moment and try again.",
) {
  return new Response(body, {
    status: 429,
    headers: { "Retry-After": String(error.retryAfterSeconds), "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Deletes counters whose window has passed (the housekeeping job calls this). */
export async function pruneRateLimits(now = new Date()) {
  const { count } = await prisma.rateLimit.deleteMany({ where: { expire: { lt: now } } });
  return count;
}
