import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { announceFirstRun } from "./accounts/first-run.server.ts";
import { startOutboxWorker } from "./mail/worker.server.ts";
import { isLocale } from "./utils/i18n.ts";
import { i18nFor, resolveLocale } from "./utils/locale.server.ts";
import { NonceProvider } from "./utils/nonce-provider.ts";
import { withoutNulBytes } from "./utils/nul-bytes.server.ts";
import { startReadinessSweep } from "./ladder/sweep.server.ts";
import { startScheduledCleanup } from "./maintenance/cleanup.server.ts";
import { startNoticeScheduler } from "./digests/digests.server.ts";

const ABORT_DELAY = 5_000;

// Every server process schedules the hourly cleanup; one of them runs it (ADR 021).
startScheduledCleanup();
// Every server delivers the outbox; each mail is claimed by one of them.
startOutboxWorker();
// Without an admin, one process prints the one-time setup link.
if (process.env.NODE_ENV !== "test") {
  announceFirstRun().catch((error: unknown) => {
    console.warn(`first-run check failed: ${error instanceof Error ? error.message : String(error)}`);
  });
}
// Every server looks for digests and goal reminders due; each is claimed once (ADR 033).
startNoticeScheduler();
// Stale readiness rows are brought up to date in the background, never in a request (ADR 016).
startReadinessSweep();

type LoadContext = { cspNonce?: string };

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: LoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  const rootData: unknown = remixContext.staticHandlerContext.loaderData.root;
  const fromRoot = rootData && typeof rootData === "object" && "locale" in rootData ? rootData.locale : null;
  // When the root loader itself failed, the error page still speaks the browser's language.
  const locale = isLocale(fromRoot) ? fromRoot : resolveLocale(request);
  const i18n = i18nFor(locale);
  const waitForAll = isbot(request.headers.get("user-agent")) || remixContext.isSpaMode;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          noStore(responseHeaders);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          const clean = withoutNulBytes();
          clean.pipe(body);
          pipe(clean);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell has streamed are logged here; before that, Remix logs them.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Pages and their data are about one person (and carry a per-response CSP nonce): no browser,
 * proxy or back-forward cache may keep them for the next person at a shared computer.
 */
function noStore(headers: Headers) {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
}

export function handleDataRequest(response: Response) {
  noStore(response.headers);
  return response;
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
