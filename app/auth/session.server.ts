import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { SESSION_DAYS, createSession, deleteSession, getActorForSession } from "~/models/session.server";
import { asDatabaseUnavailable } from "~/db-errors.server";
import type { Actor } from "./actor";

/**
 * The cookie carries only a signed session id; the session itself lives in the database so that it
 * can be ended from the server (sign-out, password reset, a deactivated account).
 */
function sessionSecret(): string {
  if (process.env.SESSION_SECRET) return process.env.SESSION_SECRET;
  if (process.env.DATABASE_URL && process.env.NODE_ENV === "production") {
    console.warn("SESSION_SECRET chưa được đặt: mỗi máy chủ tự tạo khóa riêng, nên phiên đăng nhập không dùng được giữa các máy chủ (docs/scaling.md).");
  }
  // No secret given: make one and keep it beside the embedded data, never in the repository.
  const dir = process.env.PGLITE_DATA_DIR?.startsWith("memory://") ? null : path.resolve("data");
  if (!dir) return randomBytes(32).toString("hex");
  const file = path.join(dir, "session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export const SESSION_COOKIE = "__hdnd_session";

const storage = createCookieSessionStorage({
  cookie: {
    name: SESSION_COOKIE,
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE !== "false",
    secrets: [sessionSecret()],
    maxAge: SESSION_DAYS * 86_400,
  },
});

async function sessionIdOf(request: Request): Promise<string | null> {
  const session = await storage.getSession(request.headers.get("Cookie"));
  const id = session.get("sid");
  return typeof id === "string" ? id : null;
}

// The root loader and the route's loader both ask for the actor of one request: one query serves both.
const actorOfRequest = new WeakMap<Request, Promise<Actor | null>>();

export function getActor(request: Request): Promise<Actor | null> {
  let actor = actorOfRequest.get(request);
  if (!actor) {
    // The first query of nearly every request: an unreachable database answers 503 from here.
    actor = sessionIdOf(request)
      .then((sid) => (sid ? getActorForSession(sid) : null))
      .catch((error: unknown) => {
        throw asDatabaseUnavailable(error);
      });
    actorOfRequest.set(request, actor);
  }
  return actor;
}

export async function getSessionId(request: Request): Promise<string | null> {
  return sessionIdOf(request);
}

/** Only same-site paths: "/plans/3" yes, "//evil.example" or "https://…" no. */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

export async function signIn(request: Request, userId: number, redirectTo: string) {
  const sid = await createSession(userId, request.headers.get("User-Agent"));
  const session = await storage.getSession();
  session.set("sid", sid);
  return redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": await storage.commitSession(session) } });
}

export async function signOut(request: Request) {
  const sid = await sessionIdOf(request);
  if (sid) await deleteSession(sid);
  const session = await storage.getSession(request.headers.get("Cookie"));
  return redirect("/login", { headers: { "Set-Cookie": await storage.destroySession(session) } });
}
