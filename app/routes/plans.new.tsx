import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { PlanForm } from "~/components/plan-form";
import { refusal, validateForm } from "~/forms.server";
import { createPlan, getPlanFormOptions } from "~/models/plan.server";
import { EMPTY_PLAN_FORM, planFormSchema } from "~/schemas/plan";

export const meta: MetaFunction = () => [{ title: "Lập kế hoạch giám sát · Giám sát HĐND" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:manage");
  return { issuingUnitName: actor.unitName, choices: await getPlanFormOptions(actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "plans:manage");
  const form = await validateForm(request, planFormSchema);
  if (!form.ok) return form.response;
  try {
    const plan = await createPlan(actor, form.data);
    return redirect(`/plans/${plan.id}?saved=1`);
  } catch (error) {
    return refusal(error);
  }
}

export default function NewPlan() {
  const { issuingUnitName, choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="muted">
        <Link to="/plans">Kế hoạch giám sát</Link> › Lập kế hoạch
      </p>
      <h1>Lập kế hoạch giám sát</h1>
      <p className="muted">
        Cơ quan ban hành: {issuingUnitName}. Kế hoạch được lưu ở dạng dự thảo; số và ngày được cấp khi ban hành.
      </p>
      <PlanForm
        mode="full"
        draftKey="plan:new"
        submitLabel="Lưu dự thảo"
        choices={choices}
        serverErrors={actionData?.errors}
        defaultValues={EMPTY_PLAN_FORM}
      />
    </>
  );
}
