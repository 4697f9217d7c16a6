import type { EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { StripNulBytes } from "~/strip-nul.server";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { databaseHandle } from "./db.server";
import { startReminderScheduler } from "./jobs/scheduler.server";
import { setVietnameseZodMessages } from "~/schemas/zod-vietnamese";
import { securityHeaders } from "./security.server";

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
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />,
      {
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new StripNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          securityHeaders(responseHeaders);
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
