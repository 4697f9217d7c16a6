/**
 * `npx tsx bench/seed/check.ts [--database-url postgres://…/hdnd_bench_province]`: opens, through
 * the app's own model functions, what the benchmark will open in a generated database, as the
 * bench accounts (signed in through a real session, so their scope is the app's): the tracker and
 * the dashboard of bench.province, the notice of bench.commune and its PDF, the checklist of
 * bench.team, the open items and a recommendation of bench.unit. Prints counts and times; exits 1
 * when something is missing or fails. Run by hand after `npm run bench:seed` (not in CI: it needs
 * the generated database).
 */
import postgres from "postgres";

const args = process.argv.slice(2);
const urlIndex = args.indexOf("--database-url");
const databaseUrl = urlIndex >= 0 ? args[urlIndex + 1] : "postgres://postgres@127.0.0.1:5432/hdnd_bench_province";
process.env.DATABASE_URL = databaseUrl;
process.env.DEMO_DATA = "0";
process.env.REMINDERS = "off";

const { databaseHandle } = await import("~/db.server");
const { createSession, getActorForSession } = await import("~/models/session.server");
const { listTracker } = await import("~/models/remediation.server");
const { getFollowUpDashboard } = await import("~/models/dashboard.server");
const { getNoticeEditor, listNotices } = await import("~/models/notice.server");
const { getVisitChecklist } = await import("~/models/visit.server");
const { listOpenRecommendations } = await import("~/models/recommendation.server");
const { getRecommendationDetail } = await import("~/models/remediation.server");
const { homeFor } = await import("~/models/home.server");
const { renderPdf } = await import("~/documents/pdf.server");
const { buildNoticeDocument } = await import("#templates/documents/notice");

const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
const sessions: string[] = [];
const failures: string[] = [];

async function timed<T>(label: string, run: () => Promise<T>, describe: (value: T) => string, ok: (value: T) => boolean): Promise<T | null> {
  const start = performance.now();
  try {
    const value = await run();
    const ms = Math.round(performance.now() - start);
    const good = ok(value);
    if (!good) failures.push(label);
    console.log(`${good ? "ok  " : "FAIL"} ${label.padEnd(44)} ${String(ms).padStart(6)} ms  ${describe(value)}`);
    return value;
  } catch (error) {
    failures.push(label);
    console.log(`FAIL ${label.padEnd(44)} ${(error as Error).message}`);
    return null;
  }
}

try {
  const info = Object.fromEntries((await sql<{ key: string; value: unknown }[]>`select key, value from bench_seed_info`).map((r) => [r.key, r.value])) as {
    scale: string;
    accounts: Record<string, { userId: number }>;
    checklist: { visitId: number };
    notice: { noticeId: number };
    recommendation: { recommendationId: number };
  };
  console.log(`${databaseUrl.replace(/\/\/[^@]*@/, "//")} (scale ${info.scale})`);
  await databaseHandle();
  const actorOf = async (username: string) => {
    const id = await createSession(info.accounts[username].userId, "bench-seed-check");
    sessions.push(id);
    const actor = await getActorForSession(id);
    if (!actor) throw new Error(`no actor for ${username}`);
    return actor;
  };
  const province = await actorOf("bench.province");
  const commune = await actorOf("bench.commune");
  const team = await actorOf("bench.team");
  const unit = await actorOf("bench.unit");
  console.log(`bench.province scope ${province.scopePath}, bench.commune scope ${commune.scopePath}`);

  await timed("tracker (bench.province)", () => listTracker(province), (t) => `${t.total} items, ${t.rows.length} shown, first overdue ${t.rows[0]?.daysOverdue ?? "-"} days`, (t) => t.total > 0 && t.rows.length > 0);
  await timed("tracker, overdue only (bench.province)", () => listTracker(province, { state: "overdue" }), (t) => `${t.total} overdue`, (t) => t.total > 0);
  await timed("dashboard (bench.province)", () => getFollowUpDashboard(province), (d) => `${d.totals.total} items, ${d.byUnit.length} units, on time ${d.totals.onTimeRate ?? "-"}`, (d) => d.totals.total > 0);
  await timed("home (bench.province)", () => homeFor(province), (h) => `${"counts" in h ? JSON.stringify(h.counts) : ""}`, () => true);
  await timed("notice register (bench.province)", () => listNotices(province), (n) => `${n.length} notices listed`, (n) => n.length > 0);
  const notice = await timed(
    `notice ${info.notice.noticeId} (bench.commune)`,
    () => getNoticeEditor(commune, info.notice.noticeId),
    (n) => (n ? `${n.document.number}/${n.document.symbol}, ${n.document.blocks.length} blocks, ${n.remediationItems.length} items` : "not visible"),
    (n) => n !== null && n.status === "issued" && n.remediationItems.length > 0,
  );
  if (notice) await timed("notice PDF", () => renderPdf(buildNoticeDocument(notice.document)), (pdf) => `${pdf.byteLength} bytes`, (pdf) => pdf.byteLength > 10_000);
  await timed(`notice ${info.notice.noticeId} (bench.province)`, () => getNoticeEditor(province, info.notice.noticeId), (n) => (n ? "visible" : "not visible"), (n) => n !== null);
  const [oldest] = await sql<{ id: number }[]>`select id from conclusion_notices where status = 'issued' order by issue_date, id limit 1`;
  const old = await timed(`oldest notice ${oldest.id} (bench.province)`, () => getNoticeEditor(province, oldest.id), (n) => (n ? `${n.document.issueDate}, ${n.document.blocks.length} blocks` : "not visible"), (n) => n !== null);
  if (old) await timed("oldest notice PDF", () => renderPdf(buildNoticeDocument(old.document)), (pdf) => `${pdf.byteLength} bytes`, (pdf) => pdf.byteLength > 10_000);
  await timed(
    `checklist of visit ${info.checklist.visitId} (bench.team)`,
    () => getVisitChecklist(team, info.checklist.visitId),
    (c) => (c ? `${c.answers.length} answers of ${c.checklist?.sections.reduce((n, s) => n + s.items.length, 0)} items, can answer: ${c.visit.canAnswer}` : "not visible"),
    (c) => c !== null && c.visit.canAnswer && c.answers.length === c.checklist?.sections.reduce((n, s) => n + s.items.length, 0),
  );
  await timed("open items (bench.unit)", () => listOpenRecommendations(unit), (r) => `${r.length} shown`, (r) => r.length > 0);
  await timed("tracker (bench.unit)", () => listTracker(unit), (t) => `${t.total} items`, (t) => t.total > 0);
  await timed(
    `recommendation ${info.recommendation.recommendationId} (bench.unit)`,
    () => getRecommendationDetail(unit, info.recommendation.recommendationId),
    (d) => (d ? `status ${d.recommendation.status}, ${d.reports.length} reports` : "not visible"),
    (d) => d !== null,
  );
  await timed("home (bench.unit)", () => homeFor(unit), (h) => `${"counts" in h ? JSON.stringify(h.counts) : ""}`, () => true);
} finally {
  if (sessions.length > 0) await sql`delete from sessions where id = any(${sessions})`;
  await sql.end({ timeout: 5 });
  await (await databaseHandle()).close();
}
console.log(failures.length === 0 ? "\nall opened" : `\nfailed: ${failures.join(", ")}`);
process.exit(failures.length === 0 ? 0 : 1);
