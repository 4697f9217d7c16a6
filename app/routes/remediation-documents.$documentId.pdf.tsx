import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, requireUser } from "~/auth/permissions.server";
import { pdfResponse, renderPdf } from "~/documents/pdf.server";
import { idParam } from "~/forms.server";
import { getRemediationDocument } from "~/models/remediation-document.server";
import { buildRemediationDocument, remediationFileStem } from "#templates/documents/remediation-report";

/** An issued Báo cáo kết quả khắc phục, printed from its frozen content: the unit and the committee over it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  const document = await getRemediationDocument(actor, idParam(params.documentId));
  if (!document) throw forbidden("Bạn không có quyền xem báo cáo này hoặc báo cáo không tồn tại.");
  return pdfResponse(await renderPdf(buildRemediationDocument(document)), `${remediationFileStem(document)}.pdf`);
}
