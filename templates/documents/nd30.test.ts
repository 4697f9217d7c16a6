import type { Content, ContentCanvas, ContentStack, ContentTable } from "pdfmake/interfaces";
import { describe, expect, it } from "vitest";
import { definitionTexts } from "#tests/support/pdf";
import {
  CONTENT_WIDTH,
  HEADER_LEFT_WIDTH,
  PAGE_MARGINS,
  PAGE_SIZE,
  SHORT_LINE_RATIO,
  TIEU_NGU,
  documentHeader,
  documentTitle,
  issuerInRunningText,
  keepHeadingsWithNext,
  longestLineWidth,
  pageNumberHeader,
  placeAndDateLine,
  recipientLines,
  signatureBlock,
} from "./nd30";
import { textWidth } from "./tinos-metrics";

const HEADER = {
  governingBody: "HĐND PHƯỜNG BÌNH AN",
  issuingBody: "THƯỜNG TRỰC",
  number: 12,
  symbol: "TB-HĐND",
  placeName: "Bình An",
  issueDate: "2024-04-05",
  draftYear: 2024,
};

const lineLength = (node: Content) => {
  const [line] = (node as ContentCanvas).canvas;
  return line.type === "line" ? line.x2 - line.x1 : NaN;
};

describe("page", () => {
  it("keeps a 30 mm left, 15 mm right, 20 mm top and bottom margin on A4", () => {
    expect(PAGE_MARGINS.left).toBeCloseTo(85.04, 2);
    expect(PAGE_MARGINS.right).toBeCloseTo(42.52, 2);
    expect(PAGE_MARGINS.top).toBeCloseTo(56.69, 2);
    expect(CONTENT_WIDTH).toBeCloseTo(PAGE_SIZE.width - 85.04 - 42.52, 1);
  });

  it("numbers pages from 2 in the top margin", () => {
    expect(pageNumberHeader(1)).toBeNull();
    const second = pageNumberHeader(2) as { text: string; margin: number[] };
    expect(second.text).toBe("2");
    expect(second.margin[1] + 13).toBeLessThan(PAGE_MARGINS.top);
  });

  it("moves a heading left last on a page to the next page", () => {
    const queries = (following: number) => ({
      getFollowingNodesOnPage: () => Array.from({ length: following }),
      getNodesOnNextPage: () => [],
      getPreviousNodesOnPage: () => [],
    });
    const node = (headlineLevel?: number) => ({ headlineLevel }) as Parameters<typeof keepHeadingsWithNext>[0];
    const decide = (level: number | undefined, following: number) =>
      keepHeadingsWithNext(node(level), queries(following) as unknown as Parameters<typeof keepHeadingsWithNext>[1]);
    expect(decide(1, 0)).toBe(true);
    expect(decide(1, 2)).toBe(false);
    expect(decide(undefined, 0)).toBe(false);
  });
});

describe("documentHeader", () => {
  const [[left, right], [numberCell]] = (documentHeader(HEADER) as ContentTable).table.body;

  it("draws a line under the issuing body 1/3–1/2 of its length", () => {
    const stack = (left as ContentStack).stack;
    const issuingWidth = textWidth("THƯỜNG TRỰC", { fontSize: 12, bold: true });
    const length = lineLength(stack[2]);
    expect(length).toBeCloseTo(SHORT_LINE_RATIO * issuingWidth, 6);
    expect(length / issuingWidth).toBeGreaterThanOrEqual(1 / 3);
    expect(length / issuingWidth).toBeLessThanOrEqual(1 / 2);
    expect(stack[1]).toMatchObject({ text: "THƯỜNG TRỰC", bold: true });
    expect(stack[0]).not.toHaveProperty("bold");
  });

  it("draws a line under the Tiêu ngữ as long as the text", () => {
    const stack = (right as ContentStack).stack;
    expect(stack[1]).toMatchObject({ text: TIEU_NGU, bold: true, fontSize: 13 });
    expect(lineLength(stack[2])).toBeCloseTo(textWidth(TIEU_NGU, { fontSize: 13, bold: true }), 6);
    expect(stack[0]).toMatchObject({ bold: true, fontSize: 12 });
  });

  it("prints the number with a leading zero below 10 and the date on the same row", () => {
    expect(definitionTexts(numberCell)).toEqual(["Số: 12/TB-HĐND"]);
    const single = (documentHeader({ ...HEADER, number: 5, governingBody: "" }) as ContentTable).table.body;
    expect(definitionTexts(single[1][0])).toEqual(["Số: 05/TB-HĐND"]);
    expect(definitionTexts(single[0][0])).toEqual(["THƯỜNG TRỰC"]);
  });

  it("upper-cases what was typed in lower case and keeps the columns inside the text width", () => {
    const body = (documentHeader({ ...HEADER, governingBody: "HĐND phường Bình An" }) as ContentTable).table;
    expect(definitionTexts(body.body[0][0])[0]).toBe("HĐND PHƯỜNG BÌNH AN");
    expect(body.widths).toEqual([HEADER_LEFT_WIDTH, "*"]);
    expect(textWidth("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", { fontSize: 12, bold: true })).toBeLessThan(CONTENT_WIDTH - HEADER_LEFT_WIDTH);
  });
});

describe("documentTitle", () => {
  it("upper-cases the type and underlines the summary 1/3–1/2 of its longest line", () => {
    const [type, summary, line] = documentTitle("Thông báo", "Kết luận giám sát");
    expect(type).toMatchObject({ text: "THÔNG BÁO", style: "documentType" });
    expect(summary).toMatchObject({ text: "Kết luận giám sát", style: "summary" });
    expect(lineLength(line)).toBeCloseTo(SHORT_LINE_RATIO * textWidth("Kết luận giám sát", { fontSize: 14, bold: true }), 6);
  });

  it("measures a wrapped summary by its longest line, never wider than the text area", () => {
    const long = "Kết luận của Thường trực Hội đồng nhân dân phường về kết quả giám sát tình hình tiếp nhận và giải quyết thủ tục hành chính";
    const style = { fontSize: 14, bold: true };
    const longest = longestLineWidth(long, style, CONTENT_WIDTH);
    expect(longest).toBeLessThanOrEqual(CONTENT_WIDTH);
    expect(longest).toBeGreaterThan(CONTENT_WIDTH * 0.8);
    expect(textWidth(long, style)).toBeGreaterThan(CONTENT_WIDTH);
    expect(longestLineWidth("Kết luận", style, CONTENT_WIDTH)).toBeCloseTo(textWidth("Kết luận", style), 9);
  });
});

describe("placeAndDateLine", () => {
  it("writes the date or the draft's blanks", () => {
    expect(placeAndDateLine("Bình An", "2024-04-05", 2024)).toBe("Bình An, ngày 05 tháng 4 năm 2024");
    expect(placeAndDateLine(" Bình  An ", null, 2025)).toBe("Bình An, ngày      tháng      năm 2025");
  });
});

describe("issuerInRunningText", () => {
  it("turns the header's caps into running text", () => {
    expect(issuerInRunningText("THƯỜNG TRỰC", "HĐND PHƯỜNG BÌNH AN")).toBe("Thường trực HĐND phường Bình An");
    expect(issuerInRunningText("THƯỜNG TRỰC", "HĐND THÀNH PHỐ HỒ CHÍ MINH")).toBe("Thường trực HĐND thành phố Hồ Chí Minh");
    expect(issuerInRunningText("THƯỜNG TRỰC", "HĐND XÃ PHỔ CHÂU")).toBe("Thường trực HĐND xã Phổ Châu");
    expect(issuerInRunningText("BAN KINH TẾ - XÃ HỘI", "HĐND PHƯỜNG DĨ AN")).toBe("Ban kinh tế - xã hội HĐND phường Dĩ An");
  });
});

describe("recipientLines", () => {
  it("writes each recipient as '- …;' and ends with '- Lưu: VT.'", () => {
    expect(recipientLines(["TT. HĐND thành phố", "- Đại biểu HĐND phường;", "  CSDL HĐND các cấp. "])).toEqual([
      "- TT. HĐND thành phố;",
      "- Đại biểu HĐND phường;",
      "- CSDL HĐND các cấp;",
      "- Lưu: VT.",
    ]);
  });

  it("never prints Lưu: VT. twice and skips empty lines", () => {
    expect(recipientLines(["", "- Lưu: VT.", "Như trên"])).toEqual(["- Như trên;", "- Lưu: VT."]);
    expect(recipientLines([])).toEqual(["- Lưu: VT."]);
  });
});

describe("signatureBlock", () => {
  const authority = { collective: "Thường trực HĐND", head: "Chủ tịch" };

  it("signs TM. the collective as its head", () => {
    expect(signatureBlock({ deputy: false, name: "Trần Thị Thuỳ Trang" }, authority)).toEqual({
      authority: ["TM. THƯỜNG TRỰC HĐND"],
      title: "CHỦ TỊCH",
      name: "Trần Thị Thuỳ Trang",
    });
  });

  it("signs KT. the head when a deputy signs", () => {
    expect(signatureBlock({ deputy: true, name: "Bùi Dương Ân".normalize("NFD") }, authority)).toEqual({
      authority: ["TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH"],
      title: "PHÓ CHỦ TỊCH",
      name: "Bùi Dương Ân",
    });
  });
});
