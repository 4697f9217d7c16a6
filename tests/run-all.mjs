#!/usr/bin/env node
/**
 * `npm test`: every test, in the order a failure is cheapest to read.
 *   1. unit and integration tests on embedded PostgreSQL (PGlite);
 *   2. the integration tests again on the PostgreSQL server (TEST_DATABASE_URL, default
 *      postgres://postgres@127.0.0.1:5432/postgres);
 *   3. a production build, then end-to-end tests in Chromium against it.
 * Prints one closing line "N passed, N failed" and exits non-zero if anything failed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

mkdirSync("test-results", { recursive: true });

const stages = [
  { name: "unit + integration (PGlite)", args: ["vitest", "run"], env: {} },
  { name: "integration (PostgreSQL server)", args: ["vitest", "run", "tests/integration"], env: { TEST_DATABASE: "postgres" } },
  { name: "production build", build: true },
  { name: "end-to-end (Chromium)", args: ["vitest", "run", "--config", "tests/e2e/vitest.config.ts"], env: {} },
];

let passed = 0;
let failed = 0;
const summary = [];

for (const [index, stage] of stages.entries()) {
  console.log(`\n=== ${stage.name} ===`);
  if (stage.build) {
    const result = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
    summary.push(`${stage.name}: ${result.status === 0 ? "ok" : "FAILED"}`);
    if (result.status !== 0) {
      failed += 1;
      break; // nothing to test end to end without a build
    }
    continue;
  }
  const report = `test-results/vitest-${index}.json`;
  rmSync(report, { force: true });
  const result = spawnSync(
    "npx",
    [...stage.args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
    { stdio: "inherit", env: { ...process.env, ...stage.env } },
  );
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, "utf8"));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    // A stage that exits non-zero without failed tests (setup error) still counts as a failure.
    if (result.status !== 0 && json.numFailedTests === 0) failed += 1;
    summary.push(`${stage.name}: ${json.numPassedTests} passed, ${json.numFailedTests} failed, ${json.numPendingTests} skipped`);
    if (json.numTotalTests === 0) {
      failed += 1;
      summary.push(`${stage.name}: no test ran`);
    }
  } else {
    failed += 1;
    summary.push(`${stage.name}: did not run (exit ${result.status})`);
  }
}

console.log("\n=== summary ===");
for (const line of summary) console.log(`- ${line}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
