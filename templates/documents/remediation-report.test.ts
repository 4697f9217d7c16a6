import type { Content, ContentTable } from "pdfmake/interfaces";
import { describe, expect, it } from "vitest";
import { RECOMMENDATION_1, RECOMMENDATION_3, remediationData } from "#tests/support/follow-up-documents";
import { definitionTexts } from "#tests/support/pdf";
import {
  buildRemediationDocument,
  noticeSubject,
  remediationFileStem,
  remediationSummary,
  remediationTitle,
  signatureFromLines,
} from "./remediation-report";

const textsOf = (data = remediationData()) => definitionTexts(buildRemediationDocument(data).content as Content[]);

describe("buildRemediationDocument", () => {
  it("opens with the UBND header: ỦY BAN NHÂN DÂN over PHƯỜNG BÌNH AN, number and date", () => {
    const [header] = buildRemediationDocument(remediationData()).content as Content[];
    const [[left, right], [numberCell, dateCell]] = (header as ContentTable).table.body;
    expect(definitionTexts(left)).toEqual(["ỦY BAN NHÂN DÂN", "PHƯỜNG BÌNH AN"]);
    expect(definitionTexts(right)).toEqual(["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]);
    expect(definitionTexts(numberCell)).toEqual(["Số: 03/BC-UBND"]);
    expect(definitionTexts(dateCell)).toEqual(["Bình An, ngày 10 tháng 7 năm 2024"]);
  });

  it("prints a draft's blank number and date, in the year of the latest deadline unless told", () => {
    const draft = remediationData({ number: null, issueDate: null });
    expect(textsOf(draft)).toContain("Số:      /BC-UBND");
    expect(textsOf(draft)).toContain("Bình An, ngày      tháng      năm 2024");
    expect(textsOf({ ...draft, draftYear: 2025 })).toContain("Bình An, ngày      tháng      năm 2025");
    expect(remediationTitle(draft)).toBe("Báo cáo (dự thảo)");
    expect(buildRemediationDocument(draft).info?.title).toBe("Báo cáo (dự thảo)");
    expect(buildRemediationDocument(remediationData()).info?.title).toBe("Báo cáo 03/BC-UBND");
  });

  it("is titled BÁO CÁO with the notice it answers as its summary", () => {
    const texts = textsOf();
    expect(texts.slice(texts.indexOf("BÁO CÁO"), texts.indexOf("BÁO CÁO") + 2)).toEqual([
      "BÁO CÁO",
      "Kết quả khắc phục các kiến nghị tại Thông báo kết luận số 12/TB-HĐND ngày 05/4/2024 của Thường trực HĐND phường Bình An",
    ]);
    expect(remediationSummary(remediationData())).toBe(texts[texts.indexOf("BÁO CÁO") + 1]);
  });

  it("cites the notice and what it was about in the opening", () => {
    expect(textsOf()).toContain(
      "Thực hiện Thông báo kết luận số 12/TB-HĐND ngày 05/4/2024 của Thường trực HĐND phường Bình An về kết quả giám sát " +
        "tình hình tiếp nhận và giải quyết thủ tục hành chính tại Bộ phận một cửa, UBND phường Bình An báo cáo kết quả " +
        "khắc phục các kiến nghị như sau:",
    );
    expect(noticeSubject("Kết luận của Thường trực HĐND phường về kết quả giám sát việc X.")).toBe("kết quả giám sát việc X");
    expect(noticeSubject("Tình hình giải quyết thủ tục hành chính")).toBe("tình hình giải quyết thủ tục hành chính");
    expect(noticeSubject("UBND phường thực hiện cải cách hành chính")).toBe("UBND phường thực hiện cải cách hành chính");
  });

  it("reports each recommendation: bold label, deadlines, result, status, attachments", () => {
    const texts = textsOf();
    const start = texts.indexOf("I. KẾT QUẢ THỰC HIỆN CÁC KIẾN NGHỊ");
    const end = texts.indexOf("II. ĐỀ XUẤT, KIẾN NGHỊ");
    expect(start).toBeGreaterThan(0);
    expect(texts.slice(start + 1, end)).toEqual([
      `1. Kiến nghị: ${RECOMMENDATION_1}`,
      "- Trách nhiệm thực hiện: Chủ tịch UBND phường.",
      "- Thời hạn: trước ngày 30/6/2024.",
      "- Kết quả thực hiện: Đã rà soát 1.754 thủ tục hành chính, cập nhật đầy đủ lên Cổng dịch vụ công quốc gia.",
      "Tỷ lệ hồ sơ được số hóa đạt 96,1%.",
      "- Tình trạng: Đã hoàn thành (Thường trực HĐND phường Bình An đã chấp nhận kết quả).",
      "- Tài liệu kèm theo: 3 tệp.",
      expect.stringMatching(/^2\. Kiến nghị: Kiện toàn nhân sự/),
      "- Trách nhiệm thực hiện: Phó Chủ tịch UBND phường.",
      "- Thời hạn: trước ngày 30/6/2024; được gia hạn đến ngày 30/8/2024.",
      "- Kết quả thực hiện: Đã trình cấp có thẩm quyền bổ sung 01 biên chế công chức tư pháp - hộ tịch.",
      "- Tình trạng: Đang thực hiện.",
      `3. Kiến nghị: ${RECOMMENDATION_3}`,
      "- Thời hạn: trước ngày 30/8/2024.",
      "- Kết quả thực hiện: Chưa có báo cáo.",
      "- Tình trạng: Chưa thực hiện.",
    ]);
    const content = buildRemediationDocument(remediationData()).content as Content[];
    const label = JSON.stringify(content).match(/\{"text":"1\. Kiến nghị: ","bold":true\}/);
    expect(label).not.toBeNull();
  });

  it("says when a report was returned", () => {
    const data = remediationData();
    const texts = textsOf({ ...data, items: [{ ...data.items[1], review: "returned" }] });
    expect(texts).toContain("- Tình trạng: Đang thực hiện (Thường trực HĐND phường Bình An đề nghị bổ sung, hoàn thiện).");
  });

  it("proposes from the counts: what is done, and that the rest goes on", () => {
    const texts = textsOf();
    const start = texts.indexOf("II. ĐỀ XUẤT, KIẾN NGHỊ");
    expect(texts.slice(start + 1, start + 5)).toEqual([
      "Đến nay, UBND phường Bình An đã hoàn thành 1/3 kiến nghị; đang thực hiện 1 kiến nghị; chưa thực hiện 1 kiến nghị.",
      "Đề nghị Thường trực HĐND phường Bình An xem xét, đánh giá kết quả thực hiện các kiến nghị đã hoàn thành.",
      "UBND phường Bình An tiếp tục chỉ đạo thực hiện các kiến nghị chưa hoàn thành và báo cáo kết quả về Thường trực HĐND phường Bình An.",
      "Trên đây là báo cáo kết quả khắc phục các kiến nghị theo Thông báo kết luận số 12/TB-HĐND của UBND phường Bình An./.",
    ]);
    const data = remediationData();
    const allDone = textsOf({ ...data, items: data.items.map((item) => ({ ...item, progress: "completed" as const })) });
    expect(allDone).toContain("Đến nay, UBND phường Bình An đã hoàn thành 3/3 kiến nghị.");
    expect(allDone.some((text) => text.includes("chưa hoàn thành"))).toBe(false);
    const noneDone = textsOf({ ...data, items: [data.items[2]] });
    expect(noneDone.some((text) => text.includes("xem xét, đánh giá"))).toBe(false);
  });

  it("signs TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH and lists the recipients ending with Lưu: VT.", () => {
    const texts = textsOf();
    const authority = texts.indexOf("TM. ỦY BAN NHÂN DÂN");
    expect(texts.slice(authority, authority + 3)).toEqual(["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]);
    const start = texts.indexOf("Nơi nhận:");
    expect(texts.slice(start, start + 4)).toEqual(["Nơi nhận:", "- Thường trực HĐND phường;", "- Đoàn giám sát;", "- Lưu: VT."]);
    expect(signatureFromLines({ authority: "TM. ủy ban nhân dân\nKT. chủ tịch", title: "phó chủ tịch", name: " Lê  Văn Bình " })).toEqual({
      authority: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"],
      title: "PHÓ CHỦ TỊCH",
      name: "Lê Văn Bình",
    });
  });

  it("prints NFC text even when the data arrives decomposed", () => {
    const data = remediationData();
    const decomposed = remediationData({
      unitName: data.unitName.normalize("NFD"),
      issuingBody: data.issuingBody.normalize("NFD"),
      items: data.items.map((item) => ({ ...item, text: item.text.normalize("NFD"), content: item.content.normalize("NFD") })),
      notice: { ...data.notice, summary: data.notice.summary.normalize("NFD"), issuerName: data.notice.issuerName.normalize("NFD") },
    });
    const texts = textsOf(decomposed);
    expect(texts.every((text) => text === text.normalize("NFC"))).toBe(true);
    expect(texts).toEqual(textsOf(data));
  });

  it("names the file after its number, or as a draft", () => {
    expect(remediationFileStem(remediationData())).toBe("Báo-cáo-khắc-phục-03-BC-UBND");
    expect(remediationFileStem({ number: null, symbol: "BC-UBND" })).toBe("Báo-cáo-khắc-phục-du-thao");
  });
});
