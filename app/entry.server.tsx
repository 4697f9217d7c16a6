import type { EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { StripNulBytes } from "~/strip-nul.server";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { databaseHandle } from "./db.server";
import { startReminderScheduler } from "./jobs/scheduler.server";
import { setVietnameseZodMessages } from "~/schemas/zod-vietnamese";
import { NonceProvider } from "./components/nonce-provider";
import { makeNonce, securityHeaders } from "./security.server";

// For scripts/serve.mjs, which refuses cross-site posts before Remix does (Remix's own check of the
// Origin answers an empty 500) and gives resource routes and static files their security headers:
// the server build's entry module is the one place both can reach.
export { CROSS_SITE_MESSAGE, crossSiteReasonOf } from "./auth/same-origin.server";
export { RESOURCE_POLICY, WORKER_POLICY } from "./security.server";

// Open (and migrate) the database when the server starts, not in the first request.
databaseHandle().catch((error) => {
  console.error("Không mở được cơ sở dữ liệu:", error);
  process.exitCode = 1;
});

// Reminders of deadlines: an in-process timer (REMINDERS=off to leave it to another instance).
startReminderScheduler();

const ABORT_DELAY = 5_000;

// The few validation messages our schemas leave to zod come out in Vietnamese too.
setVietnameseZodMessages();

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  // One per response: the Content-Security-Policy allows only the inline scripts and styles carrying it.
  const nonce = makeNonce();
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new StripNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          securityHeaders(responseHeaders, { nonce });
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors after the shell are logged here; before it, handleError logs them.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Data requests (single fetch) get the same headers as documents. */
export function handleDataRequest(response: Response) {
  securityHeaders(response.headers);
  return response;
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  console.error(`[${new Date().toISOString()}] ${request.method} ${new URL(request.url).pathname}`, error);
};

/** Applied to the whole build by scripts/serve.mjs (Remix 2 has no middleware; see app/db-errors.server.ts). */
export { withDatabaseOutagePages } from "./db-errors.server";
