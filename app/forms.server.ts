import { zodResolver } from "@hookform/resolvers/zod";
import { data } from "@remix-run/node";
import type { FieldValues, Resolver } from "react-hook-form";
import type { z } from "zod";
import { cleanInput } from "~/domain/input-text";
import { DomainError } from "~/models/errors.server";
import { readFormData } from "~/uploads.server";

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

/** Far above any form of the app (a long notice is some 100 KB), far below what would strain the server. */
const MAX_FORM_BYTES = 4 * 1024 * 1024;
const TOO_BIG = "Dữ liệu gửi lên quá lớn: hãy rút ngắn nội dung rồi gửi lại.";
const MAX_FIELDS = 5000;
const MAX_INDEX = 9999;
const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);

function parseValue(value: FormDataEntryValue): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * The posted form as the values object remix-hook-form's getValidatedFormData builds (each value
 * JSON-decoded when it is JSON; "a.0.b" names nest, as a page without script posts them), but
 * refusing (null) what only a tampering client sends: "__proto__.x" or "constructor.prototype.x",
 * which would write into Object.prototype of the whole server, an index such as "ids.99999999",
 * which makes an array of that length, and thousands of fields.
 */
export function formValues(form: FormData): Record<string, unknown> | null {
  const output: Record<string, unknown> = {};
  let fields = 0;
  for (const [key, value] of form.entries()) {
    if (++fields > MAX_FIELDS) return null;
    const parts = key.split(".");
    if (parts.some((part) => FORBIDDEN_KEYS.has(part.replace(/\[\d*\]$/, "")) || (/^\d+$/.test(part) && Number(part) > MAX_INDEX))) return null;
    const data = parseValue(value);
    let node = output as Record<string, unknown>;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = node[parts[i]];
      if (next === undefined) node[parts[i]] = /^\d+$/.test(parts[i + 1]) ? [] : {};
      else if (!next || typeof next !== "object") return null;
      node = node[parts[i]] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1];
    if (/\[\d*\]$/.test(last)) {
      const name = last.replace(/\[\d*\]$/, "");
      const list = (node[name] ??= []);
      if (!Array.isArray(list)) return null;
      list.push(data);
    } else if (/^\d+$/.test(last)) {
      if (!Array.isArray(node)) return null;
      node.push(data);
    } else {
      node[last] = data;
    }
  }
  return output;
}

/**
 * Validates a posted form with the same zod schema as the page's form. A body that is not what
 * the form sends (tampered, truncated) gets a 400 with a Vietnamese message, never an exception.
 * Text is cleaned of control characters first (app/domain/input-text.ts); a body over 4 MB is
 * refused unread (413).
 */
export async function validateForm<S extends z.ZodType<FieldValues, FieldValues>>(
  request: Request,
  schema: S,
): Promise<{ ok: true; data: z.output<S> } | { ok: false; response: ReturnType<typeof data<FormActionData>> }> {
  const refused = { ok: false as const, response: data<FormActionData>({ errors: { root: { message: GENERIC } } }, { status: 400 }) };
  try {
    const form = await readFormData(request, MAX_FORM_BYTES);
    if (!form) return { ok: false, response: data<FormActionData>({ errors: { root: { message: TOO_BIG } } }, { status: 413 }) };
    const values = formValues(form);
    if (!values) return refused;
    const resolver = zodResolver(schema as never) as unknown as Resolver<z.output<S>>;
    const result = await resolver(cleanInput(values) as z.output<S>, undefined, { shouldUseNativeValidation: false, fields: {} });
    if (Object.keys(result.errors).length > 0) {
      return { ok: false, response: data({ errors: { ...flatten(result.errors), root: { message: GENERIC } } }, { status: 400 }) };
    }
    return { ok: true, data: result.values as z.output<S> };
  } catch {
    return refused;
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
