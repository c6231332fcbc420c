import { prisma } from "#app/utils/db.server.ts";

/**
 * Failed sign-ins are counted per account and per address over a window. Past the first few
 * each attempt is slowed; past the limit it is refused until the oldest failure leaves the window.
 * Stored in the database so every app server sees the same counts.
 */
export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  account: { slowAfter: 3, refuseAfter: 5 },
  address: { slowAfter: 10, refuseAfter: 30 },
  stepDelayMs: 400,
  maxDelayMs: 2000,
} as const;

type Verdict = { refusedUntil: Date | null; delayMs: number };

function keys(email: string, ip: string) {
  return { account: `email:${email.toLowerCase()}`, address: `ip:${ip}` };
}

export async function checkSignInThrottle(email: string, ip: string): Promise<Verdict> {
  const since = new Date(Date.now() - THROTTLE.windowMs);
  const k = keys(email, ip);
  const failures = await prisma.signInFailure.findMany({
    where: { key: { in: [k.account, k.address] }, createdAt: { gt: since } },
    select: { key: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  const byAccount = failures.filter((f) => f.key === k.account);
  const byAddress = failures.filter((f) => f.key === k.address);

  let refusedUntil: Date | null = null;
  let delayMs = 0;
  for (const [list, limits] of [
    [byAccount, THROTTLE.account],
    [byAddress, THROTTLE.address],
  ] as const) {
    if (list.length >= limits.refuseAfter) {
      // The attempt that frees a slot is the (limit)th most recent failure leaving the window.
      const pivot = list[limits.refuseAfter - 1];
      if (pivot) {
        const until = new Date(pivot.createdAt.getTime() + THROTTLE.windowMs);
        if (!refusedUntil || until > refusedUntil) refusedUntil = until;
      }
    } else if (list.length >= limits.slowAfter) {
      const steps = list.length - limits.slowAfter + 1;
      delayMs = Math.max(delayMs, Math.min(steps * THROTTLE.stepDelayMs, THROTTLE.maxDelayMs));
    }
  }
  return { refusedUntil, delayMs };
}

export async function recordSignInFailure(email: string, ip: string) {
  const k = keys(email, ip);
  await prisma.signInFailure.createMany({ data: [{ key: k.account }, { key: k.address }] });
}

export async function clearAccountFailures(email: string) {
  await prisma.signInFailure.deleteMany({ where: { key: keys(email, "").account } });
}

/** Old rows are useless once out of the window; pruned opportunistically at sign-in. */
export async function pruneOldFailures() {
  await prisma.signInFailure.deleteMany({
    where: { createdAt: { lt: new Date(Date.now() - THROTTLE.windowMs) } },
  });
}
