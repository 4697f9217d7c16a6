/**
 * The server dies in the middle of a sync and comes back: the tablet has queued several answers
 * offline; when it reconnects, its batch reaches the server and is saved, and the server is
 * killed (SIGKILL) before it can answer. The tablet, never told, keeps everything, says it is not
 * yet saved, takes more answers and survives a reload while the server is down. Once the server
 * is started again on the same database and port, the batch is sent again and recognised by its
 * edit ids: every edit ends up on the server exactly once, with the last value.
 *
 * Its own production server on its own PostgreSQL database (hdnd_sync_restart), started by this
 * spec on a fixed port so the page's origin (and its IndexedDB) stays the same across the restart.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page, Request } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminUrl } from "../support/database-config";
import { ipadContextOptions, launchBrowser } from "./support/browser";
import { RESULTS_DIR, ROOT, SERVE_CLI } from "./support/paths";
import { freePort } from "./support/server";
import { signIn, waitForHydration } from "./support/session";

const DATABASE = "hdnd_sync_restart";
const LOG = path.join(RESULTS_DIR, "sync-server-restart.log");
const CHOICES = { met: "Đạt", not_met: "Chưa đạt", not_applicable: "Không áp dụng" } as const;

type Outcome = { editId: string; outcome: string };
type AnswerRow = { code: string; value: string | null; note: string; revision: number; edit_id: string };

/** One production server process on a fixed port and database, which the test may kill and start again. */
function restartableServer(options: { port: number; databaseUrl: string }) {
  const sessionSecret = randomBytes(32).toString("hex");
  const attachmentsDir = mkdtempSync(path.join(tmpdir(), "hdnd-e2e-attachments-"));
  const baseURL = `http://localhost:${options.port}`;
  let child: ChildProcess | null = null;
  let starts = 0;

  const exited = (process: ChildProcess) =>
    process.exitCode !== null || process.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => process.once("exit", () => resolve()));

  return {
    baseURL,
    async start() {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(options.port),
        DATABASE_URL: options.databaseUrl,
        DEMO_DATA: "1",
        ATTACHMENTS_DIR: attachmentsDir,
        SESSION_SECRET: sessionSecret,
        WEB_CONCURRENCY: "1",
        REMINDERS: "off",
      };
      for (const name of ["HOST", "COOKIE_SECURE", "PGLITE_DATA_DIR", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"]) delete env[name];
      const log = openSync(LOG, starts++ === 0 ? "w" : "a");
      const started = spawn(process.execPath, [SERVE_CLI, "./build/server/index.js"], { cwd: ROOT, env, stdio: ["ignore", log, log] });
      closeSync(log);
      child = started;
      const deadline = Date.now() + 90_000;
      while (Date.now() < deadline) {
        if (started.exitCode !== null) throw new Error(`the server exited (code ${started.exitCode}):\n${readFileSync(LOG, "utf8").slice(-3000)}`);
        try {
          const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2_000) });
          if (response.status === 200 && (await response.text()) === "ok") return;
        } catch {
          // not listening yet
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`the server did not answer /healthz:\n${readFileSync(LOG, "utf8").slice(-3000)}`);
    },
    /** SIGKILL: no shutdown, no answer to what is in flight. */
    async kill() {
      if (!child) return;
      const dying = child;
      child = null;
      dying.kill("SIGKILL");
      await exited(dying);
    },
    async stop() {
      if (child) {
        const stopping = child;
        child = null;
        stopping.kill("SIGTERM");
        await Promise.race([exited(stopping), new Promise((resolve) => setTimeout(resolve, 5_000))]);
        stopping.kill("SIGKILL");
      }
      rmSync(attachmentsDir, { recursive: true, force: true });
    },
  };
}

describe("a sync cut by the server dying, and the server's return", () => {
  let admin: postgres.Sql;
  let sql: postgres.Sql;
  let server: ReturnType<typeof restartableServer>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let visitId = 0;

  beforeAll(async () => {
    admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${DATABASE}`);
    server = restartableServer({ port: await freePort(), databaseUrl: adminUrl(DATABASE) });
    const launching = launchBrowser();
    launching.catch(() => {});
    await server.start();
    browser = await launching;
    context = await browser.newContext({ ...ipadContextOptions(), baseURL: server.baseURL });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    sql = postgres(adminUrl(DATABASE), { max: 2, onnotice: () => {} });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await sql?.end();
    await admin?.unsafe(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin?.end();
  });

  const item = (code: string) => page.locator(`article[data-item-code="${code}"]`);
  async function choose(code: string, value: keyof typeof CHOICES) {
    await item(code).getByRole("button", { name: CHOICES[value], exact: true }).click();
  }
  async function note(code: string, text: string) {
    await item(code).getByLabel(/Ghi chú/).fill(text);
    await item(code).getByLabel(/Ghi chú/).press("Tab");
  }
  async function openSectionB() {
    await page.locator(".section-tab", { has: page.locator(".section-code", { hasText: "B" }) }).click();
    await page.locator("#section-title", { hasText: /^B\./ }).waitFor();
  }
  async function rows(): Promise<Map<string, AnswerRow>> {
    const found = await sql<AnswerRow[]>`
      SELECT i.code, a.value, a.note, a.revision, a.edit_id
      FROM answers a JOIN checklist_items i ON i.id = a.item_id
      WHERE a.visit_id = ${visitId}`;
    return new Map(found.map((r) => [r.code, r]));
  }
  /** How many times each item's answer was saved, by the audit log the save writes in its transaction. */
  async function saves(): Promise<Record<string, number>> {
    const found = await sql<{ code: string; n: number }[]>`
      SELECT i.code, count(*)::int AS n
      FROM audit_log l
      JOIN checklist_items i ON l.entity_id = ${`${visitId}:`} || i.id::text
      WHERE l.entity = 'answer' AND l.action = 'answer.save'
      GROUP BY i.code`;
    return Object.fromEntries(found.map((r) => [r.code, r.n]));
  }
  const isAnswerPost = (request: Request) => request.method() === "POST" && /^\/visits\/\d+\/answers$/.test(new URL(request.url()).pathname);

  it("keeps the edits through the outage and a reload, then saves each exactly once", async () => {
    await signIn(page, "nhung.vt");
    await page.getByRole("link", { name: "Bộ phận Một cửa phường Bình An" }).first().click();
    await page.waitForURL((url) => /^\/visits\/\d+$/.test(url.pathname));
    visitId = Number(new URL(page.url()).pathname.split("/")[2]);
    await waitForHydration(page);
    await page.locator('[data-sync-ready="true"]').waitFor();
    await page.locator('[data-offline-ready="true"]').waitFor({ timeout: 20_000 });
    await openSectionB();

    // Six edits queued offline; B1 three times.
    await context.setOffline(true);
    await page.waitForFunction(() => !navigator.onLine);
    await choose("B1", "not_met");
    await note("B1", "Thiếu thủ tục lĩnh vực đất đai");
    await choose("B2", "met");
    await choose("B3", "not_applicable");
    await note("B1", "Thiếu 3 thủ tục lĩnh vực đất đai, 1 thủ tục hộ tịch");
    await choose("B5", "met");
    await page.getByText("6 mục đang được giữ trên máy").waitFor();

    // Back online: the batch reaches the server, is saved, and the server dies before answering.
    let firstBatch: { editId: string }[] = [];
    let firstOutcomes: Outcome[] = [];
    let cut = false;
    await page.route("**/visits/*/answers", async (route) => {
      if (cut || route.request().method() !== "POST") return route.continue();
      cut = true;
      firstBatch = (JSON.parse(route.request().postData() ?? "{}") as { edits: { editId: string }[] }).edits;
      const response = await route.fetch();
      firstOutcomes = ((await response.json()) as { outcomes: Outcome[] }).outcomes;
      await server.kill();
      await route.abort("connectionreset");
    });
    await context.setOffline(false);
    await expect.poll(() => cut, { timeout: 15_000 }).toBe(true);
    await page.locator(".sync-banner.offline").waitFor({ timeout: 15_000 });
    expect(firstBatch).toHaveLength(6);
    expect(firstOutcomes.map((o) => o.outcome)).toEqual(Array(6).fill("applied"));
    // The server had saved them all before it died; the tablet does not know and keeps all six.
    const saved = await rows();
    expect(saved.get("B1")).toMatchObject({ value: "not_met", note: "Thiếu 3 thủ tục lĩnh vực đất đai, 1 thủ tục hộ tịch", revision: 3 });
    expect(await page.locator(".sync-banner").textContent()).toContain("6 mục đang được giữ trên máy");

    // Still down: more answers, then a reload, which the service worker serves.
    await choose("B2", "not_met");
    await note("B2", "Nội dung niêm yết khác quyết định công bố");
    await choose("B4", "met");
    await page.getByText("9 mục đang được giữ trên máy").waitFor({ timeout: 15_000 });
    await page.reload();
    await waitForHydration(page);
    await page.locator('[data-sync-ready="true"]').waitFor();
    await openSectionB();
    expect(await item("B1").getByLabel(/Ghi chú/).inputValue()).toBe("Thiếu 3 thủ tục lĩnh vực đất đai, 1 thủ tục hộ tịch");
    expect(await item("B1").getByRole("button", { name: "Chưa đạt" }).getAttribute("aria-pressed")).toBe("true");
    expect(await item("B2").getByRole("button", { name: "Chưa đạt" }).getAttribute("aria-pressed")).toBe("true");
    expect(await item("B2").getByLabel(/Ghi chú/).inputValue()).toBe("Nội dung niêm yết khác quyết định công bố");
    expect(await item("B4").getByRole("button", { name: "Đạt", exact: true }).getAttribute("aria-pressed")).toBe("true");
    expect(await item("B2").locator(".save-state").textContent()).toBe("Đang chờ gửi");
    // The first sync after the reload fails too: the banner says what waits on the device.
    await page.getByText("9 mục đang được giữ trên máy").waitFor({ timeout: 15_000 });

    // The server comes back on the same database and port; the tablet sends everything again.
    const resent: Outcome[] = [];
    page.on("response", async (response) => {
      if (!isAnswerPost(response.request()) || !response.ok()) return;
      resent.push(...((await response.json()) as { outcomes: Outcome[] }).outcomes);
    });
    await server.start();
    await page.locator(".sync-banner.saved").waitFor({ timeout: 30_000 });

    // The six already saved are recognised: the last edit of each item as a duplicate, B1's two
    // earlier ones as older than what the server has; the three new ones applied.
    const byId = new Map(resent.map((o) => [o.editId, o.outcome]));
    for (const edit of firstBatch) expect(["duplicate", "stale"]).toContain(byId.get(edit.editId));
    expect(resent.filter((o) => o.outcome === "applied")).toHaveLength(3);
    expect(resent.filter((o) => o.outcome === "duplicate")).toHaveLength(4);
    // Nothing to tell the member: B1's older edits lost to her own later one, not to a teammate.
    expect(await page.locator(".item-notice").count()).toBe(0);

    const after = await rows();
    expect(Object.fromEntries([...after].map(([code, r]) => [code, { value: r.value, note: r.note, revision: r.revision }]))).toEqual({
      B1: { value: "not_met", note: "Thiếu 3 thủ tục lĩnh vực đất đai, 1 thủ tục hộ tịch", revision: 3 },
      B2: { value: "not_met", note: "Nội dung niêm yết khác quyết định công bố", revision: 3 },
      B3: { value: "not_applicable", note: "", revision: 1 },
      B4: { value: "met", note: "", revision: 1 },
      B5: { value: "met", note: "", revision: 1 },
    });
    // Each of the nine edits saved once: as many saves as edits, none twice.
    expect(await saves()).toEqual({ B1: 3, B2: 3, B3: 1, B4: 1, B5: 1 });

    await page.reload();
    await waitForHydration(page);
    await page.locator('[data-sync-ready="true"]').waitFor();
    await openSectionB();
    for (const code of ["B1", "B2", "B3", "B4", "B5"]) expect(await item(code).locator(".save-state").textContent(), code).toBe("Đã lưu");
    expect(await item("B2").getByLabel(/Ghi chú/).inputValue()).toBe("Nội dung niêm yết khác quyết định công bố");
  }, 120_000);
});
