/**
 * npm run bench: every benchmark, one after another; `npm run bench -- notice` (or `checklist`,
 * `queries`, `http`) runs only the ones named. `http` and `queries` need the PostgreSQL server and
 * make the scale databases with bench:seed the first time (the national one takes minutes). Results are printed and written to bench/results/<date>-<commit>.json
 * so runs can be compared. The checklist bench runs on the production build (built if missing).
 */
import { execSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { benchChecklist } from "./checklist.bench";
import { benchHttp } from "./http.bench";
import { benchNotice } from "./notice.bench";
import { benchQueries } from "./queries.bench";

const BENCHES = { queries: () => benchQueries(), http: () => benchHttp(), notice: () => benchNotice(), checklist: () => benchChecklist() } as const;
type BenchName = keyof typeof BENCHES;

const root = path.resolve(import.meta.dirname, "..");
const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  console.error(`Unknown bench: ${unknown.join(", ")}. Choose from: ${Object.keys(BENCHES).join(", ")}.`);
  process.exit(2);
}
const selected = (asked.length > 0 ? asked : Object.keys(BENCHES)) as BenchName[];

if ((selected.includes("checklist") || selected.includes("http")) && (!existsSync(path.join(root, "build/server/index.js")) || process.env.BENCH_BUILD === "1")) {
  execSync("npm run build", { cwd: root, stdio: "inherit" });
}
const commit = (() => {
  try {
    return execSync("git rev-parse --short HEAD", { cwd: root }).toString().trim();
  } catch {
    return "unknown";
  }
})();

const results: Record<string, unknown> = { commit, at: new Date().toISOString(), node: process.version };
for (const name of selected) {
  console.log(`\n=== ${name} ===`);
  results[name] = await BENCHES[name]();
}
const dir = path.join(root, "bench", "results");
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${(results.at as string).slice(0, 19).replace(/[:T]/g, "-")}-${commit}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`Results: ${path.relative(root, file)}`);
