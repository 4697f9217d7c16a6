/**
 * PostgreSQL restarted under load. The production server (two worker processes) runs on a
 * PostgreSQL cluster of this test's own (tests/e2e/support/private-postgres.ts), so stopping it
 * disturbs no other test. While autocannon keeps the tracker, the dashboard and a team member's
 * checklist busy, the cluster is stopped (once "fast", once "immediate"), kept down five seconds and
 * started again. During the outage every answer is a quick 503 with a Vietnamese message (pages,
 * single-fetch data requests, the tablet's JSON route, /healthz), never a 500, a stack trace or
 * SQL; once PostgreSQL is back every page answers 200 within seconds without restarting the app,
 * the same worker processes serve, and a write is stored.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import autocannon from "autocannon";
import type { Browser, Page } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInCookie } from "../../bench/support/app-server";
import { IPAD, launchBrowser } from "./support/browser";
import { ROOT } from "./support/paths";
import { type PrivatePostgres, type StopMode, startPrivatePostgres } from "./support/private-postgres";
import { type RunningServer, startServer } from "./support/server";
import { expectHeading, waitForHydration, waitForIdle } from "./support/session";

const CONNECTIONS = 10;
const OUTAGE_MS = 5_000;
/** "Within a few seconds": from PostgreSQL accepting connections again, every request started later answers 200. */
const RECOVERY_LIMIT_MS = 5_000;
/** A 503 is quick: the app does not wait for the database to come back. */
const SLOWEST_REFUSAL_MS = 5_000;
/** No answer at all may take longer (autocannon's timeout): a busy machine makes pages slow, not hung. */
const SLOWEST_ANSWER_MS = 10_000;

const OUTAGE_TITLE = "Tạm thời không truy cập được dữ liệu";
const OUTAGE_TEXT = "vui lòng thử lại sau ít phút";
/** What must never reach a user: stack frames, SQL, driver error names, the database address. */
const LEAKS = /Failed query|DrizzleQueryError|PostgresError|ECONN[A-Z]+|CONNECTION_[A-Z]+|CONNECT_TIMEOUT|57P0\d|postgres:\/\/|node_modules|\.[cm]?js:\d+:\d+/;

type Target = { path: string; cookie: string; heading: string };
type Sample = { start: number; end: number; status: number };
type Probe = { status: number; body: string; ms: number; contentType: string };
/** What a person in a browser does at each step of an outage. */
type Steps = { whileDown?: () => Promise<void>; afterRecovery?: () => Promise<void> };

/** The server's primary process and its cluster workers, found by the PORT in their environment. */
function serverProcesses(port: number): { primary: number; workers: number[] } {
  const found: { pid: number; ppid: number }[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("serve.mjs")) continue;
      if (!readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(`PORT=${port}`)) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      found.push({ pid: Number(entry), ppid: Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) });
    } catch {
      // gone while we looked
    }
  }
  const pids = new Set(found.map((p) => p.pid));
  const primary = found.find((p) => !pids.has(p.ppid));
  if (!primary) throw new Error(`no server process with PORT=${port}`);
  return { primary: primary.pid, workers: found.filter((p) => p.ppid === primary.pid).map((p) => p.pid).sort() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One private cluster for the file: first the client alone, then the server under load, on it. */
let pg: PrivatePostgres;
beforeAll(async () => {
  pg = await startPrivatePostgres();
}, 60_000);
afterAll(async () => {
  await pg?.destroy();
});

/**
 * postgres.js 3.4.9 breaks a connection for good, or ends the process from a timer, when the server
 * goes away during a transaction's write (porsager/postgres#1154, #1208): the app's client
 * (db/client.ts) replaces its pool after such a close and catches that one error. Here an app-like
 * process (support/outage-client.ts) is in a transaction when PostgreSQL stops; it must live on
 * and every query after the restart must succeed, none hang.
 */
describe("the app's database client when PostgreSQL stops during a transaction", () => {

  it("stopped fast, then immediately: the process lives on, no connection is left broken", async () => {
    const modes: StopMode[] = ["fast", "immediate"];
    const child = spawn(process.execPath, ["--import", "tsx", "tests/e2e/support/outage-client.ts", pg.url, String(modes.length)], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    let read = 0;
    const nextLine = async () => {
      while (stdout.split("\n").length - 1 <= read) {
        if (child.exitCode !== null) throw new Error(`the client exited (${child.exitCode}): ${stderr}`);
        await sleep(50);
      }
      return stdout.split("\n")[read++];
    };
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      for (const mode of modes) {
        expect(await nextLine()).toBe("in-transaction");
        await sleep(300);
        await pg.stop(mode);
        await pg.start();
        child.stdin.write("go\n");
        const result = JSON.parse(await nextLine()) as { transaction: string; queries: { outcome: string; ms: number }[] };
        console.log(`[client ${mode}] transaction: ${result.transaction}; queries after the restart: ${result.queries.map((q) => `${q.outcome} ${q.ms} ms`).join(", ")}`);
        expect(result.transaction).not.toBe("committed");
        expect(result.queries.map((q) => q.outcome)).toEqual(result.queries.map(() => "ok"));
      }
      expect(await exited, stderr).toBe(0);
    } finally {
      child.kill();
    }
  }, 90_000);
});

describe("PostgreSQL stopped and started again under load", () => {
  let server: RunningServer;
  let targets: Target[];
  let member: string;
  let visitId: number;
  let itemId: number;
  let processes: { primary: number; workers: number[] };
  let browser: Browser;
  /** trang.ttt's tab, open on the app through both outages. */
  let tab: Page;

  /** A fresh client for each use: one kept across a restart would itself meet a closed connection first. */
  async function query<T extends object>(text: string): Promise<T[]> {
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    try {
      return (await sql.unsafe(text)) as unknown as T[];
    } finally {
      await sql.end({ timeout: 5 });
    }
  }

  async function probe(path: string, init: RequestInit = {}): Promise<Probe> {
    const started = Date.now();
    const response = await fetch(`${server.baseURL}${path}`, { redirect: "manual", signal: AbortSignal.timeout(10_000), ...init });
    const body = await response.text();
    return { status: response.status, body, ms: Date.now() - started, contentType: response.headers.get("content-type") ?? "" };
  }

  const page = (target: Target) => probe(target.path, { headers: { Cookie: target.cookie, Accept: "text/html" } });

  beforeAll(async () => {
    const launching = launchBrowser();
    launching.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    server = await startServer({
      databaseUrl: pg.url,
      env: { WEB_CONCURRENCY: "2", REMINDERS: "off", DATABASE_POOL_SIZE: "6" },
      logName: "postgres-outage.log",
    });
    const committee = await signInCookie(server.baseURL, "trang.ttt");
    member = await signInCookie(server.baseURL, "nhung.vt");
    const [visit] = await query<{ visitId: number; itemId: number; unitName: string }>(`
      SELECT v.id AS "visitId", i.id AS "itemId", u.name AS "unitName"
      FROM visits v
      JOIN units u ON u.id = v.unit_id
      JOIN supervision_plans p ON p.id = v.plan_id
      JOIN checklist_sections s ON s.template_id = p.checklist_template_id
      JOIN checklist_items i ON i.section_id = s.id
      WHERE u.name = 'Bộ phận Một cửa phường Bình An' AND p.status IN ('issued', 'in_progress') AND i.answer_type = 'tri_state'
      ORDER BY s.position, i.position
      LIMIT 1`);
    ({ visitId, itemId } = visit);
    targets = [
      { path: "/recommendations", cookie: committee, heading: "<h1>Theo dõi thực hiện kiến nghị</h1>" },
      { path: "/dashboard", cookie: committee, heading: "<h1>Tổng hợp theo dõi kiến nghị</h1>" },
      { path: `/visits/${visitId}`, cookie: member, heading: `<h1>Phiếu kiểm tra: <!-- -->${visit.unitName}</h1>` },
    ];
    for (const target of targets) {
      const answer = await page(target);
      expect(answer.status, target.path).toBe(200);
      expect(answer.body, target.path).toContain(target.heading);
    }
    processes = serverProcesses(Number(new URL(server.baseURL).port));
    expect(processes.workers).toHaveLength(2);

    browser = await launching;
    const context = await browser.newContext({ baseURL: server.baseURL, viewport: IPAD, locale: "vi-VN" });
    context.setDefaultTimeout(15_000);
    const [name, value] = committee.split(/=(.*)/s);
    await context.addCookies([{ name, value, url: server.baseURL }]);
    tab = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Every page of the load, the JSON route and /healthz answer as when nothing happened. */
  async function allHealthy(): Promise<boolean> {
    const answers = await Promise.all(targets.map(page));
    if (!answers.every((a, i) => a.status === 200 && a.body.includes(targets[i].heading))) return false;
    const api = await probe(`/visits/${visitId}/answers`, { headers: { Cookie: member } });
    const health = await probe("/healthz");
    return api.status === 200 && health.status === 200 && health.body === "ok";
  }

  /** The answers while PostgreSQL is down, each checked for status, message, leaks and speed. */
  async function expectOutageAnswers() {
    const [document, data, api, health] = await Promise.all([
      page(targets[0]),
      probe(`${targets[1].path}.data`, { headers: { Cookie: targets[1].cookie } }),
      probe(`/visits/${visitId}/answers`, { headers: { Cookie: member } }),
      probe("/healthz"),
    ]);
    // A page: the root ErrorBoundary's Vietnamese panel, with a way to try again.
    expect(document.status).toBe(503);
    expect(document.contentType).toContain("text/html");
    expect(document.body).toContain(OUTAGE_TITLE);
    expect(document.body).toContain(OUTAGE_TEXT);
    expect(document.body).toContain("Thử lại");
    // A client-side navigation (single fetch): the same 503 with the message, for the same panel.
    expect(data.status).toBe(503);
    expect(data.body).toContain(OUTAGE_TEXT);
    // The tablet's sync route: { message } it shows, and a 503 it retries (app/checklist/sync.client.ts).
    expect(api.status).toBe(503);
    expect(JSON.parse(api.body)).toEqual({ message: expect.stringContaining(OUTAGE_TEXT) });
    expect(health.status).toBe(503);
    for (const answer of [document, data, api, health]) {
      expect(answer.body).not.toMatch(LEAKS);
      expect(answer.ms).toBeLessThan(SLOWEST_REFUSAL_MS);
    }
  }

  async function outage(mode: StopMode, steps: Steps = {}) {
    const samples: Sample[] = [];
    /** Timeouts and failed connections both come as reqError. */
    let errors = 0;
    let timeouts = 0;
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => (done = resolve));
    const load = autocannon(
      {
        url: server.baseURL,
        connections: CONNECTIONS,
        duration: 60,
        timeout: SLOWEST_ANSWER_MS / 1000,
        requests: targets.map((t) => ({ method: "GET" as const, path: t.path, headers: { cookie: t.cookie, accept: "text/html" } })),
      },
      (_error, result) => {
        timeouts = result?.timeouts ?? 0;
        done();
      },
    );
    load.on("response", (_client, status, _bytes, responseTime) => {
      const end = Date.now();
      samples.push({ start: end - responseTime, end, status });
    });
    load.on("reqError", () => (errors += 1));
    try {
      // The load runs, and every page answers, before anything happens.
      const warming = Date.now();
      while (samples.length < 2 * CONNECTIONS && Date.now() - warming < 20_000) await sleep(100);
      expect(samples.length, "the load runs before the outage").toBeGreaterThanOrEqual(2 * CONNECTIONS);

      const stopping = Date.now();
      await pg.stop(mode);
      const down = Date.now();
      await steps.whileDown?.();
      do {
        await expectOutageAnswers();
        await sleep(500);
      } while (Date.now() - down < OUTAGE_MS);
      const starting = Date.now();
      await pg.start();
      const up = Date.now();
      // Every page with its heading, the JSON route and /healthz, probed until they all answer.
      let healthy = 0;
      while (!healthy) {
        if (await allHealthy()) healthy = Date.now();
        else if (Date.now() - up > 4 * RECOVERY_LIMIT_MS) throw new Error(`not recovered ${4 * RECOVERY_LIMIT_MS} ms after PostgreSQL was back`);
        else await sleep(100);
      }
      await steps.afterRecovery?.();
      // The load goes on long enough to show that nothing fails any more.
      const enough = () => samples.filter((s) => s.start >= up + RECOVERY_LIMIT_MS).length >= 2 * CONNECTIONS;
      while (Date.now() < healthy + 2_000 || (!enough() && Date.now() < up + 30_000)) await sleep(100);
      load.stop();
      await finished;

      const count = (list: Sample[]) => list.reduce<Record<number, number>>((c, s) => ({ ...c, [s.status]: (c[s.status] ?? 0) + 1 }), {});
      const during = samples.filter((s) => s.start >= down && s.end <= starting);
      const afterStart = samples.filter((s) => s.start >= up);
      const lastFailure = Math.max(up, ...afterStart.filter((s) => s.status !== 200).map((s) => s.start));
      const settled = samples.filter((s) => s.start >= up + RECOVERY_LIMIT_MS);
      const slowest = (list: Sample[]) => Math.round(Math.max(0, ...list.map((s) => s.end - s.start)));
      console.log(
        `[outage ${mode}] ${samples.length} answers ${JSON.stringify(count(samples))}; ` +
          `before the stop ${JSON.stringify(count(samples.filter((s) => s.end <= stopping)))}, ` +
          `while down ${JSON.stringify(count(during))}, after the start ${JSON.stringify(count(afterStart))}; ` +
          `stop took ${down - stopping} ms, start ${up - starting} ms; last failure began ${lastFailure - up} ms after the start, ` +
          `every probe 200 ${healthy - up} ms after it; slowest answer while down ${slowest(during)} ms, ` +
          `slowest answer ${slowest(samples)} ms, ${errors} request errors (${timeouts} of them timeouts)`,
      );
      expect(samples.filter((s) => s.status !== 200 && s.status !== 503), "only 200 or 503, never a 500").toEqual([]);
      expect(samples.filter((s) => s.end <= stopping).every((s) => s.status === 200), "all 200 before the stop").toBe(true);
      expect(during.length).toBeGreaterThan(CONNECTIONS);
      expect(during.filter((s) => s.status !== 503), "every answer while down is 503").toEqual([]);
      // A request that began on a stopped database is refused at once (one in flight at the stop may have been slow already).
      expect(slowest(during), "a 503 does not wait for the database").toBeLessThan(SLOWEST_REFUSAL_MS);
      expect(lastFailure - up, "every request 200 again within a few seconds").toBeLessThan(RECOVERY_LIMIT_MS);
      expect(settled.length).toBeGreaterThanOrEqual(2 * CONNECTIONS);
      expect(errors, "no request hung or lost its connection").toBe(0);
      expect(slowest(samples)).toBeLessThan(SLOWEST_ANSWER_MS);
    } finally {
      load.stop();
    }
  }

  it("stopped fast (sessions ended by the server): 503s while down, 200s again by itself", async () => {
    // Opened and hydrated before the load starts, which would only make that slow.
    await tab.goto("/dashboard");
    await waitForHydration(tab);
    await expectHeading(tab, "Tổng hợp theo dõi kiến nghị");
    await outage("fast", {
      // A client-side navigation meets the outage: the panel says what happened and offers to try again.
      whileDown: async () => {
        await tab.locator("header").getByRole("link", { name: "Theo dõi kiến nghị" }).click();
        await waitForIdle(tab);
        await expectHeading(tab, OUTAGE_TITLE);
        const shown = (await tab.locator("main").textContent()) ?? "";
        expect(shown).toContain(OUTAGE_TEXT);
        expect(shown).toContain("Mã lỗi: 503");
        expect(shown).not.toMatch(LEAKS);
      },
      afterRecovery: async () => {
        await tab.locator("main").getByRole("link", { name: "Thử lại" }).click();
        await expectHeading(tab, "Theo dõi thực hiện kiến nghị");
        expect(new URL(tab.url()).pathname).toBe("/recommendations");
      },
    });
  }, 90_000);

  it("stopped immediately (as if it crashed): 503s while down, 200s again by itself", async () => {
    await outage("immediate", {
      // A page opened while the database is down: the same panel, served by the server.
      whileDown: async () => {
        const response = await tab.goto("/dashboard");
        expect(response?.status()).toBe(503);
        await expectHeading(tab, OUTAGE_TITLE);
      },
      afterRecovery: async () => {
        await tab.reload();
        await expectHeading(tab, "Tổng hợp theo dõi kiến nghị");
      },
    });
  }, 90_000);

  it("recovered without a restart: the same worker processes, and a write is stored", async () => {
    expect(serverProcesses(Number(new URL(server.baseURL).port))).toEqual(processes);
    const log = readFileSync(server.logFile, "utf8");
    expect(log).not.toMatch(/tiến trình \d+ dừng/);
    // The 503s came from the classifier (it logs the outage, a line per few seconds), not by chance.
    expect(log).toMatch(/Không truy cập được cơ sở dữ liệu \((ECONNREFUSED|CONNECTION_CLOSED|57P01)/);

    const note = `Sau khi khởi động lại cơ sở dữ liệu ${randomUUID()}`;
    const saved = await probe(`/visits/${visitId}/answers`, {
      method: "POST",
      headers: { Cookie: member, "Content-Type": "application/json", Origin: server.baseURL },
      body: JSON.stringify({ edits: [{ editId: randomUUID(), itemId, answeredAt: new Date().toISOString(), baseRevision: 0, value: "not_met", note }] }),
    });
    expect(saved.status, saved.body).toBe(200);
    expect(JSON.parse(saved.body).outcomes[0]).toMatchObject({ outcome: "applied", answer: { value: "not_met", note } });
    const stored = await query<{ value: string; note: string }>(`SELECT value::text AS value, note FROM answers WHERE visit_id = ${visitId} AND item_id = ${itemId}`);
    expect(stored).toEqual([{ value: "not_met", note }]);
  }, 30_000);
});
