/**
 * Cross-site request forgery in Chromium, against the production server: a signed-in administrator
 * opens an attacker's page that submits a form to the app. From another port of localhost (same
 * site, so SameSite=Lax still sends the session cookie) and from another site (127.0.0.1), the
 * post is refused and nothing changes; the same form posted from the app's own page works, so the
 * refusal is what stopped it. (The session cookie's attributes: tests/e2e/security-headers.e2e.ts.)
 */
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { useBrowser } from "./support/browser";
import { DEMO_PASSWORD, signIn } from "./support/session";
import { optionValueFor } from "./support/units";

const CROSS_SITE_MESSAGE = "Yêu cầu bị từ chối: biểu mẫu không được gửi từ trang của hệ thống.";
const suffix = Date.now().toString(36);

/** The attacker's web server: one page per path, each an HTML form that submits itself on load. */
const attackPages = new Map<string, string>();
let attacker: Server;
let attackerPort: number;

function escapeHtml(value: string) {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** Registers an auto-submitting form page on the attacker's server and returns its path. */
function attackPage(name: string, action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([key, value]) => `<input type="hidden" name="${escapeHtml(key)}" value="${escapeHtml(value)}">`)
    .join("");
  attackPages.set(`/${name}`, `<!doctype html><html><body><h1>Khuyến mãi</h1><form id="f" method="post" action="${escapeHtml(action)}">${inputs}</form><script>document.getElementById("f").submit()</script></body></html>`);
  return `/${name}`;
}

/** The fields the user form posts, as a plain HTML form sends them (not JSON-encoded). */
function newAdminFields(username: string, unitId: string): Record<string, string> {
  return { username, fullName: "Kẻ Giả Mạo", title: "", unitId, role: "admin", email: "", active: "true", password: "GiaMao@2024" };
}

/** Opens the attacker's page and returns the app's answer to the post it makes. */
async function openAttack(page: Page, attackerOrigin: string, path: string, target: string): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url() === target && r.request().method() === "POST"),
    page.goto(`${attackerOrigin}${path}`),
  ]);
  await page.waitForLoadState("domcontentloaded");
  return response;
}

async function usersNamed(page: Page, username: string): Promise<number> {
  await page.goto(`/admin/users?q=${encodeURIComponent(username)}`);
  return page.locator(`table.list tbody td:text-is("${username}")`).count();
}

beforeAll(async () => {
  attacker = createServer((request, response) => {
    const html = attackPages.get(new URL(request.url ?? "/", "http://attacker").pathname);
    response.writeHead(html ? 200 : 404, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html ?? "");
  });
  // Every interface: the same server is "another port of localhost" and "the site 127.0.0.1".
  await new Promise<void>((resolve) => attacker.listen(0, resolve));
  attackerPort = (attacker.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => attacker?.close(resolve));
});

describe("a form on another origin posting to the app", () => {
  const b = useBrowser();
  const app = () => inject("baseURL");

  it("from another port of localhost (same site): the cookie goes along, the app refuses, no administrator is created", async () => {
    const page = b.page;
    await signIn(page, "quantri");
    await page.goto("/admin/users/new");
    const unitId = await optionValueFor(page, "Đơn vị", "UBND phường Bình An");
    const username = `gia.mao.${suffix}`;
    const target = `${app()}/admin/users/new`;
    const path = attackPage("same-site-user", target, newAdminFields(username, unitId));

    const response = await openAttack(page, `http://localhost:${attackerPort}`, path, target);
    expect(response.status()).toBe(403);
    const sent = await response.request().allHeaders();
    expect(sent.cookie ?? "").toContain("__hdnd_session=");
    expect(sent.origin).toBe(`http://localhost:${attackerPort}`);
    // The attacked user reads why, in Vietnamese.
    expect(await page.locator("body").textContent()).toBe(CROSS_SITE_MESSAGE);
    expect(await usersNamed(page, username)).toBe(0);

    // Control: the very same form, submitted from a page of the app, creates the administrator.
    await page.goto("/admin/users");
    const [created] = await Promise.all([
      page.waitForResponse((r) => r.url() === target && r.request().method() === "POST"),
      page.evaluate(
        ({ action, fields }) => {
          const form = document.createElement("form");
          form.method = "post";
          form.action = action;
          for (const [name, value] of Object.entries(fields)) {
            const input = document.createElement("input");
            input.type = "hidden";
            input.name = name;
            input.value = value;
            form.append(input);
          }
          document.body.append(form);
          form.submit();
        },
        { action: target, fields: newAdminFields(username, unitId) },
      ),
    ]);
    expect(created.status()).toBe(302);
    await page.waitForURL((url) => /^\/admin\/users\/\d+$/.test(url.pathname));
    expect(await usersNamed(page, username)).toBe(1);
  });

  it("from another site (127.0.0.1): refused too, and no administrator is created", async () => {
    const page = b.page;
    await signIn(page, "quantri");
    await page.goto("/admin/users/new");
    const unitId = await optionValueFor(page, "Đơn vị", "UBND phường Bình An");
    const username = `gia.mao.khac.${suffix}`;
    const target = `${app()}/admin/users/new`;
    const path = attackPage("cross-site-user", target, newAdminFields(username, unitId));

    const response = await openAttack(page, `http://127.0.0.1:${attackerPort}`, path, target);
    expect(response.status()).toBe(403);
    const sent = await response.request().allHeaders();
    // SameSite=Lax already keeps the cookie off a cross-site post; the Origin check does not rely on it.
    expect(sent.cookie ?? "").not.toContain("__hdnd_session=");
    expect(await usersNamed(page, username)).toBe(0);
  });

  it("a forged sign-out from another port is refused: the user stays signed in", async () => {
    const page = b.page;
    await signIn(page, "trang.ttt");
    const target = `${app()}/logout`;
    const path = attackPage("sign-out", target, {});
    const response = await openAttack(page, `http://localhost:${attackerPort}`, path, target);
    expect(response.status()).toBe(403);
    expect(await response.text()).toBe(CROSS_SITE_MESSAGE);
    await page.goto("/");
    await page.getByTestId("home-title").waitFor();
    expect((await b.context.cookies()).filter((c) => c.name === "__hdnd_session")).toHaveLength(1);
  });

  it("a forged sign-in (into an account the attacker knows) gets no cookie", async () => {
    const page = b.page;
    const target = `${app()}/login`;
    const path = attackPage("sign-in", target, { username: "ubnd.phochau", password: DEMO_PASSWORD, redirectTo: "/" });
    const response = await openAttack(page, `http://localhost:${attackerPort}`, path, target);
    expect(response.status()).toBe(403);
    expect(await response.headerValue("set-cookie")).toBeNull();
    expect(await b.context.cookies()).toEqual([]);
  });

  it("a script on another origin cannot post the tablet's JSON either (no-cors fetch with credentials)", async () => {
    const page = b.page;
    await signIn(page, "nhung.vt");
    await page.getByRole("link", { name: "Bộ phận Một cửa phường Bình An" }).first().click();
    await page.waitForURL((url) => /^\/visits\/\d+$/.test(url.pathname));
    const visitPath = new URL(page.url()).pathname;
    const target = `${app()}${visitPath}/answers`;
    attackPages.set("/fetch", "<!doctype html><title>x</title>");
    await page.goto(`http://localhost:${attackerPort}/fetch`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url() === target && r.request().method() === "POST"),
      page.evaluate((url) => {
        const edit = { editId: crypto.randomUUID(), itemId: 1, answeredAt: new Date().toISOString(), baseRevision: 0, value: "met", note: "giả mạo" };
        void fetch(url, { method: "POST", mode: "no-cors", credentials: "include", headers: { "Content-Type": "text/plain" }, body: JSON.stringify({ edits: [edit] }) });
      }, target),
    ]);
    // An opaque answer to the script, and the app's 403 on the wire.
    expect(response.status()).toBe(403);
  });
});
