/**
 * npm run bench: every benchmark, one after another, on the production build. Results are printed
 * and written to bench/results/<date>-<commit>.json so runs can be compared.
 */
import { execSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { benchChecklist } from "./checklist.bench";

const root = path.resolve(import.meta.dirname, "..");
if (!existsSync(path.join(root, "build/server/index.js")) || process.env.BENCH_BUILD === "1") {
  execSync("npm run build", { cwd: root, stdio: "inherit" });
}
const commit = (() => {
  try {
    return execSync("git rev-parse --short HEAD", { cwd: root }).toString().trim();
  } catch {
    return "unknown";
  }
})();

const results = { commit, at: new Date().toISOString(), node: process.version, checklist: await benchChecklist() };
const dir = path.join(root, "bench", "results");
mkdirSync(dir, { recursive: true });
const file = path.join(dir, `${results.at.slice(0, 19).replace(/[:T]/g, "-")}-${commit}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`Results: ${path.relative(root, file)}`);
