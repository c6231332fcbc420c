import { inject } from "vitest";
import { DEMO_PASSWORD, demo } from "./browser.ts";

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

export type Form = Array<[string, string]>;

/** Form posts and page loads against a server a test started itself, and demo sign-ins. */
export function clientOf(base: () => string) {
  const send = (path: string, { cookie, form }: { cookie?: string; form?: Form } = {}) =>
    fetch(`${base()}${path}`, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        ...(cookie ? { Cookie: cookie } : {}),
        ...(form ? { Origin: base(), "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
  const signIn = async (person: string) => {
    const response = await send("/login", {
      form: [
        ["email", demo(person)],
        ["password", DEMO_PASSWORD],
      ],
    });
    const cookie = response.headers.get("set-cookie")?.split(";")[0];
    if (response.status !== 302 || !cookie) throw new Error(`could not sign in ${person}: ${response.status}`);
    return cookie;
  };
  return { send, signIn };
}

/** The value of a hidden form field in a page, or null. */
export const hidden = (html: string, name: string) =>
  html.match(new RegExp(`name="${name}" value="([^"]+)"`))?.[1] ?? null;
