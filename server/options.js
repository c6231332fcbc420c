// Settings server.js reads before it serves, checked at start so that a wrong value stops
// the server with a message instead of crashing every worker (ADR 021).
import proxyaddr from "proxy-addr";

const TRUST_PROXY_FORMS =
  "Use true (every proxy), a number of proxies in front (e.g. 1 for one nginx), or addresses and subnets separated by commas (e.g. 10.0.0.5, 10.1.0.0/16, loopback).";

/**
 * TRUST_PROXY → Express's "trust proxy": whose X-Forwarded-For to believe for the client's
 * address (sign-in throttling and the log key on it). Unset or "false": nobody's.
 */
export function trustProxy(value) {
  const text = (value ?? "").trim();
  if (text === "" || text === "false") return false;
  if (text === "true") return true;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 100) throw new Error(`TRUST_PROXY=${text}: that many proxies cannot be in front. ${TRUST_PROXY_FORMS}`);
    return hops;
  }
  const list = text.split(",").map((entry) => entry.trim());
  if (list.some((entry) => entry === ""))
    throw new Error(`TRUST_PROXY="${text}" has an empty entry. ${TRUST_PROXY_FORMS}`);
  try {
    proxyaddr.compile(list);
  } catch (error) {
    throw new Error(
      `TRUST_PROXY="${text}": ${error instanceof Error ? error.message : String(error)}. ${TRUST_PROXY_FORMS}`,
    );
  }
  return list;
}

/** Before restarting a worker that crashed `failures` times in a row: 0.5 s, 1 s, 2 s … at most 30 s. */
export function restartDelay(failures) {
  return Math.min(30_000, 500 * 2 ** Math.max(0, failures - 1));
}

/** A worker that served this long before it stopped counts as healthy: the next crash starts the delays again. */
export const HEALTHY_RUN_MS = 60_000;
