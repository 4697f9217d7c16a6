/**
 * The conclusion notice of seed 001 (12/TB-HĐND) rendered from templates/examples/binh-an.json to
 * a real PDF and read back with poppler: the seed's figures and names as written, the Nghị định 30
 * layout, fonts embedded, page numbers from page 2, Vietnamese text intact.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  centreOf,
  expectClosingLayout,
  expectHeaderLayout,
  expectInsideMargins,
  expectPageNumbersFromPageTwo,
  expectTinosEmbedded,
  flatText,
} from "#tests/support/nd30-layout";
import { SEED_001_FIGURES, SEED_001_NAMES, seed001NoticeData } from "#tests/support/notice-document";
import { type PdfDocument, findPhrase, readPdf } from "#tests/support/pdf";
import { buildNoticeDocument, noticeFileStem } from "#templates/documents/notice";
import { renderPdf } from "~/documents/pdf.server";

let pdf: PdfDocument;
let text: string;

beforeAll(async () => {
  pdf = readPdf(await renderPdf(buildNoticeDocument(seed001NoticeData())));
  text = pdf.pages.map(flatText).join(" ");
});

describe("notice 12/TB-HĐND as a PDF", () => {
  it("is A4, titled with its number", () => {
    expect(pdf.info["Page size"]).toMatch(/^595\.\d+ x 841\.\d+ pts \(A4\)$/);
    for (const page of pdf.pages) expect([Math.round(page.width), Math.round(page.height)]).toEqual([595, 842]);
    expect(pdf.info.Title).toBe("Thông báo 12/TB-HĐND");
  });

  it("embeds only the Tinos fonts", () => expectTinosEmbedded(pdf));

  it("carries the seed's figures and names as the seed writes them, each findable as one word", () => {
    const words = new Set(pdf.pages.flatMap((page) => page.words.map((word) => word.text.replace(/[;,.:]+$/, ""))));
    for (const figure of SEED_001_FIGURES) expect(words, figure).toContain(figure);
    for (const name of SEED_001_NAMES) expect(text, name).toContain(name);
  });

  it("follows the notice's structure: opening, I, II.1, II.2 with causes, III with deadlines, closing", () => {
    const order = [
      "THÔNG BÁO",
      "Kết luận của Thường trực Hội đồng nhân dân phường về kết quả giám sát",
      "Thực hiện Kế hoạch số 05/KH-HĐND ngày 01/4/2024 của Thường trực HĐND phường Bình An",
      "I. ĐÁNH GIÁ VIỆC THỰC HIỆN KẾ HOẠCH GIÁM SÁT",
      "Đơn vị được giám sát: UBND phường Bình An.",
      "II. KẾT QUẢ GIÁM SÁT",
      "1. Những kết quả đạt được",
      "đã tiếp nhận: 11.701 hồ sơ",
      "2. Tồn tại, hạn chế, nguyên nhân",
      "Nguyên nhân khách quan:",
      "Nguyên nhân chủ quan:",
      "III. KIẾN NGHỊ, ĐỀ XUẤT",
      "trước ngày 30/6/2024.",
      "trước ngày 30/8/2024.",
      "thông báo đến đơn vị được giám sát biết để chỉ đạo và thực hiện./.",
      "Nơi nhận:",
    ];
    let from = 0;
    for (const phrase of order) {
      const at = text.indexOf(phrase, from);
      expect(at, phrase).toBeGreaterThanOrEqual(from);
      from = at + phrase.length;
    }
  });

  it("extracts as NFC with no replacement characters", () => {
    expect(text.normalize("NFC")).toBe(text);
    expect(text).not.toContain("\uFFFD");
    expect(text).not.toMatch(/\p{M}/u);
    expect(text).toContain("Thuỳ");
  });

  it("keeps every word inside the margins", () => expectInsideMargins(pdf));

  it("numbers every page but the first in the centre of the top margin", () => expectPageNumbersFromPageTwo(pdf));

  it("sets the header in two columns with the number and date on one line", () =>
    expectHeaderLayout(pdf, {
      governingBody: "HĐND PHƯỜNG BÌNH AN",
      issuingBody: "THƯỜNG TRỰC",
      numberLine: "Số: 12/TB-HĐND",
      dateLine: "Bình An, ngày 05 tháng 4 năm 2024",
      documentType: "THÔNG BÁO",
    }));

  it("puts Nơi nhận beside TM. THƯỜNG TRỰC HĐND / CHỦ TỊCH and the chair's name", () => {
    expectClosingLayout(pdf, "TM. THƯỜNG TRỰC HĐND", "Trần Thị Thuỳ Trang");
    const last = pdf.pages.at(-1)!;
    expect(centreOf(last, "CHỦ TỊCH").yMin).toBeGreaterThan(centreOf(last, "TM. THƯỜNG TRỰC HĐND").yMax - 0.5);
    for (const line of ["- TT. HĐND thành phố;", "- CSDL HĐND các cấp;", "- Lưu: VT."]) expect(flatText(last)).toContain(line);
  });

  it("prints sizes per element: title 14 bold, body 13, recipients 11", () => {
    const first = pdf.pages[0];
    const height = (phrase: string) => {
      const box = centreOf(first, phrase);
      return box.yMax - box.yMin;
    };
    const title = height("THÔNG BÁO");
    const body = height("Thực hiện Kế hoạch số");
    expect(title / body).toBeCloseTo(14 / 13, 1);
    const last = pdf.pages.at(-1)!;
    const recipientBox = centreOf(last, "- Lưu: VT.");
    expect((recipientBox.yMax - recipientBox.yMin) / body).toBeCloseTo(11 / 13, 1);
  });
});

describe("notice variants", () => {
  it("signed by the vice-chair: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", async () => {
    const doc = readPdf(await renderPdf(buildNoticeDocument(seed001NoticeData({ signer: { deputy: true, name: "Bùi Dương Ân", title: "" } }))));
    const last = doc.pages.at(-1)!;
    const lines = ["TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Bùi Dương Ân"].map((phrase) => centreOf(last, phrase));
    for (let i = 1; i < lines.length; i++) expect(lines[i].yMin).toBeGreaterThan(lines[i - 1].yMin);
  });

  it("a draft has a blank number and date, and says so in its title", async () => {
    const doc = readPdf(await renderPdf(buildNoticeDocument(seed001NoticeData({ number: null, issueDate: null, draftYear: 2024 }))));
    expect(doc.info.Title).toBe("Thông báo (dự thảo)");
    expect(findPhrase(doc.pages[0], "/TB-HĐND")).not.toBeNull();
    expect(flatText(doc.pages[0])).toMatch(/Bình An, ngày\s+tháng\s+năm 2024/);
    expect(noticeFileStem({ number: null, symbol: "TB-HĐND" })).toBe("Thông-báo-du-thao");
  });

  it("leaves out paragraphs the committee emptied, and prints an edited one as edited", async () => {
    const data = seed001NoticeData();
    const blocks = data.blocks.map((block) =>
      block.key === "preparation" ? { ...block, text: "" } : block.key === "unit" ? { ...block, text: "Đơn vị được giám sát: Bộ phận Một cửa phường." } : block,
    );
    const doc = readPdf(await renderPdf(buildNoticeDocument({ ...data, blocks })));
    const all = doc.pages.map(flatText).join(" ");
    expect(all).toContain("Đơn vị được giám sát: Bộ phận Một cửa phường.");
    expect(all).not.toContain("Công tác chuẩn bị");
    expect(noticeFileStem(data)).toBe("Thông-báo-12-TB-HĐND");
  });
});

describe("Vietnamese letters in the text layer", () => {
  // Every precomposed letter of the Vietnamese alphabet, lower and upper case.
  const LETTERS = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
  // In words short enough never to be broken across lines.
  const WORDS = [LETTERS, LETTERS.toUpperCase()].flatMap((letters) => letters.match(/.{1,12}/gu)!);
  const ALL = WORDS.join(" ");

  it("survive extraction in all four styles, in documents rendered one after another", async () => {
    for (let round = 0; round < 2; round++) {
      const data = seed001NoticeData({
        blocks: [
          { key: "normal", kind: "paragraph", text: ALL },
          { key: "bold", kind: "heading", text: ALL },
        ],
        summary: ALL,
        placeName: WORDS[3],
      });
      const doc = readPdf(await renderPdf(buildNoticeDocument(data)));
      const found = doc.pages.flatMap((page) => page.words.map((word) => word.text.replace(/[,.:]+$/, "")));
      // Each word three times: in the body (regular), in the heading and the summary (bold).
      for (const word of WORDS) expect(found.filter((text) => text === word).length, `round ${round}: ${word}`).toBeGreaterThanOrEqual(3);
      // Italic: the place and date line.
      expect(doc.pages[0].text, `round ${round}`).toContain(`${WORDS[3]}, ngày 05 tháng 4 năm 2024`);
    }
  });
});
