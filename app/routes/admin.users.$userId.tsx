import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requirePermission } from "~/auth/permissions.server";
import { UserForm } from "~/components/user-form";
import { SavedNotice, useSaveOutcome } from "~/components/save-outcome";
import { type FormActionData, idParam, refusal, validateForm } from "~/forms.server";
import { listUnitOptions } from "~/models/unit.server";
import { getUser, updateUser } from "~/models/user.server";
import { userUpdateSchema } from "~/schemas/user";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.fullName ?? "Người dùng"} · Quản trị` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  const user = await getUser(actor, idParam(params.userId));
  if (!user) throw notFound("Người dùng không tồn tại.");
  return { user, unitOptions: await listUnitOptions(actor) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  const userId = idParam(params.userId);
  const form = await validateForm(request, userUpdateSchema);
  if (!form.ok) return form.response;
  try {
    await updateUser(actor, userId, form.data);
    return { ok: "Đã lưu thay đổi." } satisfies FormActionData;
  } catch (error) {
    return refusal(error);
  }
}

export default function EditUser() {
  const { user, unitOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const outcome = useSaveOutcome(actionData, { draftKey: "user:new", message: "Đã thêm người dùng." });
  return (
    <>
      <p className="muted">
        <Link to="/admin/users">Người dùng</Link> › {user.fullName}
      </p>
      <h1>{user.fullName}</h1>
      <SavedNotice message={outcome.message} />
      <section className="panel">
        <UserForm
          mode="edit"
          key={user.id}
          draftKey={`user:${user.id}`}
          saved={outcome.saved}
          submitLabel="Lưu thay đổi"
          unitOptions={unitOptions}
          serverErrors={outcome.errors}
          defaultValues={{
            username: user.username,
            fullName: user.fullName,
            title: user.title,
            unitId: user.unitId,
            role: user.role,
            email: user.email ?? "",
            active: user.active,
          }}
        />
      </section>
      <p className="actions">
        <Link className="button secondary" to={`/admin/users/${user.id}/password`}>
          Đặt lại mật khẩu
        </Link>
      </p>
    </>
  );
}
