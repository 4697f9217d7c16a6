import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requirePermission } from "~/auth/permissions.server";
import { jsonDownload } from "~/documents/download.server";
import { idParam } from "~/forms.server";
import { supervisionDownload } from "~/models/supervision-file.server";

/** The visit as a supervision file (JSON), for its team and the standing committee over it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "visits:answer");
  const download = await supervisionDownload(actor, idParam(params.visitId));
  if (!download) throw notFound("Không tìm thấy buổi giám sát, hoặc bạn không có quyền xem buổi giám sát này.");
  return jsonDownload(download.file, download.fileName);
}
