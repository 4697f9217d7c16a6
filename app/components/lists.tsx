import { Link } from "@remix-run/react";
import { describeDeadline } from "~/domain/deadlines";
import { formatDocumentNumber } from "~/domain/numbering";
import { formatDate, formatDateTime } from "~/domain/vietnamese";
import { type DEADLINE_STATE_LABELS, PLAN_STATUS_LABELS, RECOMMENDATION_STATUS_LABELS, VISIT_STATUS_LABELS } from "./labels";

type PlanRow = {
  id: number;
  number: number | null;
  symbol: string;
  issueDate: string | null;
  subject: string;
  status: keyof typeof PLAN_STATUS_LABELS;
  issuingUnitName: string;
};

export function planReference(plan: Pick<PlanRow, "number" | "symbol" | "issueDate">) {
  if (plan.number === null) return "Dự thảo";
  const number = formatDocumentNumber(plan.number, plan.symbol);
  return plan.issueDate ? `${number} ngày ${formatDate(plan.issueDate)}` : number;
}

export function PlanTable({ plans }: { plans: PlanRow[] }) {
  if (plans.length === 0) return <p className="muted">Chưa có kế hoạch giám sát nào.</p>;
  return (
    <div className="table-wrap">
      <table className="list">
        <thead>
          <tr>
            <th>Số, ngày</th>
            <th>Nội dung giám sát</th>
            <th>Cơ quan ban hành</th>
            <th>Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {plans.map((p) => (
            <tr key={p.id}>
              <td>{planReference(p)}</td>
              <td>
                <Link to={`/plans/${p.id}`}>{p.subject}</Link>
              </td>
              <td>{p.issuingUnitName}</td>
              <td>{PLAN_STATUS_LABELS[p.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type RecommendationRow = {
  id: number;
  text: string;
  status: keyof typeof RECOMMENDATION_STATUS_LABELS;
  effectiveDeadline: string;
  extendedDeadline: string | null;
  addressedUnitName: string;
  state: keyof typeof DEADLINE_STATE_LABELS;
  daysLeft: number;
};

export function RecommendationTable({ rows, showUnit = true }: { rows: RecommendationRow[]; showUnit?: boolean }) {
  if (rows.length === 0) return <p className="muted">Không có kiến nghị nào đang mở.</p>;
  return (
    <div className="table-wrap">
      <table className="list">
        <thead>
          <tr>
            <th>Kiến nghị</th>
            {showUnit ? <th>Đơn vị thực hiện</th> : null}
            <th>Hạn báo cáo</th>
            <th>Tình trạng</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/recommendations/${r.id}`}>{r.text}</Link>
              </td>
              {showUnit ? <td>{r.addressedUnitName}</td> : null}
              <td>
                {formatDate(r.effectiveDeadline)}
                {r.extendedDeadline ? <span className="muted"> (đã gia hạn)</span> : null}
                <br />
                <span className={`badge ${r.state}`}>
                  {describeDeadline(r.state, r.daysLeft)}
                </span>
              </td>
              <td>{RECOMMENDATION_STATUS_LABELS[r.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type VisitRow = { id: number; planId: number; unitName: string; status: keyof typeof VISIT_STATUS_LABELS; scheduledAt: Date | string | null; subject: string };

/** `visitLink` says where a visit opens: the team's checklist, or the unit's own report. */
export function VisitTable({ visits, visitLink }: { visits: VisitRow[]; visitLink?: (visitId: number) => string }) {
  if (visits.length === 0) return <p className="muted">Không có buổi giám sát sắp tới.</p>;
  return (
    <div className="table-wrap">
      <table className="list">
        <thead>
          <tr>
            <th>Thời gian</th>
            <th>Đơn vị được giám sát</th>
            <th>Nội dung</th>
            <th>Trạng thái</th>
          </tr>
        </thead>
        <tbody>
          {visits.map((v) => (
            <tr key={v.id}>
              <td>{v.scheduledAt ? formatDateTime(v.scheduledAt) : "Chưa xếp lịch"}</td>
              <td>{visitLink ? <Link to={visitLink(v.id)}>{v.unitName}</Link> : v.unitName}</td>
              <td>
                <Link to={`/plans/${v.planId}`}>{v.subject}</Link>
              </td>
              <td>{VISIT_STATUS_LABELS[v.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
