/**
 * The tablet's sync endpoints against a real database: answers applied once however often they
 * are sent, the newest answer kept when two team members answer the same item, both answers in the
 * audit log, indicator figures and draft findings written with the answer, photos stored once and
 * served only to those who may see the visit.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { answers, attachments, auditLog, findingCitations, findings, indicatorFigures, supervisionPlans, users, visits } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { makeChecklistTemplate } from "#tests/factories";
import { freshDatabase } from "#tests/support/database";
import { load, send, signIn } from "#tests/support/requests";
import * as attachmentRoute from "~/routes/attachments.$attachmentId";
import * as answersRoute from "~/routes/visits.$visitId.answers";
import * as photosRoute from "~/routes/visits.$visitId.photos";
import * as checklistPage from "~/routes/visits.$visitId";
import { LocalDiskStore, setAttachmentStoreForTests } from "~/storage/attachment-store.server";
import { FILE_NAME_WITH_PATH } from "~/uploads.server";

let handle: DatabaseHandle;
let storeDir: string;
const cookies: Record<string, string> = {};
let visitId: number;
let planId: number;
const item: Record<string, number> = {};

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

beforeAll(async () => {
  handle = await freshDatabase();
  storeDir = mkdtempSync(path.join(tmpdir(), "hdnd-attachments-"));
  setAttachmentStoreForTests(new LocalDiskStore(storeDir));
  await ensureDemoData(handle.db);
  const { template, items } = await makeChecklistTemplate(handle.db, {
    sections: [
      { code: "C", title: "Niêm yết", items: [{ code: "C1", text: "Niêm yết địa chỉ tiếp nhận phản ánh, kiến nghị" }, { code: "C2", text: "Bảng niêm yết không rách, mờ" }] },
      {
        code: "F",
        title: "Chỉ số",
        items: [
          { code: "F1", text: "Tỷ lệ hồ sơ đúng hạn", answerType: "indicator", indicatorCode: "on_time_rate", targetPercent: "98.00" },
          { code: "F2", text: "Số hồ sơ tiếp nhận", answerType: "indicator", indicatorCode: "dossiers_received" },
        ],
      },
    ],
  });
  Object.assign(item, items);
  const [plan] = await handle.db.select({ id: supervisionPlans.id }).from(supervisionPlans).where(eq(supervisionPlans.status, "in_progress")).orderBy(supervisionPlans.id);
  // The demo plan of this year of HĐND phường Bình An: an.bd leads, nhung.vt is a member.
  const [current] = await handle.db
    .select({ id: supervisionPlans.id })
    .from(supervisionPlans)
    .where(eq(supervisionPlans.subject, "Giám sát việc thực hiện kiến nghị sau giám sát và hoạt động của Trung tâm Phục vụ hành chính công phường"));
  planId = (current ?? plan).id;
  await handle.db.update(supervisionPlans).set({ checklistTemplateId: template.id }).where(eq(supervisionPlans.id, planId));
  const [visit] = await handle.db.select({ id: visits.id }).from(visits).where(eq(visits.planId, planId));
  visitId = visit.id;
  for (const name of ["an.bd", "nhung.vt", "hung.nv", "trang.ttt", "motcua.binhan", "tt.dian"]) cookies[name] = await signIn(name, DEMO_PASSWORD);
}, 120_000);

afterAll(async () => {
  await handle?.close();
  rmSync(storeDir, { recursive: true, force: true });
});

let editCounter = 0;
function edit(itemId: number, patch: Record<string, unknown> = {}) {
  editCounter += 1;
  return {
    editId: `00000000-0000-4000-8000-${String(editCounter).padStart(12, "0")}`,
    itemId,
    answeredAt: new Date(Date.UTC(2026, 0, 1, 8, 0, editCounter)).toISOString(),
    baseRevision: 0,
    value: "met",
    note: "",
    ...patch,
  };
}

async function post(user: string, edits: unknown[], id = visitId) {
  const result = await send(answersRoute, {
    path: `/visits/${id}/answers`,
    params: { visitId: String(id) },
    cookie: cookies[user],
    body: JSON.stringify({ edits }),
    contentType: "application/json",
  });
  return { status: result.status, body: typeof result.data === "string" && result.data.startsWith("{") ? JSON.parse(result.data) : result.data };
}

async function stored(itemId: number) {
  const [row] = await handle.db.select().from(answers).where(and(eq(answers.visitId, visitId), eq(answers.itemId, itemId)));
  return row;
}

async function auditCount(action: string, itemId: number) {
  const [row] = await handle.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, `${visitId}:${itemId}`)));
  return Number(row.n);
}

describe("saving answers", () => {
  it("applies an edit once, however often the tablet sends it", async () => {
    const first = edit(item.C2, { note: "Bảng còn mới" });
    const sent = await post("nhung.vt", [first]);
    expect(sent.status).toBe(200);
    expect(sent.body.outcomes[0]).toMatchObject({ outcome: "applied", answer: { value: "met", note: "Bảng còn mới", revision: 1, answeredByName: "Vũ Thị Nhưng" } });
    const again = await post("nhung.vt", [first, first]);
    expect(again.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(["duplicate", "duplicate"]);
    expect((await stored(item.C2)).revision).toBe(1);
    expect(await auditCount("answer.save", item.C2)).toBe(1);
  });

  it("keeps the newest answer of two team members and tells each what happened; the audit log has both", async () => {
    const hers = edit(item.C1, { value: "met", note: "Có bảng niêm yết" });
    const his = edit(item.C1, { value: "not_met", note: "Bảng thiếu số điện thoại", baseRevision: 0 });
    expect((await post("nhung.vt", [hers])).body.outcomes[0].outcome).toBe("applied");
    const overwrite = await post("an.bd", [his]);
    expect(overwrite.body.outcomes[0]).toMatchObject({ outcome: "applied", replaced: { value: "met", note: "Có bảng niêm yết", answeredByName: "Vũ Thị Nhưng" } });
    // Her older edit arrives late (the tablet was offline): not applied, and she is told.
    const late = edit(item.C1, { value: "not_applicable", answeredAt: new Date(Date.UTC(2026, 0, 1, 7, 0, 0)).toISOString() });
    const stale = await post("nhung.vt", [late]);
    expect(stale.body.outcomes[0]).toMatchObject({ outcome: "stale", answer: { value: "not_met", answeredByName: "Bùi Dương Ân" } });
    expect(await stored(item.C1)).toMatchObject({ value: "not_met", note: "Bảng thiếu số điện thoại", revision: 2 });
    expect(await auditCount("answer.save", item.C1)).toBe(2);
    expect(await auditCount("answer.stale", item.C1)).toBe(1);
    // The poll shows her tablet who changed the item.
    const polled = await load(answersRoute, { path: `/visits/${visitId}/answers`, params: { visitId: String(visitId) }, cookie: cookies["nhung.vt"] });
    const c1 = JSON.parse(polled.data as string).answers.find((a: { itemId: number }) => a.itemId === item.C1);
    expect(c1).toMatchObject({ revision: 2, answeredByName: "Bùi Dương Ân" });
  });

  it("answers concurrent edits of one item one at a time", async () => {
    const edits = Array.from({ length: 6 }, (_, i) => edit(item.C2, { note: `Lần ${i}`, baseRevision: 1 }));
    const results = await Promise.all(edits.map((e, i) => post(i % 2 ? "an.bd" : "nhung.vt", [e])));
    const outcomes = results.map((r) => r.body.outcomes[0].outcome);
    expect(outcomes.every((o) => o === "applied" || o === "stale")).toBe(true);
    // Whatever the arrival order, the edit given last on the device clock is the one kept.
    expect((await stored(item.C2)).note).toBe("Lần 5");
  });

  it("writes verified figures with the answer and judges them against the target", async () => {
    const rate = await post("an.bd", [edit(item.F1, { value: null, figure: { numerator: 3557, denominator: 4709 } })]);
    expect(rate.body.outcomes[0].answer).toMatchObject({ value: "not_met", figure: { numerator: 3557, denominator: 4709 } });
    await post("an.bd", [edit(item.F2, { value: null, figure: { numerator: 11701, denominator: 20000 } })]);
    const figures = await handle.db.select().from(indicatorFigures).where(and(eq(indicatorFigures.visitId, visitId), eq(indicatorFigures.source, "verified")));
    expect(figures.map((f) => [f.code, f.numerator, f.denominator]).sort()).toEqual([
      ["dossiers_received", 11701, null],
      ["on_time_rate", 3557, 4709],
    ]);
    const met = await post("an.bd", [edit(item.F1, { value: null, figure: { numerator: 9900, denominator: 10000 } })]);
    expect(met.body.outcomes[0].answer.value).toBe("met");
  });

  it("drafts one finding from a not-met answer, citing the item", async () => {
    const text = "Chưa đảm bảo yêu cầu: niêm yết địa chỉ tiếp nhận phản ánh, kiến nghị. Bảng thiếu số điện thoại.";
    await post("an.bd", [edit(item.C1, { value: "not_met", note: "Bảng thiếu số điện thoại", draftFinding: text })]);
    await post("an.bd", [edit(item.C1, { value: "not_met", note: "Bảng thiếu số điện thoại", draftFinding: text })]);
    const rows = await handle.db
      .select({ text: findings.text, kind: findings.kind })
      .from(findings)
      .innerJoin(findingCitations, eq(findingCitations.findingId, findings.id))
      .where(and(eq(findings.visitId, visitId), eq(findingCitations.itemId, item.C1)));
    expect(rows).toEqual([{ text, kind: "shortcoming" }]);
  });

  it("refuses bad edits one by one with a Vietnamese message and applies the good ones", async () => {
    const before = await stored(item.C2);
    const result = await post("an.bd", [
      edit(item.C2, { value: "maybe" }),
      edit(item.F1, { figure: { numerator: 5, denominator: 4 } }),
      { editId: "x", itemId: "C2" },
      edit(999_999),
    ]);
    expect(result.body.outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(["refused", "refused", "refused", "refused"]);
    expect(result.body.outcomes[1].message).toBe("Tử số không được lớn hơn mẫu số.");
    expect(result.body.outcomes[3].message).toBe("Tiêu chí không thuộc phiếu kiểm tra của buổi giám sát này.");
    expect(await stored(item.C2)).toEqual(before);
    const notJson = await send(answersRoute, { path: `/visits/${visitId}/answers`, params: { visitId: String(visitId) }, cookie: cookies["an.bd"], body: "{", contentType: "application/json" });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.data as string).message).toBe("Dữ liệu gửi lên không đọc được.");
  });

  it("refuses everyone who may not answer this visit, and changes nothing", async () => {
    const before = await stored(item.C2);
    for (const user of ["hung.nv", "tt.dian"]) {
      const result = await post(user, [edit(item.C2, { note: "xâm nhập" })]);
      expect(result.status, user).toBe(403);
    }
    const unit = await post("motcua.binhan", [edit(item.C2, { note: "xâm nhập" })]);
    expect(unit.status).toBe(403);
    expect(await stored(item.C2)).toEqual(before);
    const page = await load(checklistPage, { path: `/visits/${visitId}`, params: { visitId: String(visitId) }, cookie: cookies["hung.nv"] });
    expect(page.status).toBe(403);
  });

  it("refuses answers while the plan is a draft", async () => {
    await handle.db.update(supervisionPlans).set({ status: "draft", number: null, issueDate: null }).where(eq(supervisionPlans.id, planId));
    try {
      const result = await post("an.bd", [edit(item.C2)]);
      expect(result.status).toBe(409);
    } finally {
      await handle.db.update(supervisionPlans).set({ status: "in_progress", number: 9, issueDate: "2026-01-05" }).where(eq(supervisionPlans.id, planId));
    }
  });
});

describe("photos", () => {
  async function upload(user: string, clientId: string, bytes: Uint8Array, name = "bang-niem-yet.jpg", itemId: number | string = item.C1) {
    const form = new FormData();
    form.set("clientId", clientId);
    form.set("itemId", String(itemId));
    form.set("photo", new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "image/jpeg" }));
    const result = await send(photosRoute, { path: `/visits/${visitId}/photos`, params: { visitId: String(visitId) }, cookie: cookies[user], body: form });
    return { status: result.status, body: JSON.parse(result.data as string) };
  }

  it("stores a photo once however often it is sent, and serves it to the team only", async () => {
    const clientId = "11111111-1111-4111-8111-111111111111";
    const first = await upload("nhung.vt", clientId, JPEG);
    expect(first.status).toBe(201);
    const again = await upload("nhung.vt", clientId, JPEG);
    expect(again).toMatchObject({ status: 200, body: { photo: { id: first.body.photo.id, duplicate: true } } });
    const [{ n }] = await handle.db.select({ n: count() }).from(attachments).where(eq(attachments.clientId, clientId));
    expect(Number(n)).toBe(1);

    const id = String(first.body.photo.id);
    const seen = await load(attachmentRoute, { path: `/attachments/${id}`, params: { attachmentId: id }, cookie: cookies["an.bd"] });
    expect(seen.status).toBe(200);
    for (const user of ["hung.nv", "motcua.binhan", "tt.dian"]) {
      const refused = await load(attachmentRoute, { path: `/attachments/${id}`, params: { attachmentId: id }, cookie: cookies[user] });
      expect(refused.status, user).toBe(403);
    }
    const anonymous = await load(attachmentRoute, { path: `/attachments/${id}`, params: { attachmentId: id } });
    expect(anonymous.status).toBe(302);
  });

  it("refuses a file that is not an image, an empty one, and a name with a path, safely", async () => {
    const fake = await upload("nhung.vt", "22222222-2222-4222-8222-222222222222", new TextEncoder().encode("<script>alert(1)</script>"), "anh.jpg");
    expect(fake).toMatchObject({ status: 415, body: { message: "Tệp này không phải ảnh JPEG, PNG hoặc WebP." } });
    const emptyFile = await upload("nhung.vt", "33333333-3333-4333-8333-333333333333", new Uint8Array());
    expect(emptyFile.status).toBe(400);
    // Browsers send bare names: a path comes from a hostile client and is refused, not cut down.
    const pathName = await upload("nhung.vt", "44444444-4444-4444-8444-444444444444", JPEG, "../../etc/passwd.jpg");
    expect(pathName).toMatchObject({ status: 400, body: { message: FILE_NAME_WITH_PATH } });
    const bareName = await upload("nhung.vt", "44444444-4444-4444-8444-444444444444", JPEG, "passwd.jpg");
    expect(bareName.body.photo.fileName).toBe("passwd.jpg");
    const otherItem = await upload("nhung.vt", "55555555-5555-4555-8555-555555555555", JPEG, "a.jpg", 999_999);
    expect(otherItem.status).toBe(400);
    const intruder = await upload("hung.nv", "66666666-6666-4666-8666-666666666666", JPEG);
    expect(intruder.status).toBe(403);
    const rows = await handle.db.select({ clientId: attachments.clientId }).from(attachments);
    expect(rows.map((r) => r.clientId).sort()).toEqual(["11111111-1111-4111-8111-111111111111", "44444444-4444-4444-8444-444444444444"]);
  });
});

describe("the checklist page", () => {
  it("shows the template, answers with their authors, and photos", async () => {
    const page = await load(checklistPage, { path: `/visits/${visitId}`, params: { visitId: String(visitId) }, cookie: cookies["trang.ttt"] });
    expect(page.status).toBe(200);
    const data = page.data as { checklist: { sections: { code: string; items: unknown[] }[] }; answers: { itemId: number; answeredByName: string }[]; photos: unknown[] };
    expect(data.checklist.sections.map((s) => [s.code, s.items.length])).toEqual([["C", 2], ["F", 2]]);
    expect(data.answers.find((a) => a.itemId === item.C1)?.answeredByName).toBe("Bùi Dương Ân");
    expect(data.photos.length).toBe(2);
    const [actor] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, "trang.ttt"));
    expect((page.data as { userId: number }).userId).toBe(actor.id);
  });
});
