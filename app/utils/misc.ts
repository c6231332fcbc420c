/**
 * Only paths of this site: "/x" yes; "//evil", "/\\evil", "https://evil", "javascript:" no.
 * Any other character is allowed and comes back percent-encoded, as a Location header must be
 * ("/。x" would otherwise make the redirect itself throw).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  if (/[\p{Cc}\\]/u.test(to)) return fallback;
  const base = "http://rapport.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // The parser may still resolve something unexpected into another origin or a "//" path.
  if (url.origin !== base || !path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
