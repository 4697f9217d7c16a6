/**
 * Demo remediation history that matches each recommendation's status: what the unit reported,
 * what the committee answered, an extension where a deadline was moved. Used by db/seed.ts.
 */
import type { DbOrTx } from "#db/client";
import { makeExtensionRequest, makeRemediationReport } from "#tests/factories";
import { addDays } from "~/domain/deadlines";

type Rec = { id: number; addressedUnitId: number; status: string; deadline: string; extendedDeadline: string | null };

/** Noon in Vietnam on a date, as an instant. */
const at = (date: string) => new Date(`${date}T05:00:00Z`);
const earliest = (a: string, b: string) => (a < b ? a : b);

export const DEMO_REPORTS = {
  progress: "UBND phường đã giao Trung tâm Phục vụ hành chính công rà soát, đang triển khai thực hiện; dự kiến hoàn thành trong tháng.",
  done: "UBND phường đã chỉ đạo khắc phục xong: đã cập nhật, niêm yết đầy đủ và kiểm tra lại; kèm theo văn bản chỉ đạo và ảnh chụp hiện trạng.",
  returnNote: "Báo cáo chưa kèm minh chứng (ảnh chụp, văn bản chỉ đạo); đề nghị bổ sung và báo cáo lại.",
};

/** The day the demo unit reported completion: before the deadline in force, or after it when late; never in the future. */
export function demoReportDay(deadline: string, today: string, late = false): string {
  return earliest(addDays(deadline, late ? 4 : -6), addDays(today, -3));
}

/** When the committee accepted a report made on `reportDay`. */
export const demoAcceptedAt = (reportDay: string) => at(addDays(reportDay, 2));

export async function demoRemediationHistory(
  db: DbOrTx,
  input: { rec: Rec; reporterId: number; reviewerId: number; today: string; late?: boolean },
): Promise<void> {
  const { rec, reporterId, reviewerId, today } = input;
  const deadline = rec.extendedDeadline ?? rec.deadline;
  const base = { recommendationId: rec.id, unitId: rec.addressedUnitId, submittedBy: reporterId };
  const reportDay = demoReportDay(deadline, today, input.late);
  switch (rec.status) {
    case "in_progress":
      await makeRemediationReport(db, { ...base, progress: "in_progress", content: DEMO_REPORTS.progress, submittedAt: at(earliest(addDays(deadline, -15), addDays(today, -5))) });
      return;
    case "reported":
      await makeRemediationReport(db, { ...base, progress: "completed", content: DEMO_REPORTS.done, submittedAt: at(reportDay) });
      return;
    case "returned":
      await makeRemediationReport(db, {
        ...base,
        progress: "completed",
        content: DEMO_REPORTS.done,
        submittedAt: at(reportDay),
        review: { outcome: "returned", by: reviewerId, at: at(addDays(reportDay, 1)), note: DEMO_REPORTS.returnNote },
      });
      return;
    case "accepted":
      await makeRemediationReport(db, {
        ...base,
        progress: "completed",
        content: DEMO_REPORTS.done,
        submittedAt: at(reportDay),
        review: { outcome: "accepted", by: reviewerId, at: demoAcceptedAt(reportDay) },
      });
      return;
  }
}

/** The extension behind an extended deadline: asked for by the unit, granted by the committee. */
export async function demoGrantedExtension(db: DbOrTx, input: { rec: Rec; reporterId: number; reviewerId: number; today: string }) {
  if (!input.rec.extendedDeadline) return;
  await makeExtensionRequest(db, {
    recommendationId: input.rec.id,
    requestedBy: input.reporterId,
    requestedDeadline: input.rec.extendedDeadline,
    reason: "Việc thay thế bảng niêm yết cần kinh phí bổ sung, đang chờ phê duyệt dự toán.",
    requestedAt: at(addDays(input.today, -10)),
    decision: { status: "granted", by: input.reviewerId, at: at(addDays(input.today, -8)) },
  });
}
