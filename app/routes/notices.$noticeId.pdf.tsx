import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { pdfResponse, renderPdf } from "~/documents/pdf.server";
import { idParam } from "~/forms.server";
import { getNoticeEditor } from "~/models/notice.server";
import { buildNoticeDocument, noticeFileStem } from "#templates/documents/notice";

/** The notice in the Nghị định 30/2020 format: the draft as it stands, or the issued snapshot. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:read");
  const notice = await getNoticeEditor(actor, idParam(params.noticeId));
  if (!notice) throw forbidden("Bạn không có quyền xem thông báo này hoặc thông báo không tồn tại.");
  return pdfResponse(await renderPdf(buildNoticeDocument(notice.document)), `${noticeFileStem(notice.document)}.pdf`);
}
