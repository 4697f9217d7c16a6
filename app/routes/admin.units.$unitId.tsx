import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requirePermission } from "~/auth/permissions.server";
import { UnitForm } from "~/components/unit-form";
import { SavedNotice, useSaveOutcome } from "~/components/save-outcome";
import { type FormActionData, idParam, refusal, validateForm } from "~/forms.server";
import { getUnitForAdmin, listUnitOptions, updateUnit } from "~/models/unit.server";
import { unitFormSchema } from "~/schemas/unit";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.unit.name ?? "Đơn vị"} · Quản trị` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "units:manage");
  const unit = await getUnitForAdmin(actor, idParam(params.unitId));
  if (!unit) throw notFound("Đơn vị không tồn tại.");
  const parentOptions = (await listUnitOptions(actor)).filter((o) => o.id !== unit.id);
  return { unit, parentOptions };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "units:manage");
  const unitId = idParam(params.unitId);
  const form = await validateForm(request, unitFormSchema);
  if (!form.ok) return form.response;
  try {
    await updateUnit(actor, unitId, form.data);
    return { ok: "Đã lưu thay đổi." } satisfies FormActionData;
  } catch (error) {
    return refusal(error);
  }
}

export default function EditUnit() {
  const { unit, parentOptions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const outcome = useSaveOutcome(actionData, { draftKey: "unit:new", message: "Đã thêm đơn vị." });
  return (
    <>
      <p className="muted">
        <Link to="/admin/units">Đơn vị</Link> › {unit.name}
      </p>
      <h1>{unit.name}</h1>
      <SavedNotice message={outcome.message} />
      <section className="panel">
        <UnitForm
          key={unit.id}
          draftKey={`unit:${unit.id}`}
          saved={outcome.saved}
          submitLabel="Lưu thay đổi"
          parentOptions={parentOptions}
          serverErrors={outcome.errors}
          defaultValues={{
            name: unit.name,
            kind: unit.kind,
            parentId: unit.parentId,
            placeName: unit.placeName ?? "",
            code: unit.code ?? "",
            active: unit.active,
          }}
        />
      </section>
      <p className="actions">
        <Link className="button secondary" to={`/admin/units/new?parentId=${unit.id}`}>
          Thêm đơn vị trực thuộc
        </Link>
        <Link className="button secondary" to={`/admin/users?unitId=${unit.id}`}>
          Người dùng của đơn vị
        </Link>
      </p>
    </>
  );
}
