import { beforeAll, describe, expect, it } from "vitest";
import {
  type DocxPackage,
  type DocxParagraph,
  attributesOf,
  headerPart,
  paragraphWithText,
  paragraphsOf,
  readDocx,
  tableRowsOf,
  textNodes,
  textOf,
  valuesOf,
} from "#tests/support/docx";
import { SEED_001_FIGURES, SEED_001_NAMES, seed001NoticeData } from "#tests/support/notice-document";
import type { NoticeDocumentData } from "~/domain/notice-composition";
import { formatNumberLine } from "~/domain/numbering";
import { HEADER_TEXT, SHORT_LINE_RATIO, TIEU_NGU, longestLineWidth } from "./nd30";
import { buildNoticeDocx, renderNoticeDocx } from "./notice-docx";

async function rendered(data: NoticeDocumentData = seed001NoticeData()) {
  const docx = readDocx(await renderNoticeDocx(data));
  const document = docx.xml("word/document.xml");
  return { docx, document, paragraphs: paragraphsOf(document), text: paragraphsOf(document).map((p) => p.text).join("\n") };
}

/** The run sizes of a paragraph, in half-points. */
const sizesOf = (paragraph: DocxParagraph) => valuesOf(paragraph.xml.replace(/<w:pPr>[\s\S]*?<\/w:pPr>/, ""), "sz");

/** The empty paragraph right after `paragraph` whose bottom border is the line under it. */
function lineAfter(paragraphs: DocxParagraph[], paragraph: DocxParagraph) {
  const line = paragraphs[paragraphs.indexOf(paragraph) + 1];
  expect(line.text).toBe("");
  expect(line.properties).toMatch(/<w:pBdr><w:bottom w:val="single"/);
  const indent = attributesOf(line.properties, "ind");
  expect(indent.left).toBe(indent.right);
  return { indent: Number(indent.left) };
}

describe("renderNoticeDocx (seed 001, notice 12/TB-HĐND)", () => {
  let docx: DocxPackage;
  let document: string;
  let paragraphs: DocxParagraph[];
  let text: string;
  beforeAll(async () => {
    ({ docx, document, paragraphs, text } = await rendered());
  });

  it("is an A4 portrait page with the Nghị định 30 margins in twips (30/20/15/20 mm)", () => {
    expect(attributesOf(document, "pgSz")).toEqual({ w: "11906", h: "16838", orient: "portrait" });
    expect(attributesOf(document, "pgMar")).toMatchObject({ left: "1701", top: "1134", right: "850", bottom: "1134" });
  });

  it("sets every run in Times New Roman, by default and on each run", () => {
    const styles = docx.xml("word/styles.xml");
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)?.[0] ?? "";
    expect(defaults).toContain('<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"/>');
    expect(defaults).toContain('<w:sz w:val="26"/>');
    const fonts = [...document.matchAll(/<w:rFonts ([^>]*)\/>/g)].flatMap((match) => [...match[1].matchAll(/="([^"]*)"/g)].map((value) => value[1]));
    expect(fonts.length).toBeGreaterThan(100);
    expect(new Set(fonts)).toEqual(new Set(["Times New Roman"]));
    expect(document.match(/<w:r>/g)?.length).toBe(document.match(/<w:rFonts /g)?.length);
  });

  it("prints the seed's figures and names as the seed writes them", () => {
    for (const figure of SEED_001_FIGURES) expect(text).toContain(figure);
    for (const name of SEED_001_NAMES) expect(text).toContain(name);
    expect(text).toContain("tỷ lệ 75,5%");
    expect(text).toContain("Thông tư số 02/2017/TT-VPCP");
  });

  it("has the header, the title and the closing block's texts", () => {
    for (const line of [
      "HĐND PHƯỜNG BÌNH AN",
      "THƯỜNG TRỰC",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      TIEU_NGU,
      "Số: 12/TB-HĐND",
      "Bình An, ngày 05 tháng 4 năm 2024",
      "THÔNG BÁO",
      "TM. THƯỜNG TRỰC HĐND",
      "CHỦ TỊCH",
      "Nơi nhận:",
      "- TT. HĐND thành phố;",
      "- Lưu: VT.",
      "Trần Thị Thuỳ Trang",
    ]) {
      expect(paragraphWithText(paragraphs, line).text).toBe(line);
    }
    expect(text).not.toContain("KT.");
  });

  it("writes NFC text in strict UTF-8 in every part", () => {
    for (const name of docx.parts.keys()) {
      if (!/\.(xml|rels)$/.test(name)) continue;
      const xml = docx.xml(name); // throws on invalid UTF-8
      expect(xml, name).toBe(xml.normalize("NFC"));
    }
    const nodes = textNodes(document);
    expect(nodes.length).toBeGreaterThan(30);
    for (const node of nodes) expect(node).toBe(node.normalize("NFC"));
    expect(text).toContain("Thuỳ"); // precomposed ỳ (U+1EF3), not y + combining grave
    expect(text).not.toMatch(/\p{M}/u);
  });

  it("numbers pages from page 2: a centred PAGE field in size 13, an empty header on the first page", () => {
    expect(document).toMatch(/<w:sectPr>[\s\S]*<w:titlePg\/>[\s\S]*<\/w:sectPr>/);
    const header = headerPart(docx, "default");
    expect(header).toContain('<w:fldChar w:fldCharType="begin"/>');
    expect(textOf(header.replace(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g, "<w:t>$1</w:t>")).trim()).toBe("PAGE");
    expect(valuesOf(header, "jc")).toEqual(["center"]);
    expect(new Set(valuesOf(header, "sz"))).toEqual(new Set(["26"]));
    const first = headerPart(docx, "first");
    expect(textOf(first)).toBe("");
    expect(first).not.toContain("fldChar");
    expect(attributesOf(document, "pgMar").header).toBe("567");
  });

  it("sets the title and summary 14 bold centred, the body 13 justified with a 1 cm first-line indent and 6 pt after", () => {
    const title = paragraphWithText(paragraphs, "THÔNG BÁO");
    expect(sizesOf(title)).toEqual(["28"]);
    expect(title.xml).toContain("<w:b/>");
    expect(valuesOf(title.properties, "jc")).toEqual(["center"]);
    const summary = paragraphs[paragraphs.indexOf(title) + 1];
    expect(summary.text).toBe(seed001NoticeData().summary);
    expect(sizesOf(summary)).toEqual(["28"]);
    expect(summary.xml).toContain("<w:b/>");

    const body = paragraphs.find((paragraph) => paragraph.text.startsWith("Thực hiện Kế hoạch số 05/KH-HĐND ngày 01/4/2024"));
    expect(body).toBeDefined();
    expect(new Set(sizesOf(body!))).toEqual(new Set(["26"]));
    expect(valuesOf(body!.properties, "jc")).toEqual(["both"]);
    expect(attributesOf(body!.properties, "ind")).toEqual({ firstLine: "567" });
    const spacing = attributesOf(body!.properties, "spacing");
    expect(Number(spacing.after)).toBeGreaterThanOrEqual(120);
    expect(spacing.lineRule).toBe("auto");
    expect(Number(spacing.line)).toBeGreaterThanOrEqual(240);
    expect(Number(spacing.line)).toBeLessThanOrEqual(360);
    expect(body!.xml).not.toContain("<w:b/>");
  });

  it("sets headings bold and keeps them with the paragraph after them", () => {
    for (const heading of ["I. ĐÁNH GIÁ VIỆC THỰC HIỆN KẾ HOẠCH GIÁM SÁT", "II. KẾT QUẢ GIÁM SÁT", "1. Những kết quả đạt được", "III. KIẾN NGHỊ, ĐỀ XUẤT"]) {
      const paragraph = paragraphWithText(paragraphs, heading);
      expect(paragraph.xml).toContain("<w:b/>");
      expect(paragraph.properties).toContain("<w:keepNext/>");
      expect(sizesOf(paragraph)).toEqual(["26"]);
    }
  });

  it("keeps references such as 12/TB-HĐND on one line with non-breaking hyphens", () => {
    const reference = paragraphs.find((paragraph) => paragraph.text.includes("02/2017/TT-VPCP"));
    expect(reference?.xml).toMatch(/02\/2017\/TT<\/w:t><w:noBreakHyphen\/><w:t[^>]*>VPCP/);
    // Dashes that are not inside such a word stay ordinary text.
    expect(paragraphWithText(paragraphs, "- Lưu: VT.").xml).not.toContain("noBreakHyphen");
  });

  it("sets the header sizes and draws the lines under the issuing body, the Tiêu ngữ and the summary", () => {
    const cases: [string, string[]][] = [
      ["HĐND PHƯỜNG BÌNH AN", ["24"]],
      ["THƯỜNG TRỰC", ["24"]],
      ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ["24"]],
      [TIEU_NGU, ["26"]],
      ["Số: 12/TB-HĐND", ["26"]],
      ["Bình An, ngày 05 tháng 4 năm 2024", ["26"]],
    ];
    for (const [line, sizes] of cases) expect(sizesOf(paragraphWithText(paragraphs, line)), line).toEqual(sizes);
    expect(paragraphWithText(paragraphs, "THƯỜNG TRỰC").xml).toContain("<w:b/>");
    expect(paragraphWithText(paragraphs, "HĐND PHƯỜNG BÌNH AN").xml).not.toContain("<w:b/>");
    expect(paragraphWithText(paragraphs, "Bình An, ngày 05 tháng 4 năm 2024").xml).toContain("<w:i/>");

    const [leftColumn, rightColumn] = valuesOf(document.replace(/w:w=/g, "w:val="), "gridCol").map(Number);
    const issuingWidth = 20 * longestLineWidth("THƯỜNG TRỰC", HEADER_TEXT.issuingBody, 1000);
    const issuingLine = leftColumn - 2 * lineAfter(paragraphs, paragraphWithText(paragraphs, "THƯỜNG TRỰC")).indent;
    expect(issuingLine / issuingWidth).toBeGreaterThanOrEqual(1 / 3);
    expect(issuingLine / issuingWidth).toBeLessThanOrEqual(1 / 2);
    const tieuNguWidth = 20 * longestLineWidth(TIEU_NGU, HEADER_TEXT.tieuNgu, 1000);
    const tieuNguLine = rightColumn - 2 * lineAfter(paragraphs, paragraphWithText(paragraphs, TIEU_NGU)).indent;
    expect(tieuNguLine / tieuNguWidth).toBeCloseTo(1, 2);

    const summary = paragraphs[paragraphs.indexOf(paragraphWithText(paragraphs, "THÔNG BÁO")) + 1];
    const summaryLine = 9355 - 2 * lineAfter(paragraphs, summary).indent;
    expect(summaryLine).toBeGreaterThan(0);
    expect(summaryLine).toBeLessThan(9355 * SHORT_LINE_RATIO + 1);
  });

  it("puts the header in a borderless table: number beside the place and date", () => {
    const [top, numberRow] = tableRowsOf(document);
    expect(textOf(top)).toContain("THƯỜNG TRỰC");
    expect(textOf(top)).toContain(TIEU_NGU);
    expect(paragraphsOf(numberRow).map((paragraph) => paragraph.text)).toEqual(["Số: 12/TB-HĐND", "Bình An, ngày 05 tháng 4 năm 2024"]);
    const borders = /<w:tblBorders>([\s\S]*?)<\/w:tblBorders>/.exec(document)?.[1] ?? "";
    expect(valuesOf(borders, "top").concat(valuesOf(borders, "bottom"), valuesOf(borders, "insideV"))).toEqual(["none", "none", "none"]);
  });

  it("closes with Nơi nhận beside the signature in one row that does not split, the last paragraph kept with it", () => {
    const closing = tableRowsOf(document).at(-1)!;
    expect(closing).toContain("<w:cantSplit/>");
    const [left, right] = [...closing.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => paragraphsOf(cell[0]));
    expect(left.map((paragraph) => paragraph.text)).toEqual([
      "Nơi nhận:",
      "- TT. HĐND thành phố;",
      "- TT. Đảng ủy, UBND, UBMTTQ phường;",
      "- Đại biểu HĐND phường;",
      "- Các ban ngành có liên quan;",
      "- CSDL HĐND các cấp;",
      "- Lưu: VT.",
    ]);
    expect(sizesOf(left[0])).toEqual(["24"]);
    expect(left[0].xml).toMatch(/<w:b\/>[\s\S]*<w:i\/>/);
    for (const line of left.slice(1)) expect(sizesOf(line)).toEqual(["22"]);
    expect(right.map((paragraph) => paragraph.text)).toEqual(["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", "Trần Thị Thuỳ Trang"]);
    for (const line of right) {
      expect(sizesOf(line)).toEqual(["26"]);
      expect(line.xml).toContain("<w:b/>");
      expect(valuesOf(line.properties, "jc")).toEqual(["center"]);
    }
    // Room for the hand signature and the seal above the name.
    expect(Number(attributesOf(right[2].properties, "spacing").before)).toBeGreaterThanOrEqual(1000);

    const bodyEnd = document.slice(0, document.lastIndexOf("<w:tbl>"));
    const last = paragraphsOf(bodyEnd).at(-1)!;
    expect(last.text).toMatch(/chỉ đạo và thực hiện\.\/\.$/);
    expect(last.properties).toContain("<w:keepNext/>");
    expect(last.properties).toContain("<w:keepLines/>");
    // After the table, only a 1 pt paragraph, which cannot spill onto a page of its own.
    const [trailing, ...rest] = paragraphsOf(document.slice(document.lastIndexOf("</w:tbl>")));
    expect(rest).toEqual([]);
    expect(trailing.text).toBe("");
    expect(attributesOf(trailing.properties, "spacing")).toMatchObject({ line: "20", lineRule: "exact" });
  });

  it("records the title and the creator in the core properties", () => {
    const core = docx.xml("docProps/core.xml");
    expect(core).toContain("<dc:title>Thông báo 12/TB-HĐND</dc:title>");
    expect(core).toContain("<dc:creator>Giám sát HĐND</dc:creator>");
  });
});

describe("buildNoticeDocx variants", () => {
  it("signs for a deputy: KT. CHỦ TỊCH / PHÓ CHỦ TỊCH under TM. THƯỜNG TRỰC HĐND", async () => {
    const { paragraphs } = await rendered(seed001NoticeData({ signer: { deputy: true, name: "Bùi Dương Ân", title: "" } }));
    const start = paragraphs.indexOf(paragraphWithText(paragraphs, "TM. THƯỜNG TRỰC HĐND"));
    expect(paragraphs.slice(start, start + 4).map((paragraph) => paragraph.text)).toEqual([
      "TM. THƯỜNG TRỰC HĐND",
      "KT. CHỦ TỊCH",
      "PHÓ CHỦ TỊCH",
      "Bùi Dương Ân",
    ]);
  });

  it("prints a draft's blank number and date, like the PDF, and says so in the title", async () => {
    const data = seed001NoticeData({ number: null, issueDate: null, draftYear: 2024 });
    const { docx, paragraphs } = await rendered(data);
    expect(paragraphWithText(paragraphs, formatNumberLine(null, "TB-HĐND")).text).toBe("Số:      /TB-HĐND");
    expect(paragraphWithText(paragraphs, "Bình An, ngày      tháng      năm 2024").text).toContain("năm 2024");
    expect(docx.xml("docProps/core.xml")).toContain("<dc:title>Thông báo (dự thảo)</dc:title>");
  });

  it("leaves out the blocks the committee emptied and prints its edits", async () => {
    const data = seed001NoticeData();
    const blocks = data.blocks.map((block) =>
      block.key === "preparation" ? { ...block, text: "  " } : block.key === "unit" ? { ...block, text: "Đơn vị được giám sát: UBND phường Bình An (đã sửa)." } : block,
    );
    const { text } = await rendered({ ...data, blocks });
    expect(text).toContain("(đã sửa)");
    expect(text).not.toContain("Công tác chuẩn bị");
  });

  it("is a pure builder: the same data gives the same document body", async () => {
    const data = seed001NoticeData();
    expect(buildNoticeDocx(data)).not.toBe(buildNoticeDocx(data));
    const [first, second] = await Promise.all([rendered(data), rendered(data)]);
    expect(first.document).toBe(second.document);
  });
});
