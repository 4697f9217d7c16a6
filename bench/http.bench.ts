/**
 * The HTTP benchmark: the pages people open most, under 50 concurrent connections for a fixed
 * time (autocannon on loopback, in its own process), on the production server (scripts/serve.mjs)
 * at commune, province and national scale on the PostgreSQL server and at commune scale on the
 * embedded database; beside them, the same server answering a static file, the ceiling of this
 * machine. Each row also gives the server's own CPU time per request (its process tree, from
 * /proc), which noise from other processes does not inflate.
 *
 * The scale databases are made by `npm run bench:seed` (bench/support/scales.ts runs it when one
 * is missing or was made by an older generator).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { LoadResult } from "./load-worker";
import { type BenchServer, type DatabaseTarget, signInCookie, startBenchServer, treeCpuMs } from "./support/app-server";
import { type BenchPage, type Scale, benchPages, ensurePgliteCopy, ensureScale, scaleUrl } from "./support/scales";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 2);
export const TARGET_P95_MS = 100;
const ROOT = path.resolve(import.meta.dirname, "..");

export type HttpRow = { database: "PostgreSQL" | "PGlite"; scale: Scale; page: string; path: string; user: string } & LoadResult & {
  serverCpuMsPerRequest: number;
};

function load(url: string, headers: Record<string, string>): LoadResult {
  const request = { url, connections: CONNECTIONS, seconds: SECONDS, warmUpSeconds: WARM_UP_SECONDS, headers };
  const child = spawnSync(process.execPath, ["--import", "tsx", "bench/load-worker.ts", JSON.stringify(request)], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`load worker failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split("\n").pop()!) as LoadResult;
}

async function measurePage(server: BenchServer, page: BenchPage, cookies: Map<string, string>): Promise<LoadResult & { serverCpuMsPerRequest: number }> {
  const headers: Record<string, string> = {};
  if (page.user) {
    if (!cookies.has(page.user)) cookies.set(page.user, await signInCookie(server.baseURL, page.user));
    headers.Cookie = cookies.get(page.user)!;
  }
  // The page must answer 200 with its heading before its speed means anything.
  const probe = await fetch(`${server.baseURL}${page.path}`, { headers, redirect: "manual" });
  const body = await probe.text();
  if (probe.status !== 200 || (page.expect && !body.includes(page.expect))) {
    throw new Error(`${page.name} (${page.path}) as ${page.user}: ${probe.status}, expected "${page.expect}"`);
  }
  const cpuBefore = treeCpuMs(server.pid);
  const result = load(`${server.baseURL}${page.path}`, headers);
  const cpu = treeCpuMs(server.pid) - cpuBefore;
  // The warm-up's requests are in the CPU time too: spread it over both.
  const served = result.requests * ((SECONDS + WARM_UP_SECONDS) / SECONDS);
  return { ...result, serverCpuMsPerRequest: served > 0 ? cpu / served : Number.NaN };
}

async function runTarget(database: HttpRow["database"], scale: Scale, target: DatabaseTarget, log: (line: string) => void) {
  const rows: HttpRow[] = [];
  const server = await startBenchServer(target);
  const cookies = new Map<string, string>();
  try {
    for (const page of await benchPages(scale, database === "PGlite" ? null : scaleUrl(scale))) {
      const result = await measurePage(server, page, cookies);
      const row: HttpRow = { database, scale, page: page.name, path: page.path, user: page.user ?? "", ...result };
      rows.push(row);
      log(formatRow(row));
    }
  } finally {
    await server.stop();
  }
  return rows;
}

const HEADER = `  ${"database".padEnd(10)} ${"scale".padEnd(9)} ${"page".padEnd(34)} ${"req/s".padStart(7)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"p99".padStart(7)}  ${"CPU/req".padStart(8)}  p95 < ${TARGET_P95_MS} ms`;

function formatRow(row: HttpRow): string {
  const ms = (n: number | null) => (n === null || Number.isNaN(n) ? "—" : n.toFixed(1)).padStart(7);
  const met = row.requests > 0 && row.p95 < TARGET_P95_MS;
  const verdict = row.page.startsWith("static") ? "(ceiling)" : row.scale === "national" ? (met ? "met" : "MISSED") : met ? "(met)" : "(missed)";
  const failures = row.non2xx + row.errors > 0 ? `  ${row.non2xx} non-2xx, ${row.errors} errors` : "";
  return `  ${row.database.padEnd(10)} ${row.scale.padEnd(9)} ${row.page.padEnd(34)} ${row.perSecond.toFixed(0).padStart(7)} ${ms(row.p50)} ${ms(row.p95)} ${ms(row.p99)}  ${row.serverCpuMsPerRequest.toFixed(2).padStart(6)} ms  ${verdict}${failures}`;
}

export async function benchHttp(log: (line: string) => void = console.log, scales: Scale[] = ["commune", "province", "national"]) {
  log(`HTTP: ${CONNECTIONS} connections, ${SECONDS} s per page after ${WARM_UP_SECONDS} s warm-up; production server; the target applies at national scale`);
  log(HEADER);
  const rows: HttpRow[] = [];
  for (const scale of scales) {
    await ensureScale(scale, log);
    rows.push(...(await runTarget("PostgreSQL", scale, { url: scaleUrl(scale) }, log)));
  }
  if (scales.includes("commune")) {
    const pgliteDir = await ensurePgliteCopy("commune", log);
    rows.push(...(await runTarget("PGlite", "commune", { pgliteDir }, log)));
  }
  const national = rows.filter((r) => r.scale === "national" && r.database === "PostgreSQL" && !r.page.startsWith("static"));
  const failed = rows.filter((r) => r.non2xx + r.errors > 0);
  return {
    connections: CONNECTIONS,
    seconds: SECONDS,
    targetP95Ms: TARGET_P95_MS,
    rows,
    nationalTargetMet: national.length > 0 && national.every((r) => r.requests > 0 && r.p95 < TARGET_P95_MS),
    failedRequests: failed.length,
  };
}
