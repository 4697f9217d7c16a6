import type { Content, ContentTable, DynamicContent } from "pdfmake/interfaces";
import { describe, expect, it } from "vitest";
import { definitionTexts } from "#tests/support/pdf";
import { seed001PlanData } from "#tests/support/plan-document";
import { formatNumberLine } from "~/domain/numbering";
import { formatDateTime, formatPlaceAndDate, formatShortDate } from "~/domain/vietnamese";
import { FONT_FAMILY, PAGE_MARGINS, mm } from "./nd30";
import { buildPlanDocument, planPdfFileName } from "./plan";

const contentOf = (data = seed001PlanData()) => buildPlanDocument(data).content as Content[];
const textsOf = (data = seed001PlanData()) => definitionTexts(contentOf(data));

describe("buildPlanDocument", () => {
  it("sets an A4 portrait page with the Nghị định 30 margins and Tinos 13", () => {
    const definition = buildPlanDocument(seed001PlanData());
    expect(definition.pageSize).toBe("A4");
    expect(definition.pageOrientation).toBe("portrait");
    const [left, top, right, bottom] = definition.pageMargins as number[];
    expect([left, top, right, bottom].map((value) => Math.round(value * 100) / 100)).toEqual([85.04, 56.69, 42.52, 56.69]);
    expect(left).toBeCloseTo(mm(30), 6);
    expect(PAGE_MARGINS.right).toBeCloseTo(mm(15), 6);
    expect(definition.defaultStyle).toMatchObject({ font: FONT_FAMILY, fontSize: 13 });
    expect(definition.info?.title).toBe("Kế hoạch 05/KH-HĐND");
  });

  it("numbers pages from page 2 only", () => {
    const header = buildPlanDocument(seed001PlanData()).header as DynamicContent;
    const pageSize = { width: 595.28, height: 841.89, orientation: "portrait" as const };
    expect(header(1, 3, pageSize)).toBeNull();
    expect(header(2, 3, pageSize)).toMatchObject({ text: "2", alignment: "center", fontSize: 13 });
  });

  it("opens with the header: issuing body and number on the left, Quốc hiệu and date on the right", () => {
    const [header] = contentOf();
    const [[left, right], [numberCell, dateCell]] = (header as ContentTable).table.body;
    expect(definitionTexts(left)).toEqual(["HĐND PHƯỜNG BÌNH AN", "THƯỜNG TRỰC"]);
    expect(definitionTexts(right)).toEqual(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]);
    expect(definitionTexts(numberCell)).toEqual([formatNumberLine(5, "KH-HĐND")]);
    expect(definitionTexts(dateCell)).toEqual([formatPlaceAndDate("Bình An", "2024-04-01")]);
    expect(dateCell).toMatchObject({ italics: true });
  });

  it("prints blanks for a draft's number and date, in the year the period ends", () => {
    const data = seed001PlanData({ number: null, issueDate: null, periodEnd: "2025-03-31" });
    const texts = textsOf(data);
    expect(texts).toContain("Số:      /KH-HĐND");
    expect(texts).toContain("Bình An, ngày      tháng      năm 2025");
    expect(buildPlanDocument(data).info?.title).toBe("Kế hoạch (dự thảo)");
    expect(planPdfFileName(data)).toBe("Kế-hoạch-du-thao.pdf");
    expect(planPdfFileName(seed001PlanData())).toBe("Kế-hoạch-05-KH-HĐND.pdf");
  });

  it("has the title, the legal basis in italics and the five sections in order", () => {
    const content = contentOf();
    const texts = textsOf();
    expect(definitionTexts(content.slice(1, 3))).toEqual([
      "KẾ HOẠCH",
      "Giám sát tình hình tiếp nhận và giải quyết thủ tục hành chính tại Bộ phận Một cửa UBND phường",
    ]);
    const legal = content.find((node) => definitionTexts(node)[0]?.startsWith("Căn cứ Luật Hoạt động giám sát"));
    expect(legal).toMatchObject({ italics: true, style: "body" });
    expect(texts).toContain(
      "Thường trực HĐND phường Bình An ban hành Kế hoạch giám sát tình hình tiếp nhận và giải quyết thủ tục hành chính " +
        "tại Bộ phận Một cửa UBND phường như sau:",
    );
    const headings = ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, ĐỐI TƯỢNG, THỜI KỲ GIÁM SÁT", "III. THÀNH PHẦN ĐOÀN GIÁM SÁT"]
      .concat(["IV. PHƯƠNG PHÁP, THỜI GIAN GIÁM SÁT", "V. TỔ CHỨC THỰC HIỆN", "ĐỀ CƯƠNG BÁO CÁO"])
      .map((heading) => texts.indexOf(heading));
    expect(headings.every((index) => index > 0)).toBe(true);
    expect([...headings].sort((a, b) => a - b)).toEqual(headings);
  });

  it("states the units, the period, the team, the schedule in Vietnam time and the checklist", () => {
    const texts = textsOf();
    expect(texts).toContain("2. Đối tượng giám sát: UBND phường Bình An.");
    expect(texts).toContain(
      `3. Thời kỳ giám sát: từ ngày ${formatShortDate("2023-01-01")} đến ngày ${formatShortDate("2024-03-31")}.`,
    );
    expect(texts).toContain("1. Trần Thị Thuỳ Trang – Chủ tịch HĐND phường – Trưởng đoàn;");
    expect(texts).toContain("2. Bùi Dương Ân – Phó Chủ tịch HĐND phường – Phó trưởng đoàn;");
    expect(texts).toContain("3. Vũ Thị Nhưng – Phó Chủ tịch UBMTTQ phường – Thành viên.");
    // 01:30 UTC is 08:30 in Vietnam (the test process runs in America/New_York).
    expect(formatDateTime("2024-04-15T01:30:00.000Z")).toBe("15/04/2024 08:30");
    expect(texts).toContain("- UBND phường Bình An: lúc 08 giờ 30, ngày 15/4/2024.");
    expect(texts.some((text) => text.includes("theo Phiếu kiểm tra “Bộ phận Một cửa cấp xã” (phiên bản 1)"))).toBe(true);
    const unscheduled = textsOf(seed001PlanData({ units: [{ name: "UBND phường Bình An", scheduledAt: null }], checklist: null }));
    expect(unscheduled).toContain("- UBND phường Bình An: thời gian cụ thể sẽ thông báo sau.");
    expect(unscheduled.some((text) => text.includes("Phiếu kiểm tra"))).toBe(false);
  });

  it("prints the reporting outline line by line after the instruction to report", () => {
    const texts = textsOf(seed001PlanData({ reportingOutline: "1. Công tác chỉ đạo;\n\n2. Kết quả giải quyết hồ sơ." }));
    const start = texts.indexOf("ĐỀ CƯƠNG BÁO CÁO");
    expect(texts.slice(start + 1, start + 3)).toEqual(["1. Công tác chỉ đạo;", "2. Kết quả giải quyết hồ sơ."]);
    expect(texts.slice(0, start).some((text) => text.includes("báo cáo bằng văn bản theo đề cương"))).toBe(true);
  });

  it("signs for the standing committee as its chair", () => {
    const texts = textsOf();
    const authority = texts.indexOf("TM. THƯỜNG TRỰC HĐND");
    expect(texts.slice(authority, authority + 3)).toEqual(["TM. THƯỜNG TRỰC HĐND", "CHỦ TỊCH", "Trần Thị Thuỳ Trang"]);
    expect(texts.some((text) => text.startsWith("KT."))).toBe(false);
  });

  it("signs KT. CHỦ TỊCH as PHÓ CHỦ TỊCH when a deputy signs", () => {
    const texts = textsOf(seed001PlanData({ signer: { deputy: true, name: "Bùi Dương Ân" } }));
    const authority = texts.indexOf("TM. THƯỜNG TRỰC HĐND");
    expect(texts.slice(authority, authority + 4)).toEqual(["TM. THƯỜNG TRỰC HĐND", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Bùi Dương Ân"]);
    const titled = textsOf(seed001PlanData({ signer: { deputy: true, name: "Bùi Dương Ân", title: "Phó Chủ tịch Thường trực" } }));
    expect(titled).toContain("PHÓ CHỦ TỊCH THƯỜNG TRỰC");
  });

  it("lists the recipients and ends them with Lưu: VT.", () => {
    const texts = textsOf(seed001PlanData({ recipients: ["- TT. HĐND thành phố;", "Đại biểu HĐND phường", "Lưu: VT"] }));
    const start = texts.indexOf("Nơi nhận:");
    expect(texts.slice(start, start + 4)).toEqual(["Nơi nhận:", "- TT. HĐND thành phố;", "- Đại biểu HĐND phường;", "- Lưu: VT."]);
    const closing = contentOf().at(-1) as Content;
    expect(definitionTexts(closing).filter((text) => text.startsWith("- ")).at(-1)).toBe("- Lưu: VT.");
  });

  it("prints NFC text even when the data arrives decomposed", () => {
    const data = seed001PlanData();
    const decomposed = seed001PlanData({
      subject: data.subject.normalize("NFD"),
      members: data.members.map((member) => ({ ...member, fullName: member.fullName.normalize("NFD") })),
      placeName: data.placeName.normalize("NFD"),
    });
    const texts = textsOf(decomposed);
    expect(texts.every((text) => text === text.normalize("NFC"))).toBe(true);
    expect(texts).toEqual(textsOf(data));
  });
});
