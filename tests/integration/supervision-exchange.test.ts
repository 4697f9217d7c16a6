/**
 * A supervision exported as a file and imported again: the round trip keeps figures, findings with
 * their causes, recommendations, team and notice blocks; a bad file is refused with its reasons and
 * leaves nothing behind.
 */
import { readFileSync } from "node:fs";
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "#db/client";
import {
  checklistItems,
  checklistTemplates,
  checklistSections,
  conclusionNotices,
  documentSeries,
  findingCitations,
  findings,
  indicatorFigures,
  recommendationFindings,
  recommendations,
  supervisionPlans,
  units,
  users,
  visits,
} from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { send, signIn } from "#tests/support/requests";
import type { Actor } from "~/auth/actor";
import type * as AuditModule from "~/models/audit.server";
import { composeNotice } from "~/domain/notice-composition";
import { nextDocumentNumber } from "~/models/document-series.server";
import { DomainError } from "~/models/errors.server";
import { supervisionFileForVisit } from "~/models/supervision-file.server";
import { importSupervisionFile } from "~/models/supervision-import.server";
import * as exportRoute from "~/routes/visits.$visitId_.export";
import * as importRoute from "~/routes/supervisions.import";
import { type SupervisionFile, supervisionFileSchema } from "~/schemas/supervision-file";

/** The audit row is the import's last write: switched on, it fails, and everything before it must go. */
const failing = vi.hoisted(() => ({ audit: false }));
vi.mock("~/models/audit.server", async (importOriginal) => {
  const original = await importOriginal<typeof AuditModule>();
  return {
    ...original,
    recordAudit: async (...args: Parameters<typeof original.recordAudit>) => {
      if (failing.audit && args[2] === "import") throw new Error("audit log unavailable");
      return original.recordAudit(...args);
    },
  };
});

let handle: DatabaseHandle;
const ids: Record<string, number> = {};
let chair: Actor;
let phoChau: Actor;
let chairCookie: string;

async function userId(username: string) {
  const [row] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return row.id;
}

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  const db = handle.db;
  const [council] = await db.select({ id: units.id }).from(units).where(eq(units.name, "HĐND phường Bình An"));
  const [plan] = await db
    .select({ id: supervisionPlans.id })
    .from(supervisionPlans)
    .where(and(eq(supervisionPlans.issuingUnitId, council.id), eq(supervisionPlans.number, 5)));
  const [visit] = await db.select({ id: visits.id }).from(visits).where(eq(visits.planId, plan.id));
  ids.council = council.id;
  ids.visit05 = visit.id;
  // Seed 001's findings cite nothing: give them figures, a checklist item and recommendation links,
  // so the round trip has references to keep.
  const rows = await db.select().from(findings).where(eq(findings.visitId, visit.id)).orderBy(findings.position);
  const figures = await db.select().from(indicatorFigures).where(eq(indicatorFigures.visitId, visit.id));
  const figure = (numerator: number) => figures.find((f) => f.numerator === numerator)!.id;
  const [achievement, posting, staffing] = rows;
  const [itemB1] = await db
    .select({ id: checklistItems.id })
    .from(checklistItems)
    .innerJoin(checklistSections, eq(checklistSections.id, checklistItems.sectionId))
    .innerJoin(checklistTemplates, eq(checklistTemplates.id, checklistSections.templateId))
    .where(and(eq(checklistItems.code, "B1"), eq(checklistTemplates.status, "published")));
  await db.insert(findingCitations).values([
    { findingId: achievement.id, figureId: figure(11701) },
    { findingId: achievement.id, figureId: figure(3557) },
    { findingId: posting.id, itemId: itemB1.id },
  ]);
  const recs = await db.select().from(recommendations).where(eq(recommendations.visitId, visit.id)).orderBy(recommendations.position);
  await db.insert(recommendationFindings).values([
    { recommendationId: recs[0].id, findingId: staffing.id },
    { recommendationId: recs[1].id, findingId: posting.id },
  ]);
  chair = await actorFor(await userId("trang.ttt"));
  phoChau = await actorFor(await userId("tt.phochau"));
  chairCookie = await signIn("trang.ttt", DEMO_PASSWORD);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

async function counts() {
  const db = handle.db;
  const n = async (table: typeof supervisionPlans | typeof visits | typeof findings | typeof conclusionNotices | typeof indicatorFigures) =>
    Number((await db.select({ n: count() }).from(table))[0].n);
  const series = await db.select().from(documentSeries).orderBy(documentSeries.issuingUnitId, documentSeries.year, documentSeries.documentType);
  return {
    plans: await n(supervisionPlans),
    visits: await n(visits),
    findings: await n(findings),
    notices: await n(conclusionNotices),
    figures: await n(indicatorFigures),
    series: JSON.stringify(series),
  };
}

async function exportOf(actor: Actor, visitId: number): Promise<SupervisionFile> {
  const file = await supervisionFileForVisit(handle.db, actor, visitId);
  expect(file).not.toBeNull();
  return file!;
}

/** Anything that names a database row or a number is left out; references become positions. */
function comparable(file: SupervisionFile) {
  const figureIndex = new Map(file.figures.map((f, i) => [f.id, i]));
  const findingIndex = new Map(file.findings.map((f, i) => [f.id, i]));
  return {
    issuer: file.issuer,
    plan: { ...file.plan, number: "*", issueDate: "*" },
    team: file.team,
    unit: file.unit,
    figures: file.figures.map(({ id: _id, ...figure }) => figure),
    findings: file.findings.map(({ id: _id, figureIds, ...finding }) => ({ ...finding, figures: figureIds.map((id) => figureIndex.get(id)) })),
    recommendations: file.recommendations.map(({ findingIds, ...r }) => ({ ...r, findings: findingIds.map((id) => findingIndex.get(id)) })),
    notice: { ...file.notice, number: "*", issueDate: "*", blocks: "*" },
  };
}

function uploadForm(content: string | SupervisionFile): FormData {
  const form = new FormData();
  const text = typeof content === "string" ? content : JSON.stringify(content, null, 2);
  form.append("file", new File([text], "giam-sat.json", { type: "application/json" }));
  return form;
}

const binhAn = () => JSON.parse(readFileSync("templates/examples/binh-an.json", "utf8")) as Record<string, unknown> & { plan: Record<string, unknown> };

describe("export, import, export", () => {
  it("downloads the visit as pretty-printed UTF-8 JSON with a file name", async () => {
    const request = new Request(`http://localhost:3000/visits/${ids.visit05}/export`, { headers: { Cookie: chairCookie } });
    const response = (await exportRoute.loader({ request, params: { visitId: String(ids.visit05) }, context: {} })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="giam-sat-5-${ids.visit05}.json"; filename*=UTF-8''giam-sat-5-${ids.visit05}.json`);
    const text = await response.text();
    expect(text).toContain('\n  "format": "hdnd-supervision",');
    expect(text).toContain("Trần Thị Thuỳ Trang");
    expect(supervisionFileSchema.safeParse(JSON.parse(text)).success).toBe(true);
  });

  it("keeps figures, findings with causes, citations, recommendations, team and notice through a round trip", async () => {
    const first = await exportOf(chair, ids.visit05);
    expect(first.findings[0].figureIds).toHaveLength(2);
    expect(first.findings[1].itemCodes).toEqual(["B1"]);
    const before = await counts();
    // Without edited blocks, so the import composes them.
    const imported = await importSupervisionFile(chair, { ...first, plan: { ...first.plan, number: null }, notice: { ...first.notice, blocks: null } });
    const after = await counts();
    expect(after.plans).toBe(before.plans + 1);
    expect(after.findings - before.findings).toBe(5);
    expect(imported.warnings).toEqual([
      expect.stringMatching(/^Tệp không ghi số kế hoạch: kế hoạch được cấp số \d+\/KH-HĐND/),
      "Thông báo kết luận số 12/TB-HĐND trong tệp được nhập thành dự thảo: số thông báo được cấp khi ban hành trong ứng dụng.",
    ]);
    const [plan] = await handle.db.select().from(supervisionPlans).where(eq(supervisionPlans.id, imported.planId));
    expect(plan).toMatchObject({ issuingUnitId: ids.council, status: "concluded", symbol: "KH-HĐND", signerName: "Trần Thị Thuỳ Trang" });
    expect(plan.checklistTemplateId).not.toBeNull();
    const [notice] = await handle.db.select().from(conclusionNotices).where(eq(conclusionNotices.id, imported.noticeId));
    expect(notice).toMatchObject({ status: "draft", number: null, visitId: imported.visitId, placeName: "Bình An" });

    const second = await exportOf(chair, imported.visitId);
    expect(supervisionFileSchema.safeParse(second).success).toBe(true);
    expect(comparable(second)).toEqual(comparable(first));
    expect(second.plan).toMatchObject({ number: plan.number, issueDate: plan.issueDate });
    expect(second.notice.number).toBeNull();
    // The import composed the blocks, citing the plan as numbered here.
    expect(second.notice.blocks).toEqual(composeNotice({ ...first, plan: second.plan, notice: { ...first.notice, blocks: null } }).blocks);
    expect(second.notice.blocks!.find((b) => b.key === "opening")!.text).toContain(`Kế hoạch số ${String(plan.number).padStart(2, "0")}/KH-HĐND`);

    // Edited blocks come through as they are.
    const again = await importSupervisionFile(chair, { ...second, plan: { ...second.plan, number: null } });
    const third = await exportOf(chair, again.visitId);
    expect(comparable(third)).toEqual(comparable(second));
    expect(third.notice.blocks).toEqual(second.notice.blocks);
  });
});

describe("a bad file is refused with its reasons and nothing is written", () => {
  const valid = () => binhAn();
  const cases: [string, () => string | object, RegExp][] = [
    ["not JSON", () => "{ đây không phải JSON", /^Tệp không phải JSON hợp lệ/],
    ["a wrong format marker", () => ({ ...valid(), format: "checklist-template" }), /Không phải tệp giám sát/],
    ["no team lead", () => ({ ...valid(), team: [{ fullName: "Bùi Dương Ân", role: "deputy" }] }), /đúng một Trưởng đoàn/],
    [
      "a numerator over its denominator",
      () => ({ ...valid(), figures: [{ id: "x", label: "Tỷ lệ", numerator: 5, denominator: 4, periodStart: "2024-01-01", periodEnd: "2024-03-31" }], findings: [] }),
      /Tử số lớn hơn mẫu số/,
    ],
    [
      "a recommendation citing a missing finding",
      () => ({ ...valid(), recommendations: [{ addressee: "UBND phường Bình An", text: "Làm ngay.", deadline: "2024-08-30", findingIds: ["khong-co"] }] }),
      /Không có phát hiện mã "khong-co"/,
    ],
    ["an unknown unit", () => ({ ...valid(), plan: { ...valid().plan, number: 41 }, unit: { name: "UBND phường Không Tồn Tại" } }), /Không tìm thấy đơn vị được giám sát “UBND phường Không Tồn Tại”/],
    ["a plan number already used", () => valid(), /Số kế hoạch 05\/KH-HĐND năm 2024 đã được dùng/],
  ];

  it.each(cases)("%s", async (_name, content, reason) => {
    const before = await counts();
    const body = uploadForm(typeof content() === "string" ? (content() as string) : JSON.stringify(content()));
    const result = await send(importRoute, { path: "/supervisions/import", cookie: chairCookie, body });
    expect(result.status).toBe(400);
    const problems = (result.data as { problems: string[] }).problems;
    expect(problems.some((problem) => reason.test(problem)), problems.join("\n")).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it("rolls everything back when the last step fails", async () => {
    const before = await counts();
    failing.audit = true;
    try {
      await expect(importSupervisionFile(chair, supervisionFileSchema.parse({ ...binhAn(), plan: { ...binhAn().plan, number: 42 } }))).rejects.toThrow(
        "audit log unavailable",
      );
    } finally {
      failing.audit = false;
    }
    expect(await counts()).toEqual(before);
  });
});

describe("the seed-001 example file", () => {
  it("is refused to the committee of Phổ Châu: Bình An is not theirs", async () => {
    const before = await counts();
    const error = await importSupervisionFile(phoChau, supervisionFileSchema.parse(binhAn())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(/^Không tìm thấy đơn vị được giám sát “UBND phường Bình An” trong địa bàn của HĐND xã Phổ Châu/);
    expect(await counts()).toEqual(before);
  });

  it("comes in for the committee of Bình An with a free number, and the series moves past it", async () => {
    const file = supervisionFileSchema.parse({ ...binhAn(), plan: { ...binhAn().plan, number: 40 } });
    const result = await send(importRoute, { path: "/supervisions/import", cookie: chairCookie, body: uploadForm(file) });
    expect(result.status).toBe(302);
    const planId = Number(new URL(result.location!, "http://x").searchParams.get("plan"));
    const [plan] = await handle.db.select().from(supervisionPlans).where(eq(supervisionPlans.id, planId));
    expect(plan).toMatchObject({ number: 40, issueDate: "2024-04-01", status: "concluded", issuingUnitId: ids.council });
    const page = await importRoute.loader({
      request: new Request(`http://localhost:3000${result.location}`, { headers: { Cookie: chairCookie } }),
      params: {},
      context: {},
    });
    expect(page.outcome?.warnings).toEqual([
      "Thông báo kết luận số 12/TB-HĐND trong tệp được nhập thành dự thảo: số thông báo được cấp khi ban hành trong ứng dụng.",
    ]);
    // B1 is an item of the published one-stop-shop checklist: the citation is kept.
    const exported = await exportOf(chair, page.outcome!.visitId);
    expect(exported.findings.find((f) => f.text.startsWith("Các thủ tục hành chính"))!.itemCodes).toEqual(["B1"]);
    expect(exported.figures.find((f) => f.numerator === 3557)).toMatchObject({ denominator: 4709, decimals: 1, source: "verified" });
    expect(exported.figures.find((f) => f.numerator === 11701)).toMatchObject({ source: "reported" });
    expect(exported.findings.filter((f) => f.kind === "shortcoming").map((f) => f.causes.length)).toEqual([1, 1, 1]);
    let next = 0;
    await handle.db
      .transaction(async (tx) => {
        next = await nextDocumentNumber(tx, ids.council, 2024, "KH");
        tx.rollback();
      })
      .catch(() => undefined);
    expect(next).toBe(41);
    // Someone else does not read this import's outcome.
    const other = await importRoute.loader({
      request: new Request(`http://localhost:3000${result.location}`, { headers: { Cookie: await signIn("an.bd", DEMO_PASSWORD) } }),
      params: {},
      context: {},
    });
    expect(other.outcome).toBeNull();
  });

  it("warns when a recommendation's addressee is not a unit of the area and drops unknown item codes", async () => {
    const original = binhAn() as unknown as SupervisionFile;
    const file = supervisionFileSchema.parse({
      ...original,
      plan: { ...original.plan, number: 43 },
      findings: original.findings.map((f) => (f.id === "procedures" ? { ...f, itemCodes: ["Z9"] } : f)),
      recommendations: original.recommendations.map((r, i) => (i === 0 ? { ...r, addressee: "Sở Nội vụ tỉnh" } : r)),
    });
    const imported = await importSupervisionFile(chair, file);
    expect(imported.warnings).toContain("Kiến nghị 1: không có đơn vị “Sở Nội vụ tỉnh” trong địa bàn, kiến nghị được gửi UBND phường Bình An.");
    expect(imported.warnings).toContain("Không có mẫu phiếu đang áp dụng chứa các tiêu chí Z9: bỏ các trích dẫn tiêu chí này.");
    const [plan] = await handle.db.select().from(supervisionPlans).where(eq(supervisionPlans.id, imported.planId));
    expect(plan.checklistTemplateId).toBeNull();
    const citedItems = await handle.db
      .select({ n: count() })
      .from(findingCitations)
      .innerJoin(findings, eq(findings.id, findingCitations.findingId))
      .where(and(eq(findings.visitId, imported.visitId), sql`${findingCitations.itemId} is not null`));
    expect(Number(citedItems[0].n)).toBe(0);
  });

  it("matches the unit's name whatever its case and Unicode form", async () => {
    const original = binhAn() as unknown as SupervisionFile;
    const file = supervisionFileSchema.parse({ ...original, plan: { ...original.plan, number: 44 }, unit: { name: "ubnd PHƯỜNG bình an".normalize("NFD") } });
    const imported = await importSupervisionFile(chair, file);
    const [visit] = await handle.db.select({ unitName: units.name }).from(visits).innerJoin(units, eq(units.id, visits.unitId)).where(eq(visits.id, imported.visitId));
    expect(visit.unitName).toBe("UBND phường Bình An");
  });
});
