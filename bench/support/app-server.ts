/**
 * The production server (scripts/serve.mjs) started on a prepared benchmark database, with the
 * CPU time of its process tree readable from /proc so that a run can report the server's own cost
 * per request beside wall-clock latencies (these machines are noisy).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../../tests/e2e/support/server";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TICKS_PER_SECOND = 100;

export type BenchServer = { baseURL: string; pid: number; logFile: string; stop: () => Promise<void> };
export type DatabaseTarget = { url: string } | { pgliteDir: string };

async function waitForHealth(baseURL: string, child: ChildProcess, logFile: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`bench server did not start:\n${readFileSync(logFile, "utf8").slice(-3000)}`);
}

export async function startBenchServer(target: DatabaseTarget, env: Record<string, string> = {}): Promise<BenchServer> {
  if (!existsSync(path.join(ROOT, "build/server/index.js"))) throw new Error("run npm run build first");
  const port = await freePort();
  const attachmentsDir = mkdtempSync(path.join(tmpdir(), "hdnd-bench-att-"));
  const logFile = path.join(tmpdir(), `hdnd-bench-server-${port}.log`);
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    ATTACHMENTS_DIR: attachmentsDir,
    SESSION_SECRET: randomBytes(32).toString("hex"),
    COOKIE_SECURE: "false",
    REMINDERS: "off",
    DEMO_DATA: "0",
    ...env,
  };
  delete childEnv.DATABASE_URL;
  delete childEnv.PGLITE_DATA_DIR;
  if ("url" in target) childEnv.DATABASE_URL = target.url;
  else childEnv.PGLITE_DATA_DIR = target.pgliteDir;
  const log = openSync(logFile, "w");
  const child = spawn(process.execPath, ["scripts/serve.mjs", "build/server/index.js"], { cwd: ROOT, env: childEnv, stdio: ["ignore", log, log] });
  closeSync(log);
  const baseURL = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          resolve();
        }, 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    rmSync(attachmentsDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseURL, child, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseURL, pid: child.pid!, logFile, stop };
}

/** User + system CPU milliseconds of a process and all its descendants (Linux /proc). */
export function treeCpuMs(rootPid: number): number {
  const parentOf = new Map<number, number>();
  const cpuOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name may hold spaces; the fields after its closing parenthesis are fixed.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parentOf.set(Number(entry), Number(fields[1]));
      cpuOf.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // the process ended while we read
    }
  }
  let ticks = 0;
  for (const [pid, cpu] of cpuOf) {
    let current: number | undefined = pid;
    while (current !== undefined && current > 1 && current !== rootPid) current = parentOf.get(current);
    if (current === rootPid) ticks += cpu;
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Signs in through the login form as a browser would; returns the Cookie header value. */
export async function signInCookie(baseURL: string, username: string, password = "GiamSat@2024"): Promise<string> {
  const body = new URLSearchParams({ username, password, redirectTo: "/" });
  const response = await fetch(`${baseURL}/login?index`, { method: "POST", body, redirect: "manual", headers: { Origin: baseURL } });
  const cookie = response.headers.get("set-cookie");
  if (response.status !== 302 || !cookie) throw new Error(`sign-in of ${username} failed: ${response.status}`);
  return cookie.split(";")[0];
}
