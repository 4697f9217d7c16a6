import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, requireUser } from "~/auth/permissions.server";
import { idParam } from "~/forms.server";
import { readVisitAttachment } from "~/models/attachment.server";
import { readReportAttachment } from "~/models/remediation.server";

/** A visit photo or a remediation report's evidence, to those who may see it only; never cached by shared caches. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  const attachmentId = idParam(params.attachmentId);
  const file = (await readVisitAttachment(actor, attachmentId)) ?? (await readReportAttachment(actor, attachmentId));
  if (!file) throw forbidden("Bạn không có quyền xem tệp này hoặc tệp không tồn tại.");
  const ascii = file.fileName.normalize("NFD").replace(/[^\x20-\x7e]/g, "").replace(/["\\]/g, "") || "anh";
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
