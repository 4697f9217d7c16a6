/**
 * Checklist templates: importing the shipped one-stop-shop file, export round trips, refused
 * imports that change nothing, edits in place or as a new version when a plan uses the version,
 * publishing and retiring, and the administrator-only routes.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, rowsOf } from "#db/client";
import { checklistItems, checklistSections, checklistTemplates, supervisionPlans } from "#db/schema";
import { oneStopShopTemplate } from "#templates/checklists";
import type { Actor } from "~/auth/actor";
import { listAuditFor } from "~/models/audit.server";
import { DomainError } from "~/models/errors.server";
import {
  addTemplateItem,
  exportTemplate,
  getTemplate,
  importTemplate,
  isTemplateChoice,
  listTemplateChoices,
  listTemplates,
  publishTemplate,
  removeTemplateItem,
  retireTemplate,
  updateTemplateItem,
  updateTemplateTitle,
} from "~/models/checklist-template.server";
import * as templatePage from "~/routes/admin.templates.$templateId";
import * as templateJson from "~/routes/admin.templates.$templateId.json";
import * as templatesIndex from "~/routes/admin.templates._index";
import * as templateImport from "~/routes/admin.templates.import";
import { type ChecklistTemplateFile, type ChecklistTemplateFileInput, checklistTemplateFileSchema } from "~/schemas/checklist-template";
import { makePlan, makeUnit, makeUser } from "#tests/factories";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { rejectionOf } from "#tests/support/failures";
import { act, load, signIn } from "#tests/support/requests";

let handle: DatabaseHandle;
let admin: Actor;
let committee: Actor;
let unitUser: Actor;
let councilId: number;
const cookies: Record<string, string> = {};
const PASSWORD = "mat-khau-mau-1";

beforeAll(async () => {
  handle = await freshDatabase();
  const db = handle.db;
  const province = await makeUnit(db, { name: "Tỉnh Mẫu Phiếu", kind: "province" });
  const ward = await makeUnit(db, { name: "Phường Mẫu Phiếu", kind: "commune", parentId: province.id });
  const council = await makeUnit(db, { name: "HĐND phường Mẫu Phiếu", kind: "people_council", parentId: ward.id });
  const ubnd = await makeUnit(db, { name: "UBND phường Mẫu Phiếu", kind: "people_committee", parentId: ward.id });
  councilId = council.id;
  const people = [
    { username: "qt.mau", role: "admin", unitId: province.id },
    { username: "tt.mau", role: "committee", unitId: council.id },
    { username: "tv.mau", role: "team_member", unitId: council.id },
    { username: "dv.mau", role: "unit", unitId: ubnd.id },
  ] as const;
  const ids: Record<string, number> = {};
  for (const p of people) {
    ids[p.username] = (await makeUser(db, { ...p, fullName: `Người dùng ${p.username}`, password: PASSWORD })).id;
    cookies[p.username] = await signIn(p.username, PASSWORD);
  }
  admin = await actorFor(ids["qt.mau"]);
  committee = await actorFor(ids["tt.mau"]);
  unitUser = await actorFor(ids["dv.mau"]);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

async function rowCounts() {
  const [row] = rowsOf<Record<"templates" | "sections" | "items" | "audit", number>>(
    await handle.db.execute(sql`
      select (select count(*)::int from checklist_templates) as templates,
             (select count(*)::int from checklist_sections) as sections,
             (select count(*)::int from checklist_items) as items,
             (select count(*)::int from audit_log) as audit`),
  );
  return { templates: Number(row.templates), sections: Number(row.sections), items: Number(row.items), audit: Number(row.audit) };
}

async function templateRow(id: number) {
  const [row] = await handle.db.select().from(checklistTemplates).where(eq(checklistTemplates.id, id));
  return row;
}

async function itemsOf(templateId: number) {
  return handle.db
    .select({ id: checklistItems.id, code: checklistItems.code, text: checklistItems.text, position: checklistItems.position, section: checklistSections.code })
    .from(checklistItems)
    .innerJoin(checklistSections, eq(checklistSections.id, checklistItems.sectionId))
    .where(eq(checklistSections.templateId, templateId))
    .orderBy(asc(checklistSections.position), asc(checklistItems.position));
}

/** The template's audit trail, oldest first. */
async function auditOf(templateId: number) {
  return (await listAuditFor(handle.db, "checklist_template", templateId)).reverse();
}

let serial = 0;
/** A small template with its own code, so each test starts from version 1. */
async function importSmall(): Promise<{ id: number; code: string }> {
  serial += 1;
  const file: ChecklistTemplateFileInput = {
    code: `thu-nghiem-${serial}`,
    title: "Phiếu thử nghiệm",
    sections: [
      { code: "A", title: "Tổ chức", items: [{ code: "A1", text: "Có quy chế hoạt động.", legalBasis: "Nghị định 118/2025/NĐ-CP" }] },
      {
        code: "F",
        title: "Chỉ số",
        items: [
          { code: "F1", text: "Tỷ lệ đúng hạn đạt chỉ tiêu.", answerType: "indicator", indicatorCode: "on_time_rate", targetPercent: 98 },
          { code: "F2", text: "Số hồ sơ tiếp nhận.", answerType: "indicator", indicatorCode: "dossiers_received" },
        ],
      },
    ],
  };
  return importTemplate(handle.db, checklistTemplateFileSchema.parse(file), admin.id);
}

async function itemId(templateId: number, code: string) {
  const item = (await itemsOf(templateId)).find((i) => i.code === code);
  return item!.id;
}

/** A plan that chose this version, as the plan form would store it. */
async function planUsing(templateId: number) {
  const plan = await makePlan(handle.db, { issuingUnitId: councilId, subject: "Giám sát Bộ phận Một cửa", periodStart: "2025-07-01", periodEnd: "2025-12-31" });
  await handle.db.update(supervisionPlans).set({ checklistTemplateId: templateId }).where(eq(supervisionPlans.id, plan.id));
  return plan.id;
}

const change = (text: string, targetPercent: number | null = null) => ({ text, guidance: "", legalBasis: "Nghị định 118/2025/NĐ-CP", targetPercent });

async function expectRefusal(work: Promise<unknown>, message: string | RegExp, status = 400, field?: string) {
  const error = await rejectionOf(work);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).status).toBe(status);
  expect((error as DomainError).message).toMatch(message);
  if (field) expect((error as DomainError).field).toBe(field);
}

/** Posts a file to the import route as the browser's multipart form does. */
function upload(cookie: string | undefined, content: string | Uint8Array, filename = "mau-phieu.json") {
  const body = new FormData();
  body.append("file", new File([content as BlobPart], filename, { type: "application/json" }));
  const request = new Request("http://localhost:3000/admin/templates/import", {
    method: "POST",
    body,
    headers: cookie ? { Cookie: cookie, Origin: "http://localhost:3000" } : { Origin: "http://localhost:3000" },
  });
  return act({ action: () => templateImport.action({ request, params: {}, context: {} }) }, { path: "/admin/templates/import" });
}

let shipped: { id: number; code: string; version: number };

describe("the shipped one-stop-shop template", () => {
  it("imports as version 1 of mot-cua, published, with sections A–F and every item in order", async () => {
    shipped = await importTemplate(handle.db, oneStopShopTemplate(), null);
    expect(shipped).toMatchObject({ code: "mot-cua", version: 1 });
    const row = await templateRow(shipped.id);
    expect(row).toMatchObject({ status: "published", title: "Phiếu kiểm tra Bộ phận Một cửa cấp xã", createdBy: null });
    const items = await itemsOf(shipped.id);
    const file = oneStopShopTemplate();
    expect(items.map((i) => i.code)).toEqual(file.sections.flatMap((s) => s.items.map((x) => x.code)));
    expect([...new Set(items.map((i) => i.section))]).toEqual(["A", "B", "C", "D", "E", "F"]);
    expect(items.length).toBeGreaterThanOrEqual(35);
    expect(items.length).toBeLessThanOrEqual(45);
    expect(await auditOf(shipped.id)).toEqual([expect.objectContaining({ action: "import", actorId: null, data: expect.objectContaining({ items: items.length }) })]);
  });

  it("is offered to new plans", async () => {
    const choices = await listTemplateChoices();
    expect(choices).toContainEqual({ id: shipped.id, code: "mot-cua", version: 1, title: "Phiếu kiểm tra Bộ phận Một cửa cấp xã", itemCount: 45 });
    expect(await isTemplateChoice(handle.db, shipped.id)).toBe(true);
  });
});

describe("export", () => {
  it("gives back the imported file, with its version", async () => {
    const exported = await exportTemplate(admin, shipped.id);
    expect(exported).toEqual({ ...oneStopShopTemplate(), version: 1 });
  });

  it("round-trips: importing the export makes the next version with the same content, and retires the one before", async () => {
    const first = await exportTemplate(admin, shipped.id);
    const again = await importTemplate(handle.db, checklistTemplateFileSchema.parse(first), admin.id);
    expect(again).toMatchObject({ code: "mot-cua", version: 2 });
    expect(await exportTemplate(admin, again.id)).toEqual({ ...first, version: 2 });
    expect((await templateRow(shipped.id)).status).toBe("retired");
    expect(await isTemplateChoice(handle.db, shipped.id)).toBe(false);
    expect((await listTemplateChoices()).filter((c) => c.code === "mot-cua").map((c) => c.version)).toEqual([2]);
  });

  it("the download route answers the JSON file as an attachment named after code and version", async () => {
    const request = new Request(`http://localhost:3000/admin/templates/${shipped.id}/json`, { headers: { Cookie: cookies["qt.mau"] } });
    const response = (await templateJson.loader({ request, params: { templateId: String(shipped.id) }, context: {} })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="mot-cua-v1.json"');
    expect(JSON.parse(await response.text())).toEqual({ ...oneStopShopTemplate(), version: 1 });
  });

  it("the download route answers 404 for a template that does not exist", async () => {
    const result = await load(templateJson, { path: "/admin/templates/999999/json", params: { templateId: "999999" }, cookie: cookies["qt.mau"] });
    expect(result.status).toBe(404);
  });
});

describe("importing a file through the page", () => {
  it("imports a good file and goes to the new version", async () => {
    const file = { ...oneStopShopTemplate(), code: "mot-cua-tai-len" };
    const result = await upload(cookies["qt.mau"], JSON.stringify(file));
    expect(result.status).toBe(302);
    const [row] = await handle.db.select().from(checklistTemplates).where(eq(checklistTemplates.code, "mot-cua-tai-len"));
    expect(result.location).toBe(`/admin/templates/${row.id}?done=import`);
    expect(row).toMatchObject({ version: 1, status: "published" });
    expect(await auditOf(row.id)).toEqual([expect.objectContaining({ action: "import", actorId: admin.id })]);
  });

  type File = ChecklistTemplateFile & Record<string, unknown>;
  /** The shipped file with one thing broken, as text. */
  const broken = (edit: (file: File) => void) => () => {
    const file = JSON.parse(JSON.stringify(oneStopShopTemplate())) as File;
    edit(file);
    return JSON.stringify(file);
  };
  const cases: [string, () => string, string | RegExp][] = [
    ["text that is not JSON", () => "{ \"code\": \"mot-cua\", tiêu chí", /^Tệp không phải JSON hợp lệ/],
    [
      "a file with missing fields",
      broken((file) => {
        delete (file as Partial<File>).title;
        delete (file.sections[1].items[2] as { text?: string }).text;
      }),
      "Tệp mẫu phiếu không đúng định dạng: Thiếu tên mẫu phiếu; Phần 2, tiêu chí 3: thiếu nội dung tiêu chí.",
    ],
    ["duplicate item codes", broken((file) => void (file.sections[3].items[0].code = "A1")), 'Phần 4, tiêu chí 1: mã tiêu chí "A1" trùng với phần 1, tiêu chí 1'],
    ["duplicate section codes", broken((file) => void (file.sections[5].code = "E")), 'Phần 6: mã phần "E" trùng với phần 5'],
    [
      "an unknown indicator code",
      broken((file) => void (file.sections[5].items[0].indicatorCode = "ty_le_moi")),
      'Phần 6, tiêu chí 1: mã chỉ số "ty_le_moi" không có trong danh mục chỉ số',
    ],
    ["a file over 1 MB", broken((file) => void (file.description = "Mô tả ".repeat(200_000))), "Tệp quá lớn: tệp mẫu phiếu tối đa 1 MB."],
    ["an empty file", () => "", "Tệp rỗng: hãy chọn tệp JSON của mẫu phiếu."],
  ];

  it.each(cases)("refuses %s with a message naming the problem, and writes nothing", async (_name, content, message) => {
    const before = await rowCounts();
    const result = await upload(cookies["qt.mau"], content());
    expect(result.status).toBe(400);
    const error = (result.data as { error: string }).error;
    if (typeof message === "string") expect(error).toContain(message);
    else expect(error).toMatch(message);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses a body that is not a file upload", async () => {
    const before = await rowCounts();
    const result = await act(templateImport, { path: "/admin/templates/import", cookie: cookies["qt.mau"], form: {} });
    expect(result.status).toBe(400);
    expect((result.data as { error: string }).error).toBe("Chưa chọn tệp: hãy chọn tệp JSON của mẫu phiếu.");
    expect(await rowCounts()).toEqual(before);
  });

  it("importTemplate itself refuses a malformed template and writes nothing", async () => {
    const before = await rowCounts();
    const bad = { ...oneStopShopTemplate(), code: "Mã Sai" };
    await expectRefusal(importTemplate(handle.db, bad, admin.id), /^Tệp mẫu phiếu không đúng định dạng: Mã mẫu phiếu chỉ gồm chữ thường/);
    expect(await rowCounts()).toEqual(before);
  });
});

describe("editing a version no plan uses", () => {
  it("changes the item in place and audits before and after", async () => {
    const t = await importSmall();
    const a1 = await itemId(t.id, "A1");
    const before = await rowCounts();
    const result = await updateTemplateItem(admin, t.id, a1, change("Có Quy chế tổ chức và hoạt động.".normalize("NFD")));
    expect(result).toMatchObject({ id: t.id, version: 1, newVersion: false, changed: true, plansUsing: 0 });
    expect((await itemsOf(t.id)).find((i) => i.code === "A1")).toMatchObject({ id: a1, text: "Có Quy chế tổ chức và hoạt động." });
    expect(await rowCounts()).toEqual({ ...before, audit: before.audit + 1 });
    const [, entry] = await auditOf(t.id);
    expect(entry).toMatchObject({ action: "update_item", actorId: admin.id, data: { item: "A1", before: { text: "Có quy chế hoạt động." }, after: { text: "Có Quy chế tổ chức và hoạt động." } } });
  });

  it("writes nothing when the values are what the item holds", async () => {
    const t = await importSmall();
    const before = await rowCounts();
    const result = await updateTemplateItem(admin, t.id, await itemId(t.id, "A1"), change("Có quy chế hoạt động."));
    expect(result).toMatchObject({ id: t.id, changed: false, newVersion: false });
    expect(await rowCounts()).toEqual(before);
  });

  it("changes a target, refusing one outside 0–100 % or on an item that is not a rate", async () => {
    const t = await importSmall();
    await updateTemplateItem(admin, t.id, await itemId(t.id, "F1"), change("Tỷ lệ đúng hạn đạt chỉ tiêu.", 97.5));
    expect((await exportTemplate(admin, t.id)).sections[1].items[0].targetPercent).toBe(97.5);
    await expectRefusal(updateTemplateItem(admin, t.id, await itemId(t.id, "F1"), change("Tỷ lệ", 120)), /Chỉ tiêu phải từ 0 đến 100%/, 400, "targetPercent");
    await expectRefusal(
      updateTemplateItem(admin, t.id, await itemId(t.id, "F2"), change("Số hồ sơ", 50)),
      "Chỉ tiêu (%) chỉ dùng cho tiêu chí chỉ số dạng tỷ lệ.",
      400,
      "targetPercent",
    );
  });

  it("adds an item at the end of its section and refuses a code already used", async () => {
    const t = await importSmall();
    const [sectionA] = await handle.db.select().from(checklistSections).where(and(eq(checklistSections.templateId, t.id), eq(checklistSections.code, "A")));
    const item = { code: "A2", text: "Có văn bản phân công công chức.", guidance: "", answerType: "tri_state" as const, legalBasis: "", indicatorCode: null, targetPercent: null };
    const result = await addTemplateItem(admin, t.id, sectionA.id, item);
    expect(result).toMatchObject({ id: t.id, newVersion: false });
    expect((await itemsOf(t.id)).filter((i) => i.section === "A").map((i) => [i.code, i.position])).toEqual([
      ["A1", 1],
      ["A2", 2],
    ]);
    await expectRefusal(addTemplateItem(admin, t.id, sectionA.id, { ...item, code: "F1" }), 'Mã tiêu chí "F1" đã có trong mẫu phiếu.', 400, "code");
    await expectRefusal(
      addTemplateItem(admin, t.id, sectionA.id, { ...item, code: "A3", answerType: "indicator", indicatorCode: "khong_co" }),
      'Mã chỉ số "khong_co" không có trong danh mục chỉ số.',
      400,
      "indicatorCode",
    );
    expect((await auditOf(t.id)).map((e) => e.action)).toEqual(["import", "add_item"]);
  });

  it("removes an item, but never the last one", async () => {
    const t = await importSmall();
    await removeTemplateItem(admin, t.id, await itemId(t.id, "F2"));
    await removeTemplateItem(admin, t.id, await itemId(t.id, "F1"));
    expect((await itemsOf(t.id)).map((i) => i.code)).toEqual(["A1"]);
    await expectRefusal(removeTemplateItem(admin, t.id, await itemId(t.id, "A1")), "Mẫu phiếu phải còn ít nhất một tiêu chí.");
    expect((await itemsOf(t.id)).map((i) => i.code)).toEqual(["A1"]);
  });

  it("refuses an item of another template", async () => {
    const t = await importSmall();
    const other = await importSmall();
    await expectRefusal(updateTemplateItem(admin, t.id, await itemId(other.id, "A1"), change("Đổi")), "Tiêu chí không thuộc mẫu phiếu này.", 404);
  });

  it("changes the title in place", async () => {
    const t = await importSmall();
    const result = await updateTemplateTitle(admin, t.id, { title: "Phiếu kiểm tra mới", description: "Dùng từ năm 2026." });
    expect(result).toMatchObject({ id: t.id, newVersion: false });
    expect(await templateRow(t.id)).toMatchObject({ title: "Phiếu kiểm tra mới", description: "Dùng từ năm 2026." });
  });
});

describe("editing a version a plan uses", () => {
  it("makes version 2 as a draft with the change; the plan keeps version 1 and its old text", async () => {
    const t = await importSmall();
    const planId = await planUsing(t.id);
    const oldItems = await itemsOf(t.id);
    const result = await updateTemplateItem(admin, t.id, await itemId(t.id, "A1"), change("Có Quy chế theo Nghị định 118/2025/NĐ-CP."));
    expect(result).toMatchObject({ code: t.code, version: 2, newVersion: true, fromVersion: 1, plansUsing: 1, changed: true });
    expect(result.id).not.toBe(t.id);

    const [plan] = await handle.db.select().from(supervisionPlans).where(eq(supervisionPlans.id, planId));
    expect(plan.checklistTemplateId).toBe(t.id);
    expect(await itemsOf(t.id)).toEqual(oldItems);
    expect(await templateRow(t.id)).toMatchObject({ version: 1, status: "published" });

    expect(await templateRow(result.id)).toMatchObject({ code: t.code, version: 2, status: "draft", createdBy: admin.id });
    const newItems = await itemsOf(result.id);
    expect(newItems.map((i) => [i.section, i.code, i.position])).toEqual(oldItems.map((i) => [i.section, i.code, i.position]));
    expect(newItems[0].text).toBe("Có Quy chế theo Nghị định 118/2025/NĐ-CP.");
    expect(newItems.slice(1).map((i) => i.text)).toEqual(oldItems.slice(1).map((i) => i.text));
    const oldExport = await exportTemplate(admin, t.id);
    const newExport = await exportTemplate(admin, result.id);
    expect(newExport.sections[1]).toEqual(oldExport.sections[1]);
    expect((await auditOf(result.id)).map((e) => e.action)).toEqual(["new_version", "update_item"]);
    expect((await auditOf(result.id))[0].data).toMatchObject({ fromId: t.id, fromVersion: 1, plansUsing: 1 });
  });

  it("edits the unused draft in place afterwards, refuses edits to the older version, and publishing retires it", async () => {
    const t = await importSmall();
    await planUsing(t.id);
    const v2 = await updateTemplateItem(admin, t.id, await itemId(t.id, "A1"), change("Lần sửa thứ nhất."));
    const again = await updateTemplateItem(admin, v2.id, await itemId(v2.id, "A1"), change("Lần sửa thứ hai."));
    expect(again).toMatchObject({ id: v2.id, version: 2, newVersion: false });
    await expectRefusal(
      updateTemplateItem(admin, t.id, await itemId(t.id, "A1"), change("Sửa bản cũ.")),
      "Đã có phiên bản mới hơn của mẫu phiếu này (phiên bản 2); hãy sửa trên phiên bản mới nhất.",
      409,
    );
    expect(await isTemplateChoice(handle.db, v2.id)).toBe(false);

    const published = await publishTemplate(admin, v2.id);
    expect(published).toMatchObject({ id: v2.id, version: 2, retiredVersions: [1] });
    expect((await templateRow(t.id)).status).toBe("retired");
    expect((await templateRow(v2.id)).status).toBe("published");
    expect((await listTemplateChoices()).filter((c) => c.code === t.code).map((c) => c.version)).toEqual([2]);
    await expectRefusal(publishTemplate(admin, v2.id), "Chỉ công bố được phiên bản đang là dự thảo.");
  });

  it("adds and removes items in a new version too", async () => {
    const t = await importSmall();
    await planUsing(t.id);
    const v2 = await removeTemplateItem(admin, t.id, await itemId(t.id, "F2"));
    expect(v2).toMatchObject({ version: 2, newVersion: true });
    expect((await itemsOf(t.id)).map((i) => i.code)).toEqual(["A1", "F1", "F2"]);
    expect((await itemsOf(v2.id)).map((i) => i.code)).toEqual(["A1", "F1"]);
    await planUsing(v2.id);
    const [sectionF] = await handle.db.select().from(checklistSections).where(and(eq(checklistSections.templateId, v2.id), eq(checklistSections.code, "F")));
    const v3 = await addTemplateItem(admin, v2.id, sectionF.id, {
      code: "F3",
      text: "Tỷ lệ thanh toán trực tuyến đạt chỉ tiêu.",
      guidance: "",
      answerType: "indicator",
      legalBasis: "",
      indicatorCode: "online_payment_rate",
      targetPercent: 60,
    });
    expect(v3).toMatchObject({ version: 3, newVersion: true });
    expect((await itemsOf(v2.id)).map((i) => i.code)).toEqual(["A1", "F1"]);
    expect((await exportTemplate(admin, v3.id)).sections[1].items.map((i) => [i.code, i.targetPercent])).toEqual([
      ["F1", 98],
      ["F3", 60],
    ]);
  });

  it("a retired version no plan uses is not edited either: the edit makes a new version", async () => {
    const t = await importSmall();
    await retireTemplate(admin, t.id);
    await expectRefusal(retireTemplate(admin, t.id), "Chỉ ngừng áp dụng được phiên bản đang áp dụng.");
    const result = await updateTemplateTitle(admin, t.id, { title: "Phiếu sửa sau khi ngừng", description: "" });
    expect(result).toMatchObject({ version: 2, newVersion: true, plansUsing: 0 });
    expect(await templateRow(t.id)).toMatchObject({ title: "Phiếu thử nghiệm", status: "retired" });
    expect(await templateRow(result.id)).toMatchObject({ title: "Phiếu sửa sau khi ngừng", status: "draft" });
  });

  it("through the page, the edit lands on the new version, which says where it came from", async () => {
    const t = await importSmall();
    await planUsing(t.id);
    const a1 = await itemId(t.id, "A1");
    const path = `/admin/templates/${t.id}`;
    const result = await act(templatePage, {
      path,
      params: { templateId: String(t.id) },
      cookie: cookies["qt.mau"],
      form: { intent: "edit_item", itemId: a1, text: "Có quy chế (sửa trên trang).", guidance: "", legalBasis: "", targetPercent: null },
    });
    expect(result.status).toBe(302);
    const [v2] = await handle.db.select().from(checklistTemplates).where(and(eq(checklistTemplates.code, t.code), eq(checklistTemplates.version, 2)));
    expect(result.location).toBe(`/admin/templates/${v2.id}?done=edit_item&draft=template-item%3A${a1}&from=${t.id}`);
    const page = await load(templatePage, { path: result.location!, params: { templateId: String(v2.id) }, cookie: cookies["qt.mau"] });
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ newVersionOf: { id: t.id, version: 1, plans: 1 }, template: { id: v2.id, version: 2, status: "draft" } });
    const old = await load(templatePage, { path, params: { templateId: String(t.id) }, cookie: cookies["qt.mau"] });
    expect(old.data).toMatchObject({ template: { versions: [{ id: v2.id, version: 2 }, { id: t.id, version: 1 }] }, plans: [expect.objectContaining({ issuingUnitName: "HĐND phường Mẫu Phiếu" })] });
  });

  it("through the page, a refused edit answers the message on its field and changes nothing", async () => {
    const t = await importSmall();
    const [sectionA] = await handle.db.select().from(checklistSections).where(and(eq(checklistSections.templateId, t.id), eq(checklistSections.code, "A")));
    const before = await rowCounts();
    const result = await act(templatePage, {
      path: `/admin/templates/${t.id}?add=${sectionA.id}`,
      params: { templateId: String(t.id) },
      cookie: cookies["qt.mau"],
      form: { intent: "add_item", sectionId: sectionA.id, code: "F1", text: "Trùng mã", guidance: "", answerType: "tri_state", legalBasis: "", indicatorCode: null, targetPercent: null },
    });
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({ errors: { code: { message: 'Mã tiêu chí "F1" đã có trong mẫu phiếu.' } } });
    expect(await rowCounts()).toEqual(before);
  });
});

describe("who may do what", () => {
  it("lists every version with its items and the plans that use it, for the administrator only", async () => {
    const list = await listTemplates(admin);
    expect(list.find((t) => t.id === shipped.id)).toMatchObject({ code: "mot-cua", version: 1, itemCount: 45, planCount: 0, status: "retired" });
    await expectRefusal(listTemplates(committee), "Chỉ quản trị hệ thống được quản lý mẫu phiếu kiểm tra.", 403);
  });

  it("lets anyone who reads plans read a template, and nobody but the administrator change one", async () => {
    expect(await getTemplate(committee, shipped.id)).toMatchObject({ code: "mot-cua", sections: expect.any(Array) });
    expect((await exportTemplate(unitUser, shipped.id)).code).toBe("mot-cua");
    const before = await rowCounts();
    const a1 = await itemId(shipped.id, "A1");
    await expectRefusal(updateTemplateItem(committee, shipped.id, a1, change("Đổi")), "Chỉ quản trị hệ thống được quản lý mẫu phiếu kiểm tra.", 403);
    await expectRefusal(removeTemplateItem(unitUser, shipped.id, a1), /Chỉ quản trị hệ thống/, 403);
    await expectRefusal(publishTemplate(committee, shipped.id), /Chỉ quản trị hệ thống/, 403);
    expect(await rowCounts()).toEqual(before);
  });

  type Call = { name: string; write?: true; run: (cookie: string | undefined) => ReturnType<typeof load> };
  const id = () => String(shipped.id);
  const calls: Call[] = [
    { name: "list", run: (cookie) => load(templatesIndex, { path: "/admin/templates", cookie }) },
    { name: "template page", run: (cookie) => load(templatePage, { path: `/admin/templates/${id()}`, params: { templateId: id() }, cookie }) },
    {
      name: "template edit",
      write: true,
      run: (cookie) =>
        act(templatePage, {
          path: `/admin/templates/${id()}`,
          params: { templateId: id() },
          cookie,
          form: { intent: "edit_title", title: "Chiếm quyền", description: "" },
        }),
    },
    { name: "publish", write: true, run: (cookie) => act(templatePage, { path: `/admin/templates/${id()}`, params: { templateId: id() }, cookie, form: { intent: "publish" } }) },
    { name: "import form", run: (cookie) => load(templateImport, { path: "/admin/templates/import", cookie }) },
    { name: "import", write: true, run: (cookie) => upload(cookie, JSON.stringify({ ...oneStopShopTemplate(), code: "chiem-quyen" })) },
    { name: "download", run: (cookie) => load(templateJson, { path: `/admin/templates/${id()}/json`, params: { templateId: id() }, cookie }) },
  ];

  it.each(calls.map((c) => [c.name, c] as const))("%s: 403 for every role but the administrator, sign-in when signed out, nothing written", async (_name, call) => {
    const before = await rowCounts();
    for (const username of ["tt.mau", "tv.mau", "dv.mau"]) {
      const result = await call.run(cookies[username]);
      expect(result.status, username).toBe(403);
    }
    const anonymous = await call.run(undefined);
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
    expect(await rowCounts()).toEqual(before);
    if (!call.write) expect((await call.run(cookies["qt.mau"])).status).toBe(200);
  });
});
