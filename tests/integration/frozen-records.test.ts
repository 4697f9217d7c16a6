/**
 * What is final stays final, whoever asks and by whichever route: the issued notice 12/TB-HĐND
 * (and the findings and recommendations of its visit), a recommendation the committee accepted
 * with its accepted report, a returned (already reviewed) report, and an issued Báo cáo kết quả
 * khắc phục. Every action that touches them is posted by the people who could change them before
 * (the chair, the deputy lead, a team member, the addressed unit) with well-formed values: each is
 * refused with a Vietnamese message and the whole database is unchanged. Then the database itself
 * refuses direct UPDATE and DELETE of those rows.
 *
 * Already proved elsewhere, not repeated here: direct UPDATE/DELETE of an issued notice and the
 * append-only audit log (tests/integration/integrity.test.ts), the model's refusal to save or
 * re-issue an issued notice (tests/integration/notices.test.ts, "never changes again").
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import {
  conclusionNotices,
  extensionRequests,
  findingCitations,
  findings,
  indicatorFigures,
  recommendations,
  remediationDocuments,
  remediationReports,
  supervisionPlans,
  units,
  visits,
} from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { addDays } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import * as noticePage from "~/routes/notices.$noticeId";
import * as noticeDocx from "~/routes/notices.$noticeId.docx";
import * as noticePdf from "~/routes/notices.$noticeId.pdf";
import * as remediationPage from "~/routes/notices.$noticeId_.remediation";
import * as remediationPdf from "~/routes/notices.$noticeId_.remediation[.]pdf";
import * as planPage from "~/routes/plans.$planId";
import * as recommendationPage from "~/routes/recommendations.$recommendationId";
import * as documentPdf from "~/routes/remediation-documents.$documentId.pdf";
import * as answersRoute from "~/routes/visits.$visitId.answers";
import * as carriedRoute from "~/routes/visits.$visitId.carried";
import * as photosRoute from "~/routes/visits.$visitId.photos";
import * as findingsPage from "~/routes/visits.$visitId_.findings";
import * as visitNotice from "~/routes/visits.$visitId_.notice";
import * as visitReport from "~/routes/visits.$visitId_.report";
import { type Fingerprint, changedTables, fingerprint } from "#tests/support/db-fingerprint";
import { freshDatabase } from "#tests/support/database";
import { refusedBy } from "#tests/support/failures";
import { type RouteResult, act, load, send, signIn } from "#tests/support/requests";

const PEOPLE = ["trang.ttt", "an.bd", "nhung.vt", "ubnd.binhan", "quantri"] as const;
type Person = (typeof PEOPLE)[number];
const INSUFFICIENT_PRIVILEGE = "42501";
/** Letters only Vietnamese uses: a refusal must be written for the user, not be a stack trace. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

let handle: DatabaseHandle;
const cookie = {} as Record<Person, string>;
/** The demo's frozen records (seed 001: plan 05/KH-HĐND, notice 12/TB-HĐND) and what hangs off them. */
const f = {} as {
  planId: number;
  visitId: number;
  noticeId: number;
  noticeRevision: number;
  findingIds: number[];
  findingRevisions: number[];
  citationId: number;
  figureId: number;
  issuedRecIds: number[];
  ubndId: number;
  accepted: { recId: number; reportId: number };
  returned: { recId: number; reportId: number };
  extensionId: number;
  documentId: number;
  currentVisitId: number;
};
let baseline: Fingerprint;

const params = (name: string, id: number) => ({ [name]: String(id) });

function messageOf(result: RouteResult): string {
  const data = result.data as unknown;
  if (typeof data === "string") {
    try {
      const parsed = JSON.parse(data) as { message?: string };
      return parsed.message ?? data;
    } catch {
      return data;
    }
  }
  const errors = (data as { errors?: Record<string, { message?: string }> } | null)?.errors;
  if (errors) return Object.values(errors).map((e) => e.message ?? "").join(" | ");
  return JSON.stringify(data);
}

function form(fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type: string }[] = [], fileField = "files"): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  for (const file of files) body.append(fileField, new File([new Uint8Array(file.bytes)], file.name, { type: file.type }));
  return body;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

function findingsPost(who: Person, values: Record<string, unknown>) {
  return act(findingsPage, { path: `/visits/${f.visitId}/findings`, params: params("visitId", f.visitId), cookie: cookie[who], form: values });
}
function noticePost(who: Person, values: Record<string, unknown>) {
  return act(noticePage, { path: `/notices/${f.noticeId}`, params: params("noticeId", f.noticeId), cookie: cookie[who], form: values });
}
function recommendationPost(who: Person, recId: number, fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type: string }[] = []) {
  return send(recommendationPage, { path: `/recommendations/${recId}`, params: params("recommendationId", recId), cookie: cookie[who], body: form(fields, files) });
}

/** The notice's own draft values as the editor would post them, with one change. */
async function noticeValues(change: Record<string, unknown>) {
  const [row] = await handle.db.select().from(conclusionNotices).where(eq(conclusionNotices.id, f.noticeId));
  const content = row.content as { summary?: string; blocks?: { key: string; text: string }[] };
  return {
    revision: row.revision,
    summary: content.summary ?? "Thông báo kết luận",
    placeName: row.placeName,
    recipients: ((row as { recipients?: string[] }).recipients ?? ["Lưu: VT."]).join("\n"),
    signerName: row.signerName,
    signerDeputy: false,
    signerTitle: "CHỦ TỊCH",
    blocks: (content.blocks ?? []).map((b) => ({ key: b.key, text: b.text })),
    ...change,
  };
}

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  const db = handle.db;
  for (const person of PEOPLE) cookie[person] = await signIn(person, DEMO_PASSWORD);

  const [notice] = await db.select().from(conclusionNotices).where(and(eq(conclusionNotices.number, 12), eq(conclusionNotices.status, "issued")));
  Object.assign(f, { noticeId: notice.id, noticeRevision: notice.revision, visitId: notice.visitId!, planId: notice.planId });
  const visitFindings = await db.select().from(findings).where(eq(findings.visitId, f.visitId)).orderBy(findings.position);
  f.findingIds = visitFindings.map((x) => x.id);
  f.findingRevisions = visitFindings.map((x) => x.revision);
  [{ id: f.figureId }] = await db.select({ id: indicatorFigures.id }).from(indicatorFigures).where(eq(indicatorFigures.visitId, f.visitId)).limit(1);
  // A citation on the concluded visit, as the team may have made before the notice was issued.
  [{ id: f.citationId }] = await db.insert(findingCitations).values({ findingId: f.findingIds[0], figureId: f.figureId }).returning({ id: findingCitations.id });

  const recs = await db.select().from(recommendations).where(eq(recommendations.noticeId, f.noticeId)).orderBy(recommendations.position);
  f.issuedRecIds = recs.map((r) => r.id);
  f.ubndId = recs[0].addressedUnitId;
  const reportOf = async (recId: number, review: "accepted" | "returned") => {
    const [report] = await db
      .select({ id: remediationReports.id })
      .from(remediationReports)
      .where(and(eq(remediationReports.recommendationId, recId), eq(remediationReports.review, review)));
    return report.id;
  };
  const accepted = recs.find((r) => r.status === "accepted")!;
  const returned = recs.find((r) => r.status === "returned")!;
  f.accepted = { recId: accepted.id, reportId: await reportOf(accepted.id, "accepted") };
  f.returned = { recId: returned.id, reportId: await reportOf(returned.id, "returned") };
  [{ id: f.extensionId }] = await db.select({ id: extensionRequests.id }).from(extensionRequests).limit(1);

  const [current] = await db
    .select({ id: visits.id })
    .from(visits)
    .innerJoin(supervisionPlans, eq(supervisionPlans.id, visits.planId))
    .innerJoin(units, eq(units.id, visits.unitId))
    .where(and(eq(units.name, "Bộ phận Một cửa phường Bình An"), eq(supervisionPlans.status, "in_progress")));
  f.currentVisitId = current.id;

  // UBND phường Bình An issues its Báo cáo kết quả khắc phục on notice 12: numbered, frozen.
  const issued = await send(remediationPage, {
    path: `/notices/${f.noticeId}/remediation`,
    params: params("noticeId", f.noticeId),
    cookie: cookie["ubnd.binhan"],
    body: form({ intent: "issue", authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "Nguyễn Văn Bình", recipients: "Thường trực HĐND phường;\nLưu: VT." }),
  });
  expect(issued.status, messageOf(issued)).toBe(200);
  [{ id: f.documentId }] = await db.select({ id: remediationDocuments.id }).from(remediationDocuments).where(eq(remediationDocuments.noticeId, f.noticeId));

  baseline = await fingerprint(db);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

type Attempt = { who: Person; what: string; run: (who: Person) => Promise<RouteResult>; says: RegExp };

const CONCLUDED = /Thông báo kết luận của buổi giám sát đã ban hành: kết quả giám sát và kiến nghị không còn sửa được/;
const CLOSED_REC = /chấp nhận kết quả khắc phục: không thể thay đổi nữa/;

function findingAttempts(): Attempt[] {
  const [first, second] = [f.findingIds[0], f.findingIds[1]];
  const [rev1, rev2] = [f.findingRevisions[0], f.findingRevisions[1]];
  const rec = { addressedUnitId: f.ubndId, addressedRole: "Chủ tịch UBND phường", text: "Kiến nghị thêm sau khi ban hành", deadline: addDays(vietnamDate(), 30), findingIds: [] };
  const posts: [string, Record<string, unknown>][] = [
    ["finding.create", { intent: "finding.create", kind: "achievement", causeKind: null, parentId: null, text: "Thêm sau khi ban hành", itemIds: [], figureIds: [], attachmentIds: [] }],
    ["finding.update", { intent: "finding.update", id: first, revision: rev1, text: "Sửa sau khi ban hành" }],
    ["finding.delete", { intent: "finding.delete", id: second, revision: rev2 }],
    ["finding.move", { intent: "finding.move", id: second, direction: "down" }],
    ["finding.merge", { intent: "finding.merge", ids: [first, second] }],
    ["citation.add", { intent: "citation.add", findingId: second, target: "figure", targetId: f.figureId }],
    ["citation.remove", { intent: "citation.remove", citationId: f.citationId }],
    ["recommendation.create", { intent: "recommendation.create", ...rec }],
    ["recommendation.update", { intent: "recommendation.update", id: f.issuedRecIds[1], revision: 1, ...rec }],
    ["recommendation.delete", { intent: "recommendation.delete", id: f.issuedRecIds[1], revision: 1 }],
    ["recommendation.move", { intent: "recommendation.move", id: f.issuedRecIds[0], direction: "down" }],
    ["recommendation.merge", { intent: "recommendation.merge", ids: [f.issuedRecIds[1], f.issuedRecIds[2]] }],
  ];
  return (["trang.ttt", "an.bd", "nhung.vt"] as const).flatMap((who) =>
    posts.map(([intent, values]) => ({ who, what: `findings page: ${intent}`, run: (w: Person) => findingsPost(w, values), says: CONCLUDED })),
  );
}

function noticeAttempts(): Attempt[] {
  const intents: [string, () => Promise<Record<string, unknown>>][] = [
    ["save", () => noticeValues({ intent: "save", summary: "Sửa trích yếu sau khi ban hành" })],
    ["issue (again)", () => noticeValues({ intent: "issue" })],
    ["recompose", async () => ({ intent: "recompose", revision: f.noticeRevision })],
    ["discard", async () => ({ intent: "discard", revision: f.noticeRevision })],
  ];
  return (["trang.ttt", "an.bd"] as const).flatMap((who) => [
    ...intents.map(([intent, values]) => ({
      who,
      what: `notice page: ${intent}`,
      run: async (w: Person) => noticePost(w, await values()),
      says: /đã được ban hành với số 12\/TB-HĐND, không sửa được nữa/,
    })),
    {
      who,
      what: "visit's notice: a second draft that is not a correction",
      run: (w: Person) => act(visitNotice, { path: `/visits/${f.visitId}/notice`, params: params("visitId", f.visitId), cookie: cookie[w], form: { corrects: null } }),
      says: /đính chính/,
    },
  ]);
}

function recommendationAttempts(): Attempt[] {
  const later = addDays(vietnamDate(), 90);
  return [
    { who: "ubnd.binhan", what: "accepted recommendation: a new report", run: (w) => recommendationPost(w, f.accepted.recId, { intent: "report", progress: "in_progress", content: "Báo cáo lại sau khi đã chấp nhận" }, [{ name: "anh.png", bytes: PNG, type: "image/png" }]), says: CLOSED_REC },
    { who: "ubnd.binhan", what: "accepted recommendation: an extension", run: (w) => recommendationPost(w, f.accepted.recId, { intent: "extension", requestedDeadline: later, reason: "Xin gia hạn sau khi đã chấp nhận" }), says: CLOSED_REC },
    ...(["trang.ttt", "an.bd"] as const).flatMap((who): Attempt[] => [
      { who, what: "accepted report: returned", run: (w) => recommendationPost(w, f.accepted.recId, { intent: "review", reportId: String(f.accepted.reportId), decision: "return", note: "Mở lại" }), says: CLOSED_REC },
      { who, what: "accepted report: accepted again", run: (w) => recommendationPost(w, f.accepted.recId, { intent: "review", reportId: String(f.accepted.reportId), decision: "accept", note: "" }), says: CLOSED_REC },
      { who, what: "accepted recommendation: an extension granted", run: (w) => recommendationPost(w, f.accepted.recId, { intent: "decide-extension", requestId: String(f.extensionId), decision: "grant", grantedDeadline: later, note: "" }), says: CLOSED_REC },
      { who, what: "returned report: accepted after all", run: (w) => recommendationPost(w, f.returned.recId, { intent: "review", reportId: String(f.returned.reportId), decision: "accept", note: "" }), says: /Báo cáo này đã được xem xét/ },
      { who, what: "returned report: returned again", run: (w) => recommendationPost(w, f.returned.recId, { intent: "review", reportId: String(f.returned.reportId), decision: "return", note: "Trả lại lần nữa" }), says: /Báo cáo này đã được xem xét/ },
    ]),
  ];
}

function visitAttempts(): Attempt[] {
  const edit = (itemId: number) => ({ editId: crypto.randomUUID(), itemId, answeredAt: new Date().toISOString(), baseRevision: 0, value: "met", note: "" });
  return [
    ...(["trang.ttt", "nhung.vt"] as const).map(
      (who): Attempt => ({
        who,
        what: "concluded visit: checklist answers",
        run: (w) => send(answersRoute, { path: `/visits/${f.visitId}/answers`, params: params("visitId", f.visitId), cookie: cookie[w], body: JSON.stringify({ edits: [edit(1)] }), contentType: "application/json" }),
        says: /phiếu kiểm tra không nhận thêm câu trả lời/,
      }),
    ),
    {
      who: "nhung.vt",
      what: "concluded visit: a photo",
      run: (w) => send(photosRoute, { path: `/visits/${f.visitId}/photos`, params: params("visitId", f.visitId), cookie: cookie[w], body: form({ clientId: crypto.randomUUID(), itemId: "" }, [{ name: "anh.png", bytes: PNG, type: "image/png" }], "photo") }),
      says: /không nhận thêm ảnh/,
    },
    {
      who: "an.bd",
      what: "this year's visit: checking the accepted recommendation (never carried)",
      run: (w) => act(carriedRoute, { path: `/visits/${f.currentVisitId}/carried`, params: params("visitId", f.currentVisitId), cookie: cookie[w], form: { recommendationId: f.accepted.recId, value: "not_met", note: "Mở lại", revision: 1 } }),
      says: /không thuộc danh sách kiến nghị kỳ trước/,
    },
    {
      who: "ubnd.binhan",
      what: "concluded visit: the unit's report before the visit",
      run: (w) => act(visitReport, { path: `/visits/${f.visitId}/report`, params: params("visitId", f.visitId), cookie: cookie[w], form: { intent: "save", unitReport: "Báo cáo sửa sau khi kết luận", figures: [] } }),
      says: /đã kết thúc; báo cáo không còn sửa được/,
    },
    {
      who: "trang.ttt",
      what: "concluded plan: reopened",
      run: (w) => act(planPage, { path: `/plans/${f.planId}`, params: params("planId", f.planId), cookie: cookie[w], form: { intent: "status", to: "in_progress" } }),
      says: /Không thể chuyển/,
    },
  ];
}

describe("no route changes a frozen record", () => {
  it("the baseline holds the frozen rows", async () => {
    const [notice] = await handle.db.select({ status: conclusionNotices.status }).from(conclusionNotices).where(eq(conclusionNotices.id, f.noticeId));
    expect(notice.status).toBe("issued");
    expect(f.findingIds.length).toBeGreaterThanOrEqual(2);
    expect(f.issuedRecIds).toHaveLength(3);
    expect(f.documentId).toBeGreaterThan(0);
  });

  for (const [group, attempts] of [
    ["the findings and recommendations of the visit of an issued notice", findingAttempts],
    ["the issued notice", noticeAttempts],
    ["an accepted recommendation and its reviewed reports", recommendationAttempts],
    ["the concluded visit and plan", visitAttempts],
  ] as const) {
    it(`${group}: every post is refused in Vietnamese, nothing written`, async () => {
      for (const attempt of attempts()) {
        const label = `${attempt.who} → ${attempt.what}`;
        const result = await attempt.run(attempt.who);
        const message = messageOf(result);
        expect(result.status, `${label}: ${message}`).toBeGreaterThanOrEqual(400);
        expect(result.status, `${label}: ${message}`).toBeLessThan(500);
        expect(message, label).toMatch(VIETNAMESE);
        expect(message, label).toMatch(attempt.says);
        expect(changedTables(baseline, await fingerprint(handle.db)), label).toEqual([]);
      }
    });
  }

  it("the pages that serve issued documents have no action at all", () => {
    for (const module of [noticePdf, noticeDocx, remediationPdf, documentPdf]) expect("action" in module).toBe(false);
  });

  it("a second Báo cáo kết quả khắc phục is a new document with the next number; the first stays as issued", async () => {
    const [before] = await handle.db.select().from(remediationDocuments).where(eq(remediationDocuments.id, f.documentId));
    const again = await send(remediationPage, {
      path: `/notices/${f.noticeId}/remediation`,
      params: params("noticeId", f.noticeId),
      cookie: cookie["ubnd.binhan"],
      body: form({ intent: "issue", authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "Người Khác", recipients: "Lưu: VT." }),
    });
    expect(again.status, messageOf(again)).toBe(200);
    const all = await handle.db.select().from(remediationDocuments).where(eq(remediationDocuments.noticeId, f.noticeId)).orderBy(remediationDocuments.number);
    expect(all).toHaveLength(2);
    expect(all[0]).toEqual(before);
    expect(all[1].number).toBe(before.number + 1);
    // Readers see both; the issued page never changes the first.
    const page = await load(remediationPage, { path: `/notices/${f.noticeId}/remediation`, params: params("noticeId", f.noticeId), cookie: cookie["ubnd.binhan"] });
    expect((page.data as { issued: { id: number }[] }).issued.map((d) => d.id).sort()).toEqual(all.map((d) => d.id).sort());
  });
});

describe("the database refuses direct changes to frozen rows", () => {
  async function refusal(statement: () => Promise<unknown>) {
    const refused = await refusedBy(statement);
    expect(refused.code, refused.message).toBe(INSUFFICIENT_PRIVILEGE);
    return refused;
  }

  it("an accepted recommendation: no column changes, no delete", async () => {
    const [before] = await handle.db.select().from(recommendations).where(eq(recommendations.id, f.accepted.recId));
    for (const change of [
      { text: "Sửa sau khi chấp nhận" },
      { status: "in_progress" as const, acceptedAt: null, acceptedBy: null },
      { deadline: "2099-12-31" },
      { extendedDeadline: "2099-12-31" },
      { noticeId: null },
    ]) {
      const refused = await refusal(() => handle.db.update(recommendations).set(change).where(eq(recommendations.id, f.accepted.recId)));
      expect(refused.message).toMatch(/is accepted and cannot change/);
    }
    await refusal(() => handle.db.delete(recommendations).where(eq(recommendations.id, f.accepted.recId)));
    const [after] = await handle.db.select().from(recommendations).where(eq(recommendations.id, f.accepted.recId));
    expect(after).toEqual(before);
  });

  it("a reviewed report (accepted or returned): neither its content nor its review changes, and it is never deleted", async () => {
    for (const reportId of [f.accepted.reportId, f.returned.reportId]) {
      const [before] = await handle.db.select().from(remediationReports).where(eq(remediationReports.id, reportId));
      for (const change of [
        { content: "Nội dung sửa lại" },
        { progress: "not_started" as const },
        { review: "submitted" as const, reviewedAt: null, reviewedBy: null },
        { review: before.review === "accepted" ? ("returned" as const) : ("accepted" as const) },
        { reviewNote: "Ghi chú sửa lại" },
        { submittedAt: new Date("2020-01-01T00:00:00Z") },
      ]) {
        await refusal(() => handle.db.update(remediationReports).set(change).where(eq(remediationReports.id, reportId)));
      }
      await refusal(() => handle.db.delete(remediationReports).where(eq(remediationReports.id, reportId)));
      const [after] = await handle.db.select().from(remediationReports).where(eq(remediationReports.id, reportId));
      expect(after).toEqual(before);
    }
  });

  it("an issued Báo cáo kết quả khắc phục: no column changes, no delete", async () => {
    const [before] = await handle.db.select().from(remediationDocuments).where(eq(remediationDocuments.id, f.documentId));
    for (const change of [{ number: 99 }, { content: { items: [] } }, { issueDate: "2020-01-01" }, { symbol: "BC-KHAC" }]) {
      const refused = await refusal(() => handle.db.update(remediationDocuments).set(change).where(eq(remediationDocuments.id, f.documentId)));
      expect(refused.message).toMatch(/is issued and cannot change/);
    }
    await refusal(() => handle.db.delete(remediationDocuments).where(eq(remediationDocuments.id, f.documentId)));
    await refusal(() => handle.db.execute(sql`update remediation_documents set content = '{}'::jsonb`));
    const [after] = await handle.db.select().from(remediationDocuments).where(eq(remediationDocuments.id, f.documentId));
    expect(after).toEqual(before);
  });

});
