import type { z } from "zod";
import { cleanInput } from "~/domain/input-text";
import { DomainError } from "~/models/errors.server";
import { readBodyBytes } from "~/uploads.server";

/** Resource routes that speak JSON to the tablet answer refusals as { message }, never a stack trace. */
export function jsonMessage(message: string, status: number): Response {
  return Response.json({ message }, { status, headers: { "Cache-Control": "no-store" } });
}

export function jsonFailure(error: unknown): Response {
  if (error instanceof DomainError) return jsonMessage(error.message, error.status);
  throw error;
}

const MAX_JSON_BYTES = 1_000_000;

export async function readJsonBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: Response }> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("application/json")) {
    return { ok: false, response: jsonMessage("Dữ liệu gửi lên phải ở dạng JSON.", 415) };
  }
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > MAX_JSON_BYTES) return { ok: false, response: jsonMessage("Dữ liệu gửi lên quá lớn.", 413) };
  let body: unknown;
  try {
    // At most the limit whatever Content-Length says: a chunked body has none.
    const bytes = await readBodyBytes(request, MAX_JSON_BYTES);
    if (!bytes) return { ok: false, response: jsonMessage("Dữ liệu gửi lên quá lớn.", 413) };
    body = cleanInput(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return { ok: false, response: jsonMessage("Dữ liệu gửi lên không đọc được.", 400) };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, response: jsonMessage(parsed.error.issues[0]?.message ?? "Dữ liệu gửi lên không hợp lệ.", 400) };
  return { ok: true, data: parsed.data };
}
