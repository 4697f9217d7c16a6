/**
 * The follow-up files served by the app on the demo data: the Excel workbook holds exactly the rows
 * the tracker's filter shows; the committee's follow-up report prints the same rows and counts; the
 * unit issues its Báo cáo kết quả khắc phục with the next number of its own BC series, frozen.
 */
import ExcelJS from "exceljs";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, rowsOf } from "#db/client";
import { remediationDocuments, units } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { vietnamDate } from "~/domain/vietnamese";
import { listTracker } from "~/models/remediation.server";
import * as unitPage from "~/routes/notices.$noticeId_.remediation";
import * as issuedPdf from "~/routes/remediation-documents.$documentId.pdf";
import * as trackerXlsx from "~/routes/recommendations.export[.]xlsx";
import * as followUpPdf from "~/routes/recommendations.report[.]pdf";
import { HEADER_ROW, TRACKER_SHEET_NAME } from "#templates/spreadsheets/tracker";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { readPdf } from "#tests/support/pdf";
import { load, send, signIn } from "#tests/support/requests";

let handle: DatabaseHandle;
const cookie: Record<string, string> = {};
const userId: Record<string, number> = {};
let seed001Notice: number;

/** The raw bytes of a file route's answer: the test helper reads bodies as text, so fetch the Response directly. */
async function download(route: { loader?: unknown }, path: string, who: string, params: Record<string, string> = {}) {
  const loader = route.loader as (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
  const response = await loader({ request: new Request(`http://localhost:3000${path}`, { headers: { Cookie: cookie[who] } }), params, context: {} });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

async function workbookRows(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.getWorksheet(TRACKER_SHEET_NAME)!;
  const rows: { unit: string; text: string; overdue: unknown; deadline: unknown }[] = [];
  sheet.eachRow((row, number) => {
    if (number <= HEADER_ROW) return;
    rows.push({ unit: String(row.getCell(4).value), text: String(row.getCell(6).value), deadline: row.getCell(7).value, overdue: row.getCell(11).value });
  });
  return { sheet, rows };
}

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  for (const who of ["trang.ttt", "tt.dian", "ubnd.binhan"]) {
    cookie[who] = await signIn(who, DEMO_PASSWORD);
    [{ id: userId[who] }] = rowsOf<{ id: number }>(await handle.db.execute(sql`select id from users where username = ${who}`));
  }
  [{ id: seed001Notice }] = rowsOf<{ id: number }>(await handle.db.execute(sql`select id from conclusion_notices where number = 12 and symbol = 'TB-HĐND'`));
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe("the tracker's Excel export", () => {
  it("holds exactly the rows the overdue filter shows, with Vietnamese headers and real dates", async () => {
    const actor = await actorFor(userId["tt.dian"]);
    const shown = await listTracker(actor, { state: "overdue" }, { today: vietnamDate(), limit: 1000 });
    expect(shown.rows.length).toBeGreaterThan(0);
    const { response, bytes } = await download(trackerXlsx, "/recommendations/export.xlsx?state=overdue", "tt.dian");
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toMatch(/attachment; filename="Theo-doi-kien-nghi-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const { sheet, rows } = await workbookRows(bytes);
    expect(sheet.getRow(HEADER_ROW).getCell(6).value).toBe("Nội dung kiến nghị");
    expect(rows.map((r) => r.text)).toEqual(shown.rows.map((r) => r.text));
    expect(new Set(rows.map((r) => r.unit))).toEqual(new Set(["UBND phường Dĩ An"]));
    for (const [index, row] of rows.entries()) {
      expect(row.overdue).toBe(shown.rows[index].daysOverdue);
      expect(row.deadline).toBeInstanceOf(Date);
    }
    expect(String(sheet.getRow(3).getCell(1).value)).toContain("quá hạn");
  });

  it("the unfiltered export of another ward's committee holds nothing of Bình An", async () => {
    const { bytes } = await download(trackerXlsx, "/recommendations/export.xlsx", "tt.dian");
    const { rows } = await workbookRows(bytes);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.unit.includes("Bình An"))).toBe(false);
  });
});

describe("the committee's follow-up report", () => {
  it("prints the filtered rows and the counts sentence", async () => {
    const actor = await actorFor(userId["trang.ttt"]);
    const shown = await listTracker(actor, {}, { limit: 1000 });
    const { response, bytes } = await download(followUpPdf, "/recommendations/report.pdf", "trang.ttt");
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    const pdf = readPdf(bytes);
    const text = pdf.pages.map((p) => p.text).join("\n").replace(/\s+/g, " ");
    expect(text).toContain("THƯỜNG TRỰC");
    expect(text).toContain(`Tổng số ${shown.total} kiến nghị`);
    expect(text).toContain("UBND phường Bình An");
    expect(text).not.toContain("Dĩ An");
  });
});

describe("the unit's Báo cáo kết quả khắc phục", () => {
  it("is issued with the next number of the unit's BC series and prints it; a second one takes the next", async () => {
    const form = (fields: Record<string, string>) => {
      const body = new URLSearchParams(fields);
      return send(unitPage, { path: `/notices/${seed001Notice}/remediation`, params: { noticeId: String(seed001Notice) }, cookie: cookie["ubnd.binhan"], body, contentType: "application/x-www-form-urlencoded" });
    };
    const fields = { intent: "issue", authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "", recipients: "Thường trực HĐND phường Bình An" };
    const missingName = await form(fields);
    expect(missingName.status).toBe(400);
    expect((missingName.data as { values: Record<string, string> }).values.recipients).toBe("Thường trực HĐND phường Bình An");
    expect(await handle.db.select().from(remediationDocuments)).toEqual([]);

    expect((await form({ ...fields, name: "Nguyễn Văn Bình" })).status).toBe(200);
    expect((await form({ ...fields, name: "Nguyễn Văn Bình" })).status).toBe(200);
    const [{ id: ubnd }] = await handle.db.select({ id: units.id }).from(units).where(eq(units.name, "UBND phường Bình An"));
    const documents = await handle.db.select().from(remediationDocuments).orderBy(remediationDocuments.number);
    expect(documents.map((d) => [d.unitId, d.number, d.symbol])).toEqual([
      [ubnd, 1, "BC-UBND"],
      [ubnd, 2, "BC-UBND"],
    ]);

    const { response, bytes } = await download(issuedPdf, `/remediation-documents/${documents[0].id}/pdf`, "ubnd.binhan", { documentId: String(documents[0].id) });
    expect(response.status).toBe(200);
    const text = readPdf(bytes).pages.map((p) => p.text).join("\n").replace(/\s+/g, " ");
    expect(text).toContain("Số: 01/BC-UBND");
    expect(text).toContain("ỦY BAN NHÂN DÂN");
    expect(text).toContain("Thông báo kết luận số 12/TB-HĐND");
    expect(text).toContain("Nguyễn Văn Bình");
    // The committee over the unit reads it; another ward's committee does not.
    expect((await download(issuedPdf, `/remediation-documents/${documents[0].id}/pdf`, "trang.ttt", { documentId: String(documents[0].id) })).response.status).toBe(200);
    const other = await load(issuedPdf, { path: `/remediation-documents/${documents[0].id}/pdf`, params: { documentId: String(documents[0].id) }, cookie: cookie["tt.dian"] });
    expect(other.status).toBe(403);
    // Frozen: the database refuses any change.
    await expect(handle.db.update(remediationDocuments).set({ number: 9 }).where(eq(remediationDocuments.id, documents[0].id))).rejects.toThrow();
  });
});
