import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";

type UploadOptions = { name: string; maxBytes: number; tooBig: string; missing: string };

/**
 * The bytes of the file posted in the form field `name` (multipart), or a Vietnamese reason: too
 * big (refused before the body is read when its length says so), unreadable, or missing.
 */
export async function readUploadedBytes(
  request: Request,
  options: UploadOptions,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; message: string }> {
  if (Number(request.headers.get("Content-Length") ?? 0) > options.maxBytes + 64 * 1024) return { ok: false, message: options.tooBig };
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: options.maxBytes }));
  } catch (error) {
    return { ok: false, message: error instanceof MaxPartSizeExceededError ? options.tooBig : "Không đọc được tệp gửi lên: hãy chọn lại tệp và gửi lại." };
  }
  const upload = form.get(options.name);
  if (!(upload instanceof File)) return { ok: false, message: options.missing };
  return { ok: true, bytes: new Uint8Array(await upload.arrayBuffer()) };
}

/** The uploaded file as UTF-8 text; an empty file counts as missing. */
export async function readUploadedText(
  request: Request,
  options: UploadOptions,
): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  const upload = await readUploadedBytes(request, options);
  if (!upload.ok) return upload;
  if (upload.bytes.byteLength === 0) return { ok: false, message: options.missing };
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(upload.bytes) };
  } catch {
    return { ok: false, message: "Tệp không phải văn bản UTF-8: hãy lưu tệp với bảng mã UTF-8." };
  }
}
