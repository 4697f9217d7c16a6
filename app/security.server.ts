import { randomBytes } from "node:crypto";

/** A fresh nonce for one HTML response: 128 random bits. */
export function makeNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The policy of an HTML page: scripts and the inlined <style> tags only from this origin or with
 * this response's nonce (no 'unsafe-inline' for scripts). Style attributes stay allowed: React
 * renders a few (progress bars, visually hidden tables) and they cannot run code. Photo previews are
 * blob: URLs; the checklist's service worker is /sw.js.
 */
export function documentPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "connect-src 'self'",
    "font-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The Vite dev server injects scripts and styles of its own (HMR): in development the page keeps
 * only the framing and form restrictions.
 */
const DEVELOPMENT_POLICY = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

/** Anything that is not a page (data, PDF, spreadsheet, attachment): it may load nothing. */
export const RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The checklist's service worker (/sw.js) fetches pages and files of this origin, and nothing else. */
export const WORKER_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Headers every response carries. With a nonce, the response is an HTML page: it gets the document
 * policy (in production). scripts/serve.mjs gives these defaults to responses that do not come
 * through here (resource routes, static files), with the policies below.
 */
export function securityHeaders(headers: Headers, options: { nonce?: string } = {}) {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
  if (options.nonce !== undefined) {
    headers.set("Content-Security-Policy", process.env.NODE_ENV === "development" ? DEVELOPMENT_POLICY : documentPolicy(options.nonce));
  } else if (!headers.has("Content-Security-Policy")) {
    headers.set("Content-Security-Policy", RESOURCE_POLICY);
  }
}
