import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/permissions.server";
import { pdfResponse, renderPdf } from "~/documents/pdf.server";
import { followUpReportData } from "~/models/follow-up-export.server";
import { parseTrackerQuery } from "~/schemas/tracker-filter";
import { buildFollowUpReport, followUpReportFileStem } from "#templates/documents/follow-up-report";

/** Báo cáo kết quả giám sát việc thực hiện kiến nghị, on the rows the tracker's filters show. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "remediation:review");
  const data = await followUpReportData(actor, parseTrackerQuery(new URL(request.url).searchParams));
  return pdfResponse(await renderPdf(buildFollowUpReport(data)), `${followUpReportFileStem(data)}.pdf`);
}
