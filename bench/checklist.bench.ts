/**
 * The checklist benchmark: the weight of the checklist page (JS and CSS as transferred, gzip) and
 * the time to save one answer end to end (HTTP, session, permission check, transaction, audit),
 * measured beside a static file served by the same server in the same run, because these machines
 * are noisy and only ratios measured side by side mean something.
 *
 * Runs the production build (npm run build first) on the embedded database with demo data.
 */
import { randomUUID } from "node:crypto";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, IPAD } from "../tests/e2e/support/browser";
import { startServer } from "../tests/e2e/support/server";
import { type Summary, summarise } from "./stats";

const SAVES = Number(process.env.BENCH_SAVES ?? 300);
const TAPS = Number(process.env.BENCH_TAPS ?? 40);
const TARGET_JS_GZIP = 200 * 1024;

async function signIn(baseURL: string, username: string): Promise<string> {
  const body = new URLSearchParams({ username, password: "GiamSat@2024", redirectTo: "/" });
  const response = await fetch(`${baseURL}/login?index`, { method: "POST", body, redirect: "manual", headers: { Origin: baseURL } });
  const cookie = response.headers.get("set-cookie");
  if (!cookie) throw new Error(`sign-in of ${username} failed: ${response.status}`);
  return cookie.split(";")[0];
}

async function time(run: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export type ChecklistBench = {
  page: { jsBytes: number; cssBytes: number; jsFiles: number; cssFiles: number; htmlBytes: number; loadMs: number };
  tap: Summary;
  save: Summary;
  staticFile: Summary;
};

export async function benchChecklist(log: (line: string) => void = console.log): Promise<ChecklistBench> {
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const { baseURL } = server;
    const cookie = await signIn(baseURL, "nhung.vt");
    const context = await browser.newContext({ baseURL, viewport: IPAD, hasTouch: true, isMobile: true, locale: "vi-VN" });
    const [name, value] = cookie.split("=");
    await context.addCookies([{ name, value, url: baseURL }]);
    const page = await context.newPage();

    // Find the visit from the home page, as a team member would.
    await page.goto("/");
    const href = await page.getByRole("link", { name: "Bộ phận Một cửa phường Bình An" }).first().getAttribute("href");
    const visitPath = href ?? "";
    const visitId = Number(visitPath.split("/")[2]);

    // Cold load of the checklist page: everything it transfers, by type.
    const cold = await browser.newContext({ baseURL, viewport: IPAD, hasTouch: true, isMobile: true, locale: "vi-VN", serviceWorkers: "block" });
    await cold.addCookies([{ name, value, url: baseURL }]);
    const coldPage = await cold.newPage();
    const sizes: { type: string; bytes: number }[] = [];
    coldPage.on("requestfinished", async (request) => {
      const s = await request.sizes();
      sizes.push({ type: request.resourceType(), bytes: s.responseBodySize + s.responseHeadersSize });
    });
    await coldPage.goto(visitPath, { waitUntil: "load" });
    await coldPage.waitForLoadState("networkidle");
    // From the start of the navigation inside the page, so the browser's own start-up is not counted.
    const loadMs = await coldPage.evaluate(() => {
      const [navigation] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
      return navigation.loadEventEnd;
    });
    await cold.close();
    const sum = (type: string) => sizes.filter((s) => s.type === type).reduce((n, s) => n + s.bytes, 0);
    const pageWeight = {
      jsBytes: sum("script"),
      cssBytes: sum("stylesheet"),
      jsFiles: sizes.filter((s) => s.type === "script").length,
      cssFiles: sizes.filter((s) => s.type === "stylesheet").length,
      htmlBytes: sum("document"),
      loadMs,
    };

    // In the browser: from the tap to the card saying "Đã lưu" (outbox in IndexedDB, POST, answer).
    await page.goto(visitPath);
    await page.locator('[data-sync-ready="true"]').waitFor();
    const taps: number[] = [];
    for (let i = 0; i < TAPS; i++) {
      const choice = i % 2 ? "Đạt" : "Không áp dụng";
      taps.push(
        await page.evaluate(async (label) => {
          const card = document.querySelector('article[data-item-code="A1"]') as HTMLElement;
          const button = [...card.querySelectorAll("button")].find((b) => b.textContent === label) as HTMLButtonElement;
          const start = performance.now();
          button.click();
          // No named functions in here: the bundler would wrap them in a helper the page does not have.
          while (!(button.getAttribute("aria-pressed") === "true" && card.querySelector(".save-state")?.textContent === "Đã lưu")) {
            await new Promise((resolve) => requestAnimationFrame(resolve));
          }
          return performance.now() - start;
        }, choice),
      );
    }

    // Saving one answer, end to end, against a static file from the same server, interleaved.
    const html = await (await fetch(`${baseURL}${visitPath}`, { headers: { Cookie: cookie } })).text();
    const itemIds = [...html.matchAll(/id="item-(\d+)"/g)].map((m) => Number(m[1]));
    if (itemIds.length === 0) throw new Error("no checklist items on the page");
    const saves: number[] = [];
    const statics: number[] = [];
    for (let i = 0; i < SAVES; i++) {
      const edit = {
        editId: randomUUID(),
        itemId: itemIds[i % itemIds.length],
        answeredAt: new Date().toISOString(),
        baseRevision: 0,
        value: i % 2 ? "met" : "not_applicable",
        note: `Lần ${i}`,
      };
      saves.push(
        await time(async () => {
          const response = await fetch(`${baseURL}/visits/${visitId}/answers`, {
            method: "POST",
            headers: { Cookie: cookie, "Content-Type": "application/json" },
            body: JSON.stringify({ edits: [edit] }),
          });
          const body = (await response.json()) as { outcomes: { outcome: string }[] };
          if (body.outcomes?.[0]?.outcome !== "applied") throw new Error(`save not applied: ${JSON.stringify(body)}`);
        }),
      );
      statics.push(
        await time(async () => {
          const response = await fetch(`${baseURL}/sw.js`);
          await response.arrayBuffer();
        }),
      );
    }
    const result = { page: pageWeight, tap: summarise(taps.slice(5)), save: summarise(saves.slice(10)), staticFile: summarise(statics.slice(10)) };
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    log("Checklist page (cold load, gzip as transferred):");
    log(`  JS  ${kb(result.page.jsBytes)} in ${result.page.jsFiles} files (target < ${kb(TARGET_JS_GZIP)}: ${result.page.jsBytes < TARGET_JS_GZIP ? "met" : "MISSED"})`);
    log(`  CSS ${kb(result.page.cssBytes)} in ${result.page.cssFiles} files; HTML ${kb(result.page.htmlBytes)}; load event after ${result.page.loadMs.toFixed(0)} ms on loopback (headless, no throttling)`);
    log(`Saving one answer end to end (${saves.length - 10} saves, PGlite), beside a static file from the same server:`);
    log(`  save    median ${result.save.median.toFixed(2)} ms  p95 ${result.save.p95.toFixed(2)} ms`);
    log(`  static  median ${result.staticFile.median.toFixed(2)} ms  p95 ${result.staticFile.p95.toFixed(2)} ms`);
    log(`  ratio save/static (median) ${(result.save.median / result.staticFile.median).toFixed(1)}×`);
    log(`In Chromium, tap to "Đã lưu" on the card (${taps.length - 5} taps, through the IndexedDB outbox):`);
    log(`  median ${result.tap.median.toFixed(1)} ms  p95 ${result.tap.p95.toFixed(1)} ms`);
    return result;
  } finally {
    await browser.close();
    await server.stop();
  }
}
