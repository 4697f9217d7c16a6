import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { SelectField, TextField } from "~/components/fields";
import { planReference } from "~/components/lists";
import { formatDocumentNumber } from "~/domain/numbering";
import { formatDate } from "~/domain/vietnamese";
import { listNotices } from "~/models/notice.server";

export const meta: MetaFunction = () => [{ title: "Thông báo kết luận · Giám sát HĐND" }];

const STATUS_LABELS = { draft: "Dự thảo", issued: "Đã ban hành" } as const;

const filterSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  status: z.enum(["draft", "issued"]).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:read");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = filterSchema.parse({ q: params.q || undefined, status: params.status || undefined, year: params.year || undefined });
  return { filter, notices: await listNotices(actor, filter) };
}

/** "12/TB-HĐND ngày 05/04/2024", or "Dự thảo". */
function reference(notice: { number: number | null; symbol: string; issueDate: string | null }): string {
  if (notice.number === null || notice.issueDate === null) return STATUS_LABELS.draft;
  return `${formatDocumentNumber(notice.number, notice.symbol)} ngày ${formatDate(notice.issueDate)}`;
}

export default function Notices() {
  const { filter, notices } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Thông báo kết luận</h1>
      <Form method="get" className="filters">
        <TextField label="Tìm theo trích yếu, đơn vị" name="q" defaultValue={filter.q ?? ""} />
        <SelectField
          label="Trạng thái"
          name="status"
          defaultValue={filter.status ?? ""}
          placeholder="Tất cả"
          options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField label="Năm" name="year" inputMode="numeric" defaultValue={filter.year ?? ""} />
        <button type="submit">Lọc</button>
      </Form>
      {notices.length === 0 ? (
        <p className="muted">Chưa có thông báo kết luận nào.</p>
      ) : (
        <div className="table-wrap">
          <table className="list">
            <thead>
              <tr>
                <th>Số, ngày</th>
                <th>Trích yếu</th>
                <th>Đơn vị được giám sát</th>
                <th>Kế hoạch</th>
                <th>Tệp</th>
              </tr>
            </thead>
            <tbody>
              {notices.map((n) => (
                <tr key={n.id}>
                  <td>
                    <Link to={`/notices/${n.id}`}>{reference(n)}</Link>
                    {n.correctsNoticeId !== null ? <div className="muted">Đính chính</div> : null}
                  </td>
                  <td>{n.summary || <span className="muted">(chưa có trích yếu)</span>}</td>
                  <td>{n.unitName}</td>
                  <td>
                    <Link to={`/plans/${n.planId}`}>{planReference({ number: n.planNumber, symbol: n.planSymbol, issueDate: n.planIssueDate })}</Link>
                    <div className="muted">{n.issuingUnitName}</div>
                  </td>
                  <td>
                    <div className="file-links">
                      <a className="button secondary" href={`/notices/${n.id}/pdf`} aria-label={`Tải PDF: ${reference(n)}`}>
                        PDF
                      </a>
                      <a className="button secondary" href={`/notices/${n.id}/docx`} aria-label={`Tải Word: ${reference(n)}`}>
                        Word
                      </a>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
