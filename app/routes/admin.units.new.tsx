import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { UnitForm } from "~/components/unit-form";
import { refusal, validateForm } from "~/forms.server";
import { createUnit, listUnitOptions } from "~/models/unit.server";
import { unitFormSchema } from "~/schemas/unit";

export const meta: MetaFunction = () => [{ title: "Thêm đơn vị · Quản trị" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "units:manage");
  const parentId = Number(new URL(request.url).searchParams.get("parentId")) || null;
  return { parentOptions: await listUnitOptions(actor), parentId };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "units:manage");
  const form = await validateForm(request, unitFormSchema);
  if (!form.ok) return form.response;
  try {
    const unit = await createUnit(actor, form.data);
    return redirect(`/admin/units/${unit.id}?saved=1`);
  } catch (error) {
    return refusal(error);
  }
}

export default function NewUnit() {
  const { parentOptions, parentId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to="/admin/units">Đơn vị</Link> › Thêm mới
      </p>
      <h1>Thêm đơn vị</h1>
      <section className="panel">
        <UnitForm
          draftKey="unit:new"
          submitLabel="Thêm đơn vị"
          parentOptions={parentOptions}
          serverErrors={actionData?.errors}
          defaultValues={{ name: "", kind: "people_committee", parentId, placeName: "", code: "", active: true }}
        />
      </section>
    </>
  );
}
