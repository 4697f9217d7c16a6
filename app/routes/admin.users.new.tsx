import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { UserForm } from "~/components/user-form";
import { refusal, validateForm } from "~/forms.server";
import { listUnitOptions } from "~/models/unit.server";
import { createUser } from "~/models/user.server";
import { userCreateSchema } from "~/schemas/user";

export const meta: MetaFunction = () => [{ title: "Thêm người dùng · Quản trị" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  return { unitOptions: await listUnitOptions(actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  const form = await validateForm(request, userCreateSchema);
  if (!form.ok) return form.response;
  try {
    const user = await createUser(actor, form.data);
    return redirect(`/admin/users/${user.id}?saved=1`);
  } catch (error) {
    return refusal(error);
  }
}

export default function NewUser() {
  const { unitOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to="/admin/users">Người dùng</Link> › Thêm mới
      </p>
      <h1>Thêm người dùng</h1>
      <section className="panel">
        <UserForm
          mode="create"
          draftKey="user:new"
          submitLabel="Thêm người dùng"
          unitOptions={unitOptions}
          serverErrors={actionData?.errors}
          defaultValues={{ username: "", fullName: "", title: "", unitId: undefined as unknown as number, role: "unit", email: "", password: "", active: true }}
        />
      </section>
    </>
  );
}
