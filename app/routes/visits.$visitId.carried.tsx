import { type ActionFunctionArgs, data } from "@remix-run/node";
import { requirePermission } from "~/auth/permissions.server";
import { idParam, validateForm } from "~/forms.server";
import { answerCarried } from "~/models/carried-recommendation.server";
import { DomainError } from "~/models/errors.server";
import { type CarriedActionData, carriedAnswerSchema } from "~/schemas/carried-answer";

/**
 * Saves the team's finding on one recommendation of an earlier notice carried into the visit's
 * checklist. Posted by the checklist's fetcher; every refusal (including "not yours" and "not
 * carried here") is answered as data, so the page keeps what the user typed and shows why.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "visits:answer");
  const visitId = idParam(params.visitId);
  const form = await validateForm(request, carriedAnswerSchema);
  if (!form.ok) return form.response;
  try {
    const { revision } = await answerCarried(actor, visitId, form.data);
    return data<CarriedActionData>({ ok: "Đã lưu.", revision });
  } catch (error) {
    if (error instanceof DomainError) return data<CarriedActionData>({ errors: { root: { message: error.message } } }, { status: error.status });
    throw error;
  }
}
