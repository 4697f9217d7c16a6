/**
 * Calls route modules' loaders and actions the way Remix does, with a real Request and the real
 * session cookie, and reports what a browser would get: a status and either data or a body.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import * as loginRoute from "../../app/routes/login";

export const ORIGIN = "http://localhost:3000";

/** Headers to add to a request, or with null to leave out (the Origin a browser would send, say). */
export type HeaderOverrides = Record<string, string | null>;

function headersFor(cookie: string | undefined, overrides: HeaderOverrides = {}, contentType?: string): Headers {
  // A browser posting a form of this app says where it comes from.
  const headers = new Headers({ Origin: ORIGIN });
  if (cookie) headers.set("Cookie", cookie);
  if (contentType) headers.set("Content-Type", contentType);
  for (const [name, value] of Object.entries(overrides)) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return headers;
}

export type RouteResult = { status: number; location: string | null; setCookie: string | null; data: unknown };

type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: ActionFunctionArgs) => unknown;
};

async function settle(run: () => unknown): Promise<RouteResult> {
  let value: unknown;
  try {
    value = await run();
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) {
    const text = await value.text();
    return { status: value.status, location: value.headers.get("Location"), setCookie: value.headers.get("Set-Cookie"), data: text };
  }
  if (value && typeof value === "object" && (value as { type?: unknown }).type === "DataWithResponseInit") {
    const d = value as { data: unknown; init: ResponseInit | null };
    return { status: d.init?.status ?? 200, location: null, setCookie: null, data: d.data };
  }
  if (value instanceof Error) throw value;
  return { status: 200, location: null, setCookie: null, data: value };
}

export function load(route: RouteModule, options: { path: string; params?: Record<string, string>; cookie?: string }) {
  const request = new Request(`${ORIGIN}${options.path}`, { headers: options.cookie ? { Cookie: options.cookie } : {} });
  return settle(() => route.loader!({ request, params: options.params ?? {}, context: {} }));
}

export function act(
  route: RouteModule,
  options: { path: string; params?: Record<string, string>; cookie?: string; form?: Record<string, unknown>; headers?: HeaderOverrides },
) {
  const body = new FormData();
  // remix-hook-form sends every value JSON-encoded; so do we.
  for (const [key, value] of Object.entries(options.form ?? {})) body.append(key, JSON.stringify(value));
  const request = new Request(`${ORIGIN}${options.path}`, { method: "POST", body, headers: headersFor(options.cookie, options.headers) });
  return settle(() => route.action!({ request, params: options.params ?? {}, context: {} }));
}

/** Posts a raw body (JSON, multipart) the way the tablet's fetch does. */
export function send(
  route: RouteModule,
  options: { path: string; params?: Record<string, string>; cookie?: string; body: BodyInit; contentType?: string; headers?: HeaderOverrides },
) {
  const headers = headersFor(options.cookie, options.headers, options.contentType);
  const request = new Request(`${ORIGIN}${options.path}`, { method: "POST", body: options.body, headers });
  return settle(() => route.action!({ request, params: options.params ?? {}, context: {} }));
}

/** Signs in through the real login action and returns the Cookie header a browser would send. */
export async function signIn(username: string, password: string): Promise<string> {
  const result = await act(loginRoute, { path: "/login", form: { username, password, redirectTo: "/" } });
  if (result.status !== 302 || !result.setCookie) {
    throw new Error(`sign-in of ${username} failed: ${result.status} ${JSON.stringify(result.data)}`);
  }
  return result.setCookie.split(";")[0];
}
