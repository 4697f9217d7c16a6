import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { SelectField, TextField } from "~/components/fields";
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from "~/components/labels";
import { formatDateTime, isIsoDate } from "~/domain/vietnamese";
import { listAudit } from "~/models/audit.server";
import { MAX_RECORD_ID } from "~/schemas/limits";

export const meta: MetaFunction = () => [{ title: "Nhật ký thay đổi · Quản trị" }];

const filterSchema = z.object({
  entity: z.string().max(40).optional().catch(undefined),
  actorId: z.coerce.number().int().positive().max(MAX_RECORD_ID).optional().catch(undefined),
  day: z.string().refine(isIsoDate).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "audit:read");
  const p = Object.fromEntries(new URL(request.url).searchParams);
  const filter = filterSchema.parse({ entity: p.entity || undefined, actorId: p.actorId || undefined, day: p.day || undefined });
  const entries = await listAudit(actor, filter);
  return {
    filter,
    entries: entries.map((e) => ({ ...e, data: JSON.stringify(e.data).slice(0, 300) })),
  };
}

export default function AuditLog() {
  const { filter, entries } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Nhật ký thay đổi</h1>
      <p className="muted">Mọi thay đổi được ghi lại: ai, làm gì, lúc nào. Nhật ký chỉ được thêm, không thể sửa hay xóa.</p>
      <Form method="get" className="filters">
        <SelectField
          label="Đối tượng"
          name="entity"
          placeholder="Tất cả"
          defaultValue={filter.entity ?? ""}
          options={Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField label="Ngày" name="day" type="date" defaultValue={filter.day ?? ""} />
        <button type="submit">Lọc</button>
      </Form>
      <div className="table-wrap">
        <table className="list">
          <thead>
            <tr>
              <th>Thời gian</th>
              <th>Người thực hiện</th>
              <th>Thao tác</th>
              <th>Đối tượng</th>
              <th>Chi tiết</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.actorName ?? <span className="muted">(không xác định)</span>}</td>
                <td>{AUDIT_ACTION_LABELS[e.action] ?? e.action}</td>
                <td>
                  {AUDIT_ENTITY_LABELS[e.entity] ?? e.entity} {e.entityId ? `#${e.entityId}` : ""}
                </td>
                <td>
                  <code className="audit-data">{e.data}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.length === 0 ? <p className="muted">Không có mục nào khớp bộ lọc.</p> : null}
    </>
  );
}
