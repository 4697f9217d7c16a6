import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/permissions.server";
import { planReference } from "~/components/lists";
import { PlanForm } from "~/components/plan-form";
import { SavedNotice, useSaveOutcome } from "~/components/save-outcome";
import { type FormActionData, idParam, refusal, validateForm } from "~/forms.server";
import { getPlanForEdit, getPlanFormOptions, updatePlan } from "~/models/plan.server";
import { planFormSchema } from "~/schemas/plan";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Sửa kế hoạch${data ? `: ${data.editing.plan.subject}` : ""} · Giám sát HĐND` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:manage");
  const planId = idParam(params.planId);
  try {
    const [editing, choices] = await Promise.all([getPlanForEdit(actor, planId), getPlanFormOptions(actor)]);
    return { editing, choices };
  } catch (error) {
    refusal(error); // a plan the actor may not edit (now) answers 403 with the reason
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "plans:manage");
  const planId = idParam(params.planId);
  const form = await validateForm(request, planFormSchema);
  if (!form.ok) return form.response;
  try {
    await updatePlan(actor, planId, form.data);
    return { ok: "Đã lưu thay đổi." } satisfies FormActionData;
  } catch (error) {
    return refusal(error);
  }
}

export default function EditPlan() {
  const { editing, choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const outcome = useSaveOutcome(actionData);
  const { plan } = editing;
  return (
    <>
      <p className="muted">
        <Link to="/plans">Kế hoạch giám sát</Link> › <Link to={`/plans/${plan.id}`}>{planReference(plan)}</Link> › Sửa
      </p>
      <h1>Sửa kế hoạch giám sát</h1>
      <SavedNotice message={outcome.message} />
      <PlanForm
        key={plan.id}
        mode={editing.mode === "full" ? "full" : "team_and_schedule"}
        draftKey={`plan:${plan.id}`}
        saved={outcome.saved}
        submitLabel="Lưu thay đổi"
        choices={choices}
        issued={{ unitNames: editing.unitNames, templateLabel: editing.templateLabel }}
        serverErrors={outcome.errors}
        defaultValues={editing.values}
      />
      <p className="actions">
        <Link className="button secondary" to={`/plans/${plan.id}`}>
          Về kế hoạch
        </Link>
      </p>
    </>
  );
}
