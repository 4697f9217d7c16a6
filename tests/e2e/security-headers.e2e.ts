/**
 * Security headers and the Content-Security-Policy in Chromium, against the production server:
 * scripts and inlined styles run only with the response's nonce ('unsafe-inline' is not allowed for
 * scripts), and the pages of a committee member, a unit and a team member on the offline checklist
 * still load, hydrate and work without one violation. Every other response (PDF, Word, Excel,
 * attachment, static file) carries a strict policy, nosniff and no framing. Last, the session
 * cookie's attributes on the real server, with and without COOKIE_SECURE=false.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ipadContextOptions, launchBrowser, useBrowser } from "./support/browser";
import { type RunningServer, startServer } from "./support/server";
import { DEMO_PASSWORD, signIn, waitForHydration, waitForIdle } from "./support/session";

type Violation = { directive: string; blocked: string; page: string };

/**
 * Records every CSP violation of every document the page opens (through a binding, so nothing is
 * lost when the page navigates), and console errors that mention the policy.
 */
async function watchPolicy(page: Page) {
  const violations: Violation[] = [];
  const consoleErrors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) consoleErrors.push(message.text());
  });
  await page.exposeBinding("__reportViolation", (_source, violation: Violation) => {
    violations.push(violation);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __reportViolation: (v: unknown) => void }).__reportViolation;
      report({ directive: event.effectiveDirective, blocked: event.blockedURI, page: location.pathname });
    });
  });
  return { violations, consoleErrors };
}

/** The directives of a policy by name: { "script-src": "'self' 'nonce-…'", … }. */
function directives(policy: string | undefined): Record<string, string> {
  return Object.fromEntries(
    (policy ?? "")
      .split(";")
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const [name, ...values] = part.split(/\s+/);
        return [name, values.join(" ")];
      }),
  );
}

async function hrefMatching(page: Page, pattern: RegExp): Promise<string> {
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  if (!href) throw new Error(`no link like ${pattern} on ${page.url()}`);
  return href;
}

/** Opens each path as a new document and waits for React to take over the page. */
async function visitAll(page: Page, paths: string[]) {
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await waitForHydration(page);
  }
}

/** A client-side navigation through the main menu: the same document stays, so the scripts run. */
async function navigateWithScripts(page: Page, label: string, pathname: string) {
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
  await page.getByRole("navigation", { name: "Chính" }).getByRole("link", { name: label, exact: true }).click();
  await page.waitForURL((url) => url.pathname === pathname);
  await waitForIdle(page);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
}

// The server of the last block starts while the first block runs on the shared one.
let ownServer: Promise<RunningServer> | undefined;
beforeAll(() => {
  ownServer = startServer({ env: { COOKIE_SECURE: "false" }, logName: "security-headers.log" });
  ownServer.catch(() => {});
});
afterAll(async () => {
  await (await ownServer?.catch(() => undefined))?.stop();
});

describe("pages on the shared server", () => {
  const b = useBrowser();

  it("a committee member's pages load, hydrate and navigate without one policy violation", async () => {
    const page = b.page;
    const watch = await watchPolicy(page);
    await signIn(page, "trang.ttt");
    await visitAll(page, ["/", "/plans", "/notices", "/recommendations", "/dashboard", "/notifications", "/account/password"]);
    for (const [list, pattern] of [
      ["/plans", /^\/plans\/\d+$/],
      ["/notices", /^\/notices\/\d+$/],
      ["/recommendations", /^\/recommendations\/\d+$/],
    ] as const) {
      await page.goto(list);
      await visitAll(page, [await hrefMatching(page, pattern)]);
    }
    await navigateWithScripts(page, "Tổng hợp", "/dashboard");
    await navigateWithScripts(page, "Kế hoạch giám sát", "/plans");
    expect(watch.violations).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });

  it("a unit's pages too", async () => {
    const page = b.page;
    const watch = await watchPolicy(page);
    await signIn(page, "ubnd.binhan");
    await visitAll(page, ["/", "/recommendations", "/notices"]);
    await page.goto("/recommendations");
    await visitAll(page, [await hrefMatching(page, /^\/recommendations\/\d+$/)]);
    await navigateWithScripts(page, "Đơn vị của tôi", new URL(await page.getByRole("link", { name: "Đơn vị của tôi" }).evaluate((a) => (a as HTMLAnchorElement).href)).pathname);
    await navigateWithScripts(page, "Kiến nghị cần khắc phục", "/recommendations");
    expect(watch.violations).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });

  it("an HTML page: a fresh nonce in script-src and style-src, no 'unsafe-inline' for scripts, no framing, nosniff", async () => {
    const page = b.page;
    const first = await page.goto("/login");
    const headers = first!.headers();
    const policy = directives(headers["content-security-policy"]);
    expect(policy["script-src"]).toMatch(/^'self' 'nonce-[A-Za-z0-9+/]{22}=='$/);
    expect(policy["script-src"]).not.toContain("unsafe-inline");
    expect(policy["default-src"]).toBe("'self'");
    expect(policy["object-src"]).toBe("'none'");
    expect(policy["base-uri"]).toBe("'self'");
    expect(policy["form-action"]).toBe("'self'");
    expect(policy["frame-ancestors"]).toBe("'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    const nonce = /'nonce-([^']+)'/.exec(policy["script-src"])![1];
    expect(policy["style-src"]).toBe(`'self' 'nonce-${nonce}'`);
    // Every inline script and style of the page carries it (browsers hide the attribute, not the property).
    const carried = await page.evaluate(() => ({
      scripts: [...document.querySelectorAll("script:not([src])")].map((s) => (s as HTMLScriptElement).nonce),
      styles: [...document.querySelectorAll("style")].map((s) => (s as HTMLStyleElement).nonce),
    }));
    expect(carried.scripts.length).toBeGreaterThan(0);
    expect(carried.styles.length).toBeGreaterThan(0);
    expect(new Set([...carried.scripts, ...carried.styles])).toEqual(new Set([nonce]));

    const second = await page.goto("/login");
    expect(second!.headers()["content-security-policy"]).not.toContain(nonce);
  });

  it("an injected inline script or event handler does not run; one given the page's nonce does (the control)", async () => {
    const page = b.page;
    const watch = await watchPolicy(page);
    await page.goto("/login");
    await waitForHydration(page);
    const ran = await page.evaluate(async () => {
      const w = window as unknown as Record<string, boolean | undefined>;
      const plain = document.createElement("script");
      plain.textContent = "window.__plain = true";
      document.body.append(plain);
      const holder = document.createElement("div");
      holder.innerHTML = '<img src="/favicon.svg?handler" onload="window.__handler = true">';
      document.body.append(holder);
      const signed = document.createElement("script");
      signed.nonce = (document.querySelector("script[nonce]") as HTMLScriptElement).nonce;
      signed.textContent = "window.__signed = true";
      document.body.append(signed);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { plain: w.__plain ?? false, handler: w.__handler ?? false, signed: w.__signed ?? false };
    });
    expect(ran).toEqual({ plain: false, handler: false, signed: true });
    await page.addScriptTag({ content: "window.__tag = true" }).catch(() => {});
    expect(await page.evaluate(() => (window as unknown as { __tag?: boolean }).__tag ?? false)).toBe(false);
    const blocked = watch.violations.map((v) => v.directive);
    expect(blocked).toContain("script-src-elem");
    expect(blocked).toContain("script-src-attr");
  });

  it("the pages cannot be framed, not even by the app itself; without the headers the frame would load (the control)", async () => {
    const page = b.page;
    await page.goto("/login");
    const frameOf = async () => {
      await page.evaluate(() => {
        document.querySelector("iframe")?.remove();
        const frame = document.createElement("iframe");
        frame.src = "/login?framed";
        document.body.append(frame);
      });
      await page.waitForTimeout(1_000);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      return frame ? frame.locator("#username").count() : 0;
    };
    expect(await frameOf()).toBe(0);
    await page.route("**/login?framed", async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers["content-security-policy"];
      delete headers["x-frame-options"];
      await route.fulfill({ response, headers });
    });
    expect(await frameOf()).toBe(1);
  });

  it("PDF, Word, Excel, attachment, static and health responses: strict policy, nosniff, no framing", async () => {
    const page = b.page;
    await signIn(page, "trang.ttt");
    await page.goto("/plans");
    const plan = await hrefMatching(page, /^\/plans\/\d+$/);
    await page.goto("/notices");
    const notice = await hrefMatching(page, /^\/notices\/\d+$/);
    const asset = await page.evaluate(() =>
      performance
        .getEntriesByType("resource")
        .map((entry) => new URL(entry.name).pathname)
        .find((path) => path.startsWith("/assets/") && path.endsWith(".js")),
    );
    const resources: [string, number, string][] = [
      [`${plan}/pdf`, 200, "application/pdf"],
      [`${notice}/pdf`, 200, "application/pdf"],
      [`${notice}/docx`, 200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["/recommendations/export.xlsx", 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["/recommendations/report.pdf", 200, "application/pdf"],
      ["/attachments/999999", 403, "text/plain"],
      ["/healthz", 200, "text/plain"],
      ["/favicon.svg", 200, "image/svg+xml"],
      [asset!, 200, "javascript"],
      ["/sw.js", 200, "javascript"],
    ];
    for (const [path, status, type] of resources) {
      const response = await b.context.request.get(path, { maxRedirects: 0 });
      const headers = response.headers();
      const policy = directives(headers["content-security-policy"]);
      expect({ path, status: response.status(), type: headers["content-type"]?.includes(type) }).toEqual({ path, status, type: true });
      expect({ path, nosniff: headers["x-content-type-options"], frame: headers["x-frame-options"], ancestors: policy["frame-ancestors"] }).toEqual({
        path,
        nosniff: "nosniff",
        frame: "DENY",
        ancestors: "'none'",
      });
      // The service worker fetches pages and files of this origin; nothing else may load anything.
      expect({ path, default: policy["default-src"] }).toEqual({ path, default: path === "/sw.js" ? "'self'" : "'none'" });
    }
  });
});

/** A real 2400×1800 JPEG made by the browser itself, as a tablet camera would hand it over. */
async function cameraPhoto(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 2400;
    canvas.height = 1800;
    const context = canvas.getContext("2d")!;
    context.fillStyle = "#2a6";
    context.fillRect(0, 0, 2400, 1800);
    return canvas.toDataURL("image/jpeg", 0.9).split(",")[1];
  });
  return Buffer.from(base64, "base64");
}

describe("on a server of its own, with COOKIE_SECURE=false (answers are written here, not in the shared demo data)", () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    [server, browser] = await Promise.all([ownServer!, launchBrowser()]);
    context = await browser.newContext({ ...ipadContextOptions(), baseURL: server.baseURL });
    context.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("a team member answers and photographs offline, reloads offline and comes back online: no violation, and the photo is served with the headers", async () => {
    const page = await context.newPage();
    const watch = await watchPolicy(page);
    await signIn(page, "nhung.vt");
    await page.getByRole("link", { name: "Bộ phận Một cửa phường Bình An" }).first().click();
    await page.waitForURL((url) => /^\/visits\/\d+$/.test(url.pathname));
    const visitId = Number(new URL(page.url()).pathname.split("/")[2]);
    await waitForHydration(page);
    await page.locator('[data-sync-ready="true"]').waitFor();
    // The service worker fetched and kept the page under its own policy.
    await page.locator('[data-offline-ready="true"]').waitFor({ timeout: 30_000 });
    const sectionB = async () => {
      await page.locator(".section-tab", { has: page.locator(".section-code", { hasText: "B" }) }).click();
      await page.locator("#section-title", { hasText: /^B\./ }).waitFor();
    };
    await sectionB();
    const b1 = page.locator('article[data-item-code="B1"]');
    const photo = await cameraPhoto(page);

    await context.setOffline(true);
    await b1.getByRole("button", { name: "Chưa đạt" }).click();
    await b1.locator('input[type="file"]').setInputFiles({ name: "IMG_0001.jpg", mimeType: "image/jpeg", buffer: photo });
    // The preview is a blob: URL, which img-src allows.
    const preview = b1.locator(".thumb.waiting img");
    await preview.waitFor();
    await expect.poll(() => preview.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);

    await page.reload();
    await waitForHydration(page);
    await page.locator('[data-sync-ready="true"]').waitFor();
    await sectionB();
    expect(await b1.getByRole("button", { name: "Chưa đạt" }).getAttribute("aria-pressed")).toBe("true");

    await context.setOffline(false);
    await page.locator(".sync-banner.saved").waitFor({ timeout: 30_000 });
    await b1.locator(".thumb.saved").waitFor();
    expect(watch.violations).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);

    const state = (await (await context.request.get(`/visits/${visitId}/answers`)).json()) as { photos: { id: number; itemId: number | null }[] };
    const [stored] = state.photos;
    expect(stored).toBeDefined();
    const served = await context.request.get(`/attachments/${stored.id}`);
    expect(served.status()).toBe(200);
    const headers = served.headers();
    expect(headers["content-type"]).toBe("image/jpeg");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(directives(headers["content-security-policy"])).toMatchObject({ "default-src": "'none'", "frame-ancestors": "'none'" });
    // Opened on its own, the photo still shows under that policy.
    const viewer = await context.newPage();
    await viewer.goto(`/attachments/${stored.id}`);
    expect(await viewer.locator("img").evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1600);
    await viewer.close();
    await page.close();
  });

  /** The attributes of the session cookie set by a sign-in: { httponly: "", samesite: "Lax", path: "/", … }. */
  async function sessionCookie(baseURL: string): Promise<Record<string, string>> {
    const body = new URLSearchParams({ username: "nhung.vt", password: DEMO_PASSWORD, redirectTo: "/" });
    const response = await fetch(`${baseURL}/login`, { method: "POST", body, redirect: "manual", headers: { Origin: baseURL } });
    expect(response.status).toBe(302);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__hdnd_session="));
    expect(cookie).toBeDefined();
    return Object.fromEntries(
      cookie!
        .split(";")
        .slice(1)
        .map((part) => {
          const [name, ...value] = part.trim().split("=");
          return [name.toLowerCase(), value.join("=")];
        }),
    );
  }

  it("the session cookie by default (NODE_ENV=production): HttpOnly, SameSite=Lax, Secure, Path=/", async () => {
    expect(await sessionCookie(inject("baseURL"))).toMatchObject({ httponly: "", samesite: "Lax", secure: "", path: "/" });
  });

  it("with COOKIE_SECURE=false (plain HTTP on a closed network): the same without Secure", async () => {
    const attributes = await sessionCookie(server.baseURL);
    expect(attributes).toMatchObject({ httponly: "", samesite: "Lax", path: "/" });
    expect(attributes).not.toHaveProperty("secure");
  });
});
