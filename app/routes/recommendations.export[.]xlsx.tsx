import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/permissions.server";
import { XLSX_CONTENT_TYPE, fileResponse } from "~/documents/pdf.server";
import { trackerWorkbookData } from "~/models/follow-up-export.server";
import { parseTrackerQuery } from "~/schemas/tracker-filter";
import { buildTrackerWorkbook, trackerFileName } from "#templates/spreadsheets/tracker";

/** The tracker's rows, as its filters show them, in an Excel workbook. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:read");
  const { rows, meta } = await trackerWorkbookData(actor, parseTrackerQuery(new URL(request.url).searchParams));
  return fileResponse(await buildTrackerWorkbook(rows, meta), trackerFileName(meta.asOf), XLSX_CONTENT_TYPE, "attachment");
}
