import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { ROLES, ROLE_LABELS } from "~/auth/roles";
import { SelectField, TextField } from "~/components/fields";
import { listUnitOptions } from "~/models/unit.server";
import { listUsers } from "~/models/user.server";
import { MAX_RECORD_ID } from "~/schemas/limits";

export const meta: MetaFunction = () => [{ title: "Người dùng · Quản trị" }];

const filterSchema = z.object({
  q: z.string().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  unitId: z.coerce.number().int().positive().max(MAX_RECORD_ID).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  const p = Object.fromEntries(new URL(request.url).searchParams);
  const filter = filterSchema.parse({ q: p.q || undefined, role: p.role || undefined, unitId: p.unitId || undefined });
  const [users, unitOptions] = await Promise.all([listUsers(actor, filter), listUnitOptions(actor)]);
  const now = Date.now();
  return {
    filter,
    unitOptions,
    users: users.map(({ lockedUntil, ...u }) => ({ ...u, locked: lockedUntil !== null && lockedUntil.getTime() > now })),
  };
}

export default function Users() {
  const { filter, users, unitOptions } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Người dùng</h1>
      <p className="actions">
        <Link to="/admin/users/new" className="button">
          Thêm người dùng
        </Link>
      </p>
      <Form method="get" className="filters">
        <TextField label="Tìm theo tên, tên đăng nhập, đơn vị" name="q" defaultValue={filter.q ?? ""} />
        <SelectField label="Vai trò" name="role" placeholder="Tất cả" defaultValue={filter.role ?? ""} options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        <SelectField label="Đơn vị" name="unitId" placeholder="Tất cả" defaultValue={filter.unitId ?? ""} options={unitOptions.map((o) => ({ value: o.id, label: o.label }))} />
        <button type="submit">Lọc</button>
      </Form>
      <div className="table-wrap">
        <table className="list">
          <thead>
            <tr>
              <th>Họ và tên</th>
              <th>Tên đăng nhập</th>
              <th>Đơn vị</th>
              <th>Vai trò</th>
              <th>Trạng thái</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.fullName}</Link>
                  {u.title ? <div className="muted">{u.title}</div> : null}
                </td>
                <td>{u.username}</td>
                <td>{u.unitName}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{!u.active ? "Ngừng hoạt động" : u.locked ? <span className="badge overdue">Tạm khóa</span> : "Hoạt động"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {users.length === 0 ? <p className="muted">Không có người dùng nào khớp bộ lọc.</p> : null}
    </>
  );
}
