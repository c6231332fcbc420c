/** Throws a Response (rendered by the error boundary) unless the condition holds. */
export function invariantResponse(condition: unknown, message: string, init?: ResponseInit): asserts condition {
  if (!condition) {
    throw new Response(message, { status: 400, ...init });
  }
}

/**
 * Only paths of this site: "/x" yes; "//evil", "/\\evil", "https://evil", "javascript:" no.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) {
    return fallback;
  }
  if (/[\p{Cc}\\]/u.test(to)) return fallback;
  return to;
}

export function getErrorMessage(error: unknown) {
  if (typeof error === "string") return error;
  if (error instanceof Error) return error.message;
  return "Unknown error";
}
