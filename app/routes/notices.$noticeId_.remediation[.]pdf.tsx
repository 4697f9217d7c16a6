import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { pdfResponse, renderPdf } from "~/documents/pdf.server";
import { idParam } from "~/forms.server";
import { composeRemediationDocument } from "~/models/remediation-document.server";
import { remediationSignerSchema } from "~/schemas/remediation-document";
import { buildRemediationDocument, remediationFileStem } from "#templates/documents/remediation-report";

/** The unit's report as a draft (no number, blank date), with the signer typed on the page if valid. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "remediation:report");
  const typed = remediationSignerSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const draft = await composeRemediationDocument(actor, idParam(params.noticeId), typed.success ? typed.data : undefined);
  if (!draft) throw forbidden("Bạn không có quyền lập báo cáo cho thông báo này: không có kiến nghị nào giao cho đơn vị của bạn, hoặc thông báo chưa ban hành.");
  return pdfResponse(await renderPdf(buildRemediationDocument(draft)), `${remediationFileStem(draft)}.pdf`);
}
