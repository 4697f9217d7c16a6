#!/usr/bin/env node
/**
 * The production server (`npm start`): Express with the Remix request handler, like remix-serve,
 * but made for load (docs/scaling.md, decision 012):
 *  - static files are looked up in a table made at start, so a page request costs no file-system
 *    call (remix-serve asks the disk twice on every request before Remix sees it);
 *  - WEB_CONCURRENCY worker processes (node:cluster) share the port. The default is one per CPU on
 *    a PostgreSQL server and always one on the embedded database, which only one process may open;
 *  - one line per request only when it is slow or fails (REQUEST_LOG=all logs every request);
 *  - every response carries the security headers: pages get theirs from app/entry.server.tsx (with
 *    the script nonce), the rest (PDFs, attachments, spreadsheets, static files) the defaults below;
 *  - TRUST_PROXY (true, a hop count or addresses, as Express's "trust proxy") behind a TLS-terminating
 *    proxy: request.url then takes X-Forwarded-Host and -Proto, which the same-origin check of
 *    posts (app/auth/same-origin.server.ts) compares with the browser's Origin.
 */
import cluster from "node:cluster";
import { existsSync, readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";

process.env.NODE_ENV ??= "production";
const root = process.cwd();
const buildPath = path.resolve(root, process.argv[2] ?? "build/server/index.js");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;
const SLOW_MS = Number(process.env.SLOW_REQUEST_MS ?? 1000);

/** What Express's "trust proxy" gets from TRUST_PROXY, or undefined to trust no proxy. */
function trustProxy(value = process.env.TRUST_PROXY) {
  if (!value || /^(0|false|no|off)$/i.test(value.trim())) return undefined;
  if (/^(true|yes|on)$/i.test(value.trim())) return true;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  return value;
}

/**
 * Sets the security headers a response lacks, just before its head is written. The policies come
 * from app/security.server.ts through the server build's entry module: nothing but a page may load
 * anything, and the service worker may fetch pages and files of this origin.
 */
function securityDefaults(build) {
  const { RESOURCE_POLICY, WORKER_POLICY } = build.entry.module;
  if (!RESOURCE_POLICY || !WORKER_POLICY) throw new Error("the server build does not export RESOURCE_POLICY and WORKER_POLICY (app/entry.server.tsx)");
  return (req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      const defaults = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Content-Security-Policy": req.path === "/sw.js" ? WORKER_POLICY : RESOURCE_POLICY,
      };
      for (const [name, value] of Object.entries(defaults)) if (!res.hasHeader(name)) res.setHeader(name, value);
      return writeHead.apply(this, args);
    };
    next();
  };
}

/**
 * Refuses a post a browser made for another page (app/auth/same-origin.server.ts decides, through
 * the server build's entry module) with the app's 403, before Remix: Remix's own Origin check
 * answers an empty 500 and does not look at Sec-Fetch-Site or a missing Origin. The actions check
 * again (the development server has no such step).
 */
function sameOriginPosts(build) {
  const reasonOf = build.entry?.module?.crossSiteReasonOf;
  const message = build.entry?.module?.CROSS_SITE_MESSAGE;
  if (typeof reasonOf !== "function") throw new Error("the server build does not export crossSiteReasonOf (app/entry.server.tsx)");
  return (req, res, next) => {
    // X-Forwarded-Host counts when TRUST_PROXY is set, as for Express ("trust proxy" above).
    const reason = reasonOf(req.method, (name) => req.get(name), req.get("Host") ?? "");
    if (reason === null) return next();
    console.log(`[serve] ${req.method} ${req.originalUrl} bị từ chối (${reason})`);
    res.status(403).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" }).send(message);
  };
}

function workerCount() {
  if (!process.env.DATABASE_URL) return 1;
  const asked = Number(process.env.WEB_CONCURRENCY);
  if (Number.isInteger(asked) && asked > 0) return asked;
  return os.availableParallelism();
}

/** Top-level files of the client build (sw.js, favicon.svg, …) by URL path: no disk call per request. */
function staticFiles(directory) {
  const files = new Map();
  if (!existsSync(directory)) return files;
  for (const name of readdirSync(directory)) {
    const file = path.join(directory, name);
    if (statSync(file).isFile()) files.set(`/${name}`, file);
  }
  return files;
}

async function serve() {
  installGlobals({ nativeFetch: true });
  const imported = await import(pathToFileURL(buildPath).href);
  // Every loader and action wrapped: a query failing because the database went away answers 503 (app/db-errors.server.ts).
  const build = imported.entry.module.withDatabaseOutagePages?.(imported) ?? imported;
  const clientDir = path.resolve(path.dirname(buildPath), "..", "client");
  const topLevel = staticFiles(clientDir);

  const app = express();
  app.disable("x-powered-by");
  const proxies = trustProxy();
  if (proxies !== undefined) app.set("trust proxy", proxies);
  app.use(securityDefaults(build));
  app.set("etag", "strong");
  app.use(compression());
  app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y", fallthrough: false, index: false }));
  app.use((req, res, next) => {
    const file = (req.method === "GET" || req.method === "HEAD") && topLevel.get(req.path);
    if (!file) return next();
    // The service worker must be revalidated, or a new release would wait a day to reach tablets.
    const maxAge = req.path === "/sw.js" ? 0 : 3_600_000;
    res.sendFile(file, { maxAge, dotfiles: "deny" });
  });
  app.use((req, res, next) => {
    const start = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (process.env.REQUEST_LOG === "all" || res.statusCode >= 500 || ms >= SLOW_MS) {
        console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${ms.toFixed(0)} ms`);
      }
    });
    next();
  });
  app.use(sameOriginPosts(build));
  app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

  const server = host ? app.listen(port, host) : app.listen(port);
  server.on("listening", () => {
    if (cluster.isPrimary || cluster.worker?.id === 1) console.log(`[serve] http://localhost:${port}`);
  });
  // Keep connections from a load balancer open longer than its own idle timeout (often 60 s).
  server.keepAliveTimeout = Number(process.env.KEEP_ALIVE_TIMEOUT_MS ?? 65_000);
  server.headersTimeout = server.keepAliveTimeout + 1_000;
  for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close());
}

const workers = workerCount();
if (workers > 1 && cluster.isPrimary) {
  console.log(`[serve] ${workers} tiến trình xử lý`);
  for (let i = 0; i < workers; i++) cluster.fork();
  let stopping = false;
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    console.error(`[serve] tiến trình ${worker.process.pid} dừng (${signal ?? code}); khởi động lại`);
    cluster.fork();
  });
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
} else {
  await serve();
}
