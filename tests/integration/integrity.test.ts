/**
 * What the database itself refuses, whatever the application does: statements are written
 * directly (raw SQL or drizzle without the models), as a bug or a hand-run script would.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, rowsOf } from "#db/client";
import {
  auditLog,
  checklistItems,
  checklistSections,
  checklistTemplates,
  conclusionNotices,
  documentSeries,
  extensionRequests,
  findingCitations,
  recommendations,
  supervisionPlans,
  units,
  users,
} from "#db/schema";
import { recordAudit } from "~/models/audit.server";
import {
  makeFigure,
  makeFinding,
  makeNotice,
  makePlan,
  makeRecommendation,
  makeUnit,
  makeUser,
  makeVisit,
  nextNumber,
} from "#tests/factories";
import { freshDatabase } from "#tests/support/database";
import { refusedBy } from "#tests/support/failures";

const CHECK = "23514";
const UNIQUE = "23505";
/**
 * A delete blocked by ON DELETE RESTRICT: PostgreSQL ≤ 17 says foreign_key_violation (23503),
 * PostgreSQL 18 (PGlite 0.5) says restrict_violation (23001). Either is a refusal by the key.
 */
const FOREIGN_KEY = ["23503", "23001"];
const INSUFFICIENT_PRIVILEGE = "42501";

let handle: DatabaseHandle;
const ids = {} as Record<
  "province" | "ward" | "council" | "ubnd" | "otherCouncil" | "chair" | "unitUser" | "plan" | "visit" | "item" | "figure",
  number
>;

async function plain(query: ReturnType<typeof sql>) {
  return rowsOf<Record<string, unknown>>(await handle.db.execute(query));
}

beforeAll(async () => {
  handle = await freshDatabase();
  const db = handle.db;
  ids.province = (await makeUnit(db, { name: "Tỉnh Thử Nghiệm", kind: "province" })).id;
  ids.ward = (await makeUnit(db, { name: "Phường Hòa Bình", kind: "commune", parentId: ids.province })).id;
  ids.council = (await makeUnit(db, { name: "HĐND phường Hòa Bình", kind: "people_council", parentId: ids.ward })).id;
  ids.ubnd = (await makeUnit(db, { name: "UBND phường Hòa Bình", kind: "people_committee", parentId: ids.ward })).id;
  ids.otherCouncil = (await makeUnit(db, { name: "HĐND xã Tân Lập", kind: "people_council", parentId: ids.province })).id;
  ids.chair = (await makeUser(db, { username: "chu.tich", fullName: "Chủ tịch", role: "committee", unitId: ids.council })).id;
  ids.unitUser = (await makeUser(db, { username: "ubnd.hoabinh", fullName: "UBND", role: "unit", unitId: ids.ubnd })).id;
  const plan = await makePlan(db, {
    issuingUnitId: ids.council,
    subject: "Giám sát cải cách hành chính",
    periodStart: "2023-01-01",
    periodEnd: "2024-03-31",
    number: 1,
    issueDate: "2024-04-01",
  });
  ids.plan = plan.id;
  ids.visit = (await makeVisit(db, { planId: plan.id, unitId: ids.ubnd })).id;
  const [template] = await db.insert(checklistTemplates).values({ code: "MOT-CUA", version: 1, title: "Phiếu kiểm tra" }).returning();
  const [section] = await db.insert(checklistSections).values({ templateId: template.id, code: "B", title: "Niêm yết", position: 1 }).returning();
  const [item] = await db
    .insert(checklistItems)
    .values({ sectionId: section.id, code: "B1", text: "Niêm yết đầy đủ thủ tục hành chính", position: 1 })
    .returning();
  ids.item = item.id;
  ids.figure = (
    await makeFigure(db, {
      unitId: ids.ubnd,
      visitId: ids.visit,
      code: "on_time",
      label: "Tỷ lệ hồ sơ đúng hạn",
      numerator: 9787,
      denominator: 10000,
      periodStart: "2023-01-01",
      periodEnd: "2023-12-31",
    })
  ).id;
});

afterAll(async () => {
  await handle?.close();
});

describe("the audit log is append-only", () => {
  it("refuses UPDATE and DELETE, and the row stays as written", async () => {
    await recordAudit(handle.db, { id: ids.chair }, "create", "plan", ids.plan, { subject: "gốc" });
    const [row] = await plain(sql`select * from audit_log where entity = 'plan' and entity_id = ${String(ids.plan)}`);

    const update = await refusedBy(handle.db.update(auditLog).set({ action: "delete", data: { subject: "sửa" } }).where(eq(auditLog.id, Number(row.id))));
    expect(update.code).toBe(INSUFFICIENT_PRIVILEGE);
    expect(update.message).toMatch(/append-only/);

    const del = await refusedBy(handle.db.delete(auditLog).where(eq(auditLog.id, Number(row.id))));
    expect(del.code).toBe(INSUFFICIENT_PRIVILEGE);

    const deleteAll = await refusedBy(handle.db.execute(sql`delete from audit_log`));
    expect(deleteAll.code).toBe(INSUFFICIENT_PRIVILEGE);

    const [after] = await plain(sql`select * from audit_log where id = ${row.id}`);
    expect(after).toEqual(row);
  });

  it("refuses TRUNCATE", async () => {
    const [{ n: before }] = await plain(sql`select count(*)::int as n from audit_log`);
    expect(Number(before)).toBeGreaterThan(0);
    const refusal = await refusedBy(handle.db.execute(sql`truncate audit_log`));
    expect(refusal.code).toBe(INSUFFICIENT_PRIVILEGE);
    const [{ n: after }] = await plain(sql`select count(*)::int as n from audit_log`);
    expect(after).toBe(before);
  });

  it("still accepts new rows", async () => {
    await recordAudit(handle.db, null, "login_failed", "user", ids.unitUser, { failed: 1 });
    const rows = await plain(sql`select action from audit_log where entity = 'user' and entity_id = ${String(ids.unitUser)}`);
    expect(rows).toEqual([{ action: "login_failed" }]);
  });
});

describe("an issued conclusion notice never changes", () => {
  async function issuedNotice(number: number) {
    return makeNotice(handle.db, {
      planId: ids.plan,
      visitId: ids.visit,
      issuingUnitId: ids.council,
      placeName: "Hòa Bình",
      signerName: "Trần Thị Thùy Trang",
      number,
      issueDate: "2024-04-05",
      issuedBy: ids.chair,
      content: { results: "Kết quả đạt được" },
    });
  }

  it("refuses UPDATE of any column, and the row stays as issued", async () => {
    const notice = await issuedNotice(12);
    const [before] = await plain(sql`select * from conclusion_notices where id = ${notice.id}`);
    for (const change of [
      { signerName: "Người khác" },
      { content: { results: "Đã sửa" } },
      { status: "draft" as const },
      { number: 13 },
    ]) {
      const refusal = await refusedBy(handle.db.update(conclusionNotices).set(change).where(eq(conclusionNotices.id, notice.id)));
      expect(refusal.code).toBe(INSUFFICIENT_PRIVILEGE);
      expect(refusal.message).toMatch(/is issued and cannot change/);
    }
    const [after] = await plain(sql`select * from conclusion_notices where id = ${notice.id}`);
    expect(after).toEqual(before);
  });

  it("refuses DELETE", async () => {
    const notice = await issuedNotice(14);
    const refusal = await refusedBy(handle.db.delete(conclusionNotices).where(eq(conclusionNotices.id, notice.id)));
    expect(refusal.code).toBe(INSUFFICIENT_PRIVILEGE);
    const rows = await handle.db.select({ id: conclusionNotices.id }).from(conclusionNotices).where(eq(conclusionNotices.id, notice.id));
    expect(rows).toHaveLength(1);
  });

  it("lets a draft be edited, issued and deleted", async () => {
    const draft = await makeNotice(handle.db, { planId: ids.plan, issuingUnitId: ids.council, placeName: "Hòa Bình", signerName: "Chủ tịch" });
    expect(draft.status).toBe("draft");
    const [edited] = await handle.db
      .update(conclusionNotices)
      .set({ signerName: "Trần Thị Thùy Trang", revision: 2 })
      .where(eq(conclusionNotices.id, draft.id))
      .returning();
    expect(edited.signerName).toBe("Trần Thị Thùy Trang");

    // Issuing is the last change: afterwards the row is frozen.
    await handle.db
      .update(conclusionNotices)
      .set({ status: "issued", number: 20, issueDate: "2024-05-01", issuedAt: new Date("2024-05-01T02:00:00Z"), issuedBy: ids.chair })
      .where(eq(conclusionNotices.id, draft.id));
    const refusal = await refusedBy(handle.db.update(conclusionNotices).set({ revision: 3 }).where(eq(conclusionNotices.id, draft.id)));
    expect(refusal.code).toBe(INSUFFICIENT_PRIVILEGE);

    const other = await makeNotice(handle.db, { planId: ids.plan, issuingUnitId: ids.council, placeName: "Hòa Bình", signerName: "Chủ tịch" });
    await handle.db.delete(conclusionNotices).where(eq(conclusionNotices.id, other.id));
    expect(await handle.db.select().from(conclusionNotices).where(eq(conclusionNotices.id, other.id))).toEqual([]);
  });

  it("refuses an issued notice without number, date or time of issue", async () => {
    const refusal = await refusedBy(
      handle.db.insert(conclusionNotices).values({
        planId: ids.plan,
        issuingUnitId: ids.council,
        placeName: "Hòa Bình",
        signerName: "Chủ tịch",
        status: "issued",
        content: {},
      }),
    );
    expect(refusal).toMatchObject({ code: CHECK, constraint: "conclusion_notices_issued_complete" });
  });
});

describe("check constraints", () => {
  it("a plan whose period ends before it starts", async () => {
    const refusal = await refusedBy(
      makePlan(handle.db, { issuingUnitId: ids.council, subject: "Ngược", periodStart: "2024-03-31", periodEnd: "2024-01-01" }),
    );
    expect(refusal).toMatchObject({ code: CHECK, constraint: "supervision_plans_period_order" });
    // A period of one day is fine.
    const oneDay = await makePlan(handle.db, { issuingUnitId: ids.council, subject: "Một ngày", periodStart: "2024-01-01", periodEnd: "2024-01-01" });
    expect(oneDay.periodEnd).toBe("2024-01-01");
  });

  it("an issued plan without a number", async () => {
    const refusal = await refusedBy(
      makePlan(handle.db, { issuingUnitId: ids.council, subject: "Không số", periodStart: "2024-01-01", periodEnd: "2024-02-01", status: "issued" }),
    );
    expect(refusal).toMatchObject({ code: CHECK, constraint: "supervision_plans_issued_has_number" });
  });

  it("a cause without cause_kind, and an achievement or shortcoming with one", async () => {
    const shortcoming = await makeFinding(handle.db, { visitId: ids.visit, kind: "shortcoming", text: "Niêm yết chưa đầy đủ" });
    const cause = await refusedBy(makeFinding(handle.db, { visitId: ids.visit, kind: "cause", text: "Thiếu nhân lực", parentId: shortcoming.id }));
    expect(cause).toMatchObject({ code: CHECK, constraint: "findings_cause_has_kind" });
    const achievement = await refusedBy(
      makeFinding(handle.db, { visitId: ids.visit, kind: "achievement", text: "Tỷ lệ đúng hạn cao", causeKind: "objective" }),
    );
    expect(achievement).toMatchObject({ code: CHECK, constraint: "findings_cause_has_kind" });
    const shortcomingWithKind = await refusedBy(
      makeFinding(handle.db, { visitId: ids.visit, kind: "shortcoming", text: "Phòng chật", causeKind: "subjective" }),
    );
    expect(shortcomingWithKind).toMatchObject({ code: CHECK, constraint: "findings_cause_has_kind" });
    // The well-formed ones go in.
    const subjective = await makeFinding(handle.db, { visitId: ids.visit, kind: "cause", causeKind: "subjective", text: "Thiếu nhân lực", parentId: shortcoming.id });
    expect(subjective.causeKind).toBe("subjective");
  });

  it("a recommendation accepted without accepted_at and accepted_by, or with only one of them", async () => {
    const missingBoth = await refusedBy(
      handle.db.insert(recommendations).values({ visitId: ids.visit, addressedUnitId: ids.ubnd, text: "Niêm yết đầy đủ", deadline: "2024-08-30", status: "accepted" }),
    );
    expect(missingBoth).toMatchObject({ code: CHECK, constraint: "recommendations_accepted_complete" });
    const noAcceptor = await refusedBy(
      handle.db.insert(recommendations).values({
        visitId: ids.visit,
        addressedUnitId: ids.ubnd,
        text: "Niêm yết đầy đủ",
        deadline: "2024-08-30",
        status: "accepted",
        acceptedAt: new Date(),
      }),
    );
    expect(noAcceptor).toMatchObject({ code: CHECK, constraint: "recommendations_accepted_complete" });

    const open = await makeRecommendation(handle.db, { visitId: ids.visit, addressedUnitId: ids.ubnd, text: "Bố trí máy quét", deadline: "2024-08-30" });
    const update = await refusedBy(handle.db.update(recommendations).set({ status: "accepted" }).where(eq(recommendations.id, open.id)));
    expect(update).toMatchObject({ code: CHECK, constraint: "recommendations_accepted_complete" });
    // Acceptance data on a recommendation that is not accepted is refused too.
    const stray = await refusedBy(
      handle.db.update(recommendations).set({ acceptedAt: new Date(), acceptedBy: ids.chair }).where(eq(recommendations.id, open.id)),
    );
    expect(stray).toMatchObject({ code: CHECK, constraint: "recommendations_accepted_complete" });
    await handle.db
      .update(recommendations)
      .set({ status: "accepted", acceptedAt: new Date(), acceptedBy: ids.chair })
      .where(eq(recommendations.id, open.id));
    const [row] = await handle.db.select().from(recommendations).where(eq(recommendations.id, open.id));
    expect(row.status).toBe("accepted");
  });

  it("an extended deadline that is not after the original", async () => {
    const rec = await makeRecommendation(handle.db, { visitId: ids.visit, addressedUnitId: ids.ubnd, text: "Tiếp nhận tại Một cửa", deadline: "2024-08-30" });
    for (const extendedDeadline of ["2024-08-30", "2024-08-29", "2024-01-01"]) {
      const refusal = await refusedBy(handle.db.update(recommendations).set({ extendedDeadline }).where(eq(recommendations.id, rec.id)));
      expect(refusal).toMatchObject({ code: CHECK, constraint: "recommendations_extension_later" });
    }
    await handle.db.update(recommendations).set({ extendedDeadline: "2024-08-31" }).where(eq(recommendations.id, rec.id));
    const [row] = await handle.db.select().from(recommendations).where(eq(recommendations.id, rec.id));
    expect(row).toMatchObject({ deadline: "2024-08-30", extendedDeadline: "2024-08-31" });
  });

  it("a finding citation with two targets, or none", async () => {
    const finding = await makeFinding(handle.db, { visitId: ids.visit, kind: "achievement", text: "Đúng hạn 97,87%" });
    const two = await refusedBy(handle.db.insert(findingCitations).values({ findingId: finding.id, itemId: ids.item, figureId: ids.figure }));
    expect(two).toMatchObject({ code: CHECK, constraint: "finding_citations_exactly_one" });
    const none = await refusedBy(handle.db.insert(findingCitations).values({ findingId: finding.id }));
    expect(none).toMatchObject({ code: CHECK, constraint: "finding_citations_exactly_one" });
    await handle.db.insert(findingCitations).values({ findingId: finding.id, figureId: ids.figure });
    await handle.db.insert(findingCitations).values({ findingId: finding.id, itemId: ids.item });
    const rows = await handle.db.select().from(findingCitations).where(eq(findingCitations.findingId, finding.id));
    expect(rows).toHaveLength(2);
  });
});

describe("extension requests", () => {
  it("refuses a second pending request for the same recommendation, but not after the first is decided", async () => {
    const rec = await makeRecommendation(handle.db, { visitId: ids.visit, addressedUnitId: ids.ubnd, text: "Số hóa hồ sơ", deadline: "2024-08-30" });
    const request = { recommendationId: rec.id, requestedDeadline: "2024-09-30", reason: "Chờ kinh phí mua máy quét", requestedBy: ids.unitUser };
    const [first] = await handle.db.insert(extensionRequests).values(request).returning();
    const second = await refusedBy(handle.db.insert(extensionRequests).values({ ...request, reason: "Lý do khác" }));
    expect(second).toMatchObject({ code: UNIQUE, constraint: "extension_requests_one_pending_key" });

    await handle.db
      .update(extensionRequests)
      .set({ status: "refused", decidedBy: ids.chair, decidedAt: new Date(), decisionNote: "Không đủ căn cứ" })
      .where(eq(extensionRequests.id, first.id));
    await handle.db.insert(extensionRequests).values({ ...request, reason: "Bổ sung căn cứ" });
    const rows = await handle.db.select().from(extensionRequests).where(eq(extensionRequests.recommendationId, rec.id));
    expect(rows.map((r) => r.status).sort()).toEqual(["pending", "refused"]);
  });

  it("refuses a decision without who and when", async () => {
    const rec = await makeRecommendation(handle.db, { visitId: ids.visit, addressedUnitId: ids.ubnd, text: "Thanh toán trực tuyến", deadline: "2024-08-30" });
    const [request] = await handle.db
      .insert(extensionRequests)
      .values({ recommendationId: rec.id, requestedDeadline: "2024-09-30", reason: "Chờ hướng dẫn", requestedBy: ids.unitUser })
      .returning();
    const refusal = await refusedBy(handle.db.update(extensionRequests).set({ status: "granted" }).where(eq(extensionRequests.id, request.id)));
    expect(refusal).toMatchObject({ code: CHECK, constraint: "extension_requests_decision_complete" });
  });
});

describe("foreign keys", () => {
  it("refuses deleting a unit that has users, and the unit stays", async () => {
    const unit = await makeUnit(handle.db, { name: "Bộ phận Một cửa", kind: "public_service_center", parentId: ids.ubnd });
    await makeUser(handle.db, { username: "motcua.hoabinh", fullName: "Cán bộ Một cửa", role: "unit", unitId: unit.id });
    const refusal = await refusedBy(handle.db.delete(units).where(eq(units.id, unit.id)));
    expect(FOREIGN_KEY).toContain(refusal.code);
    expect(refusal.constraint).toBe("users_unit_id_units_id_fk");
    expect(await handle.db.select({ id: units.id }).from(units).where(eq(units.id, unit.id))).toHaveLength(1);
  });

  it("refuses deleting a unit that has child units, and allows deleting an empty leaf", async () => {
    const parent = await makeUnit(handle.db, { name: "Cha", kind: "other", parentId: ids.ward });
    const child = await makeUnit(handle.db, { name: "Con", kind: "other", parentId: parent.id });
    const refusal = await refusedBy(handle.db.delete(units).where(eq(units.id, parent.id)));
    expect(FOREIGN_KEY).toContain(refusal.code);
    expect(refusal.constraint).toBe("units_parent_id_units_id_fk");
    await handle.db.delete(units).where(eq(units.id, child.id));
    await handle.db.delete(units).where(eq(units.id, parent.id));
    expect(await handle.db.select().from(units).where(eq(units.id, parent.id))).toEqual([]);
  });

  it("refuses a user in a unit that does not exist", async () => {
    const refusal = await refusedBy(makeUser(handle.db, { username: "khong.don.vi", fullName: "X", role: "unit", unitId: 999_999 }));
    expect(refusal).toMatchObject({ code: "23503", constraint: "users_unit_id_units_id_fk" });
  });

  it("refuses deleting a user who wrote audit rows", async () => {
    const user = await makeUser(handle.db, { username: "co.vet", fullName: "Có vết", role: "unit", unitId: ids.ubnd });
    await recordAudit(handle.db, { id: user.id }, "login", "user", user.id);
    const refusal = await refusedBy(handle.db.delete(users).where(eq(users.id, user.id)));
    expect(FOREIGN_KEY).toContain(refusal.code);
    expect(refusal.constraint).toBe("audit_log_actor_id_users_id_fk");
  });
});

describe("document numbering", () => {
  async function series(issuingUnitId: number, year: number, type: "KH" | "TB") {
    const rows = await handle.db
      .select({ last: documentSeries.lastNumber })
      .from(documentSeries)
      .where(sql`${documentSeries.issuingUnitId} = ${issuingUnitId} and ${documentSeries.year} = ${year} and ${documentSeries.documentType} = ${type}`);
    return rows[0]?.last;
  }

  it("20 concurrent takes from one series get exactly 1..20", async () => {
    const numbers = await Promise.all(Array.from({ length: 20 }, () => nextNumber(handle.db, ids.council, 2024, "TB")));
    expect(new Set(numbers).size).toBe(20);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await series(ids.council, 2024, "TB")).toBe(20);
    // The next one continues the series.
    expect(await nextNumber(handle.db, ids.council, 2024, "TB")).toBe(21);
  });

  it("concurrent takes inside transactions are still distinct", async () => {
    const numbers = await Promise.all(
      Array.from({ length: 10 }, () => handle.db.transaction((tx) => nextNumber(tx, ids.otherCouncil, 2024, "TB"))),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  });

  it("another year, another document type and another issuing body each start at 1", async () => {
    const [otherYear, otherType, otherUnit] = await Promise.all([
      nextNumber(handle.db, ids.council, 2025, "TB"),
      nextNumber(handle.db, ids.council, 2024, "KH"),
      nextNumber(handle.db, ids.ward, 2024, "TB"),
    ]);
    expect([otherYear, otherType, otherUnit]).toEqual([1, 1, 1]);
    expect(await nextNumber(handle.db, ids.council, 2025, "TB")).toBe(2);
  });

  it("refuses two plans with the same number in the same year from the same issuing body", async () => {
    const base = { issuingUnitId: ids.council, subject: "Kế hoạch", periodStart: "2024-01-01", periodEnd: "2024-06-30", number: 5 };
    await makePlan(handle.db, { ...base, issueDate: "2024-03-01" });
    const refusal = await refusedBy(makePlan(handle.db, { ...base, subject: "Trùng số", issueDate: "2024-11-20" }));
    expect(refusal).toMatchObject({ code: UNIQUE, constraint: "supervision_plans_number_key" });

    // The same number is free in another year, and for another issuing body.
    const nextYear = await makePlan(handle.db, { ...base, issueDate: "2025-01-15" });
    expect(nextYear.number).toBe(5);
    const otherBody = await makePlan(handle.db, { ...base, issuingUnitId: ids.otherCouncil, issueDate: "2024-03-01" });
    expect(otherBody.number).toBe(5);
    // Drafts carry no number and never collide.
    await makePlan(handle.db, { ...base, number: null, status: "draft" });
    await makePlan(handle.db, { ...base, number: null, status: "draft" });

    const [{ n }] = await plain(
      sql`select count(*)::int as n from supervision_plans where issuing_unit_id = ${ids.council} and number = 5 and extract(year from issue_date) = 2024`,
    );
    expect(n).toBe(1);
  });

  it("refuses two notices with the same number in the same year from the same issuing body", async () => {
    const base = { planId: ids.plan, issuingUnitId: ids.otherCouncil, placeName: "Tân Lập", signerName: "Chủ tịch", number: 7, issuedBy: ids.chair };
    await makeNotice(handle.db, { ...base, issueDate: "2024-04-05" });
    const refusal = await refusedBy(makeNotice(handle.db, { ...base, issueDate: "2024-12-01" }));
    expect(refusal).toMatchObject({ code: UNIQUE, constraint: "conclusion_notices_number_key" });
    const nextYear = await makeNotice(handle.db, { ...base, issueDate: "2025-01-05" });
    expect(nextYear.number).toBe(7);
  });

  it("refuses a plan number of zero", async () => {
    const refusal = await refusedBy(
      makePlan(handle.db, { issuingUnitId: ids.council, subject: "Số 0", periodStart: "2024-01-01", periodEnd: "2024-02-01", number: 0, issueDate: "2024-03-01", status: "issued" }),
    );
    expect(refusal).toMatchObject({ code: CHECK, constraint: "supervision_plans_number_positive" });
  });

  it("keeps the plan the unique index refused out of the table", async () => {
    const rows = await handle.db.select({ subject: supervisionPlans.subject }).from(supervisionPlans).where(eq(supervisionPlans.subject, "Trùng số"));
    expect(rows).toEqual([]);
  });
});
