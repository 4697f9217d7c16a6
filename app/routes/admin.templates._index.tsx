import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { listTemplates } from "~/models/checklist-template.server";
import { TemplateStatusBadge } from "~/components/checklist-template";

export const meta: MetaFunction = () => [{ title: "Mẫu phiếu kiểm tra · Quản trị" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "templates:manage");
  return { templates: await listTemplates(actor) };
}

export default function Templates() {
  const { templates } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Mẫu phiếu kiểm tra</h1>
      <p className="muted">
        Mỗi lần sửa một phiên bản đang được kế hoạch sử dụng sẽ tạo phiên bản mới; kế hoạch cũ giữ nguyên phiên bản của mình. Chỉ phiên bản đang áp dụng
        được chọn cho kế hoạch mới.
      </p>
      <p className="actions">
        <Link to="/admin/templates/import" className="button">
          Nhập mẫu phiếu từ tệp JSON
        </Link>
      </p>
      {templates.length === 0 ? (
        <p className="muted">Chưa có mẫu phiếu nào. Hãy nhập một tệp JSON.</p>
      ) : (
        <div className="table-wrap">
          <table className="list">
            <thead>
              <tr>
                <th>Tên mẫu phiếu</th>
                <th>Mã</th>
                <th>Phiên bản</th>
                <th>Trạng thái</th>
                <th>Kế hoạch sử dụng</th>
                <th>Số tiêu chí</th>
                <th>Tệp</th>
              </tr>
            </thead>
            <tbody>
              {templates.map((t) => (
                <tr key={t.id}>
                  <td>
                    <Link to={`/admin/templates/${t.id}`}>{t.title}</Link>
                  </td>
                  <td>{t.code}</td>
                  <td>{t.version}</td>
                  <td>
                    <TemplateStatusBadge status={t.status} />
                  </td>
                  <td>{t.planCount === 0 ? <span className="muted">Chưa có</span> : `${t.planCount} kế hoạch`}</td>
                  <td>{t.itemCount}</td>
                  <td>
                    <a href={`/admin/templates/${t.id}/json`} download>
                      Tải JSON
                    </a>
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
