/**
 * Supervision plans end to end through the routes and the model: create, edit, issue with the
 * issuing body's KH series (also when two people issue at once), what an issued plan may still
 * change, status steps, refusals in Vietnamese that write nothing, the list's filters, the
 * printed plan's data and who may download its PDF.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, type Tx, rowsOf } from "#db/client";
import { auditLog, checklistTemplates, documentSeries, planMembers, supervisionPlans, visits } from "#db/schema";
import type { Actor } from "~/auth/actor";
import { formatDocumentNumber } from "~/domain/numbering";
import { DomainError } from "~/models/errors.server";
import { changePlanStatus, createPlan, getPlanDocumentData, issuePlan, listPlans, updatePlan } from "~/models/plan.server";
import type { PlanFormValues } from "~/schemas/plan";
import * as planPage from "~/routes/plans.$planId";
import * as planPdf from "~/routes/plans.$planId.pdf";
import * as planEdit from "~/routes/plans.$planId_.edit";
import * as plansIndex from "~/routes/plans._index";
import * as planNew from "~/routes/plans.new";
import { addMember, makePlan, makeUnit, makeUser } from "#tests/factories";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { rejectionOf } from "#tests/support/failures";
import { act, load, signIn } from "#tests/support/requests";

const PASSWORD = "mat-khau-ke-hoach";
const PEOPLE = ["committeeA", "viceA", "banA", "committeeB", "memberA", "memberB", "unitA", "unitB", "admin"] as const;
type Person = (typeof PEOPLE)[number];

let handle: DatabaseHandle;
const unit = {} as Record<"province" | "wardA" | "councilA" | "banA" | "ubndA" | "oneStopA" | "frontA" | "wardB" | "councilB" | "ubndB", number>;
const userId = {} as Record<Person, number>;
const actor = {} as Record<Person, Actor>;
const cookie = {} as Record<Person, string>;
const template = {} as Record<"published" | "retired" | "draft", number>;

beforeAll(async () => {
  handle = await freshDatabase();
  const db = handle.db;
  const u = async (key: keyof typeof unit, name: string, kind: Parameters<typeof makeUnit>[1]["kind"], parent?: keyof typeof unit, placeName?: string) => {
    unit[key] = (await makeUnit(db, { name, kind, parentId: parent ? unit[parent] : null, placeName })).id;
  };
  await u("province", "Tỉnh Thử Nghiệm", "province");
  await u("wardA", "Phường An Phú", "commune", "province", "An Phú");
  await u("councilA", "HĐND phường An Phú", "people_council", "wardA", "An Phú");
  await u("banA", "Ban Pháp chế HĐND phường An Phú", "council_committee", "councilA", "An Phú");
  await u("ubndA", "UBND phường An Phú", "people_committee", "wardA", "An Phú");
  await u("oneStopA", "Trung tâm Phục vụ hành chính công phường An Phú", "public_service_center", "ubndA", "An Phú");
  await u("frontA", "UBMTTQ phường An Phú", "fatherland_front", "wardA", "An Phú");
  await u("wardB", "Phường Bình Đông", "commune", "province", "Bình Đông");
  await u("councilB", "HĐND phường Bình Đông", "people_council", "wardB", "Bình Đông");
  await u("ubndB", "UBND phường Bình Đông", "people_committee", "wardB", "Bình Đông");

  const person = async (key: Person, role: "admin" | "committee" | "team_member" | "unit", unitKey: keyof typeof unit, fullName: string, title = "") => {
    const user = await makeUser(db, { username: `kh.${key.toLowerCase()}`, fullName, title, role, unitId: unit[unitKey], password: PASSWORD });
    userId[key] = user.id;
  };
  await person("committeeA", "committee", "councilA", "Trần Thị Thuỳ Trang", "Chủ tịch HĐND phường");
  await person("viceA", "committee", "councilA", "Bùi Dương Ân", "Phó Chủ tịch HĐND phường");
  await person("banA", "committee", "banA", "Trưởng Ban Pháp chế");
  await person("committeeB", "committee", "councilB", "Chủ tịch HĐND phường Bình Đông");
  await person("memberA", "team_member", "frontA", "Vũ Thị Nhưng", "Phó Chủ tịch UBMTTQ phường");
  await person("memberB", "team_member", "councilB", "Nguyễn Văn Hùng");
  await person("unitA", "unit", "ubndA", "Lê Minh Tuấn");
  await person("unitB", "unit", "ubndB", "Phạm Thị Hoa");
  await person("admin", "admin", "province", "Quản trị");
  for (const key of PEOPLE) {
    actor[key] = await actorFor(userId[key]);
    cookie[key] = await signIn(`kh.${key.toLowerCase()}`, PASSWORD);
  }

  const t = async (key: keyof typeof template, version: number, status: "published" | "retired" | "draft") => {
    const [row] = await db
      .insert(checklistTemplates)
      .values({ code: "mot-cua", version, title: "Phiếu kiểm tra Bộ phận Một cửa", status })
      .returning({ id: checklistTemplates.id });
    template[key] = row.id;
  };
  await t("retired", 1, "retired");
  await t("published", 2, "published");
  await t("draft", 3, "draft");
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

/** A complete plan form of council A, as the page would send it. */
function form(changes: Partial<PlanFormValues> = {}): PlanFormValues {
  return {
    subject: "Giám sát việc tiếp nhận và giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công phường",
    legalBasis: "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13\nNghị định số 118/2025/NĐ-CP",
    purpose: "Đánh giá đúng thực trạng việc giải quyết thủ tục hành chính.",
    periodStart: "2025-07-01",
    periodEnd: "2025-12-31",
    reportingOutline: "1. Công tác chỉ đạo.\n2. Kết quả giải quyết hồ sơ.",
    checklistTemplateId: template.published,
    signerName: "Trần Thị Thuỳ Trang",
    signerIsDeputy: false,
    recipients: "- TT. HĐND thành phố;\nUBND phường;\nLưu: VT.",
    members: [
      { userId: userId.committeeA, fullName: "Trần Thị Thuỳ Trang", title: "Chủ tịch HĐND phường", role: "lead" },
      { userId: userId.memberA, fullName: "Vũ Thị Nhưng", title: "PCT UBMTTQ phường", role: "member" },
      { userId: null, fullName: "Đại biểu không có tài khoản", title: "Đại biểu HĐND", role: "secretary" },
    ],
    units: [{ unitId: unit.ubndA, scheduledAt: "2026-01-15T08:00" }],
    ...changes,
  };
}

async function planRow(id: number) {
  const [row] = await handle.db.select().from(supervisionPlans).where(eq(supervisionPlans.id, id));
  return row;
}

async function visitRows(planId: number) {
  return handle.db.select().from(visits).where(eq(visits.planId, planId)).orderBy(asc(visits.unitId));
}

async function auditOf(planId: number) {
  return handle.db
    .select({ action: auditLog.action, actorId: auditLog.actorId, data: auditLog.data })
    .from(auditLog)
    .where(and(eq(auditLog.entity, "plan"), eq(auditLog.entityId, String(planId))))
    .orderBy(asc(auditLog.id));
}

/** Everything a plan write touches, to show that a refusal wrote nothing. */
async function fingerprint() {
  const [row] = rowsOf<Record<string, string>>(
    await handle.db.execute(sql`select
      (select md5(coalesce(string_agg(p::text, ',' order by id), '')) from supervision_plans p) as plans,
      (select md5(coalesce(string_agg(m::text, ',' order by id), '')) from plan_members m) as members,
      (select md5(coalesce(string_agg(v::text, ',' order by id), '')) from visits v) as visits,
      (select md5(coalesce(string_agg(s::text, ',' order by issuing_unit_id, year, document_type), '')) from document_series s) as series,
      (select count(*) from audit_log)::text as audit`),
  );
  return row;
}

/**
 * Runs `work` while another transaction holds a row lock, released a moment later, so that two
 * concurrent writers are surely both in flight and meet at that row. PGlite runs one transaction
 * at a time, so there the writers simply race.
 */
async function whileRowLocked<T>(lockRow: (tx: Tx) => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  if (handle.kind !== "postgres") return work();
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked = () => {};
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const holder = handle.db.transaction(async (tx) => {
    await lockRow(tx);
    locked();
    await released;
  });
  await isLocked;
  const running = work();
  running.catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 300));
  release();
  await holder;
  return running;
}

async function newDraft(as: Person = "committeeA", changes: Partial<PlanFormValues> = {}) {
  return (await createPlan(actor[as], form(changes))).id;
}

async function expectRefusal(work: Promise<unknown>, message: string | RegExp, status: number, field?: string) {
  const error = await rejectionOf(work);
  expect(error).toBeInstanceOf(DomainError);
  const refusal = error as DomainError;
  if (typeof message === "string") expect(refusal.message).toBe(message);
  else expect(refusal.message).toMatch(message);
  expect(refusal.status).toBe(status);
  if (field !== undefined) expect(refusal.field).toBe(field);
}

describe("create, edit, issue", () => {
  it("creates a draft through the form, edits it, and issues 01 then 02 in the council's series", async () => {
    const created = await act(planNew, { path: "/plans/new", cookie: cookie.committeeA, form: form() });
    expect(created.status).toBe(302);
    const planId = Number(/^\/plans\/(\d+)\?saved=1$/.exec(created.location ?? "")?.[1]);
    expect(planId).toBeGreaterThan(0);

    const draft = await planRow(planId);
    expect(draft).toMatchObject({ status: "draft", number: null, issueDate: null, issuingUnitId: unit.councilA, createdBy: userId.committeeA });
    // Recipients are kept without the printed "- " and without the "Lưu: VT." the document adds.
    expect(draft.recipients).toBe("TT. HĐND thành phố;\nUBND phường;");
    const members = await handle.db.select().from(planMembers).where(eq(planMembers.planId, planId)).orderBy(asc(planMembers.position));
    expect(members.map((m) => [m.fullName, m.role, m.userId])).toEqual([
      ["Trần Thị Thuỳ Trang", "lead", userId.committeeA],
      ["Vũ Thị Nhưng", "member", userId.memberA],
      ["Đại biểu không có tài khoản", "secretary", null],
    ]);
    const [visit] = await visitRows(planId);
    expect(visit.unitId).toBe(unit.ubndA);
    expect(visit.scheduledAt?.toISOString()).toBe("2026-01-15T01:00:00.000Z"); // 08:00 in Vietnam

    const edited = await act(planEdit, {
      path: `/plans/${planId}/edit`,
      params: { planId: String(planId) },
      cookie: cookie.viceA, // the same council's vice-chair may edit it too
      form: form({
        subject: "Giám sát thủ tục hành chính (sửa)",
        units: [
          { unitId: unit.ubndA, scheduledAt: "" },
          { unitId: unit.oneStopA, scheduledAt: "2026-01-16T14:30" },
        ],
      }),
    });
    expect(edited).toMatchObject({ status: 200, data: { ok: "Đã lưu thay đổi." } });
    expect((await planRow(planId)).subject).toBe("Giám sát thủ tục hành chính (sửa)");
    expect((await visitRows(planId)).map((v) => [v.unitId, v.scheduledAt?.toISOString() ?? null])).toEqual([
      [unit.ubndA, null],
      [unit.oneStopA, "2026-01-16T07:30:00.000Z"],
    ]);

    const first = await act(planPage, { path: `/plans/${planId}`, params: { planId: String(planId) }, cookie: cookie.committeeA, form: { intent: "issue", issueDate: "2031-03-05" } });
    expect(first).toMatchObject({ status: 200, data: { ok: "Đã ban hành kế hoạch số 01/KH-HĐND." } });
    expect(await planRow(planId)).toMatchObject({ status: "issued", number: 1, issueDate: "2031-03-05", symbol: "KH-HĐND" });

    const second = await newDraft();
    expect(await issuePlan(actor.committeeA, second, "2031-12-31")).toEqual({ number: 2, symbol: "KH-HĐND" });
    expect(formatDocumentNumber((await planRow(second)).number!, "KH-HĐND")).toBe("02/KH-HĐND");
    // Another year starts its own series; another council keeps its own.
    expect((await issuePlan(actor.committeeA, await newDraft(), "2032-01-02")).number).toBe(1);

    expect((await auditOf(planId)).map((a) => [a.action, a.actorId])).toEqual([
      ["create", userId.committeeA],
      ["update", userId.viceA],
      ["issue", userId.committeeA],
    ]);
    expect((await auditOf(planId))[2].data).toMatchObject({ number: 1, issueDate: "2031-03-05" });
  });

  it("prints numbers below 10 with a leading zero, and from 10 as they are", () => {
    expect(formatDocumentNumber(1, "KH-HĐND")).toBe("01/KH-HĐND");
    expect(formatDocumentNumber(9, "KH-HĐND")).toBe("09/KH-HĐND");
    expect(formatDocumentNumber(10, "KH-HĐND")).toBe("10/KH-HĐND");
  });

  it("two plans issued at once get two different numbers", async () => {
    expect((await issuePlan(actor.committeeA, await newDraft(), "2033-01-02")).number).toBe(1);
    const [a, b] = [await newDraft(), await newDraft()];
    const series = and(eq(documentSeries.issuingUnitId, unit.councilA), eq(documentSeries.year, 2033), eq(documentSeries.documentType, "KH"));
    const results = await whileRowLocked(
      (tx) => tx.select().from(documentSeries).where(series).for("update"),
      () => Promise.all([issuePlan(actor.committeeA, a, "2033-05-01"), issuePlan(actor.viceA, b, "2033-05-01")]),
    );
    expect(results.map((r) => r.number).sort()).toEqual([2, 3]);
    expect([(await planRow(a)).number, (await planRow(b)).number].sort()).toEqual([2, 3]);
  });

  it("one plan issued by two people at once is issued once, and the second is told so", async () => {
    const planId = await newDraft();
    const outcomes = await whileRowLocked(
      (tx) => tx.select().from(supervisionPlans).where(eq(supervisionPlans.id, planId)).for("update"),
      () => Promise.allSettled([issuePlan(actor.committeeA, planId, "2034-02-01"), issuePlan(actor.viceA, planId, "2034-02-02")]),
    );
    const done = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o) => o.status === "rejected");
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const reason = (refused[0] as PromiseRejectedResult).reason as DomainError;
    expect(reason).toBeInstanceOf(DomainError);
    expect(reason.message).toBe("Kế hoạch này đã được ban hành với số 01/KH-HĐND.");
    expect(reason.status).toBe(409);
    expect((await planRow(planId)).number).toBe(1);
    expect((await auditOf(planId)).filter((a) => a.action === "issue")).toHaveLength(1);
    // The series moved by one: the next plan of that year is 02.
    expect((await issuePlan(actor.committeeA, await newDraft(), "2034-06-01")).number).toBe(2);
  });
});

describe("refusals write nothing", () => {
  async function refusedForm(values: unknown, as: Person = "committeeA") {
    const before = await fingerprint();
    const result = await act(planNew, { path: "/plans/new", cookie: cookie[as], form: values as Record<string, unknown> });
    expect(await fingerprint()).toEqual(before);
    return result as { status: number; data: { errors: Record<string, { message: string }> } };
  }

  it("a team without a lead", async () => {
    const members = form().members.map((m) => ({ ...m, role: "member" as const }));
    const result = await refusedForm(form({ members }));
    expect(result.status).toBe(400);
    expect(result.data.errors.members.message).toBe("Đoàn giám sát phải có một Trưởng đoàn.");
  });

  it("a period that ends before it starts", async () => {
    const result = await refusedForm(form({ periodStart: "2025-12-31", periodEnd: "2025-01-01" }));
    expect(result.status).toBe(400);
    expect(result.data.errors.periodEnd.message).toBe("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu thời kỳ giám sát.");
  });

  it("a unit outside the council's locality, or a unit that is not supervised (the MTTQ)", async () => {
    for (const unitId of [unit.ubndB, unit.frontA, 999_999]) {
      const result = await refusedForm(form({ units: [{ unitId, scheduledAt: "" }] }));
      expect(result.status).toBe(400);
      expect(result.data.errors.units.message).toBe(
        "Chỉ được chọn UBND hoặc Trung tâm Phục vụ hành chính công (Bộ phận Một cửa) thuộc địa bàn của Hội đồng nhân dân.",
      );
    }
  });

  it("a retired, draft or unknown checklist template", async () => {
    for (const checklistTemplateId of [template.retired, template.draft, 999_999]) {
      const result = await refusedForm(form({ checklistTemplateId }));
      expect(result.status).toBe(400);
      expect(result.data.errors.checklistTemplateId.message).toBe(
        "Mẫu phiếu kiểm tra không tồn tại hoặc không còn được sử dụng; chọn một mẫu đang áp dụng.",
      );
    }
  });

  it("a team member account of another council's locality", async () => {
    const members = [...form().members, { userId: userId.memberB, fullName: "Nguyễn Văn Hùng", title: "", role: "member" as const }];
    const result = await refusedForm(form({ members }));
    expect(result.data.errors.members.message).toBe(
      "Thành viên đoàn có tài khoản phải là người dùng đang hoạt động thuộc địa bàn của Hội đồng nhân dân.",
    );
  });

  it("a body that is not a form, with a Vietnamese message", async () => {
    const result = await refusedForm({ subject: "x", members: "không phải danh sách" });
    expect(result.status).toBe(400);
    expect(result.data.errors.root.message).toMatch(/Dữ liệu gửi lên không hợp lệ/);
  });

  it("another council's plan id, on every write", async () => {
    const planB = (await createPlan(actor.committeeB, form({ units: [{ unitId: unit.ubndB, scheduledAt: "" }], members: [{ userId: null, fullName: "Trưởng đoàn B", title: "", role: "lead" }] }))).id;
    const params = { planId: String(planB) };
    const before = await fingerprint();
    const attempts = [
      act(planEdit, { path: `/plans/${planB}/edit`, params, cookie: cookie.committeeA, form: form() }),
      act(planPage, { path: `/plans/${planB}`, params, cookie: cookie.committeeA, form: { intent: "issue", issueDate: "2035-01-01" } }),
      act(planPage, { path: `/plans/${planB}`, params, cookie: cookie.committeeA, form: { intent: "status", to: "in_progress" } }),
      load(planEdit, { path: `/plans/${planB}/edit`, params, cookie: cookie.committeeA }),
      // A Ban of council A reads council A's plans but does not write them.
      act(planEdit, { path: `/plans/${planB}/edit`, params, cookie: cookie.banA, form: form() }),
    ];
    for (const result of await Promise.all(attempts)) {
      expect(result.status).toBe(403);
      expect(result.data).toBe("Bạn không có quyền sửa kế hoạch này hoặc kế hoạch không tồn tại.");
    }
    expect(await fingerprint()).toEqual(before);
    await expectRefusal(updatePlan(actor.banA, await newDraft(), form()), "Bạn không có quyền sửa kế hoạch này hoặc kế hoạch không tồn tại.", 403);
  });

  it("roles without plans:manage are refused before anything is read", async () => {
    const planId = await newDraft();
    const before = await fingerprint();
    for (const as of ["memberA", "unitA", "admin"] as const) {
      const created = await act(planNew, { path: "/plans/new", cookie: cookie[as], form: form() });
      expect(created.status).toBe(403);
      const issued = await act(planPage, { path: `/plans/${planId}`, params: { planId: String(planId) }, cookie: cookie[as], form: { intent: "issue", issueDate: "2035-01-01" } });
      expect(issued.status).toBe(403);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it("issuing without a checklist template, without units, or without a signer", async () => {
    const noTemplate = await newDraft("committeeA", { checklistTemplateId: null });
    await expectRefusal(issuePlan(actor.committeeA, noTemplate, "2036-01-01"), "Chọn mẫu phiếu kiểm tra trước khi ban hành kế hoạch.", 400, "checklistTemplateId");

    // A draft without visits cannot come from the form (it wants a unit); it can from older data.
    const bare = await makePlan(handle.db, { issuingUnitId: unit.councilA, subject: "Kế hoạch chưa có đơn vị", periodStart: "2025-01-01", periodEnd: "2025-06-30" });
    await handle.db.update(supervisionPlans).set({ checklistTemplateId: template.published, signerName: "Trần Thị Thuỳ Trang" }).where(eq(supervisionPlans.id, bare.id));
    await addMember(handle.db, { planId: bare.id, fullName: "Trưởng đoàn", role: "lead" });
    await expectRefusal(issuePlan(actor.committeeA, bare.id, "2036-01-01"), "Kế hoạch chưa có đơn vị được giám sát.", 400, "units");

    const unsigned = await newDraft("committeeA", { signerName: "" });
    await expectRefusal(issuePlan(actor.committeeA, unsigned, "2036-01-01"), "Nhập họ tên người ký trước khi ban hành kế hoạch.", 400, "signerName");

    const before = await fingerprint();
    const result = await act(planPage, { path: `/plans/${noTemplate}`, params: { planId: String(noTemplate) }, cookie: cookie.committeeA, form: { intent: "issue", issueDate: "2036-01-01" } });
    expect(result).toMatchObject({ status: 400, data: { errors: { root: { message: "Chọn mẫu phiếu kiểm tra trước khi ban hành kế hoạch." } } } });
    const badDate = await act(planPage, { path: `/plans/${noTemplate}`, params: { planId: String(noTemplate) }, cookie: cookie.committeeA, form: { intent: "issue", issueDate: "31/12/2036" } });
    expect(badDate.status).toBe(400);
    expect(await fingerprint()).toEqual(before);
    expect(await handle.db.select().from(supervisionPlans).where(and(eq(supervisionPlans.issuingUnitId, unit.councilA), sql`extract(year from ${supervisionPlans.issueDate}) = 2036`))).toEqual([]);
  });
});

describe("an issued plan", () => {
  it("may change its team and the times of its visits, not what the issued document fixed", async () => {
    const planId = await newDraft("committeeA", { units: [{ unitId: unit.ubndA, scheduledAt: "" }, { unitId: unit.oneStopA, scheduledAt: "" }] });
    await issuePlan(actor.committeeA, planId, "2037-04-01");

    const replanned = form({
      units: [
        { unitId: unit.oneStopA, scheduledAt: "2037-04-20T08:00" },
        { unitId: unit.ubndA, scheduledAt: "2037-04-21T08:00" },
      ],
      members: [
        { userId: userId.viceA, fullName: "Bùi Dương Ân", title: "Phó Chủ tịch HĐND phường", role: "lead" },
        { userId: userId.memberA, fullName: "Vũ Thị Nhưng", title: "PCT UBMTTQ phường", role: "deputy" },
      ],
    });
    await updatePlan(actor.committeeA, planId, replanned);
    const members = await handle.db.select().from(planMembers).where(eq(planMembers.planId, planId)).orderBy(asc(planMembers.position));
    expect(members.map((m) => [m.userId, m.role])).toEqual([
      [userId.viceA, "lead"],
      [userId.memberA, "deputy"],
    ]);
    expect((await visitRows(planId)).map((v) => v.scheduledAt?.toISOString())).toEqual(["2037-04-21T01:00:00.000Z", "2037-04-20T01:00:00.000Z"]);
    expect(await planRow(planId)).toMatchObject({ status: "issued", number: 1, issueDate: "2037-04-01" });

    const before = await fingerprint();
    const locked = "Kế hoạch đã ban hành: chỉ được sửa thành phần đoàn và lịch giám sát; nội dung, căn cứ, thời kỳ, mẫu phiếu, người ký và nơi nhận giữ như văn bản đã ban hành.";
    await expectRefusal(updatePlan(actor.committeeA, planId, { ...replanned, subject: "Đổi nội dung" }), locked, 409, "subject");
    await expectRefusal(updatePlan(actor.committeeA, planId, { ...replanned, periodEnd: "2026-01-31" }), locked, 409, "periodEnd");
    await expectRefusal(updatePlan(actor.committeeA, planId, { ...replanned, checklistTemplateId: null }), locked, 409, "checklistTemplateId");
    await expectRefusal(
      updatePlan(actor.committeeA, planId, { ...replanned, units: [{ unitId: unit.ubndA, scheduledAt: "" }] }),
      "Kế hoạch đã ban hành: không thể thêm hoặc bớt đơn vị được giám sát, chỉ được đổi lịch giám sát.",
      409,
      "units",
    );
    expect(await fingerprint()).toEqual(before);

    // The edit page says what it does.
    const page = await load(planEdit, { path: `/plans/${planId}/edit`, params: { planId: String(planId) }, cookie: cookie.committeeA });
    expect(page.status).toBe(200);
    expect((page.data as { editing: { mode: string; values: PlanFormValues } }).editing).toMatchObject({
      mode: "team_and_schedule",
      values: { units: [{ unitId: unit.oneStopA, scheduledAt: "2037-04-20T08:00" }, { unitId: unit.ubndA, scheduledAt: "2037-04-21T08:00" }] },
    });
  });

  it("moves issued → in progress → concluded → closed, one step at a time, and then no longer changes", async () => {
    const planId = await newDraft();
    await expectRefusal(changePlanStatus(actor.committeeA, planId, "issued"), "Kế hoạch dự thảo chỉ chuyển sang “Đã ban hành” khi ban hành (cấp số và ngày).", 400);
    await expectRefusal(changePlanStatus(actor.committeeA, planId, "in_progress"), "Không thể chuyển kế hoạch từ “Dự thảo” sang “Đang giám sát”.", 400);
    await issuePlan(actor.committeeA, planId, "2038-01-10");
    await expectRefusal(changePlanStatus(actor.committeeA, planId, "concluded"), "Không thể chuyển kế hoạch từ “Đã ban hành” sang “Đã kết luận”.", 400);
    await expectRefusal(changePlanStatus(actor.committeeA, planId, "issued"), "Kế hoạch đã ở trạng thái “Đã ban hành”.", 409);
    await expectRefusal(changePlanStatus(actor.committeeA, planId, "draft"), "Không thể chuyển kế hoạch từ “Đã ban hành” sang “Dự thảo”.", 400);

    const step = (to: string) => act(planPage, { path: `/plans/${planId}`, params: { planId: String(planId) }, cookie: cookie.viceA, form: { intent: "status", to } });
    expect(await step("in_progress")).toMatchObject({ status: 200, data: { ok: "Đã chuyển kế hoạch sang “Đang giám sát”." } });
    expect(await step("concluded")).toMatchObject({ status: 200, data: { ok: "Đã chuyển kế hoạch sang “Đã kết luận”." } });
    expect((await planRow(planId)).status).toBe("concluded");
    await expectRefusal(updatePlan(actor.committeeA, planId, form()), "Kế hoạch đã kết luận: không thể sửa.", 409);
    const editPage = await load(planEdit, { path: `/plans/${planId}/edit`, params: { planId: String(planId) }, cookie: cookie.committeeA });
    expect(editPage).toMatchObject({ status: 403, data: "Kế hoạch đã kết luận: không thể sửa." });
    expect(await step("closed")).toMatchObject({ status: 200 });
    expect(await step("in_progress")).toMatchObject({ status: 400, data: { errors: { root: { message: "Không thể chuyển kế hoạch từ “Đã đóng” sang “Đang giám sát”." } } } });
    expect((await planRow(planId)).status).toBe("closed");
    expect((await auditOf(planId)).filter((a) => a.action === "status").map((a) => a.data)).toEqual([
      { from: "issued", to: "in_progress" },
      { from: "in_progress", to: "concluded" },
      { from: "concluded", to: "closed" },
    ]);
  });
});

describe("the plan list", () => {
  let issuedToOneStop: number;
  let draftToUbnd: number;

  beforeAll(async () => {
    issuedToOneStop = await newDraft("committeeA", { subject: "Lọc: Trung tâm 2039", units: [{ unitId: unit.oneStopA, scheduledAt: "" }] });
    await issuePlan(actor.committeeA, issuedToOneStop, "2039-03-01");
    draftToUbnd = await newDraft("committeeA", { subject: "Lọc: dự thảo UBND", units: [{ unitId: unit.ubndA, scheduledAt: "" }] });
  });

  async function listed(query: string, as: Person = "committeeA") {
    const result = await load(plansIndex, { path: `/plans${query}`, cookie: cookie[as] });
    expect(result.status).toBe(200);
    return result.data as { plans: { id: number; subject: string; status: string }[]; units: { id: number; name: string }[]; canCreate: boolean };
  }

  it("filters by status, supervised unit and year, together with the text", async () => {
    const drafts = await listed(`?status=draft&q=${encodeURIComponent("Lọc:")}`);
    expect(drafts.plans.map((p) => p.id)).toEqual([draftToUbnd]);
    const oneStop = await listed(`?unitId=${unit.oneStopA}&q=${encodeURIComponent("Lọc:")}`);
    expect(oneStop.plans.map((p) => p.id)).toEqual([issuedToOneStop]);
    const ubnd = await listed(`?unitId=${unit.ubndA}&q=${encodeURIComponent("Lọc:")}`);
    expect(ubnd.plans.map((p) => p.id)).toEqual([draftToUbnd]);
    const year = await listed("?year=2039");
    expect(year.plans.map((p) => p.id)).toEqual([issuedToOneStop]);
    expect((await listed("?year=2039&status=draft")).plans).toEqual([]);
    // Garbage in the query is ignored, not an error.
    expect((await listed("?unitId=abc&status=nope&year=x")).plans.length).toBeGreaterThan(1);
  });

  it("offers the supervised units of the plans the actor reads, and the create link to the committee only", async () => {
    const committee = await listed("");
    expect(committee.canCreate).toBe(true);
    expect(committee.units.map((u) => u.id).sort()).toEqual([unit.ubndA, unit.oneStopA].sort());
    const member = await listed("", "memberA");
    expect(member.canCreate).toBe(false);
    expect(member.units.map((u) => u.id)).not.toContain(unit.ubndB);
  });

  it("shows a supervised unit the plans once they are issued, never a draft", async () => {
    const forUnit = await listPlans(actor.unitA, { q: "Lọc:" });
    expect(forUnit.map((p) => p.id)).toEqual([issuedToOneStop]); // the one-stop-shop hangs under UBND A
    expect((await load(planPage, { path: `/plans/${draftToUbnd}`, params: { planId: String(draftToUbnd) }, cookie: cookie.unitA })).status).toBe(403);
    expect((await load(planPage, { path: `/plans/${issuedToOneStop}`, params: { planId: String(issuedToOneStop) }, cookie: cookie.unitA })).status).toBe(200);
  });
});

describe("the printed plan", () => {
  let planId: number;

  beforeAll(async () => {
    planId = await newDraft("committeeA", { signerIsDeputy: true, signerName: "Bùi Dương Ân" });
    await issuePlan(actor.committeeA, planId, "2040-02-05");
  });

  it("maps the plan to the document's data", async () => {
    const data = await getPlanDocumentData(actor.committeeA, planId);
    expect(data).toEqual({
      governingBody: "HĐND PHƯỜNG AN PHÚ",
      issuingBody: "THƯỜNG TRỰC",
      number: 1,
      symbol: "KH-HĐND",
      placeName: "An Phú",
      issueDate: "2040-02-05",
      subject: form().subject,
      legalBasis: ["Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13", "Nghị định số 118/2025/NĐ-CP"],
      purpose: "Đánh giá đúng thực trạng việc giải quyết thủ tục hành chính.",
      periodStart: "2025-07-01",
      periodEnd: "2025-12-31",
      units: [{ name: "UBND phường An Phú", scheduledAt: "2026-01-15T01:00:00.000Z" }],
      members: [
        { fullName: "Trần Thị Thuỳ Trang", title: "Chủ tịch HĐND phường", roleLabel: "Trưởng đoàn" },
        { fullName: "Vũ Thị Nhưng", title: "PCT UBMTTQ phường", roleLabel: "Thành viên" },
        { fullName: "Đại biểu không có tài khoản", title: "Đại biểu HĐND", roleLabel: "Thư ký" },
      ],
      checklist: { title: "Phiếu kiểm tra Bộ phận Một cửa", version: 2 },
      reportingOutline: "1. Công tác chỉ đạo.\n2. Kết quả giải quyết hồ sơ.",
      signer: { deputy: true, name: "Bùi Dương Ân" },
      recipients: ["TT. HĐND thành phố;", "UBND phường;"],
    });
    expect(await getPlanDocumentData(actor.committeeB, planId)).toBeNull();
  });

  it("prints a Ban's plan under its council's name", async () => {
    const banPlan = await newDraft("banA", { members: [{ userId: null, fullName: "Trưởng Ban", title: "", role: "lead" }] });
    const data = await getPlanDocumentData(actor.banA, banPlan);
    expect(data).toMatchObject({ governingBody: "HĐND PHƯỜNG AN PHÚ", issuingBody: "BAN PHÁP CHẾ", number: null, issueDate: null });
  });

  async function pdfFor(as: Person | null) {
    const request = new Request(`http://localhost:3000/plans/${planId}/pdf`, { headers: as ? { Cookie: cookie[as] } : {} });
    try {
      return (await planPdf.loader({ request, params: { planId: String(planId) }, context: {} })) as Response;
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  it.each(["committeeA", "viceA", "memberA", "unitA"] as const)("answers a PDF to %s", async (as) => {
    const response = await pdfFor(as);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/pdf/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
  });

  it.each(["committeeB", "memberB", "unitB", "admin"] as const)("refuses the PDF to %s", async (as) => {
    const response = await pdfFor(as);
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/quyền/);
  });

  it("sends a signed-out visitor to sign in", async () => {
    const response = await pdfFor(null);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });
});

describe("who reaches the plan pages", () => {
  it("the create form: the committee only", async () => {
    for (const as of PEOPLE) {
      const result = await load(planNew, { path: "/plans/new", cookie: cookie[as] });
      const committee = ["committeeA", "viceA", "banA", "committeeB"].includes(as);
      expect([as, result.status]).toEqual([as, committee ? 200 : 403]);
    }
    const options = (await load(planNew, { path: "/plans/new", cookie: cookie.committeeA })).data as {
      choices: { units: { id: number }[]; people: { id: number }[]; templates: { id: number }[] };
    };
    expect(options.choices.units.map((u) => u.id).sort()).toEqual([unit.ubndA, unit.oneStopA].sort());
    expect(options.choices.people.map((p) => p.id).sort()).toEqual([userId.committeeA, userId.viceA, userId.banA, userId.memberA].sort());
    expect(options.choices.templates.map((t) => t.id)).toEqual([template.published]);
  });
});
