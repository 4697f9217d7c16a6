/**
 * Conclusion notices end to end through the routes and the model, on the demo data: the draft
 * composed from a visit, paragraph edits, refusals that write nothing, issuing with the council's
 * TB series, the frozen snapshot, remediation items, corrections, and the PDF and Word downloads
 * with who may fetch them.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, rowsOf } from "#db/client";
import { auditLog, conclusionNotices, documentSeries, recommendations, supervisionPlans, units, visits } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import type { Actor } from "~/auth/actor";
import { vietnamDate } from "~/domain/vietnamese";
import { DomainError } from "~/models/errors.server";
import { getNoticeEditor, issueNotice, openNoticeDraft, saveNoticeDraft } from "~/models/notice.server";
import type { NoticeDraftValues } from "~/schemas/notice";
import * as noticePage from "~/routes/notices.$noticeId";
import * as noticeDocx from "~/routes/notices.$noticeId.docx";
import * as noticePdf from "~/routes/notices.$noticeId.pdf";
import * as visitNotice from "~/routes/visits.$visitId_.notice";
import { makeFinding, makeRecommendation } from "#tests/factories";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { readDocx, textOf } from "#tests/support/docx";
import { rejectionOf } from "#tests/support/failures";
import { readPdf } from "#tests/support/pdf";
import { act, load, signIn } from "#tests/support/requests";

const CURRENT_PLAN = "Giám sát việc thực hiện kiến nghị sau giám sát và hoạt động của Trung tâm Phục vụ hành chính công phường";
const PEOPLE = ["trang.ttt", "an.bd", "nhung.vt", "motcua.binhan", "ubnd.phochau", "tt.phochau", "quantri"] as const;
type Person = (typeof PEOPLE)[number];

let handle: DatabaseHandle;
const cookie = {} as Record<Person, string>;
const actor = {} as Record<Person, Actor>;
let visitId: number;
let planId: number;
let councilId: number;

const year = Number(vietnamDate().slice(0, 4));

async function noticeCount() {
  const [row] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(conclusionNotices);
  return Number(row.n);
}

async function noticeRow(id: number) {
  const [row] = await handle.db.select().from(conclusionNotices).where(eq(conclusionNotices.id, id));
  return row;
}

function draftValues(notice: NonNullable<Awaited<ReturnType<typeof getNoticeEditor>>>, change: Partial<NoticeDraftValues> = {}): NoticeDraftValues {
  return {
    revision: notice.revision,
    summary: notice.document.summary,
    placeName: notice.document.placeName,
    recipients: notice.document.recipients.join("\n"),
    signerName: notice.document.signer.name,
    signerDeputy: notice.document.signer.deputy,
    signerTitle: notice.document.signer.title,
    blocks: notice.document.blocks.map((block) => ({ key: block.key, text: block.text })),
    ...change,
  };
}

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  const [plan] = await handle.db.select().from(supervisionPlans).where(eq(supervisionPlans.subject, CURRENT_PLAN));
  planId = plan.id;
  councilId = plan.issuingUnitId;
  const [visit] = await handle.db.select({ id: visits.id, unitId: visits.unitId }).from(visits).where(eq(visits.planId, plan.id));
  visitId = visit.id;
  const [ubnd] = await handle.db.select({ id: units.id }).from(units).where(eq(units.name, "UBND phường Bình An"));
  const shortcoming = await makeFinding(handle.db, { visitId, kind: "shortcoming", position: 1, text: "Chưa niêm yết đủ danh mục thủ tục hành chính tại Trung tâm." });
  await makeFinding(handle.db, { visitId, kind: "cause", causeKind: "subjective", parentId: shortcoming.id, position: 2, text: "Công chức mới được điều động." });
  await makeFinding(handle.db, { visitId, kind: "achievement", position: 3, text: "Trung tâm bố trí đủ trang thiết bị." });
  await makeRecommendation(handle.db, { visitId, addressedUnitId: ubnd.id, addressedRole: "Chủ tịch UBND phường", position: 1, deadline: `${year + 1}-03-31`, text: "Niêm yết đầy đủ danh mục thủ tục hành chính." });
  for (const person of PEOPLE) {
    cookie[person] = await signIn(person, DEMO_PASSWORD);
    const [user] = await rowsOf<{ id: number }>(await handle.db.execute(sql`select id from users where username = ${person}`));
    actor[person] = await actorFor(user.id);
  }
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

/** The notice the "draft" tests compose and issue; the access matrix below reads it. */
let noticeId: number;

describe("the draft", () => {

  it("is composed from the visit when the chair asks, once", async () => {
    const result = await act(visitNotice, { path: `/visits/${visitId}/notice`, params: { visitId: String(visitId) }, cookie: cookie["trang.ttt"], form: { corrects: null } });
    expect(result.status).toBe(302);
    noticeId = Number(result.location!.split("/").at(-1));
    const again = await act(visitNotice, { path: `/visits/${visitId}/notice`, params: { visitId: String(visitId) }, cookie: cookie["an.bd"], form: { corrects: null } });
    expect(again.location).toBe(`/notices/${noticeId}`);
    const opened = await load(visitNotice, { path: `/visits/${visitId}/notice`, params: { visitId: String(visitId) }, cookie: cookie["trang.ttt"] });
    expect(opened).toMatchObject({ status: 302, location: `/notices/${noticeId}` });

    const notice = await getNoticeEditor(actor["trang.ttt"], noticeId);
    expect(notice).toMatchObject({ status: "draft", canEdit: true, unitName: "Bộ phận Một cửa phường Bình An" });
    const texts = notice!.document.blocks.map((block) => block.text);
    expect(texts[0]).toMatch(/^Thực hiện Kế hoạch số \d{2}\/KH-HĐND ngày \d{2}\/\d{1,2}\/\d{4} của Thường trực HĐND phường Bình An/);
    expect(texts.join("\n")).toContain("đồng chí Bùi Dương Ân – PCT HĐND – Trưởng đoàn");
    expect(texts).toContain("- Chưa niêm yết đủ danh mục thủ tục hành chính tại Trung tâm.");
    expect(texts).toContain("Nguyên nhân chủ quan: công chức mới được điều động.");
    expect(texts.some((text) => text.startsWith("1. Đề nghị Chủ tịch UBND phường: Niêm yết đầy đủ") && text.endsWith(`trước ngày 31/3/${year + 1}.`))).toBe(true);
    expect(notice!.document).toMatchObject({ governingBody: "HĐND PHƯỜNG BÌNH AN", issuingBody: "THƯỜNG TRỰC", number: null, placeName: "Bình An" });
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.entity, "notice"), eq(auditLog.entityId, String(noticeId))));
    expect(audit.action).toBe("create");
  });

  it("is refused, and nothing written, for a team member, a unit, another council, the administrator", async () => {
    const before = await noticeCount();
    for (const person of ["nhung.vt", "motcua.binhan", "tt.phochau", "quantri"] as const) {
      const result = await act(visitNotice, { path: `/visits/${visitId}/notice`, params: { visitId: String(visitId) }, cookie: cookie[person], form: { corrects: null } });
      expect([403, 404], person).toContain(result.status);
    }
    expect(await noticeCount()).toBe(before);
  });

  it("saves edited paragraphs, the summary, signer and recipients", async () => {
    const notice = (await getNoticeEditor(actor["trang.ttt"], noticeId))!;
    const values = draftValues(notice, {
      summary: "Kết luận giám sát hoạt động của Trung tâm Phục vụ hành chính công phường",
      signerName: "Bùi Dương Ân",
      signerDeputy: true,
      recipients: "TT. HĐND thành phố\nUBND phường Bình An",
      blocks: notice.document.blocks.map((block) =>
        block.key === "preparation" ? { key: block.key, text: "Trung tâm chuẩn bị báo cáo ".normalize("NFD") + "đầy đủ." } : block.key === "unit" ? { key: block.key, text: "" } : block,
      ),
    });
    const result = await act(noticePage, { path: `/notices/${noticeId}`, params: { noticeId: String(noticeId) }, cookie: cookie["an.bd"], form: { ...values, intent: "save" } });
    expect(result).toMatchObject({ status: 200, data: { ok: "Đã lưu dự thảo." } });
    const saved = (await getNoticeEditor(actor["trang.ttt"], noticeId))!;
    expect(saved.revision).toBe(notice.revision + 1);
    expect(saved.document.summary).toBe("Kết luận giám sát hoạt động của Trung tâm Phục vụ hành chính công phường");
    expect(saved.document.blocks.find((block) => block.key === "preparation")!.text).toBe("Trung tâm chuẩn bị báo cáo đầy đủ.");
    expect(saved.document.blocks.find((block) => block.key === "unit")!.text).toBe("");
    expect(saved.document.signer).toEqual({ deputy: true, name: "Bùi Dương Ân", title: "" });
    expect(saved.document.recipients).toEqual(["TT. HĐND thành phố", "UBND phường Bình An"]);
    const row = await noticeRow(noticeId);
    expect(row.signerAuthority).toBe("TM. THƯỜNG TRỰC HĐND\nKT. CHỦ TỊCH");
    expect(row.signerTitle).toBe("PHÓ CHỦ TỊCH");
  });

  it("recomposed from newer findings, keeps the paragraphs the committee edited", async () => {
    await makeFinding(handle.db, { visitId, kind: "achievement", position: 9, text: "Trung tâm đã số hóa toàn bộ hồ sơ tiếp nhận trong năm." });
    const before = (await getNoticeEditor(actor["trang.ttt"], noticeId))!;
    const result = await act(noticePage, {
      path: `/notices/${noticeId}`,
      params: { noticeId: String(noticeId) },
      cookie: cookie["trang.ttt"],
      form: { intent: "recompose", revision: before.revision },
    });
    expect(result.status).toBe(200);
    const after = (await getNoticeEditor(actor["trang.ttt"], noticeId))!;
    const text = (key: string) => after.document.blocks.find((block) => block.key === key)?.text;
    expect(after.document.blocks.map((block) => block.text)).toContain("Trung tâm đã số hóa toàn bộ hồ sơ tiếp nhận trong năm.");
    expect(text("preparation")).toBe("Trung tâm chuẩn bị báo cáo đầy đủ.");
    expect(text("unit")).toBe("");
    expect(text("team")).toBe(before.document.blocks.find((block) => block.key === "team")!.text);
    expect(after.document.summary).toBe(before.document.summary);
  });

  it("refuses a stale revision and empty required fields with a Vietnamese message, writing nothing", async () => {
    const before = await noticeRow(noticeId);
    const notice = (await getNoticeEditor(actor["trang.ttt"], noticeId))!;
    const stale = await act(noticePage, {
      path: `/notices/${noticeId}`,
      params: { noticeId: String(noticeId) },
      cookie: cookie["trang.ttt"],
      form: { ...draftValues(notice, { revision: notice.revision - 1, summary: "Bản cũ" }), intent: "save" },
    });
    expect(stale.status).toBe(409);
    expect(JSON.stringify(stale.data)).toContain("vừa được người khác sửa");
    const empty = await act(noticePage, {
      path: `/notices/${noticeId}`,
      params: { noticeId: String(noticeId) },
      cookie: cookie["trang.ttt"],
      form: { ...draftValues(notice, { summary: "   ", signerName: "" }), intent: "save" },
    });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.data)).toContain("Nhập trích yếu");
    expect(JSON.stringify(empty.data)).toContain("Nhập họ tên người ký.");
    const tampered = await act(noticePage, { path: `/notices/${noticeId}`, params: { noticeId: String(noticeId) }, cookie: cookie["trang.ttt"], form: { intent: "publish" } });
    expect(tampered.status).toBe(400);
    expect(await noticeRow(noticeId)).toEqual(before);
  });

  it("is readable by the team but not by the unit before issue", async () => {
    expect(await getNoticeEditor(actor["nhung.vt"], noticeId)).toMatchObject({ canEdit: false, status: "draft" });
    expect(await getNoticeEditor(actor["motcua.binhan"], noticeId)).toBeNull();
    expect(await getNoticeEditor(actor["tt.phochau"], noticeId)).toBeNull();
    const pdf = await load(noticePdf, { path: `/notices/${noticeId}/pdf`, params: { noticeId: String(noticeId) }, cookie: cookie["motcua.binhan"] });
    expect(pdf.status).toBe(403);
  });

  it("a team member may read but not save", async () => {
    const notice = (await getNoticeEditor(actor["trang.ttt"], noticeId))!;
    const result = await act(noticePage, { path: `/notices/${noticeId}`, params: { noticeId: String(noticeId) }, cookie: cookie["nhung.vt"], form: { ...draftValues(notice), intent: "save" } });
    expect(result.status).toBe(403);
    expect((await noticeRow(noticeId)).revision).toBe(notice.revision);
  });

  describe("issued", () => {
    let number: number;

    it("takes the next TB number of the council, today's date, and starts follow-up of its recommendations", async () => {
      const [series] = await handle.db
        .select({ last: documentSeries.lastNumber })
        .from(documentSeries)
        .where(and(eq(documentSeries.issuingUnitId, councilId), eq(documentSeries.year, year), eq(documentSeries.documentType, "TB")));
      const notice = (await getNoticeEditor(actor["trang.ttt"], noticeId))!;
      const result = await act(noticePage, { path: `/notices/${noticeId}`, params: { noticeId: String(noticeId) }, cookie: cookie["trang.ttt"], form: { ...draftValues(notice), intent: "issue" } });
      expect(result.status).toBe(200);
      number = (series?.last ?? 0) + 1;
      const expected = `Đã ban hành Thông báo số ${String(number).padStart(2, "0")}/TB-HĐND`;
      expect((result.data as { ok: string }).ok).toContain(expected);
      expect((result.data as { ok: string }).ok).toContain("1 kiến nghị được đưa vào theo dõi khắc phục");
      const row = await noticeRow(noticeId);
      expect(row).toMatchObject({ status: "issued", number, issueDate: vietnamDate() });
      expect((row.content as { issuer?: unknown }).issuer).toEqual({ governingBody: "HĐND PHƯỜNG BÌNH AN", issuingBody: "THƯỜNG TRỰC" });
      const items = await handle.db.select().from(recommendations).where(eq(recommendations.visitId, visitId)).orderBy(asc(recommendations.id));
      expect(items.map((item) => [item.noticeId, item.status])).toEqual([[noticeId, "not_started"]]);
      const [plan] = await handle.db.select({ status: supervisionPlans.status }).from(supervisionPlans).where(eq(supervisionPlans.id, planId));
      expect(plan.status).toBe("concluded");
    });

    it("never changes again: the model refuses, and so does the database", async () => {
      const notice = (await getNoticeEditor(actor["trang.ttt"], noticeId))!;
      expect(notice.canEdit).toBe(false);
      const refusal = await rejectionOf(saveNoticeDraft(actor["trang.ttt"], noticeId, draftValues(notice, { summary: "Sửa sau ban hành" })));
      expect(refusal).toBeInstanceOf(DomainError);
      expect((refusal as DomainError).message).toContain("đã được ban hành với số");
      await expect(issueNotice(actor["trang.ttt"], noticeId, notice.revision)).rejects.toThrow(/đã được ban hành/);
      await expect(handle.db.update(conclusionNotices).set({ placeName: "Khác" }).where(eq(conclusionNotices.id, noticeId))).rejects.toThrow();
      expect((await noticeRow(noticeId)).placeName).toBe("Bình An");
    });

    it("is downloadable by the supervised unit as PDF and Word, with its number and edited text", async () => {
      const pdf = await load(noticePdf, { path: `/notices/${noticeId}/pdf`, params: { noticeId: String(noticeId) }, cookie: cookie["motcua.binhan"] });
      expect(pdf.status).toBe(200);
      const raw = await noticePdf.loader({ request: new Request(`http://localhost/notices/${noticeId}/pdf`, { headers: { Cookie: cookie["motcua.binhan"] } }), params: { noticeId: String(noticeId) }, context: {} });
      expect(raw.headers.get("Content-Type")).toBe("application/pdf");
      const text = readPdf(Buffer.from(await raw.arrayBuffer())).pages.map((page) => page.text.replace(/\s+/g, " ")).join(" ");
      expect(text).toContain(`Số: ${String(number).padStart(2, "0")}/TB-HĐND`);
      expect(text).toContain("Trung tâm chuẩn bị báo cáo đầy đủ.");
      expect(text).toContain("KT. CHỦ TỊCH");

      const docx = await noticeDocx.loader({ request: new Request(`http://localhost/notices/${noticeId}/docx`, { headers: { Cookie: cookie["motcua.binhan"] } }), params: { noticeId: String(noticeId) }, context: {} });
      expect(docx.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      expect(docx.headers.get("Content-Disposition")).toMatch(/^attachment; filename="Thong-bao-\d{2}-TB-HDND\.docx"/);
      const words = textOf(readDocx(Buffer.from(await docx.arrayBuffer())).xml("word/document.xml"));
      expect(words).toContain(`Số: ${String(number).padStart(2, "0")}/TB-HĐND`);
      expect(words).toContain("Trung tâm chuẩn bị báo cáo đầy đủ.");

      for (const person of ["ubnd.phochau", "tt.phochau", "quantri"] as const) {
        const refused = await load(noticePdf, { path: `/notices/${noticeId}/pdf`, params: { noticeId: String(noticeId) }, cookie: cookie[person] });
        expect(refused.status, person).toBe(403);
      }
    });

    it("a second draft for the visit is only a correction, pointing at the issued notice", async () => {
      const refused = await rejectionOf(openNoticeDraft(actor["trang.ttt"], visitId));
      expect((refused as DomainError).message).toContain("Soạn thông báo đính chính");
      const result = await act(visitNotice, { path: `/visits/${visitId}/notice`, params: { visitId: String(visitId) }, cookie: cookie["trang.ttt"], form: { corrects: noticeId } });
      expect(result.status).toBe(302);
      const correctionId = Number(result.location!.split("/").at(-1));
      const correction = await noticeRow(correctionId);
      expect(correction).toMatchObject({ status: "draft", correctsNoticeId: noticeId, number: null });
    });
  });
});

describe("two people issuing at once", () => {
  it("get one issue; the other is told the number", async () => {
    const [visit] = await handle.db
      .select({ id: visits.id })
      .from(visits)
      .innerJoin(supervisionPlans, eq(supervisionPlans.id, visits.planId))
      .where(eq(supervisionPlans.number, 5));
    // The demo seed-001 visit already has 12/TB-HĐND: a correction is the only draft it may take.
    const [issued] = await handle.db.select({ id: conclusionNotices.id }).from(conclusionNotices).where(eq(conclusionNotices.visitId, visit.id));
    const draftId = await openNoticeDraft(actor["trang.ttt"], visit.id, { corrects: issued.id });
    const { revision } = await noticeRow(draftId);
    const outcomes = await Promise.allSettled([issueNotice(actor["trang.ttt"], draftId, revision), issueNotice(actor["an.bd"], draftId, revision)]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((outcome) => outcome.status === "rejected") as PromiseRejectedResult;
    expect((rejected.reason as Error).message).toMatch(/đã được ban hành với số|vừa được người khác sửa/);
    expect(await noticeRow(draftId)).toMatchObject({ status: "issued" });
  });
});

describe("the demo notice 12/TB-HĐND", () => {
  it("prints seed 001's figures from its issued snapshot", async () => {
    const [notice] = await handle.db.select({ id: conclusionNotices.id }).from(conclusionNotices).where(and(eq(conclusionNotices.number, 12), eq(conclusionNotices.issueDate, "2024-04-05")));
    const response = await noticePdf.loader({ request: new Request(`http://localhost/notices/${notice.id}/pdf`, { headers: { Cookie: cookie["trang.ttt"] } }), params: { noticeId: String(notice.id) }, context: {} });
    const text = readPdf(Buffer.from(await response.arrayBuffer())).pages.map((page) => page.text.replace(/\s+/g, " ")).join(" ");
    for (const phrase of ["Số: 12/TB-HĐND", "Bình An, ngày 05 tháng 4 năm 2024", "11.701 hồ sơ", "3.557/4.709 hồ sơ đạt tỷ lệ 75,5%", "Trần Thị Thuỳ Trang"]) {
      expect(text, phrase).toContain(phrase);
    }
  });
});

describe("who may open the issued notice's pages", () => {
  type Outcome = 200 | 302 | 403 | 404;
  const routes = [
    ["page", noticePage, () => `/notices/${noticeId}`, { noticeId: () => String(noticeId) }],
    ["pdf", noticePdf, () => `/notices/${noticeId}/pdf`, { noticeId: () => String(noticeId) }],
    ["docx", noticeDocx, () => `/notices/${noticeId}/docx`, { noticeId: () => String(noticeId) }],
    ["visit", visitNotice, () => `/visits/${visitId}/notice`, { visitId: () => String(visitId) }],
  ] as const;
  // The visit page redirects (302) to the newest notice for those who may see the visit.
  const expected: Record<"anonymous" | Person, [Outcome, Outcome, Outcome, Outcome]> = {
    anonymous: [302, 302, 302, 302],
    "trang.ttt": [200, 200, 200, 302],
    "an.bd": [200, 200, 200, 302],
    "nhung.vt": [200, 200, 200, 302],
    "motcua.binhan": [200, 200, 200, 404],
    "ubnd.phochau": [403, 403, 403, 404],
    "tt.phochau": [403, 403, 403, 404],
    quantri: [403, 403, 403, 403],
  };
  for (const [person, outcomes] of Object.entries(expected)) {
    it(`${person}: ${outcomes.join(", ")}`, async () => {
      for (const [index, [name, route, path, params]] of routes.entries()) {
        const result = await load(route, {
          path: path(),
          params: Object.fromEntries(Object.entries(params).map(([key, value]) => [key, value()])),
          cookie: person === "anonymous" ? undefined : cookie[person as Person],
        });
        expect(result.status, name).toBe(outcomes[index]);
        if (result.status === 302 && person === "anonymous") expect(result.location, name).toMatch(/^\/login/);
        if (result.status === 403) expect(JSON.stringify(result.data), name).not.toContain("Trung tâm chuẩn bị");
      }
    });
  }
});
