import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { idParam } from "~/forms.server";
import { jsonFailure, jsonMessage } from "~/json.server";
import { MAX_PHOTO_BYTES, storeVisitPhoto } from "~/models/attachment.server";
import { fileNameProblem, readFormData } from "~/uploads.server";

const fieldsSchema = z.object({
  clientId: z.uuid(),
  itemId: z.union([z.literal(""), z.string().regex(/^\d{1,9}$/)]),
});

/** Receives one photo from the tablet's outbox (multipart: clientId, itemId, photo). */
export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "visits:answer");
  const visitId = idParam(params.visitId);
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_PHOTO_BYTES + 64 * 1024) {
    return jsonMessage("Ảnh quá lớn (tối đa 8 MB).", 413);
  }
  let form: FormData | null;
  try {
    // At most the limit whatever Content-Length says: a chunked body has none.
    form = await readFormData(request, MAX_PHOTO_BYTES + 64 * 1024);
  } catch {
    return jsonMessage("Không đọc được ảnh gửi lên.", 400);
  }
  if (!form) return jsonMessage("Ảnh quá lớn (tối đa 8 MB).", 413);
  const fields = fieldsSchema.safeParse({ clientId: form.get("clientId"), itemId: form.get("itemId") ?? "" });
  const photo = form.get("photo");
  if (!fields.success || !(photo instanceof Blob)) return jsonMessage("Thiếu ảnh hoặc mã ảnh không hợp lệ.", 400);
  const badName = photo instanceof File ? fileNameProblem(photo.name) : null;
  if (badName) return jsonMessage(badName, 400);
  try {
    const stored = await storeVisitPhoto(actor, visitId, {
      clientId: fields.data.clientId,
      itemId: fields.data.itemId === "" ? null : Number(fields.data.itemId),
      fileName: photo instanceof File ? photo.name : "",
      bytes: new Uint8Array(await photo.arrayBuffer()),
    });
    return Response.json({ photo: stored }, { status: stored.duplicate ? 200 : 201 });
  } catch (error) {
    return jsonFailure(error);
  }
}
