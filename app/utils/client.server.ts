/** Who is on the other end of a request: the address (as server.js resolved it) and the browser. */
export type Client = { ip: string; userAgent: string };

export function clientOf(request: Request, context: unknown): Client {
  const ip =
    context && typeof context === "object" && "clientIp" in context && typeof context.clientIp === "string"
      ? context.clientIp
      : "unknown";
  return { ip, userAgent: (request.headers.get("User-Agent") ?? "").slice(0, 400) };
}
