import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { roleHas } from "~/auth/roles";
import { SelectField, TextField } from "~/components/fields";
import { RECOMMENDATION_STATUS_LABELS } from "~/components/labels";
import { planReference } from "~/components/lists";
import { DeadlineCell } from "~/components/follow-up/deadline-cell";
import { formatDocumentNumber } from "~/domain/numbering";
import { formatDate, formatNumber, vietnamDate } from "~/domain/vietnamese";
import { listTracker, trackerFilterChoices } from "~/models/remediation.server";
import { parseTrackerQuery, trackerSearch } from "~/schemas/tracker-filter";

export const meta: MetaFunction = () => [{ title: "Theo dõi kiến nghị · Giám sát HĐND" }];

// 50 rows fill two tablet screens; the page stays light to render and to send (docs/scaling.md).
const PAGE_SIZE = 50;

const STATUS_OPTIONS = [
  { value: "open", label: "Chưa hoàn thành (tất cả)" },
  ...Object.entries(RECOMMENDATION_STATUS_LABELS).map(([value, label]) => ({ value, label })),
];
const STATE_OPTIONS = [
  { value: "overdue", label: "Quá hạn" },
  { value: "due_week", label: "Đến hạn trong 7 ngày tới" },
];
const SORT_OPTIONS = [
  { value: "overdue", label: "Quá hạn lâu nhất trước" },
  { value: "recent", label: "Thông báo mới nhất trước" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:read");
  const query = parseTrackerQuery(new URL(request.url).searchParams);
  const page = query.page ?? 1;
  const [tracker, choices] = await Promise.all([
    listTracker(actor, query, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    trackerFilterChoices(actor, query.planId),
  ]);
  return {
    query,
    page,
    pages: Math.max(1, Math.ceil(tracker.total / PAGE_SIZE)),
    tracker,
    choices,
    isUnit: actor.role === "unit",
    canPrint: roleHas(actor.role, "remediation:review"),
  };
}

export default function Tracker() {
  const { query, page, pages, tracker, choices, isUnit, canPrint } = useLoaderData<typeof loader>();
  const search = trackerSearch(query, { page: undefined });
  return (
    <>
      <h1>{isUnit ? "Kiến nghị cần khắc phục" : "Theo dõi thực hiện kiến nghị"}</h1>
      <Form method="get" className="filters">
        <SelectField
          label="Kế hoạch"
          name="planId"
          defaultValue={query.planId ?? ""}
          placeholder="Tất cả"
          options={choices.plans.map((p) => ({ value: p.id, label: planReference(p) }))}
        />
        {isUnit ? null : (
          <SelectField
            label="Đơn vị"
            name="unitId"
            defaultValue={query.unitId ?? ""}
            placeholder="Tất cả"
            options={choices.units.map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
        <SelectField label="Trạng thái" name="status" defaultValue={query.status ?? ""} placeholder="Tất cả" options={STATUS_OPTIONS} />
        <SelectField label="Thời hạn" name="state" defaultValue={query.state ?? ""} placeholder="Tất cả" options={STATE_OPTIONS} />
        <TextField label="Tìm theo nội dung, đơn vị" name="q" defaultValue={query.q ?? ""} />
        <SelectField label="Sắp xếp" name="sort" defaultValue={query.sort ?? "overdue"} options={SORT_OPTIONS} />
        <button type="submit">Lọc</button>
      </Form>
      <div className="toolbar">
        <p className="muted" role="status">
          {formatNumber(tracker.total)} kiến nghị · số liệu ngày {formatDate(tracker.today)}
        </p>
        <div className="file-links">
          <a className="button secondary" href={`/recommendations/export.xlsx${search}`}>
            Xuất Excel
          </a>
          {canPrint ? (
            <a className="button secondary" href={`/recommendations/report.pdf${search}`}>
              In báo cáo (PDF)
            </a>
          ) : null}
        </div>
      </div>
      {tracker.rows.length === 0 ? (
        <p className="muted">Không có kiến nghị nào theo điều kiện đã chọn.</p>
      ) : (
        <div className="table-wrap">
          <table className="list tracker">
            <thead>
              <tr>
                <th>Kiến nghị</th>
                {isUnit ? null : <th>Đơn vị</th>}
                <th>Thông báo, kế hoạch</th>
                <th>Thời hạn</th>
                <th>Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {tracker.rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/recommendations/${row.id}`}>{row.text}</Link>
                    {row.addressedRole ? <div className="muted">{row.addressedRole}</div> : null}
                  </td>
                  {isUnit ? null : <td>{row.unitName}</td>}
                  <td>
                    <Link to={`/notices/${row.noticeId}`}>
                      {row.noticeNumber !== null ? formatDocumentNumber(row.noticeNumber, row.noticeSymbol) : "Thông báo"}
                    </Link>
                    <div className="muted">KH {planReference({ number: row.planNumber, symbol: row.planSymbol, issueDate: row.planIssueDate })}</div>
                  </td>
                  <td>
                    <DeadlineCell deadline={row.deadline} extendedDeadline={row.extendedDeadline} state={row.state} daysLeft={row.daysLeft} />
                  </td>
                  <td>
                    {RECOMMENDATION_STATUS_LABELS[row.status]}
                    {row.pendingExtension ? <div className="badge due_soon">Chờ xét gia hạn</div> : null}
                    {row.lastReportAt ? <div className="muted">Báo cáo gần nhất {formatDate(vietnamDate(new Date(row.lastReportAt)))}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label="Trang">
          {page > 1 ? <Link to={`/recommendations${trackerSearch(query, { page: page - 1 })}`}>‹ Trang trước</Link> : null}
          <span>
            Trang {page}/{pages}
          </span>
          {page < pages ? <Link to={`/recommendations${trackerSearch(query, { page: page + 1 })}`}>Trang sau ›</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
