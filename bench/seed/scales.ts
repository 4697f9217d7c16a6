/**
 * The three sizes the benchmark runs at, and the command line. Each covers `years` of history up to
 * `today`:
 * - commune: the demo ward Bình An alone;
 * - province: the demo province (Bình Dương) with 100 communes, Bình An among them;
 * - national: 34 provinces and 3,321 communes (the country since 01/7/2025), province 1 as above.
 */
import { Rng } from "./prng";

export const SCALES = ["commune", "province", "national"] as const;
export type Scale = (typeof SCALES)[number];

export const DEFAULT_TODAY = "2026-12-01";
export const DEFAULT_YEARS = 10;
export const DEFAULT_SEED = "hdnd-bench";
export const NATIONAL_PROVINCES = 34;
export const NATIONAL_COMMUNES = 3321;
export const PROVINCE_COMMUNES = 100;

export type SeedOptions = { scale: Scale; databaseUrl: string; years: number; today: string; seed: string; vacuum: boolean };

export const USAGE = [
  "Cách dùng: npm run bench:seed -- --scale commune|province|national [--database-url postgres://…] [--years 10] [--today 2026-12-01] [--seed hdnd-bench] [--no-vacuum]",
  "Mặc định ghi vào postgres://postgres@127.0.0.1:5432/hdnd_bench_<scale> (cơ sở dữ liệu này bị xoá và tạo lại).",
].join("\n");

export function defaultDatabaseUrl(scale: Scale): string {
  return `postgres://postgres@127.0.0.1:5432/hdnd_bench_${scale}`;
}

const isIsoDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** The options, or the reason they are wrong. */
export function parseSeedArgs(args: readonly string[]): { ok: true; options: SeedOptions } | { ok: false; error: string } {
  const values = new Map<string, string>();
  let vacuum = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--no-vacuum") {
      vacuum = false;
      continue;
    }
    const match = /^--(scale|database-url|years|today|seed)(?:=(.*))?$/.exec(arg);
    if (!match) return { ok: false, error: `Tham số không hợp lệ: ${arg}` };
    const value = match[2] ?? args[++i];
    if (value === undefined || value === "") return { ok: false, error: `Thiếu giá trị cho --${match[1]}` };
    values.set(match[1], value);
  }
  const scale = values.get("scale");
  if (!scale) return { ok: false, error: "Thiếu --scale" };
  if (!(SCALES as readonly string[]).includes(scale)) return { ok: false, error: `--scale phải là một trong: ${SCALES.join(", ")}` };
  const years = Number(values.get("years") ?? DEFAULT_YEARS);
  if (!Number.isInteger(years) || years < 1 || years > 30) return { ok: false, error: "--years phải là số nguyên từ 1 đến 30" };
  const today = values.get("today") ?? DEFAULT_TODAY;
  if (!isIsoDate(today)) return { ok: false, error: "--today phải là ngày dạng YYYY-MM-DD" };
  const databaseUrl = values.get("database-url") ?? defaultDatabaseUrl(scale as Scale);
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return { ok: false, error: "--database-url không phải địa chỉ postgres:// hợp lệ" };
  }
  if (!/^postgres(ql)?:$/.test(url.protocol) || url.pathname.length < 2) return { ok: false, error: "--database-url phải có dạng postgres://…/<tên cơ sở dữ liệu>" };
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database) || ["postgres", "template0", "template1"].includes(database)) {
    return { ok: false, error: `Tên cơ sở dữ liệu không dùng được: ${database}` };
  }
  return { ok: true, options: { scale: scale as Scale, databaseUrl, years, today, seed: values.get("seed") ?? DEFAULT_SEED, vacuum } };
}

/** The database's name and the URL of the server's maintenance database beside it. */
export function databaseTarget(databaseUrl: string): { database: string; maintenanceUrl: string } {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  url.pathname = "/postgres";
  return { database, maintenanceUrl: url.toString() };
}

/**
 * How many new communes each new province gets at national scale: sizes like the real ones (40 to
 * 170), summing with province 1's to `total`.
 */
export function provinceSizes(seed: string, provinces: number, total: number, first: number): number[] {
  const rng = new Rng(`${seed}:province-sizes`);
  const weights = Array.from({ length: provinces - 1 }, () => rng.int(40, 170));
  const rest = total - first;
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((w * rest) / sum));
  for (let i = 0; sizes.reduce((a, b) => a + b, 0) < rest; i = (i + 1) % sizes.length) sizes[i]++;
  return [first, ...sizes];
}
