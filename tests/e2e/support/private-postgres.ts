/**
 * A PostgreSQL cluster of the test's own, in a temporary directory on a free port, so that a test
 * may stop and restart it without disturbing the shared server at 127.0.0.1:5432. Trust auth,
 * fsync off (its data is thrown away). As root, the server runs as the `postgres` OS user, since
 * PostgreSQL refuses to run as root.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./server";

export type StopMode = "fast" | "immediate";

export type PrivatePostgres = {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  start(): Promise<void>;
  stop(mode?: StopMode): Promise<void>;
  restart(mode?: StopMode): Promise<void>;
  /** Stops it (immediately) and deletes its directory. */
  destroy(): Promise<void>;
  /** The tail of the server's own log, for failure messages. */
  logTail(lines?: number): string;
};

/** The newest installed version's bin directory (Debian's /usr/lib/postgresql/<version>/bin). */
function binDirectory(): string {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, "bin", "pg_ctl"))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error(`no PostgreSQL server binaries under ${base}/*/bin (apt-get install postgresql)`);
  return path.join(base, versions[0], "bin");
}

function osUser(name: string): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no "${name}" OS user to run PostgreSQL as`);
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binDirectory();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "hdnd-private-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "postgres.log");
  if (asRoot) {
    const { uid, gid } = osUser("postgres");
    chownSync(dir, uid, gid);
  }
  // Each command as the cluster's owner; execFile, never a shell, so the paths need no quoting.
  const run = (tool: string, args: string[], timeoutMs = 60_000) => {
    const command = asRoot ? "runuser" : path.join(bin, tool);
    const argv = asRoot ? ["-u", "postgres", "--", path.join(bin, tool), ...args] : args;
    return execFileSync(command, argv, { cwd: dir, stdio: ["ignore", "pipe", "pipe"], timeout: timeoutMs, encoding: "utf8" });
  };
  run("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);

  const port = await freePort();
  const settings = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=60",
    "-c shared_buffers=32MB",
  ].join(" ");
  let running = false;

  const logTail = (lines = 30) => (existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-lines).join("\n") : "(no log)");
  const withLog = (what: string, error: unknown) =>
    new Error(`private PostgreSQL: ${what} failed: ${(error as Error).message}\n--- ${logFile} ---\n${logTail()}`);

  const start = async () => {
    try {
      run("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", settings, "-w", "-t", "60", "start"]);
      running = true;
    } catch (error) {
      throw withLog("start", error);
    }
  };
  const stop = async (mode: StopMode = "fast") => {
    try {
      run("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "-t", "60", "stop"]);
      running = false;
    } catch (error) {
      throw withLog(`stop -m ${mode}`, error);
    }
  };
  await start();
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    restart: async (mode) => {
      await stop(mode);
      await start();
    },
    destroy: async () => {
      if (running) await stop("immediate").catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
    logTail,
  };
}
