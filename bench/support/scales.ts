/**
 * The benchmark's databases: one per scale on the PostgreSQL server (hdnd_bench_<scale>, made by
 * `npm run bench:seed`), and a PGlite copy of the commune scale. A database is made again when it
 * is missing or when bench/seed's GENERATOR_VERSION changed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { adminUrl } from "../../tests/support/database-config";
import { GENERATOR_VERSION } from "../seed/version";

export type Scale = "commune" | "province" | "national";
export type BenchPage = { name: string; path: string; user: string | null; expect?: string };
type SeedInfo = {
  scale: Scale;
  generator_version: number;
  checklist: { username: string; visitId: number };
  notice: { username: string; noticeId: number };
  recommendation: { username: string; recommendationId: number };
  counts: Record<string, number>;
};

const ROOT = path.resolve(import.meta.dirname, "../..");

export function scaleUrl(scale: Scale): string {
  return adminUrl(`hdnd_bench_${scale}`);
}

export async function readSeedInfo(url: string): Promise<SeedInfo | null> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const rows = await sql<{ key: string; value: unknown }[]>`select key, value from bench_seed_info`;
    return Object.fromEntries(rows.map((r) => [r.key, r.value])) as SeedInfo;
  } catch {
    return null;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function ensureScale(scale: Scale, log: (line: string) => void): Promise<SeedInfo> {
  const current = await readSeedInfo(scaleUrl(scale));
  if (current?.generator_version === GENERATOR_VERSION && current.scale === scale) return current;
  log(`  (making the ${scale} database: npm run bench:seed -- --scale ${scale})`);
  const child = spawnSync(process.execPath, ["--import", "tsx", "bench/seed/run.ts", "--scale", scale], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (child.status !== 0) throw new Error(`bench:seed --scale ${scale} failed (exit ${child.status})`);
  const made = await readSeedInfo(scaleUrl(scale));
  if (!made) throw new Error(`bench:seed --scale ${scale} left no bench_seed_info`);
  return made;
}

/**
 * The commune database copied into a PGlite directory (schema, data, migration journal), from a
 * plain pg_dump with INSERTs, since PGlite has no COPY FROM STDIN. Kept in the temp directory and
 * remade when the server database is newer.
 */
export async function ensurePgliteCopy(scale: Scale, log: (line: string) => void): Promise<string> {
  const info = await ensureScale(scale, log);
  const dir = path.join(tmpdir(), `hdnd-bench-pglite-${scale}`);
  const stamp = path.join(dir, "bench-stamp.json");
  const wanted = JSON.stringify({ version: info.generator_version, counts: info.counts });
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === wanted) return path.join(dir, "data");
  log(`  (copying the ${scale} database into PGlite)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const dump = spawnSync(
    "pg_dump",
    ["--no-owner", "--no-privileges", "--inserts", "--rows-per-insert=500", "--exclude-table=bench_seed_info", "--dbname", scaleUrl(scale)],
    { encoding: "utf8", maxBuffer: 2 * 1024 ** 3 },
  );
  if (dump.status !== 0) throw new Error(`pg_dump failed: ${dump.stderr}`);
  // PGlite runs the dump as plain SQL; the server's session settings it does not know are dropped.
  const script = dump.stdout
    .split("\n")
    .filter((line) => !/^\\|^SET (transaction_timeout|default_table_access_method)|^SELECT pg_catalog\.set_config\('search_path'/.test(line))
    .join("\n");
  const pg = new PGlite(path.join(dir, "data"));
  try {
    await pg.exec(script);
  } finally {
    await pg.close();
  }
  writeFileSync(stamp, wanted);
  return path.join(dir, "data");
}

/** The pages measured, as the people who open them; `database` null reads the ids from PGlite's copy's source. */
export async function benchPages(scale: Scale, url: string | null): Promise<BenchPage[]> {
  const info = await readSeedInfo(url ?? scaleUrl(scale));
  if (!info) throw new Error(`no bench_seed_info for ${scale}`);
  return [
    { name: "Theo dõi kiến nghị (HĐND tỉnh)", path: "/recommendations", user: "bench.province", expect: "Theo dõi" },
    { name: "Theo dõi kiến nghị (HĐND xã)", path: "/recommendations", user: "bench.commune", expect: "Theo dõi" },
    { name: "Kiến nghị của đơn vị (UBND xã)", path: "/recommendations", user: info.recommendation.username, expect: "Kiến nghị" },
    { name: "Tổng hợp (HĐND tỉnh)", path: "/dashboard", user: "bench.province", expect: "Tổng hợp" },
    { name: "Tổng hợp (HĐND xã)", path: "/dashboard", user: "bench.commune", expect: "Tổng hợp" },
    { name: "Phiếu kiểm tra (đoàn giám sát)", path: `/visits/${info.checklist.visitId}`, user: info.checklist.username, expect: "Phiếu" },
    { name: "Thông báo kết luận (HĐND xã)", path: `/notices/${info.notice.noticeId}`, user: info.notice.username, expect: "Thông báo" },
    { name: "static file /favicon.svg", path: "/favicon.svg", user: null },
  ];
}
