import { inject } from "vitest";
import { DEMO_PASSWORD } from "./browser.ts";

export function url(path: string) {
  return `${inject("baseURL")}${path}`;
}

/** Signs in over HTTP and returns the Cookie header for later requests. */
export async function sessionFor(email: string) {
  const response = await fetch(url("/login"), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: inject("baseURL") },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
  });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`could not sign in ${email}: ${response.status}`);
  return cookie;
}

export async function request(
  method: "GET" | "POST",
  path: string,
  { cookie, body, headers }: { cookie?: string; body?: BodyInit; headers?: Record<string, string> } = {},
) {
  return fetch(url(path), {
    method,
    redirect: "manual",
    headers: {
      ...(cookie ? { Cookie: cookie } : {}),
      ...(method === "POST" ? { Origin: inject("baseURL") } : {}),
      ...(typeof body === "string" ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      ...headers,
    },
    body,
  });
}
