import { redirect } from "@remix-run/node";
import type { Actor } from "./actor";
import { type Permission, type Role, roleHas } from "./roles";
import { requireSameOrigin } from "./same-origin.server";
import { getActor } from "./session.server";

/**
 * Called first in every loader and action. A post from another origin → 403 before the session is
 * read; signed out → redirect to the sign-in page (coming back afterwards); signed in without the
 * right → 403 with a Vietnamese message, never data.
 */
export async function requireUser(request: Request): Promise<Actor> {
  requireSameOrigin(request);
  const actor = await getActor(request);
  if (!actor) {
    const url = new URL(request.url);
    const back = `${url.pathname}${url.search}`;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return actor;
}

export function forbidden(message = "Bạn không có quyền truy cập trang này."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden", headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export function notFound(message = "Không tìm thấy trang này."): Response {
  return new Response(message, { status: 404, statusText: "Not Found", headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

export async function requirePermission(request: Request, permission: Permission): Promise<Actor> {
  const actor = await requireUser(request);
  if (!roleHas(actor.role, permission)) throw forbidden();
  return actor;
}

export async function requireRole(request: Request, ...roles: Role[]): Promise<Actor> {
  const actor = await requireUser(request);
  if (!roles.includes(actor.role)) throw forbidden();
  return actor;
}
