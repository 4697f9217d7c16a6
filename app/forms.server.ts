import { zodResolver } from "@hookform/resolvers/zod";
import { data } from "@remix-run/node";
import type { FieldValues, Resolver } from "react-hook-form";
import { getValidatedFormData } from "remix-hook-form";
import type { z } from "zod";
import { DomainError } from "~/models/errors.server";

export type FormErrors = Record<string, { message: string }>;
export type FormActionData = { errors?: FormErrors; ok?: string };

const GENERIC = "Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra lại các trường được đánh dấu.";

/** Flattens react-hook-form's nested errors into { field: { message } }. */
function flatten(errors: Record<string, unknown>, prefix = ""): FormErrors {
  const out: FormErrors = {};
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== "object") continue;
    const name = prefix ? `${prefix}.${key}` : key;
    const message = (value as { message?: unknown }).message;
    if (typeof message === "string") out[name] = { message };
    else Object.assign(out, flatten(value as Record<string, unknown>, name));
  }
  return out;
}

/**
 * Validates a posted form with the same zod schema as the page's form. A body that is not what
 * the form sends (tampered, truncated) gets a 400 with a Vietnamese message, never an exception.
 */
export async function validateForm<S extends z.ZodType<FieldValues, FieldValues>>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: ReturnType<typeof data<FormActionData>> }> {
  try {
    const resolver = zodResolver(schema as never) as unknown as Resolver<z.output<S>>;
    const result = await getValidatedFormData<z.output<S>>(request, resolver);
    if (result.errors) {
      return { ok: false, response: data({ errors: { ...flatten(result.errors), root: { message: GENERIC } } }, { status: 400 }) };
    }
    return { ok: true, data: result.data as z.output<S> };
  } catch {
    return { ok: false, response: data({ errors: { root: { message: GENERIC } } }, { status: 400 }) };
  }
}

/** Turns a model's refusal into form errors; anything else is a real failure and is rethrown. */
export function refusal(error: unknown) {
  if (error instanceof DomainError) {
    if (error.status === 403 || error.status === 404) {
      throw new Response(error.message, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    const errors: FormErrors = { root: { message: error.message } };
    if (error.field) errors[error.field] = { message: error.message };
    return data<FormActionData>({ errors }, { status: error.status });
  }
  throw error;
}

/** A positive integer from a route parameter, or a 404. */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d{1,9}$/.test(value) || !Number.isSafeInteger(id) || id < 1) {
    throw new Response("Không tìm thấy.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return id;
}
