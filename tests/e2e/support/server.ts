import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { RESULTS_DIR, ROOT, SERVER_BUILD, SERVE_CLI } from "./paths";

export type RunningServer = { baseURL: string; stop: () => Promise<void>; /** Its stdout and stderr. */ logFile: string };

const LOG_FILE = path.join(RESULTS_DIR, "server.log");

export type ServerOptions = {
  /** A PostgreSQL database instead of a fresh embedded one (demo data loaded when it is empty). */
  databaseUrl?: string;
  /** Several servers behind one "load balancer" share one secret; default a random one. */
  sessionSecret?: string;
  /** More environment, applied last (e.g. DEMO_DATA, REMINDER_FIRST_RUN_SECONDS). */
  env?: Record<string, string>;
  /** The log's name under test-results/e2e/, so servers started together do not share one; default server.log. */
  logName?: string;
};

/** A port nothing listens on now (the e2e servers and the benchmark's). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function logTail(logFile: string, lines = 40): string {
  if (!existsSync(logFile)) return "(no server log)";
  return readFileSync(logFile, "utf8").split("\n").slice(-lines).join("\n");
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

async function stopChild(child: ChildProcess, graceMs = 5_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref());
  if ((await Promise.race([exited(child), timer])) === "timeout") {
    child.kill("SIGKILL");
    await exited(child);
  }
}

async function waitForHealth(baseURL: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the server exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    try {
      const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2_000) });
      const body = await response.text();
      if (response.status === 200 && body === "ok") return;
      last = `${response.status} ${body}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`/healthz did not answer 200 "ok" within ${timeoutMs / 1000} s (last: ${last})`);
}

/**
 * Starts the production build on a free port with an empty embedded database (a fresh temporary
 * PGlite directory, so the demo data is loaded) and a random session secret. With `databaseUrl`,
 * it runs on that PostgreSQL database instead (the demo data is loaded when it has no users yet).
 * Several servers on one database (tests/e2e/two-instances.e2e.ts) share `sessionSecret` and each
 * get their own `logName`.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  if (!existsSync(SERVER_BUILD)) {
    throw new Error(`E2E: ${path.relative(ROOT, SERVER_BUILD)} is missing: run npm run build first.`);
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), "hdnd-e2e-pglite-"));
  const attachmentsDir = mkdtempSync(path.join(tmpdir(), "hdnd-e2e-attachments-"));
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    PGLITE_DATA_DIR: dataDir,
    ATTACHMENTS_DIR: attachmentsDir,
    SESSION_SECRET: options.sessionSecret ?? randomBytes(32).toString("hex"),
  };
  for (const name of ["DEMO_DATA", "DATABASE_URL", "HOST", "COOKIE_SECURE", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"]) delete env[name];
  if (options.databaseUrl) Object.assign(env, { DATABASE_URL: options.databaseUrl, DEMO_DATA: "1" });
  Object.assign(env, options.env);

  const logFile = options.logName ? path.join(RESULTS_DIR, options.logName) : LOG_FILE;
  const log = openSync(logFile, "w");
  const child = spawn(process.execPath, [SERVE_CLI, "./build/server/index.js"], { cwd: ROOT, env, stdio: ["ignore", log, log] });
  closeSync(log);

  const stop = async () => {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(attachmentsDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseURL, child, 90_000);
  } catch (error) {
    await stop();
    throw new Error(`E2E: the server did not start: ${(error as Error).message}\n--- ${logFile} (tail) ---\n${logTail(logFile)}`);
  }
  return { baseURL, stop, logFile };
}
