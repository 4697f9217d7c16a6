import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { docxResponse } from "~/documents/pdf.server";
import { idParam } from "~/forms.server";
import { getNoticeEditor } from "~/models/notice.server";
import { noticeFileStem } from "#templates/documents/notice";
import { renderNoticeDocx } from "#templates/documents/notice-docx";

/** The notice as a Word file with the same content and layout, for an office that adjusts it in Word. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:read");
  const notice = await getNoticeEditor(actor, idParam(params.noticeId));
  if (!notice) throw forbidden("Bạn không có quyền xem thông báo này hoặc thông báo không tồn tại.");
  return docxResponse(await renderNoticeDocx(notice.document), `${noticeFileStem(notice.document)}.docx`);
}
