/** A visit as a supervision file: seed 001's visit exports to a valid file; only its team and committee get it. */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { conclusionNotices, findings, supervisionPlans, units, users, visits } from "#db/schema";
import { ensureDemoData } from "#db/seed";
import { addMember, makeFinding, makeNotice, makePlan, makeUser, makeVisit } from "#tests/factories";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { noticeDocumentFromFile } from "~/domain/notice-composition";
import { DomainError } from "~/models/errors.server";
import { noticeSignerColumns, recipientNames, signerFromNoticeColumns, supervisionFileForVisit } from "~/models/supervision-file.server";
import { supervisionFileSchema } from "~/schemas/supervision-file";

let handle: DatabaseHandle;
const ids: Record<string, number> = {};

async function userId(username: string) {
  const [row] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return row.id;
}

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  const [council] = await handle.db.select({ id: units.id }).from(units).where(eq(units.name, "HĐND phường Bình An"));
  const [plan] = await handle.db
    .select({ id: supervisionPlans.id })
    .from(supervisionPlans)
    .where(and(eq(supervisionPlans.issuingUnitId, council.id), eq(supervisionPlans.number, 5)));
  const [visit] = await handle.db.select({ id: visits.id }).from(visits).where(eq(visits.planId, plan.id));
  ids.council = council.id;
  ids.plan05 = plan.id;
  ids.visit05 = visit.id;
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe("supervisionFileForVisit on seed 001", () => {
  it("exports the visit as a valid file with its plan, team, figures and findings", async () => {
    const file = await supervisionFileForVisit(handle.db, await actorFor(await userId("trang.ttt")), ids.visit05);
    expect(file).not.toBeNull();
    const parsed = supervisionFileSchema.safeParse(file);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
    expect(file!.issuer).toEqual({ governingBody: "HĐND PHƯỜNG BÌNH AN", issuingBody: "THƯỜNG TRỰC", placeName: "Bình An" });
    expect(file!.plan).toMatchObject({ number: 5, symbol: "KH-HĐND", issueDate: "2024-04-01", periodStart: "2023-01-01", periodEnd: "2024-03-31" });
    expect(file!.team.map((m) => [m.fullName, m.role])).toEqual([
      ["Trần Thị Thuỳ Trang", "lead"],
      ["Bùi Dương Ân", "deputy"],
      ["Vũ Thị Nhưng", "member"],
    ]);
    expect(file!.unit.name).toBe("UBND phường Bình An");
    const received = file!.figures.find((f) => f.numerator === 11701)!;
    const [issued] = await handle.db.select().from(conclusionNotices).where(eq(conclusionNotices.number, 12));
    const content = issued.content as { decimals?: number; blocks?: unknown };
    expect(received).toMatchObject({ label: "Số hồ sơ tiếp nhận", measureUnit: "hồ sơ", denominator: null, targetPercent: null });
    // The notice's precision, 2 decimals when it does not say.
    expect(new Set(file!.figures.map((f) => f.decimals))).toEqual(new Set([content.decimals ?? 2]));
    expect(received.id).toMatch(/^fig-\d+$/);
    expect(file!.figures.find((f) => f.numerator === 3557)).toMatchObject({ denominator: 4709, periodEnd: "2023-12-31" });
    expect(file!.figures).toHaveLength(12);
  });

  it("nests causes under their shortcomings in position order", async () => {
    const file = (await supervisionFileForVisit(handle.db, await actorFor(await userId("nhung.vt")), ids.visit05))!;
    expect(file.findings.map((f) => f.kind)).toEqual(["achievement", "shortcoming", "shortcoming"]);
    const [, posting, staffing] = file.findings;
    expect(posting.text).toMatch(/^Bảng niêm yết/);
    expect(posting.causes).toEqual([{ kind: "objective", text: expect.stringMatching(/^Việc thiết kế bản sắc/) }]);
    expect(staffing.causes).toEqual([{ kind: "subjective", text: expect.stringMatching(/^Nhân sự tại bộ phận/) }]);
    expect(file.findings.every((f) => /^f-\d+$/.test(f.id))).toBe(true);
  });

  it("takes the recommendations and the issued notice 12/TB-HĐND", async () => {
    const file = (await supervisionFileForVisit(handle.db, await actorFor(await userId("an.bd")), ids.visit05))!;
    expect(file.recommendations.map((r) => [r.addressee, r.role, r.deadline.slice(0, 4)])).toEqual([
      ["UBND phường Bình An", "Chủ tịch UBND phường", "2024"],
      ["UBND phường Bình An", "Chủ tịch UBND phường", "2024"],
      ["UBND phường Bình An", "Chủ tịch UBND phường", expect.any(String)],
    ]);
    expect(file.notice).toMatchObject({ number: 12, symbol: "TB-HĐND", issueDate: "2024-04-05" });
    const [issued] = await handle.db.select().from(conclusionNotices).where(eq(conclusionNotices.number, 12));
    expect(file.notice.blocks).toEqual((issued.content as { blocks?: unknown }).blocks ?? null);
    expect(file.notice.signer).toEqual({ deputy: false, name: "Trần Thị Thuỳ Trang", title: "" });
    expect(file.notice.recipients).toEqual(["TT. HĐND thành phố", "TT. Đảng ủy, UBND, UBMTTQ phường", "Đại biểu HĐND phường", "Các ban ngành có liên quan", "CSDL HĐND các cấp"]);
    expect(file.notice.summary).toMatch(/^Kết luận của Thường trực Hội đồng nhân dân phường/);
    // Composed afresh, the file reads as seed 001 writes it.
    const text = noticeDocumentFromFile({ ...file, notice: { ...file.notice, blocks: null } }).blocks.map((b) => b.text).join("\n");
    expect(text).toContain("Kế hoạch số 05/KH-HĐND ngày 01/4/2024");
    expect(text).toContain("Nguyên nhân khách quan: việc thiết kế bản sắc");
    expect(text).toContain("Báo cáo kết quả khắc phục về Thường trực HĐND phường Bình An trước ngày 30/8/2024.");
  });

  it("refuses a unit user, a team member of another plan and the administrator", async () => {
    for (const username of ["ubnd.binhan", "motcua.binhan", "hung.nv", "tt.dian", "tt.phochau", "quantri"]) {
      expect(await supervisionFileForVisit(handle.db, await actorFor(await userId(username)), ids.visit05), username).toBeNull();
    }
  });
});

describe("supervisionFileForVisit on a visit without a notice", () => {
  it("takes the plan's signer and recipients, links figures and items, and files an orphan cause under the last shortcoming", async () => {
    const db = handle.db;
    const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.name, "UBND phường Bình An"));
    const plan = await makePlan(db, { issuingUnitId: ids.council, subject: "Giám sát thử", periodStart: "2024-01-01", periodEnd: "2024-06-30" });
    await db.update(supervisionPlans).set({ signerName: "Bùi Dương Ân", signerIsDeputy: true, recipients: "TT. HĐND thành phố\nĐại biểu HĐND phường" }).where(eq(supervisionPlans.id, plan.id));
    const visit = await makeVisit(db, { planId: plan.id, unitId: unit.id });
    const chair = await actorFor(await userId("trang.ttt"));
    // No team yet: the committee reads it, nobody else.
    const cause = await makeFinding(db, { visitId: visit.id, kind: "cause", causeKind: "objective", position: 1, text: "Nguyên nhân mồ côi." });
    await makeFinding(db, { visitId: visit.id, kind: "shortcoming", position: 2, text: "Tồn tại một." });
    await makeFinding(db, { visitId: visit.id, kind: "shortcoming", position: 3, text: "Tồn tại hai." });
    const file = (await supervisionFileForVisit(db, chair, visit.id))!;
    expect(file.notice).toEqual({
      number: null,
      symbol: "TB-HĐND",
      issueDate: null,
      summary: "",
      preparation: "",
      recipients: ["TT. HĐND thành phố", "Đại biểu HĐND phường"],
      signer: { deputy: true, name: "Bùi Dương Ân", title: "" },
      blocks: null,
    });
    expect(file.findings.map((f) => [f.text, f.causes.map((c) => c.text)])).toEqual([
      ["Tồn tại một.", []],
      ["Tồn tại hai.", ["Nguyên nhân mồ côi."]],
    ]);
    expect((await db.select().from(findings).where(eq(findings.id, cause.id)))[0].parentId).toBeNull();
  });

  it("uses the chosen notice of the visit, its blocks and decimals, and refuses a notice of another visit", async () => {
    const db = handle.db;
    const chair = await actorFor(await userId("trang.ttt"));
    const draft = await makeNotice(db, {
      planId: ids.plan05,
      visitId: ids.visit05,
      issuingUnitId: ids.council,
      placeName: "Bình An",
      signerName: "Bùi Dương Ân",
      content: { summary: "Dự thảo", decimals: 1, blocks: [{ key: "opening", kind: "paragraph", text: "Mở đầu." }] },
      recipients: ["- Đại biểu HĐND phường;", "- Lưu: VT."],
    });
    await db.update(conclusionNotices).set(noticeSignerColumns({ deputy: true, name: "Bùi Dương Ân", title: "" }, "THƯỜNG TRỰC")).where(eq(conclusionNotices.id, draft.id));
    const latest = (await supervisionFileForVisit(db, chair, ids.visit05))!;
    expect(latest.notice).toMatchObject({ number: null, summary: "Dự thảo", blocks: [{ key: "opening", kind: "paragraph", text: "Mở đầu." }], recipients: ["Đại biểu HĐND phường"] });
    expect(latest.notice.signer).toEqual({ deputy: true, name: "Bùi Dương Ân", title: "" });
    expect(latest.figures.every((f) => f.decimals === 1)).toBe(true);
    const [issued] = await db.select({ id: conclusionNotices.id }).from(conclusionNotices).where(eq(conclusionNotices.number, 12));
    const chosen = (await supervisionFileForVisit(db, chair, ids.visit05, { noticeId: issued.id }))!;
    expect(chosen.notice.number).toBe(12);
    const otherPlan = await makePlan(db, { issuingUnitId: ids.council, subject: "Khác", periodStart: "2024-01-01", periodEnd: "2024-02-01" });
    const stranger = await makeNotice(db, { planId: otherPlan.id, issuingUnitId: ids.council, placeName: "Bình An", signerName: "X" });
    await expect(supervisionFileForVisit(db, chair, ids.visit05, { noticeId: stranger.id })).rejects.toBeInstanceOf(DomainError);
    await db.delete(conclusionNotices).where(eq(conclusionNotices.id, draft.id));
  });

  it("a team member of another plan of the same council gets nothing", async () => {
    const db = handle.db;
    const outsider = await makeUser(db, { username: "ngoai.doan", fullName: "Người Ngoài Đoàn", role: "team_member", unitId: ids.council, password: "mat-khau-dai-1" });
    const plan = await makePlan(db, { issuingUnitId: ids.council, subject: "Kế hoạch khác", periodStart: "2024-01-01", periodEnd: "2024-02-01" });
    await addMember(db, { planId: plan.id, userId: outsider.id, fullName: outsider.fullName, role: "lead" });
    expect(await supervisionFileForVisit(db, await actorFor(outsider.id), ids.visit05)).toBeNull();
  });
});

describe("notice signer and recipient columns", () => {
  it("round-trip a deputy, a typed title and a Ban", () => {
    for (const [signer, body] of [
      [{ deputy: false, name: "A", title: "" }, "THƯỜNG TRỰC"],
      [{ deputy: true, name: "B", title: "" }, "THƯỜNG TRỰC"],
      [{ deputy: false, name: "C", title: "Ủy viên Thường trực" }, "THƯỜNG TRỰC"],
      [{ deputy: true, name: "D", title: "" }, "BAN PHÁP CHẾ"],
    ] as const) {
      const columns = noticeSignerColumns(signer, body);
      const back = signerFromNoticeColumns(columns, body);
      expect({ ...back, title: back.title.toUpperCase() }).toEqual({ ...signer, title: signer.title.toUpperCase() });
    }
    expect(noticeSignerColumns({ deputy: true, name: "B", title: "" }, "THƯỜNG TRỰC")).toEqual({
      signerAuthority: "TM. THƯỜNG TRỰC HĐND\nKT. CHỦ TỊCH",
      signerTitle: "PHÓ CHỦ TỊCH",
      signerName: "B",
    });
  });

  it("keeps recipient names only", () => {
    expect(recipientNames(["- TT. HĐND thành phố;", "Đại biểu HĐND phường", "Lưu: VT."])).toEqual(["TT. HĐND thành phố", "Đại biểu HĐND phường"]);
  });
});
