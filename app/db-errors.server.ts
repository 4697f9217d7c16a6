import type { ServerBuild } from "@remix-run/node";

/**
 * "The database cannot be reached right now" (the server is stopped, restarting, or the network to
 * it is down), as opposed to a bug or a refused query: such a request is answered 503 with a
 * Vietnamese message, and the same request succeeds once the server is back (postgres.js opens new
 * connections by itself). Drizzle wraps driver errors (DrizzleQueryError, whose message holds the
 * SQL), so the original is looked for along `cause`.
 */

/** Node socket errors and postgres.js's own connection errors. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/** SQLSTATEs: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections; class 08 is connection exceptions. */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

export const DATABASE_UNAVAILABLE_MESSAGE =
  "Tạm thời không truy cập được dữ liệu: máy chủ cơ sở dữ liệu đang gián đoạn hoặc đang khởi động lại. Dữ liệu đã lưu không bị mất; vui lòng thử lại sau ít phút.";

function codeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}

/** The code that marks `error` (or one of its causes) as "database unreachable", or null. */
export function databaseUnavailableCode(error: unknown): string | null {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.shift();
    if (!current || typeof current !== "object" || seen.has(current) || seen.size > 10) continue;
    seen.add(current);
    if (current instanceof Response) continue;
    const code = codeOf(current);
    if (code && (CONNECTION_CODES.has(code) || SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return code;
    pending.push((current as { cause?: unknown }).cause);
    // Node's connect with several addresses fails with an AggregateError of one error per address.
    if (current instanceof AggregateError) pending.push(...current.errors);
  }
  return null;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return databaseUnavailableCode(error) !== null;
}

/**
 * The answer while the database is unreachable. Its body is `{ message }`, what the tablet's sync
 * and the JSON routes show; on a page Remix renders the root ErrorBoundary for the status.
 */
export function databaseUnavailableResponse(): Response {
  return Response.json(
    { message: DATABASE_UNAVAILABLE_MESSAGE },
    { status: 503, statusText: "Service Unavailable", headers: { "Cache-Control": "no-store", "Retry-After": "5" } },
  );
}

const LOG_EVERY_MS = 5_000;
let lastLogged = 0;
let unlogged = 0;

/** One log line per few seconds while it lasts, not one per request. */
function logUnavailable(code: string) {
  const now = Date.now();
  if (now - lastLogged < LOG_EVERY_MS) {
    unlogged += 1;
    return;
  }
  const more = unlogged > 0 ? ` (và ${unlogged} yêu cầu khác từ lần ghi trước)` : "";
  console.error(`[${new Date(now).toISOString()}] Không truy cập được cơ sở dữ liệu (${code}): trả lời 503${more}`);
  lastLogged = now;
  unlogged = 0;
}

/** For `.catch`: a "database unreachable" error becomes the 503 Response; anything else is returned as it was. */
export function asDatabaseUnavailable(error: unknown): unknown {
  const code = databaseUnavailableCode(error);
  if (!code) return error;
  logUnavailable(code);
  return databaseUnavailableResponse();
}

type DataFunction = (...args: never[]) => unknown;

function guarded<F extends DataFunction>(fn: F): F {
  const wrapped = async (...args: Parameters<F>) => {
    try {
      return await fn(...args);
    } catch (error) {
      throw asDatabaseUnavailable(error);
    }
  };
  return wrapped as unknown as F;
}

/**
 * The production server's safety net (scripts/serve.mjs): every loader and action of the build,
 * wrapped so that a query failing because the database went away, wherever in the loader it
 * happens, answers the same 503 as the session lookup does. Remix 2 has no middleware, and
 * handleError can only log (the answer is already a sanitised 500 by then); a thrown Response is
 * the one thing Remix turns into both the status and the ErrorBoundary's data, on documents and
 * single-fetch data requests alike.
 */
export function withDatabaseOutagePages(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const { loader, action } = route.module;
    if (!loader && !action) {
      routes[id] = route;
      continue;
    }
    const module = { ...route.module };
    if (loader) module.loader = guarded(loader);
    if (action) module.action = guarded(action);
    routes[id] = { ...route, module };
  }
  return { ...build, routes };
}
