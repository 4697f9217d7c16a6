import { formatDate, formatDateTime } from "~/domain/vietnamese";
import type { RecommendationDetail } from "~/models/remediation.server";
import { PROGRESS_LABELS } from "./remediation-forms";

const REVIEW_LABELS = { submitted: "Chờ xem xét", accepted: "Đã chấp nhận", returned: "Bị trả lại" } as const;
const EXTENSION_LABELS = { pending: "Chờ xem xét", granted: "Đồng ý gia hạn", refused: "Không đồng ý" } as const;

const when = (value: string | Date | null) => (value ? formatDateTime(String(value instanceof Date ? value.toISOString() : value)) : "");

/** Every report the unit sent, newest first, with its evidence and the committee's answer; then the extension requests. */
export function ReportHistory({ detail }: { detail: RecommendationDetail }) {
  return (
    <>
      <section>
        <h2>Các lần báo cáo</h2>
        {detail.reports.length === 0 ? (
          <p className="muted">Đơn vị chưa báo cáo kết quả khắc phục.</p>
        ) : (
          <ol className="report-history">
            {detail.reports.map((report) => (
              <li key={report.id} className="card" data-testid="remediation-report">
                <p>
                  <strong>{PROGRESS_LABELS[report.progress]}</strong> · {report.submittedByName}, {when(report.submittedAt)}
                </p>
                <p className="report-content">{report.content}</p>
                {report.files.length > 0 ? (
                  <ul className="evidence">
                    {report.files.map((file) => (
                      <li key={file.id}>
                        {file.contentType.startsWith("image/") ? (
                          <a href={`/attachments/${file.id}`} target="_blank" rel="noreferrer">
                            <img src={`/attachments/${file.id}`} alt={file.fileName} className="thumb" loading="lazy" />
                          </a>
                        ) : (
                          <a href={`/attachments/${file.id}`} target="_blank" rel="noreferrer">
                            {file.fileName}
                          </a>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : null}
                <p className={`review review-${report.review}`}>
                  {report.review === "submitted" && !report.awaitingReview ? "Đã có báo cáo mới hơn" : REVIEW_LABELS[report.review]}
                  {report.reviewedAt ? ` · ${report.reviewedByName ?? ""}, ${when(report.reviewedAt)}` : ""}
                </p>
                {report.reviewNote ? (
                  <p className="review-note">
                    {report.review === "returned" ? "Lý do trả lại: " : "Ý kiến: "}
                    {report.reviewNote}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      {detail.extensions.length > 0 ? (
        <section>
          <h2>Đề nghị gia hạn</h2>
          <ul className="report-history">
            {detail.extensions.map((request) => (
              <li key={request.id} className="card">
                <p>
                  Đề nghị gia hạn đến ngày <strong>{formatDate(request.requestedDeadline)}</strong> · {request.requestedByName},{" "}
                  {when(request.requestedAt)}
                </p>
                <p>Lý do: {request.reason}</p>
                <p>
                  {EXTENSION_LABELS[request.status]}
                  {request.decidedAt ? ` · ${request.decidedByName ?? ""}, ${when(request.decidedAt)}` : ""}
                  {request.decisionNote ? ` · ${request.decisionNote}` : ""}
                </p>
              </li>
            ))}
          </ul>
          <p className="muted">Hạn ban đầu: {formatDate(detail.recommendation.deadline)}.</p>
        </section>
      ) : null}
    </>
  );
}
