import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { SelectField, TextField } from "~/components/fields";
import { PLAN_STATUS_LABELS } from "~/components/labels";
import { PlanTable } from "~/components/lists";
import { listPlans } from "~/models/plan.server";

export const meta: MetaFunction = () => [{ title: "Kế hoạch giám sát · Giám sát HĐND" }];

const filterSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  status: z.enum(["draft", "issued", "in_progress", "concluded", "closed"]).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:read");
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const filter = filterSchema.parse({ q: params.q || undefined, status: params.status || undefined, year: params.year || undefined });
  return { filter, plans: await listPlans(actor, filter) };
}

export default function Plans() {
  const { filter, plans } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Kế hoạch giám sát</h1>
      <Form method="get" className="filters">
        <TextField label="Tìm theo nội dung" name="q" defaultValue={filter.q ?? ""} />
        <SelectField
          label="Trạng thái"
          name="status"
          defaultValue={filter.status ?? ""}
          placeholder="Tất cả"
          options={Object.entries(PLAN_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <TextField label="Năm" name="year" inputMode="numeric" defaultValue={filter.year ?? ""} />
        <button type="submit">Lọc</button>
      </Form>
      <PlanTable plans={plans} />
    </>
  );
}
