/**
 * UBND phường Bình An's report on remedying the recommendations of notice 12/TB-HĐND, rendered to a
 * real PDF and read back with poppler: the Nghị định 30 header of a UBND, number or draft blanks,
 * each recommendation's deadlines and status, fonts embedded, page numbers from page 2.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { longRemediationItems, remediationData } from "#tests/support/follow-up-documents";
import {
  centreOf,
  expectClosingLayout,
  expectHeaderLayout,
  expectInsideMargins,
  expectPageNumbersFromPageTwo,
  expectTinosEmbedded,
  flatText,
} from "#tests/support/nd30-layout";
import { type PdfDocument, findPhrase, readPdf } from "#tests/support/pdf";
import { buildRemediationDocument } from "#templates/documents/remediation-report";
import { renderPdf } from "~/documents/pdf.server";

let pdf: PdfDocument;
let text: string;
let draft: PdfDocument;
let long: PdfDocument;

const allText = (document: PdfDocument) => document.pages.map(flatText).join(" ");

beforeAll(async () => {
  pdf = readPdf(await renderPdf(buildRemediationDocument(remediationData())));
  text = allText(pdf);
  draft = readPdf(await renderPdf(buildRemediationDocument(remediationData({ number: null, issueDate: null }))));
  long = readPdf(await renderPdf(buildRemediationDocument(remediationData({ items: longRemediationItems(12) }))));
});

describe("report 03/BC-UBND as a PDF", () => {
  it("is A4, titled with its number", () => {
    expect(pdf.info["Page size"]).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)$/);
    expect(pdf.info.Title).toBe("Báo cáo 03/BC-UBND");
  });

  it("embeds only the Tinos fonts", () => expectTinosEmbedded(pdf));

  it("sets the UBND header in two columns: ỦY BAN NHÂN DÂN over PHƯỜNG BÌNH AN, number and date on one line", () =>
    expectHeaderLayout(pdf, {
      governingBody: "ỦY BAN NHÂN DÂN",
      issuingBody: "PHƯỜNG BÌNH AN",
      numberLine: "Số: 03/BC-UBND",
      dateLine: "Bình An, ngày 10 tháng 7 năm 2024",
      documentType: "BÁO CÁO",
    }));

  it("prints the governing line above the issuing body's line", () => {
    const first = pdf.pages[0];
    expect(centreOf(first, "PHƯỜNG BÌNH AN").yMin).toBeGreaterThan(centreOf(first, "ỦY BAN NHÂN DÂN").yMax - 0.5);
  });

  it("follows the report's structure in order", () => {
    const order = [
      "BÁO CÁO",
      "Kết quả khắc phục các kiến nghị tại Thông báo kết luận số 12/TB-HĐND",
      "Thực hiện Thông báo kết luận số 12/TB-HĐND ngày 05/4/2024 của Thường trực HĐND phường Bình An về kết quả giám sát",
      "UBND phường Bình An báo cáo kết quả khắc phục các kiến nghị như sau:",
      "I. KẾT QUẢ THỰC HIỆN CÁC KIẾN NGHỊ",
      "1. Kiến nghị:",
      "- Tài liệu kèm theo: 3 tệp.",
      "2. Kiến nghị:",
      "3. Kiến nghị:",
      "II. ĐỀ XUẤT, KIẾN NGHỊ",
      "Đến nay, UBND phường Bình An đã hoàn thành 1/3 kiến nghị",
      "Trên đây là báo cáo kết quả khắc phục",
      "Nơi nhận:",
    ];
    let from = 0;
    for (const phrase of order) {
      const at = text.indexOf(phrase, from);
      expect(at, phrase).toBeGreaterThanOrEqual(from);
      from = at + phrase.length;
    }
  });

  it("prints both deadlines of an extended recommendation, and one of the others", () => {
    expect(text).toContain("- Thời hạn: trước ngày 30/6/2024; được gia hạn đến ngày 30/8/2024.");
    expect(text).toContain("- Thời hạn: trước ngày 30/8/2024.");
    expect(text.match(/- Thời hạn:/g)).toHaveLength(3);
  });

  it("prints each status and the result reported, or that there is none", () => {
    expect(text).toContain("- Tình trạng: Đã hoàn thành (Thường trực HĐND phường Bình An đã chấp nhận kết quả).");
    expect(text).toContain("- Tình trạng: Đang thực hiện.");
    expect(text).toContain("- Tình trạng: Chưa thực hiện.");
    expect(text).toContain("- Kết quả thực hiện: Chưa có báo cáo.");
    expect(text).toContain("Tỷ lệ hồ sơ được số hóa đạt 96,1%.");
  });

  it("extracts as NFC with no replacement characters", () => {
    expect(text.normalize("NFC")).toBe(text);
    expect(text).not.toContain("\uFFFD");
    expect(text).not.toMatch(/\p{M}/u);
    expect(text).toContain("ỦY BAN NHÂN DÂN");
  });

  it("keeps every word inside the margins", () => expectInsideMargins(pdf));

  it("puts Nơi nhận beside TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH and the chairman's name", () => {
    expectClosingLayout(pdf, "TM. ỦY BAN NHÂN DÂN", "Nguyễn Văn An");
    const last = pdf.pages.at(-1)!;
    for (const line of ["- Thường trực HĐND phường;", "- Đoàn giám sát;", "- Lưu: VT."]) expect(flatText(last)).toContain(line);
    expect(flatText(last).match(/Lưu: VT/g)).toHaveLength(1);
  });
});

describe("a draft", () => {
  it("leaves the number and the day and month blank", () => {
    const first = draft.pages[0];
    expect(flatText(first)).toMatch(/Số:\s+\/BC-UBND/);
    expect(findPhrase(first, "Số: 03/BC-UBND")).toBeNull();
    expect(flatText(first)).toMatch(/Bình An, ngày\s+tháng\s+năm 2024/);
    expect(draft.info.Title).toBe("Báo cáo (dự thảo)");
  });
});

describe("a long report", () => {
  it("runs onto several pages, numbered from page 2", () => {
    expect(long.pages.length).toBeGreaterThanOrEqual(3);
    expectPageNumbersFromPageTwo(long);
  });

  it("keeps a heading on the page of the paragraph after it", () => {
    const pageOf = (phrase: string) => long.pages.findIndex((page) => flatText(page).includes(phrase));
    expect(pageOf("II. ĐỀ XUẤT, KIẾN NGHỊ")).toBeGreaterThan(0);
    expect(pageOf("II. ĐỀ XUẤT, KIẾN NGHỊ")).toBe(pageOf("Đến nay, UBND phường Bình An"));
  });

  it("prints every recommendation and keeps the signature with the closing paragraph", () => {
    const all = allText(long);
    for (let index = 1; index <= 12; index++) expect(all).toContain(`${index}. Kiến nghị:`);
    const last = long.pages.at(-1)!;
    expect(flatText(last)).toContain("Trên đây là báo cáo kết quả khắc phục");
    expectClosingLayout(long, "TM. ỦY BAN NHÂN DÂN", "Nguyễn Văn An");
    expectTinosEmbedded(long);
  });
});
