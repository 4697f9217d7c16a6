import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/permissions.server";
import { idParam, refusal } from "~/forms.server";
import { exportTemplate } from "~/models/checklist-template.server";

/** A template version as its JSON file (mot-cua-v1.json), to keep, edit elsewhere and import again. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "templates:manage");
  let file;
  try {
    file = await exportTemplate(actor, idParam(params.templateId));
  } catch (error) {
    throw refusal(error);
  }
  return new Response(`${JSON.stringify(file, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      // The code is lower-case letters, digits and dashes: safe as a file name as it is.
      "Content-Disposition": `attachment; filename="${file.code}-v${file.version}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
