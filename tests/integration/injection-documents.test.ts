/**
 * Injection, on the server side: hostile text typed into every field of a whole supervision
 * (tests/support/injection-fixture.ts) is stored exactly as typed, SQL-looking text stays data
 * (the tables are all there; a search for it matches it literally), and every generated file
 * prints it as text: the plan, notice, unit's draft and issued remediation report and follow-up
 * report PDFs, the notice's .docx (escaped in the XML, literal in the text), and the tracker's
 * .xlsx (a string cell, never a formula, even when it starts with = + - @).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, rowsOf } from "#db/client";
import {
  answers,
  attachments,
  conclusionNotices,
  extensionRequests,
  findings,
  planMembers,
  recommendations,
  remediationDocuments,
  remediationReports,
  supervisionPlans,
  units,
  users,
  visits,
} from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import type { Actor } from "~/auth/actor";
import { listNotices } from "~/models/notice.server";
import { listPlans } from "~/models/plan.server";
import { listTracker } from "~/models/remediation.server";
import * as attachmentRoute from "~/routes/attachments.$attachmentId";
import * as noticeDocx from "~/routes/notices.$noticeId.docx";
import * as noticePdf from "~/routes/notices.$noticeId.pdf";
import * as draftPdf from "~/routes/notices.$noticeId_.remediation[.]pdf";
import * as planPdf from "~/routes/plans.$planId.pdf";
import * as recommendationRoute from "~/routes/recommendations.$recommendationId";
import * as trackerXlsx from "~/routes/recommendations.export[.]xlsx";
import * as followUpPdf from "~/routes/recommendations.report[.]pdf";
import * as issuedPdf from "~/routes/remediation-documents.$documentId.pdf";
import { TRACKER_SHEET_NAME } from "#templates/spreadsheets/tracker";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { decodeXml, readDocx, textOf } from "#tests/support/docx";
import { INJECTION_USERNAME, type InjectionFixture, PNG, buildInjectionFixture } from "#tests/support/injection-fixture";
import { FORMULA, SQL, TEXT, XSS, storedFileName } from "#tests/support/injection-payloads";
import { send, signIn } from "#tests/support/requests";

let handle: DatabaseHandle;
let fx: InjectionFixture;
let committee: Actor;
const cookie: Record<string, string> = {};
let tablesBefore: string[];
const attachmentsDir = mkdtempSync(path.join(tmpdir(), "injection-attachments-"));
let recommendationsBefore: number;

/** Every table of the app's schema, by name. */
async function tableNames(): Promise<string[]> {
  const rows = rowsOf<{ name: string }>(
    await handle.db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`),
  );
  return rows.map((row) => row.name);
}

/** A file route's answer with its raw bytes (the request helper reads bodies as text). */
async function download(route: { loader?: unknown }, url: string, who: string, params: Record<string, string> = {}) {
  const loader = route.loader as (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response>;
  const response = await loader({ request: new Request(`http://localhost:3000${url}`, { headers: { Cookie: cookie[who] } }), params, context: {} });
  expect(response.status, url).toBe(200);
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

/**
 * The PDF's text in content-stream order (pdftotext -raw): a table cell's lines stay together,
 * where the layout modes interleave the cells of a row. Without whitespace, since a long value
 * wraps wherever the column ends.
 */
function pdfText(bytes: Buffer): string {
  const directory = mkdtempSync(path.join(tmpdir(), "injection-pdf-"));
  try {
    const file = path.join(directory, "document.pdf");
    writeFileSync(file, bytes);
    return squash(execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const squash = (text: string) => text.replace(/\s+/g, "");
/** Composed sentences quote a finding or a summary with its first letter in lower case. */
const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase("vi") + text.slice(1);

function expectPrinted(printed: string, expected: readonly string[], what: string) {
  const missing = expected.filter((text) => !printed.includes(squash(text)));
  expect(missing, `${what}: not printed literally`).toEqual([]);
}

/** Markup from a payload that became elements instead of text. */
const RAW_TAG = /<(script|img|svg|textarea|b|i|u)[\s>/]/i;

beforeAll(async () => {
  // Photos and evidence of this file go to a directory of its own, removed afterwards.
  process.env.ATTACHMENTS_DIR = attachmentsDir;
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  tablesBefore = await tableNames();
  [{ n: recommendationsBefore }] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(recommendations);
  fx = await buildInjectionFixture(handle.db);
  const [chair] = await handle.db.select({ id: users.id }).from(users).where(eq(users.username, "trang.ttt"));
  committee = await actorFor(chair.id);
  for (const who of ["trang.ttt", INJECTION_USERNAME]) cookie[who] = await signIn(who, DEMO_PASSWORD);
}, 120_000);

afterAll(async () => {
  await handle?.close();
  rmSync(attachmentsDir, { recursive: true, force: true });
});

describe("hostile text is stored exactly as typed", () => {
  it("in every field, read back byte for byte", async () => {
    const db = handle.db;
    const [unit] = await db.select().from(units).where(eq(units.id, fx.unitId));
    expect([unit.name, unit.placeName]).toEqual([TEXT.unitName, TEXT.unitPlace]);
    const [user] = await db.select().from(users).where(eq(users.id, fx.unitUserId));
    expect([user.fullName, user.title]).toEqual([TEXT.userFullName, TEXT.userTitle]);

    const [plan] = await db.select().from(supervisionPlans).where(eq(supervisionPlans.id, fx.planId));
    expect(plan).toMatchObject({
      subject: TEXT.planSubject,
      legalBasis: TEXT.planLegalBasis.join("\n"),
      purpose: TEXT.planPurpose,
      reportingOutline: TEXT.planOutline,
      signerName: TEXT.planSigner,
      recipients: TEXT.planRecipients.join("\n"),
    });
    const members = await db.select().from(planMembers).where(eq(planMembers.planId, fx.planId)).orderBy(asc(planMembers.position));
    expect(members.at(-1)).toMatchObject({ fullName: TEXT.guestName, title: TEXT.guestTitle, userId: null });
    const [visit] = await db.select().from(visits).where(eq(visits.id, fx.visitId));
    expect(visit.unitReport).toBe(TEXT.unitReport);
    const [answer] = await db.select().from(answers).where(eq(answers.visitId, fx.visitId));
    expect(answer.note).toBe(TEXT.answerNote);

    const texts = await db.select({ id: findings.id, text: findings.text }).from(findings).where(eq(findings.visitId, fx.visitId));
    const byId = new Map(texts.map((row) => [row.id, row.text]));
    expect(texts.map((row) => row.text)).toContain(TEXT.draftFinding);
    expect([fx.findingIds.achievement, fx.findingIds.shortcoming, fx.findingIds.objective, fx.findingIds.subjective].map((id) => byId.get(id))).toEqual([
      TEXT.achievement,
      TEXT.shortcoming,
      TEXT.objectiveCause,
      TEXT.subjectiveCause,
    ]);

    const recs = await db.select().from(recommendations).where(inArray(recommendations.id, fx.recommendationIds)).orderBy(asc(recommendations.position));
    expect(recs.map((row) => row.text)).toEqual([...TEXT.recommendations]);
    expect(new Set(recs.map((row) => row.addressedRole))).toEqual(new Set([TEXT.addressedRole]));

    const [notice] = await db.select().from(conclusionNotices).where(eq(conclusionNotices.id, fx.noticeId));
    const content = notice.content as unknown as { summary: string; blocks: { text: string }[] };
    expect(content.summary).toBe(TEXT.noticeSummary);
    expect(content.blocks[0].text).toBe(TEXT.noticeBlock);
    expect(notice).toMatchObject({ status: "issued", placeName: TEXT.noticePlace, recipients: [...TEXT.noticeRecipients], signerName: TEXT.noticeSigner });
    expect(notice.signerTitle).toBe(TEXT.noticeSignerTitle.toLocaleUpperCase("vi"));

    const [report] = await db.select().from(remediationReports).where(eq(remediationReports.id, fx.reportId));
    expect([report.content, report.reviewNote]).toEqual([TEXT.reportContent, TEXT.returnNote]);
    const [request] = await db.select().from(extensionRequests).where(eq(extensionRequests.id, fx.extensionRequestId));
    expect([request.reason, request.decisionNote]).toEqual([TEXT.extensionReason, TEXT.refuseNote]);
    const [document] = await db.select().from(remediationDocuments).where(eq(remediationDocuments.id, fx.documentId));
    expect(document.content).toMatchObject({
      signer: { authority: TEXT.documentAuthority, title: TEXT.documentTitle, name: TEXT.documentSigner },
      recipients: [...TEXT.documentRecipients],
      unitName: TEXT.unitName,
    });

    // Names keep what is harmless and lose what could break a header or a path: " < > and the like.
    const files = await db.select({ id: attachments.id, fileName: attachments.fileName }).from(attachments).where(
      sql`${attachments.id} = ${fx.photoId} or ${attachments.remediationReportId} = ${fx.reportId}`,
    );
    expect(files.map((file) => file.fileName).sort()).toEqual([storedFileName(TEXT.photoName), storedFileName(TEXT.evidenceName)].sort());
    expect(files.map((file) => file.fileName).join("")).not.toMatch(/[<>"]/);
  });

  it("SQL-looking text is data: every table is still there and a search matches it literally", async () => {
    expect(await tableNames()).toEqual(tablesBefore);
    const [{ n }] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(recommendations);
    expect(n).toBe(recommendationsBefore + TEXT.recommendations.length);

    const plans = await listPlans(committee, { q: SQL.or });
    expect(plans.map((plan) => plan.id)).toEqual([fx.planId]);
    // Quote-and-comment tricks match nothing rather than everything.
    expect(await listPlans(committee, { q: "%' OR 1=1 --" })).toEqual([]);
    const tracker = await listTracker(committee, { q: SQL.or });
    expect(tracker.rows.map((row) => row.id)).toEqual([fx.recommendationIds[2]]);
    const dropped = await listTracker(committee, { q: SQL.drop });
    expect(dropped.rows.map((row) => row.id)).toEqual([fx.recommendationIds[1]]);
    const notices = await listNotices(committee, { q: XSS.entities });
    expect(notices.map((notice) => notice.id)).toEqual([fx.noticeId]);
  });
});

describe("generated files print hostile text as text", () => {
  it("the plan PDF", async () => {
    const { bytes } = await download(planPdf, `/plans/${fx.planId}/pdf`, "trang.ttt", { planId: String(fx.planId) });
    expectPrinted(
      pdfText(bytes),
      [TEXT.planSubject, ...TEXT.planLegalBasis, TEXT.planPurpose, TEXT.planOutline, TEXT.planSigner, ...TEXT.planRecipients, TEXT.guestName, TEXT.guestTitle, TEXT.unitName],
      "plan",
    );
  });

  /** What the notice prints: the edited fields as typed, and the findings and recommendations composed around the unit's name. */
  const noticeTexts = () => [
    TEXT.noticeSummary,
    TEXT.noticePlace,
    TEXT.noticeBlock,
    ...TEXT.noticeRecipients,
    TEXT.noticeSigner,
    TEXT.noticeSignerTitle.toLocaleUpperCase("vi"),
    TEXT.unitName,
    TEXT.guestName,
    TEXT.guestTitle,
    TEXT.achievement,
    TEXT.shortcoming,
    TEXT.draftFinding,
    lowerFirst(TEXT.objectiveCause),
    lowerFirst(TEXT.subjectiveCause),
    ...TEXT.recommendations.map((text) => `${TEXT.addressedRole}: ${text}`),
  ];

  it("the notice PDF", async () => {
    const { bytes } = await download(noticePdf, `/notices/${fx.noticeId}/pdf`, "trang.ttt", { noticeId: String(fx.noticeId) });
    expectPrinted(pdfText(bytes), noticeTexts(), "notice PDF");
  });

  it("the notice .docx: escaped in the XML, literal in the text", async () => {
    const { bytes } = await download(noticeDocx, `/notices/${fx.noticeId}/docx`, "trang.ttt", { noticeId: String(fx.noticeId) });
    const docx = readDocx(bytes);
    const xml = docx.xml("word/document.xml");
    expect(xml).toContain("&lt;script&gt;window.__xss=1&lt;/script&gt;");
    // Text that already looks escaped is escaped once more, never decoded.
    expect(xml).toContain("&amp;lt;b&amp;gt;đậm&amp;lt;/b&amp;gt; &amp;amp; &amp;#60;i&amp;#62;");
    for (const [name, part] of docx.parts) {
      if (name.endsWith(".xml") || name.endsWith(".rels")) expect(part.toString("utf8"), name).not.toMatch(RAW_TAG);
    }
    expectPrinted(squash(textOf(xml)), noticeTexts(), "notice .docx");
  });

  it("the unit's draft and issued Báo cáo kết quả khắc phục", async () => {
    const items = [...TEXT.recommendations, `${TEXT.addressedRole}.`, TEXT.reportContent, TEXT.unitName, TEXT.unitPlace, lowerFirst(TEXT.noticeSummary)];
    const draft = await download(draftPdf, `/notices/${fx.noticeId}/remediation.pdf`, INJECTION_USERNAME, { noticeId: String(fx.noticeId) });
    expectPrinted(pdfText(draft.bytes), items, "draft remediation report");
    const issued = await download(issuedPdf, `/remediation-documents/${fx.documentId}/pdf`, INJECTION_USERNAME, { documentId: String(fx.documentId) });
    expectPrinted(
      pdfText(issued.bytes),
      [...items, TEXT.documentAuthority.toLocaleUpperCase("vi"), TEXT.documentTitle.toLocaleUpperCase("vi"), TEXT.documentSigner, ...TEXT.documentRecipients],
      "issued remediation report",
    );
  });

  it("the committee's follow-up report PDF", async () => {
    const { bytes } = await download(followUpPdf, `/recommendations/report.pdf?planId=${fx.planId}`, "trang.ttt");
    expectPrinted(pdfText(bytes), [...TEXT.recommendations, TEXT.unitName], "follow-up report");
  });

  it("the tracker .xlsx: string cells, never formulas, even for = + - @", async () => {
    const { bytes } = await download(trackerXlsx, `/recommendations/export.xlsx?planId=${fx.planId}`, "trang.ttt");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.getWorksheet(TRACKER_SHEET_NAME)!;
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const holding = (text: string) => cells.filter((cell) => cell.value === text);
    for (const text of [...TEXT.recommendations, TEXT.unitName, TEXT.addressedRole]) {
      const found = holding(text);
      expect(found.length, text).toBeGreaterThan(0);
      for (const cell of found) {
        expect(cell.type, text).toBe(ExcelJS.ValueType.String);
        expect(cell.formula, text).toBeUndefined();
      }
    }
    expect(TEXT.recommendations.filter((text) => /^[=+\-@]/.test(text))).toHaveLength(Object.keys(FORMULA).length);

    // The file itself: no formula element anywhere, and the formula-like text in shared strings, escaped.
    const parts = readDocx(bytes).parts;
    const sheetXml = parts.get("xl/worksheets/sheet1.xml")!.toString("utf8");
    expect(sheetXml).not.toMatch(/<f[\s>]/);
    const sharedXml = parts.get("xl/sharedStrings.xml")!.toString("utf8");
    const shared = [...sharedXml.matchAll(/<si><t(?:\s[^>]*)?>([^<]*)<\/t><\/si>/g)].map((match) => decodeXml(match[1]));
    for (const text of TEXT.recommendations) {
      const index = shared.indexOf(text);
      expect(index, text).toBeGreaterThanOrEqual(0);
      // Every cell naming that string is a shared-string cell (t="s"), not "str" or a formula.
      const refs = [...sheetXml.matchAll(/<c ([^>]*)><v>(\d+)<\/v><\/c>/g)].filter((match) => Number(match[2]) === index);
      expect(refs.length, text).toBeGreaterThan(0);
      for (const [, attributes] of refs) expect(attributes, text).toMatch(/\bt="s"/);
    }
    expect(sharedXml).toContain("=HYPERLINK(&quot;http://evil&quot;,&quot;x&quot;)");
    expect(sharedXml).not.toMatch(RAW_TAG);
  });
});

describe("an upload named with markup, through the recommendation page's form", () => {
  it("is stored under a cleaned name and served with a safe header and its real type", async () => {
    const target = fx.recommendationIds[2];
    // ";" and "=" too: Remix's multipart parser refused such a name, a real file may carry one.
    const name = `bằng chứng; <img src=x onerror="window.__xss=1"> "${SQL.or}".png`;
    const body = new FormData();
    body.append("intent", "report");
    body.append("progress", "in_progress");
    body.append("content", TEXT.reportContent);
    body.append("files", new File([new Uint8Array(PNG)], name, { type: "text/html" }));
    const result = await send(recommendationRoute, { path: `/recommendations/${target}`, params: { recommendationId: String(target) }, cookie: cookie[INJECTION_USERNAME], body });
    expect(result.status, JSON.stringify(result.data)).toBe(200);
    const [stored] = await handle.db
      .select({ id: attachments.id, fileName: attachments.fileName, contentType: attachments.contentType })
      .from(attachments)
      .innerJoin(remediationReports, eq(remediationReports.id, attachments.remediationReportId))
      .where(eq(remediationReports.recommendationId, target));
    expect(stored.fileName).toBe(storedFileName(name));
    expect(stored.fileName).not.toMatch(/[<>"]/);
    expect(stored.contentType).toBe("image/png");

    const { response } = await download(attachmentRoute, `/attachments/${stored.id}`, INJECTION_USERNAME, { attachmentId: String(stored.id) });
    expect(response.headers.get("Content-Type")).toBe("image/png");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const disposition = response.headers.get("Content-Disposition")!;
    // One quoted ASCII name with nothing inside that ends the quotes, then the percent-encoded UTF-8 name.
    expect(disposition).toMatch(/^inline; filename="[^"\\]*"; filename\*=UTF-8''[A-Za-z0-9%._~!'()*-]+$/);
    expect(decodeURIComponent(disposition.split("''")[1])).toBe(stored.fileName);
  });
});
