/**
 * Sample data for the follow-up documents of seed 001: UBND phường Bình An's report on remedying
 * the recommendations of notice 12/TB-HĐND, the standing committee's follow-up report, and the
 * tracker's rows.
 */
import type { FollowUpReportData, FollowUpReportRow } from "#templates/documents/follow-up-report";
import type { RemediationDocumentData } from "#templates/documents/remediation-report";
import type { TrackerRow } from "#templates/spreadsheets/tracker";

export const RECOMMENDATION_1 =
  "Chỉ đạo Bộ phận Một cửa rà soát, cập nhật đầy đủ thủ tục hành chính lên Cổng dịch vụ công, bảo đảm 100% hồ sơ được số hóa.";
export const RECOMMENDATION_2 =
  "Kiện toàn nhân sự Bộ phận Một cửa; bố trí công chức tư pháp - hộ tịch thường trực tiếp nhận hồ sơ trong giờ hành chính.";
export const RECOMMENDATION_3 = "Xin lỗi bằng văn bản đối với 68 hồ sơ giải quyết trễ hạn theo Quyết định số 118/2025/QĐ-UBND.";

export function remediationData(overrides: Partial<RemediationDocumentData> = {}): RemediationDocumentData {
  return {
    governingBody: "ỦY BAN NHÂN DÂN",
    issuingBody: "PHƯỜNG BÌNH AN",
    number: 3,
    symbol: "BC-UBND",
    placeName: "Bình An",
    issueDate: "2024-07-10",
    notice: {
      number: 12,
      symbol: "TB-HĐND",
      issueDate: "2024-04-05",
      issuerName: "Thường trực HĐND phường Bình An",
      summary:
        "Kết luận của Thường trực Hội đồng nhân dân phường về kết quả giám sát tình hình tiếp nhận và giải quyết thủ tục hành chính tại Bộ phận một cửa",
    },
    unitName: "UBND phường Bình An",
    items: [
      {
        text: RECOMMENDATION_1,
        addressedRole: "Chủ tịch UBND phường",
        deadline: "2024-06-30",
        extendedDeadline: null,
        progress: "completed",
        content:
          "Đã rà soát 1.754 thủ tục hành chính, cập nhật đầy đủ lên Cổng dịch vụ công quốc gia.\nTỷ lệ hồ sơ được số hóa đạt 96,1%.",
        evidenceCount: 3,
        review: "accepted",
      },
      {
        text: RECOMMENDATION_2,
        addressedRole: "Phó Chủ tịch UBND phường",
        deadline: "2024-06-30",
        extendedDeadline: "2024-08-30",
        progress: "in_progress",
        content: "Đã trình cấp có thẩm quyền bổ sung 01 biên chế công chức tư pháp - hộ tịch.",
        evidenceCount: 0,
        review: "submitted",
      },
      {
        text: RECOMMENDATION_3,
        addressedRole: "",
        deadline: "2024-08-30",
        extendedDeadline: null,
        progress: null,
        content: "",
        evidenceCount: 0,
        review: null,
      },
    ],
    signer: { authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "Nguyễn Văn An" },
    recipients: ["Thường trực HĐND phường", "Đoàn giám sát", "Lưu: VT"],
    ...overrides,
  };
}

/** Items enough to run the report onto several pages. */
export function longRemediationItems(count: number): RemediationDocumentData["items"] {
  return Array.from({ length: count }, (_, index) => ({
    text: `${RECOMMENDATION_2} (nội dung ${index + 1})`,
    addressedRole: "Chủ tịch UBND phường",
    deadline: "2024-06-30",
    extendedDeadline: index % 2 ? "2024-09-15" : null,
    progress: index % 3 === 0 ? ("completed" as const) : ("in_progress" as const),
    content: "Đã ban hành kế hoạch thực hiện, phân công công chức phụ trách và báo cáo tiến độ hằng tuần.",
    evidenceCount: index % 4,
    review: null,
  }));
}

export const UNIT_NAMES = ["UBND phường Bình An", "UBND phường Phố Châu", "Bộ phận Một cửa phường Bình An", "Công an phường Thảo Điền"];

export function followUpRow(index: number, overrides: Partial<FollowUpReportRow> = {}): FollowUpReportRow {
  const overdue = index % 5 === 1;
  return {
    unitName: UNIT_NAMES[index % UNIT_NAMES.length],
    planReference: "05/KH-HĐND",
    noticeReference: "12/TB-HĐND ngày 05/4/2024",
    text: `Kiến nghị số ${index + 1}: ${index % 2 ? RECOMMENDATION_1 : RECOMMENDATION_2}`,
    deadline: "2026-10-31",
    extendedDeadline: index % 3 === 2 ? "2026-11-30" : null,
    statusLabel: index % 4 === 3 ? "Đã chấp nhận" : "Đang thực hiện",
    daysOverdue: overdue ? 31 + index : null,
    lastReport: index % 2 ? "2026-11-20T03:00:00.000Z" : null,
    ...overrides,
  };
}

export function followUpData(rowCount = 4, overrides: Partial<FollowUpReportData> = {}): FollowUpReportData {
  return {
    governingBody: "HĐND PHƯỜNG BÌNH AN",
    issuingBody: "THƯỜNG TRỰC",
    number: null,
    symbol: "BC-HĐND",
    placeName: "Bình An",
    issueDate: null,
    asOf: "2026-12-01",
    filterDescription: "Kế hoạch 05/KH-HĐND; đơn vị UBND phường Bình An; quá hạn",
    totals: { total: 25, completedOnTime: 10, completedLate: 2, open: 13, overdue: 5, dueSoon: 3 },
    rows: Array.from({ length: rowCount }, (_, index) => followUpRow(index)),
    signer: { authority: "TM. THƯỜNG TRỰC HĐND", title: "CHỦ TỊCH", name: "Trần Thị Thuỳ Trang" },
    recipients: ["TT. HĐND thành phố", "Đại biểu HĐND phường", "UBND phường Bình An"],
    ...overrides,
  };
}

export function trackerRows(count: number): TrackerRow[] {
  return Array.from({ length: count }, (_, index) => ({
    id: 100 + index,
    planReference: "05/KH-HĐND",
    noticeReference: "12/TB-HĐND ngày 05/4/2024",
    unitName: UNIT_NAMES[index % UNIT_NAMES.length],
    addressedRole: "Chủ tịch UBND phường",
    text: index % 2 ? RECOMMENDATION_1 : RECOMMENDATION_2,
    deadline: "2026-10-31",
    extendedDeadline: index % 2 ? "2026-11-30" : null,
    statusLabel: index % 3 === 0 ? "Đã chấp nhận" : "Đang thực hiện",
    deadlineLabel: index % 3 === 0 ? "Đã đóng" : "Quá hạn 1 ngày",
    daysOverdue: index % 3 === 0 ? null : index + 1,
    // 18:30 UTC is 01:30 the next day in Vietnam.
    lastReportAt: index % 2 ? "2026-11-19T18:30:00.000Z" : null,
    acceptedAt: index % 3 === 0 ? "2026-11-25T02:00:00.000Z" : null,
  }));
}
