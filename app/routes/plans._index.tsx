import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { roleHas } from "~/auth/roles";
import { SelectField, TextField } from "~/components/fields";
import { PLAN_STATUS_LABELS } from "~/components/labels";
import { PlanTable } from "~/components/lists";
import { listPlanFilterUnits, listPlans } from "~/models/plan.server";
import { PLAN_STATUSES } from "~/schemas/plan";

export const meta: MetaFunction = () => [{ title: "Kế hoạch giám sát · Giám sát HĐND" }];

const filterSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  status: z.enum(PLAN_STATUSES).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  unitId: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:read");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = filterSchema.parse({
    q: params.q || undefined,
    status: params.status || undefined,
    year: params.year || undefined,
    unitId: params.unitId || undefined,
  });
  const [plans, units] = await Promise.all([listPlans(actor, filter), listPlanFilterUnits(actor)]);
  return { filter, plans, units, canCreate: roleHas(actor.role, "plans:manage") };
}

export default function Plans() {
  const { filter, plans, units, canCreate } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Kế hoạch giám sát</h1>
      {canCreate ? (
        <p className="actions">
          <Link className="button" to="/plans/new">
            Tạo kế hoạch
          </Link>
          <Link className="button secondary" to="/supervisions/import">
            Nhập từ tệp
          </Link>
        </p>
      ) : null}
      <Form method="get" className="filters">
        <TextField label="Tìm theo nội dung" name="q" defaultValue={filter.q ?? ""} />
        <SelectField
          label="Trạng thái"
          name="status"
          defaultValue={filter.status ?? ""}
          placeholder="Tất cả"
          options={Object.entries(PLAN_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <SelectField
          label="Đơn vị được giám sát"
          name="unitId"
          defaultValue={filter.unitId ?? ""}
          placeholder="Tất cả"
          options={units.map((u) => ({ value: u.id, label: u.name }))}
        />
        <TextField label="Năm" name="year" inputMode="numeric" defaultValue={filter.year ?? ""} />
        <button type="submit">Lọc</button>
      </Form>
      <PlanTable plans={plans} />
    </>
  );
}
