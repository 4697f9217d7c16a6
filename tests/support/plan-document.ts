/** Plan 05/KH-HĐND of Thường trực HĐND phường Bình An (seed 001), as the PDF builder receives it. */
import type { PlanDocumentData } from "#templates/documents/plan";

export const LONG_OUTLINE_ITEMS = 14;

export function seed001PlanData(overrides: Partial<PlanDocumentData> = {}): PlanDocumentData {
  return {
    governingBody: "HĐND PHƯỜNG BÌNH AN",
    issuingBody: "THƯỜNG TRỰC",
    number: 5,
    symbol: "KH-HĐND",
    placeName: "Bình An",
    issueDate: "2024-04-01",
    subject: "Giám sát tình hình tiếp nhận và giải quyết thủ tục hành chính tại Bộ phận Một cửa UBND phường",
    legalBasis: [
      "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
      "Căn cứ Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân ngày 20 tháng 11 năm 2015;",
    ],
    purpose:
      "Nắm bắt tình hình tiếp nhận và giải quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại phường.\n" +
      "Việc giám sát bảo đảm đúng quy định, khách quan, không gây khó khăn cho đơn vị được giám sát.",
    periodStart: "2023-01-01",
    periodEnd: "2024-03-31",
    units: [{ name: "UBND phường Bình An", scheduledAt: "2024-04-15T01:30:00.000Z" }],
    members: [
      { fullName: "Trần Thị Thuỳ Trang", title: "Chủ tịch HĐND phường", roleLabel: "Trưởng đoàn" },
      { fullName: "Bùi Dương Ân", title: "Phó Chủ tịch HĐND phường", roleLabel: "Phó trưởng đoàn" },
      { fullName: "Vũ Thị Nhưng", title: "Phó Chủ tịch UBMTTQ phường", roleLabel: "Thành viên" },
    ],
    checklist: { title: "Bộ phận Một cửa cấp xã", version: 1 },
    reportingOutline: Array.from(
      { length: LONG_OUTLINE_ITEMS },
      (_, index) =>
        `${index + 1}. Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính nhóm ${index + 1}: số hồ sơ tiếp nhận ` +
        "trực tiếp và trực tuyến, số hồ sơ giải quyết trước hạn, đúng hạn, trễ hạn; nguyên nhân và giải pháp khắc phục.",
    ).join("\n"),
    signer: { deputy: false, name: "Trần Thị Thuỳ Trang" },
    recipients: ["TT. HĐND thành phố", "TT. Đảng ủy, UBND, UBMTTQ phường", "Đại biểu HĐND phường", "UBND phường Bình An"],
    ...overrides,
  };
}
