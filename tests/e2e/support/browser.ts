import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, inject } from "vitest";
import { RESULTS_DIR } from "./paths";

/** Debian's chromium, run as root with no GPU on a closed network (no background requests). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const IPAD = { width: 768, height: 1024 };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** An iPad held upright, in Vietnamese and Vietnam's time, against the test server. */
export function ipadContextOptions() {
  return { baseURL: inject("baseURL"), viewport: IPAD, hasTouch: true, isMobile: true, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" };
}

/** A fresh context (no cookies) shaped like an iPad held upright, in Vietnamese and Vietnam's time. */
export async function newIpadContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext(ipadContextOptions());
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  return context;
}

export type BrowserFixture = {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** A second, independent person (own cookies) within the same test; closed after the test. */
  anotherPage: () => Promise<Page>;
};

function safeName(name: string) {
  return name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9]+/g, "-").slice(0, 80);
}

/**
 * Registers hooks for a spec file: one browser per file, a fresh iPad context and page per test,
 * and a screenshot under test-results/e2e/failures/ when a test fails.
 */
export function useBrowser(): BrowserFixture {
  let contexts: BrowserContext[] = [];
  const fixture = {
    anotherPage: async () => {
      const context = await newIpadContext(fixture.browser);
      contexts.push(context);
      return context.newPage();
    },
  } as BrowserFixture;
  beforeAll(async () => {
    fixture.browser = await launchBrowser();
  });
  afterAll(async () => {
    await fixture.browser?.close();
  });
  beforeEach(async () => {
    fixture.context = await newIpadContext(fixture.browser);
    fixture.page = await fixture.context.newPage();
    contexts = [fixture.context];
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") {
      const dir = path.join(RESULTS_DIR, "failures");
      mkdirSync(dir, { recursive: true });
      const pages = contexts.flatMap((context) => context.pages());
      for (const [index, page] of pages.entries()) {
        await page.screenshot({ path: path.join(dir, `${safeName(task.name)}-${index}.png`), fullPage: true }).catch(() => {});
      }
    }
    for (const context of contexts) await context.close();
    contexts = [];
  });
  return fixture;
}
