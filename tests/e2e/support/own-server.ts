import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { ipadContextOptions, launchBrowser } from "./browser";
import { type RunningServer, startServer } from "./server";

export type OwnServerFixture = {
  server: RunningServer;
  browser: Browser;
  /** One person's browser for the whole file, with `page` open in it. */
  context: BrowserContext;
  page: Page;
  /** Another person (own cookies) against the same server; the caller closes it. */
  newContext: () => Promise<BrowserContext>;
};

/**
 * For a spec that changes demo data others rely on (issuing a notice concludes the plan; a figure
 * starts the visit): its own production server on a fresh database, a browser, and one page kept
 * across the file's tests, all stopped after the file.
 */
export function withOwnServer(options: BrowserContextOptions = {}): OwnServerFixture {
  const fixture = {} as OwnServerFixture;
  const contextOptions = () => ({ ...ipadContextOptions(), ...options, baseURL: fixture.server.baseURL });
  fixture.newContext = async () => {
    const context = await fixture.browser.newContext(contextOptions());
    context.setDefaultTimeout(15_000);
    return context;
  };
  beforeAll(async () => {
    [fixture.server, fixture.browser] = await Promise.all([startServer(), launchBrowser()]);
    fixture.context = await fixture.newContext();
    fixture.page = await fixture.context.newPage();
  }, 120_000);
  afterAll(async () => {
    await fixture.browser?.close();
    await fixture.server?.stop();
  });
  return fixture;
}
