/**
 * Two production servers on one PostgreSQL database, as behind a load balancer: the session
 * cookie made by one is accepted by the other (one SESSION_SECRET, sessions in the database), an
 * answer saved through one is read through the other and an older save through the other is
 * refused, signing out on one ends the session on both, and both run the reminder job while every
 * recipient gets each reminder once.
 *
 * Its own database (hdnd_two_instances on the test PostgreSQL server, TEST_DATABASE_URL), migrated
 * and loaded with the demo data by the first server; dropped afterwards. The servers run the
 * reminder job one second after start (REMINDER_FIRST_RUN_SECONDS) instead of 30 s.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIRequestContext, Browser, BrowserContext } from "playwright-core";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminUrl } from "../support/database-config";
import { ipadContextOptions, launchBrowser } from "./support/browser";
import { type RunningServer, startServer } from "./support/server";
import { homeTitle, signIn, waitForIdle } from "./support/session";

const DATABASE = "hdnd_two_instances";
const SESSION_COOKIE = "__hdnd_session";

type Answer = { itemId: number; value: string | null; note: string; revision: number; answeredByName: string | null };
type Outcome = { outcome: string; answer?: Answer };

/** "[nhắc việc] Nhắc việc 2026-12-01: 28 kiến nghị được xét, 9 lần nhắc đã gửi (14 thông báo, …), 0 đã do lượt khác gửi, …" */
type ReminderRun = { considered: number; sent: number; notifications: number; skipped: number };

function reminderRuns(logFile: string): ReminderRun[] {
  const pattern = /\[nhắc việc\] Nhắc việc \S+: (\d+) kiến nghị được xét, (\d+) lần nhắc đã gửi \((\d+) thông báo, \d+ e-mail chờ gửi\), (\d+) đã do lượt khác gửi/g;
  return [...readFileSync(logFile, "utf8").matchAll(pattern)].map((m) => ({
    considered: Number(m[1]),
    sent: Number(m[2]),
    notifications: Number(m[3]),
    skipped: Number(m[4]),
  }));
}

describe("two app instances on one PostgreSQL database", () => {
  let admin: postgres.Sql;
  let sql: postgres.Sql;
  let a: RunningServer;
  let b: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** nhung.vt's browser, signed in on A; another browser given her cookie, on B. */
  let browserA: BrowserContext;
  let browserB: BrowserContext;
  let visitId: number;
  let itemId: number;
  /** nhung.vt's session cookie, made by A. */
  let cookie: Awaited<ReturnType<BrowserContext["cookies"]>>[number];

  async function contextOn(server: RunningServer) {
    const context = await browser.newContext({ ...ipadContextOptions(), baseURL: server.baseURL });
    context.setDefaultTimeout(15_000);
    contexts.push(context);
    return context;
  }

  async function answersOn(request: APIRequestContext, server: RunningServer): Promise<Answer[]> {
    const response = await request.get(`${server.baseURL}/visits/${visitId}/answers`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as { answers: Answer[] }).answers;
  }

  async function save(request: APIRequestContext, server: RunningServer, edit: Record<string, unknown>): Promise<Outcome> {
    // As the tablet's fetch does: the server refuses posts that do not say they come from its own pages.
    const response = await request.post(`${server.baseURL}/visits/${visitId}/answers`, { data: { edits: [edit] }, headers: { Origin: server.baseURL } });
    expect(response.status()).toBe(200);
    return ((await response.json()) as { outcomes: Outcome[] }).outcomes[0];
  }

  beforeAll(async () => {
    admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${DATABASE}`);
    const databaseUrl = adminUrl(DATABASE);
    const sessionSecret = randomBytes(32).toString("hex");
    // One process per instance (the production server may fork workers), reminders 1 s after start.
    const env = { REMINDER_FIRST_RUN_SECONDS: "1", WEB_CONCURRENCY: "1" };
    const launching = launchBrowser();
    launching.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
    // A migrates the empty database and loads the demo data; B starts on it as it is.
    a = await startServer({ databaseUrl, sessionSecret, env, logName: "two-instances-a.log" });
    b = await startServer({ databaseUrl, sessionSecret, env: { ...env, DEMO_DATA: "0" }, logName: "two-instances-b.log" });
    browser = await launching;
    sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
    const [visit] = await sql<{ visitId: number; itemId: number }[]>`
      SELECT v.id AS "visitId", i.id AS "itemId"
      FROM visits v
      JOIN units u ON u.id = v.unit_id
      JOIN supervision_plans p ON p.id = v.plan_id
      JOIN checklist_sections s ON s.template_id = p.checklist_template_id
      JOIN checklist_items i ON i.section_id = s.id
      WHERE u.name = 'Bộ phận Một cửa phường Bình An' AND p.status IN ('issued', 'in_progress') AND i.answer_type = 'tri_state'
      ORDER BY s.position, i.position
      LIMIT 1`;
    ({ visitId, itemId } = visit);
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await sql?.end();
    await admin?.unsafe(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin?.end();
  });

  it("a session made by A is accepted by B", async () => {
    browserA = await contextOn(a);
    const pageA = await browserA.newPage();
    await signIn(pageA, "nhung.vt");
    expect(await homeTitle(pageA)).toBe("Thành viên đoàn giám sát: Vũ Thị Nhưng");
    [cookie] = (await browserA.cookies()).filter((c) => c.name === SESSION_COOKIE);
    expect(cookie?.value).toBeTruthy();

    // Control: B without the cookie sends to the sign-in page.
    const stranger = await (await contextOn(b)).newPage();
    await stranger.goto("/");
    expect(new URL(stranger.url()).pathname).toBe("/login");

    browserB = await contextOn(b);
    await browserB.addCookies([cookie]);
    const pageB = await browserB.newPage();
    await pageB.goto("/");
    expect(new URL(pageB.url()).port).toBe(new URL(b.baseURL).port);
    expect(await homeTitle(pageB)).toBe("Thành viên đoàn giám sát: Vũ Thị Nhưng");
  });

  it("an answer saved through A is read through B; an older save through B is refused as stale", async () => {
    const request = browserA.request; // nhung.vt's cookie; each call names its server
    const savedAt = new Date();
    const saved = await save(request, a, {
      editId: randomUUID(),
      itemId,
      answeredAt: savedAt.toISOString(),
      baseRevision: 0,
      value: "not_met",
      note: "Lưu qua máy chủ A",
    });
    expect(saved).toMatchObject({ outcome: "applied", answer: { value: "not_met", note: "Lưu qua máy chủ A", answeredByName: "Vũ Thị Nhưng" } });
    const revision = saved.answer!.revision;

    const onB = (await answersOn(request, b)).find((answer) => answer.itemId === itemId);
    expect(onB).toMatchObject({ value: "not_met", note: "Lưu qua máy chủ A", revision });

    // A tablet that still shows the revision before A's save, with an answer given before it.
    const stale = await save(request, b, {
      editId: randomUUID(),
      itemId,
      answeredAt: new Date(savedAt.getTime() - 60_000).toISOString(),
      baseRevision: revision - 1,
      value: "met",
      note: "Lưu cũ qua máy chủ B",
    });
    expect(stale).toMatchObject({ outcome: "stale", answer: { value: "not_met", note: "Lưu qua máy chủ A", revision } });
    for (const server of [a, b]) {
      expect((await answersOn(request, server)).find((answer) => answer.itemId === itemId)).toMatchObject({ note: "Lưu qua máy chủ A", revision });
    }
  });

  it("signing out on A ends the session on B", async () => {
    const pageA = browserA.pages()[0];
    await pageA.goto("/");
    await pageA.getByRole("button", { name: "Đăng xuất" }).click();
    await pageA.waitForURL((url) => url.pathname === "/login");
    await waitForIdle(pageA);
    const [{ n }] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.username = 'nhung.vt'`;
    expect(n).toBe(0);

    // The browser on B still holds the old cookie: B no longer accepts it.
    const pageB = browserB.pages()[0];
    expect((await browserB.cookies()).find((c) => c.name === SESSION_COOKIE)?.value).toBe(cookie.value);
    await pageB.goto("/");
    expect(new URL(pageB.url()).pathname).toBe("/login");
    const api = await browserB.request.get(`${b.baseURL}/visits/${visitId}/answers`, { maxRedirects: 0 });
    expect(api.status()).toBe(302);
    expect(api.headers().location).toBe(`/login?redirectTo=${encodeURIComponent(`/visits/${visitId}/answers`)}`);
  });

  it("both run the reminder job; each recipient gets each reminder once", async () => {
    // Each server logs one line per run; the first comes a second after start (once the database is ready).
    const deadline = Date.now() + 30_000;
    while ((reminderRuns(a.logFile).length === 0 || reminderRuns(b.logFile).length === 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const runs = [...reminderRuns(a.logFile), ...reminderRuns(b.logFile)];
    expect(reminderRuns(a.logFile), "server A ran the job").not.toHaveLength(0);
    expect(reminderRuns(b.logFile), "server B ran the job").not.toHaveLength(0);
    // Both looked at the same open recommendations of the demo data.
    expect(new Set(runs.map((run) => run.considered)).size).toBe(1);
    expect(runs[0].considered).toBeGreaterThan(0);

    const [{ recorded }] = await sql<{ recorded: number }[]>`SELECT count(*)::int AS recorded FROM reminders_sent`;
    expect(recorded).toBeGreaterThan(0);
    // Between them the runs sent exactly the steps recorded: none twice (a run that lost a race counts it as skipped).
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(recorded);

    const [{ notified }] = await sql<{ notified: number }[]>`SELECT count(*)::int AS notified FROM notifications`;
    expect(notified).toBe(runs.reduce((sum, run) => sum + run.notifications, 0));
    const duplicates = await sql`
      SELECT user_id, link, title, count(*)::int AS n FROM notifications
      GROUP BY user_id, link, title, body HAVING count(*) > 1`;
    expect(duplicates).toEqual([]);
    // Every recorded step reached someone.
    const unnotified = await sql`
      SELECT r.recommendation_id, r.step, r.audience FROM reminders_sent r
      WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.link = '/recommendations/' || r.recommendation_id AND n.created_at = r.sent_at)`;
    expect(unnotified).toEqual([]);
  });
});
