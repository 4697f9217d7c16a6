/**
 * Remediation follow-up on the demo data: the unit reports with evidence, the committee returns and
 * accepts; extensions; and a unit never reads or writes another unit's recommendation, neither by
 * URL nor by changing an id in a posted form. An accepted item is closed for good.
 */
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, rowsOf } from "#db/client";
import { attachments, extensionRequests, notifications, recommendations, remediationReports, units } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { addDays } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import { FILE_NAME_WITH_PATH } from "~/uploads.server";
import { listTracker } from "~/models/remediation.server";
import * as attachmentRoute from "~/routes/attachments.$attachmentId";
import * as detailRoute from "~/routes/recommendations.$recommendationId";
import * as trackerRoute from "~/routes/recommendations._index";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { type RouteResult, load, send, signIn } from "#tests/support/requests";

let handle: DatabaseHandle;
const cookie: Record<string, string> = {};
let binhAnUnitId: number;
/** Open recommendations addressed to UBND phường Bình An, and one of another ward. */
let open: number[];
let otherWard: number;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

function post(recommendationId: number, who: string, fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type?: string }[] = []) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  for (const file of files) body.append("files", new File([new Uint8Array(file.bytes)], file.name, { type: file.type ?? "image/png" }));
  return send(detailRoute, { path: `/recommendations/${recommendationId}`, params: { recommendationId: String(recommendationId) }, cookie: cookie[who], body });
}

const view = (recommendationId: number, who: string) =>
  load(detailRoute, { path: `/recommendations/${recommendationId}`, params: { recommendationId: String(recommendationId) }, cookie: cookie[who] });

type Detail = { detail: { recommendation: { status: string; deadline: string; extendedDeadline: string | null }; reports: { id: number; review: string; files: { id: number }[] }[] } };
const detailOf = (result: RouteResult) => (result.data as Detail).detail;
const errorsOf = (result: RouteResult) => (result.data as { errors?: Record<string, { message: string }> }).errors ?? {};

async function snapshot() {
  const [[reports], [files], [requests], rows] = await Promise.all([
    handle.db.select({ n: count() }).from(remediationReports),
    handle.db.select({ n: count() }).from(attachments),
    handle.db.select({ n: count() }).from(extensionRequests),
    handle.db.select().from(recommendations).orderBy(recommendations.id),
  ]);
  return { reports: reports.n, files: files.n, requests: requests.n, rows };
}

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  for (const who of ["trang.ttt", "ubnd.binhan", "ubnd.phochau", "tt.dian", "nhung.vt"]) cookie[who] = await signIn(who, DEMO_PASSWORD);
  [{ id: binhAnUnitId }] = await handle.db.select({ id: units.id }).from(units).where(eq(units.name, "UBND phường Bình An"));
  const rows = await handle.db
    .select({ id: recommendations.id })
    .from(recommendations)
    .where(and(eq(recommendations.addressedUnitId, binhAnUnitId), sql`${recommendations.noticeId} is not null and ${recommendations.status} <> 'accepted'`))
    .orderBy(recommendations.id);
  open = rows.map((r) => r.id);
  expect(open.length).toBeGreaterThanOrEqual(2);
  const [other] = await rowsOf<{ id: number }>(
    await handle.db.execute(sql`select r.id from recommendations r join units u on u.id = r.addressed_unit_id where u.name = 'UBND phường Dĩ An' and r.notice_id is not null and r.status <> 'accepted' limit 1`),
  );
  otherWard = other.id;
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe("a unit sees its own recommendations and nothing else", () => {
  it("the tracker of UBND phường Bình An lists only its items; another ward's unit sees none of them", async () => {
    const mine = await load(trackerRoute, { path: "/recommendations", cookie: cookie["ubnd.binhan"] });
    const rows = (mine.data as { tracker: { rows: { id: number; addressedUnitId: number }[] } }).tracker.rows;
    expect(rows.length).toBeGreaterThanOrEqual(open.length);
    expect(new Set(rows.map((r) => r.addressedUnitId))).toEqual(new Set([binhAnUnitId]));
    const theirs = await load(trackerRoute, { path: `/recommendations?unitId=${binhAnUnitId}`, cookie: cookie["ubnd.phochau"] });
    expect((theirs.data as { tracker: { total: number } }).tracker.total).toBe(0);
  });

  it("another unit opening the page by URL gets 403, and its posts change nothing", async () => {
    expect((await view(open[0], "ubnd.phochau")).status).toBe(403);
    expect((await view(otherWard, "ubnd.binhan")).status).toBe(403);
    const before = await snapshot();
    const report = await post(open[0], "ubnd.phochau", { intent: "report", progress: "completed", content: "Giả mạo báo cáo" }, [{ name: "a.png", bytes: PNG }]);
    expect(report.status).toBe(404);
    const extension = await post(open[0], "ubnd.phochau", { intent: "extension", requestedDeadline: addDays(vietnamDate(), 40), reason: "Giả mạo" });
    expect(extension.status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("a committee of another ward can neither read nor review Bình An's items", async () => {
    expect((await view(open[0], "tt.dian")).status).toBe(403);
    const before = await snapshot();
    expect((await post(open[0], "tt.dian", { intent: "review", reportId: "1", decision: "accept", note: "" })).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe("report → return → report again → accept", () => {
  let target: number;

  it("the unit reports completion with a photo; the committee is told", async () => {
    target = open[open.length - 1];
    const [{ n: notesBefore }] = await handle.db.select({ n: count() }).from(notifications);
    const report = { intent: "report", progress: "completed", content: "Đã niêm yết lại đầy đủ thủ tục." };
    // A name with a path only comes from a hostile client: refused, nothing written.
    const withPath = await post(target, "ubnd.binhan", report, [{ name: "../../bang-niem-yet.png", bytes: PNG }]);
    expect(withPath.status).toBe(400);
    expect(errorsOf(withPath).root.message).toBe(FILE_NAME_WITH_PATH);
    const sent = await post(target, "ubnd.binhan", report, [{ name: "bang-niem-yet.png", bytes: PNG }]);
    expect(sent.status).toBe(200);
    const detail = detailOf(await view(target, "ubnd.binhan"));
    expect(detail.recommendation.status).toBe("reported");
    expect(detail.reports[0]).toMatchObject({ review: "submitted" });
    expect(detail.reports[0].files).toHaveLength(1);
    const [file] = await handle.db.select().from(attachments).where(eq(attachments.id, detail.reports[0].files[0].id));
    expect(file.fileName).toBe("bang-niem-yet.png");
    const [{ n: notesAfter }] = await handle.db.select({ n: count() }).from(notifications);
    expect(notesAfter).toBeGreaterThan(notesBefore);
    // The evidence goes to the committee and the unit, not to another ward.
    const params = { attachmentId: String(file.id) };
    expect((await load(attachmentRoute, { path: `/attachments/${file.id}`, params, cookie: cookie["trang.ttt"] })).status).toBe(200);
    expect((await load(attachmentRoute, { path: `/attachments/${file.id}`, params, cookie: cookie["ubnd.phochau"] })).status).toBe(403);
  });

  it("returning without a reason is refused in Vietnamese; with one, the unit sees why", async () => {
    const reportId = String(detailOf(await view(target, "trang.ttt")).reports[0].id);
    const before = await snapshot();
    const refused = await post(target, "trang.ttt", { intent: "review", reportId, decision: "return", note: "  " });
    expect(refused.status).toBe(400);
    expect(errorsOf(refused).note.message).toMatch(/lý do trả lại/);
    expect((refused.data as { values: Record<string, string> }).values.decision).toBe("return");
    expect(await snapshot()).toEqual(before);
    const returned = await post(target, "trang.ttt", { intent: "review", reportId, decision: "return", note: "Chưa có ảnh bảng niêm yết mới." });
    expect(returned.status).toBe(200);
    const detail = detailOf(await view(target, "ubnd.binhan"));
    expect(detail.recommendation.status).toBe("returned");
    expect(detail.reports[0]).toMatchObject({ review: "returned", reviewNote: "Chưa có ảnh bảng niêm yết mới." });
  });

  it("a review naming a report of another recommendation (a tampered field) changes nothing", async () => {
    const [foreign] = await handle.db.select({ id: remediationReports.id }).from(remediationReports).where(sql`${remediationReports.recommendationId} <> ${target}`).limit(1);
    await post(target, "ubnd.binhan", { intent: "report", progress: "in_progress", content: "Đang bổ sung ảnh." });
    const before = await snapshot();
    const tampered = await post(target, "trang.ttt", { intent: "review", reportId: String(foreign.id), decision: "return", note: "x" });
    expect(tampered.status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it("an in-progress report cannot be accepted; the completed one is, with who and when", async () => {
    const current = detailOf(await view(target, "trang.ttt")).reports[0];
    const early = await post(target, "trang.ttt", { intent: "review", reportId: String(current.id), decision: "accept", note: "" });
    expect(early.status).toBe(400);
    await post(target, "ubnd.binhan", { intent: "report", progress: "completed", content: "Đã bổ sung ảnh bảng niêm yết." }, [{ name: "anh.png", bytes: PNG }]);
    const latest = detailOf(await view(target, "trang.ttt")).reports[0];
    const accepted = await post(target, "trang.ttt", { intent: "review", reportId: String(latest.id), decision: "accept", note: "" });
    expect(accepted.status).toBe(200);
    const [row] = await handle.db.select().from(recommendations).where(eq(recommendations.id, target));
    const chair = await actorFor(row.acceptedBy!);
    expect(row.status).toBe("accepted");
    expect(chair.username).toBe("trang.ttt");
    expect(row.acceptedAt).not.toBeNull();
  });

  it("once accepted, no route and no direct SQL changes it", async () => {
    const before = await snapshot();
    expect((await post(target, "ubnd.binhan", { intent: "report", progress: "in_progress", content: "Sửa lại" })).status).toBe(409);
    expect((await post(target, "ubnd.binhan", { intent: "extension", requestedDeadline: addDays(vietnamDate(), 60), reason: "Thêm" })).status).toBe(409);
    const latest = detailOf(await view(target, "trang.ttt")).reports[0];
    expect((await post(target, "trang.ttt", { intent: "review", reportId: String(latest.id), decision: "return", note: "Mở lại" })).status).toBe(409);
    await expect(handle.db.update(recommendations).set({ text: "Sửa sau khi chấp nhận" }).where(eq(recommendations.id, target))).rejects.toThrow();
    await expect(handle.db.update(remediationReports).set({ content: "Sửa báo cáo" }).where(eq(remediationReports.id, latest.id))).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });
});

describe("extensions keep the original deadline beside the new one", () => {
  it("a date before the deadline in force is refused; a valid request waits; a second one is refused", async () => {
    const target = open[0];
    const rec = detailOf(await view(target, "ubnd.binhan")).recommendation;
    const current = rec.extendedDeadline ?? rec.deadline;
    const before = await snapshot();
    const early = await post(target, "ubnd.binhan", { intent: "extension", requestedDeadline: current, reason: "Cần thêm thời gian" });
    expect(early.status).toBe(400);
    expect(errorsOf(early).requestedDeadline.message).toMatch(/sau hạn hiện tại/);
    expect((early.data as { values: Record<string, string> }).values.reason).toBe("Cần thêm thời gian");
    expect(await snapshot()).toEqual(before);
    const wanted = addDays(current > vietnamDate() ? current : vietnamDate(), 30);
    expect((await post(target, "ubnd.binhan", { intent: "extension", requestedDeadline: wanted, reason: "Chờ kinh phí" })).status).toBe(200);
    expect((await post(target, "ubnd.binhan", { intent: "extension", requestedDeadline: addDays(wanted, 1), reason: "Lần hai" })).status).toBe(409);
  });

  it("the committee grants it: the new deadline beside the original, the tracker counts by the new one", async () => {
    const target = open[0];
    const [request] = await handle.db.select().from(extensionRequests).where(and(eq(extensionRequests.recommendationId, target), eq(extensionRequests.status, "pending")));
    const [original] = await handle.db.select().from(recommendations).where(eq(recommendations.id, target));
    // A request id of another recommendation is refused.
    const [foreign] = await handle.db.select({ id: extensionRequests.id }).from(extensionRequests).where(sql`${extensionRequests.recommendationId} <> ${target}`).limit(1);
    expect((await post(target, "trang.ttt", { intent: "decide-extension", requestId: String(foreign.id), decision: "grant", grantedDeadline: "", note: "" })).status).toBe(404);
    const refusedNoNote = await post(target, "trang.ttt", { intent: "decide-extension", requestId: String(request.id), decision: "refuse", grantedDeadline: "", note: "" });
    expect(refusedNoNote.status).toBe(400);
    const granted = await post(target, "trang.ttt", { intent: "decide-extension", requestId: String(request.id), decision: "grant", grantedDeadline: "", note: "" });
    expect(granted.status).toBe(200);
    const [after] = await handle.db.select().from(recommendations).where(eq(recommendations.id, target));
    expect(after.deadline).toBe(original.deadline);
    expect(after.extendedDeadline).toBe(request.requestedDeadline);
    const page = detailOf(await view(target, "ubnd.binhan"));
    expect(page.recommendation).toMatchObject({ deadline: original.deadline, extendedDeadline: request.requestedDeadline });
  });
});

describe("evidence files are checked by their bytes", () => {
  it("a text file named .jpg, or too many files, is refused with a message and nothing is written", async () => {
    const before = await snapshot();
    const fake = await post(open[0], "ubnd.binhan", { intent: "report", progress: "completed", content: "Có ảnh" }, [{ name: "anh.jpg", bytes: new TextEncoder().encode("<script>alert(1)</script>"), type: "image/jpeg" }]);
    expect(fake.status).toBe(415);
    expect(errorsOf(fake).files.message).toMatch(/không phải ảnh/);
    const many = await post(open[0], "ubnd.binhan", { intent: "report", progress: "completed", content: "Nhiều ảnh" }, Array.from({ length: 6 }, (_, i) => ({ name: `${i}.png`, bytes: PNG })));
    expect(many.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe("tracker filters", () => {
  it("overdue holds only open items past the deadline in force, most overdue first", async () => {
    const chair = await actorFor((await handle.db.select({ id: sql<number>`id` }).from(sql`users`).where(sql`username = 'trang.ttt'`))[0].id);
    const today = vietnamDate();
    const { rows } = await listTracker(chair, { state: "overdue" }, { today });
    for (const row of rows) {
      expect(row.status).not.toBe("accepted");
      expect(row.effectiveDeadline < today).toBe(true);
    }
    const days = rows.map((r) => r.daysOverdue ?? 0);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    const all = await listTracker(chair, {}, { today });
    expect(all.total).toBeGreaterThan(rows.length);
  });
});
