import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/permissions.server";
import { idParam } from "~/forms.server";
import { jsonFailure, readJsonBody } from "~/json.server";
import { answersForTeam, applyAnswerEdits } from "~/models/answer.server";
import { answerBatchSchema } from "~/schemas/answer-edit";

/** The tablet's sync endpoint: GET the visit's answers, POST a batch of edits in order. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "visits:answer");
  try {
    return Response.json(await answersForTeam(actor, idParam(params.visitId)), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return jsonFailure(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "visits:answer");
  const visitId = idParam(params.visitId);
  const body = await readJsonBody(request, answerBatchSchema);
  if (!body.ok) return body.response;
  try {
    return Response.json({ outcomes: await applyAnswerEdits(actor, visitId, body.data.edits) }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return jsonFailure(error);
  }
}
