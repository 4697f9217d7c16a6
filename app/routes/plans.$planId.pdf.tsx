import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { pdfResponse, renderPdf } from "~/documents/pdf.server";
import { idParam } from "~/forms.server";
import { getPlanDocumentData } from "~/models/plan.server";
import { buildPlanDocument, planPdfFileName } from "#templates/documents/plan";

/** The plan printed in the Nghị định 30/2020 format, for whoever may read the plan. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:read");
  const data = await getPlanDocumentData(actor, idParam(params.planId));
  if (!data) throw forbidden("Bạn không có quyền xem kế hoạch này hoặc kế hoạch không tồn tại.");
  return pdfResponse(await renderPdf(buildPlanDocument(data)), planPdfFileName(data));
}
