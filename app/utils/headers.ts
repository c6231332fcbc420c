import { type HeadersFunction } from "@remix-run/node";

/**
 * Remix leaves an action's headers (and a thrown response's) out of the page unless the route
 * passes them on: this keeps the Retry-After of every 429 a route answers or throws.
 */
export const keepRetryAfter: HeadersFunction = ({ actionHeaders, errorHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = errorHeaders?.get("Retry-After") ?? actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
