type UploadOptions = { name: string; maxBytes: number; tooBig: string; missing: string };

/**
 * The request's body, at most `maxBytes` whatever Content-Length says (a chunked body has none):
 * null as soon as it is larger, without reading the rest.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * A posted form read whole, at most `maxBytes` (readBodyBytes), and parsed by the platform's
 * FormData. Not Remix's multipart parser: it refuses a file whose name holds ";" or "="
 * ("Báo cáo; bổ sung.png"). Null when the body is larger; throws when it is not a form.
 */
export async function readFormData(request: Request, maxBytes: number): Promise<FormData | null> {
  const body = await readBodyBytes(request, maxBytes);
  if (!body) return null;
  return new Response(body, { headers: { "Content-Type": request.headers.get("Content-Type") ?? "" } }).formData();
}

export const FILE_NAME_WITH_PATH =
  "Tên tệp không hợp lệ: tên tệp không được chứa dấu / hoặc \\ (đường dẫn thư mục). Hãy đổi tên tệp rồi chọn lại.";

/**
 * Why an uploaded file's name is refused, or null. Browsers send the bare name ("anh.jpg"); a name
 * with a path ("../../x.jpg", "..\\..\\x.png", "/etc/passwd.jpg") only comes from a hostile client,
 * so it is refused with a reason rather than quietly cut down to its last part.
 */
export function fileNameProblem(name: string): string | null {
  return /[\\/]/.test(name) ? FILE_NAME_WITH_PATH : null;
}

/**
 * The bytes of the file posted in the form field `name` (multipart), or a Vietnamese reason: too
 * big (refused before the body is read when its length says so), unreadable, missing, or named
 * with a path.
 */
export async function readUploadedBytes(
  request: Request,
  options: UploadOptions,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; message: string }> {
  if (Number(request.headers.get("Content-Length") ?? 0) > options.maxBytes + 64 * 1024) return { ok: false, message: options.tooBig };
  let form: FormData | null;
  try {
    form = await readFormData(request, options.maxBytes + 64 * 1024);
  } catch {
    return { ok: false, message: "Không đọc được tệp gửi lên: hãy chọn lại tệp và gửi lại." };
  }
  if (!form) return { ok: false, message: options.tooBig };
  const upload = form.get(options.name);
  if (!(upload instanceof File)) return { ok: false, message: options.missing };
  const badName = fileNameProblem(upload.name);
  if (badName) return { ok: false, message: badName };
  if (upload.size > options.maxBytes) return { ok: false, message: options.tooBig };
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
