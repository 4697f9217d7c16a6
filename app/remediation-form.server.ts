import type { z } from "zod";
import { MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES } from "~/domain/evidence-type";
import { cleanInputText } from "~/domain/input-text";
import type { FormErrors } from "~/forms.server";
import type { EvidenceUpload } from "~/models/remediation-actions.server";
import { fileNameProblem, readFormData } from "~/uploads.server";

export type PostedRemediationForm = { fields: Record<string, string>; files: EvidenceUpload[] };

/**
 * Reads the recommendation page's forms: url-encoded for the committee's decisions, multipart for
 * the unit's report with its evidence files. A body too big or unreadable gets a Vietnamese reason.
 */
export async function readRemediationForm(request: Request): Promise<{ ok: true; form: PostedRemediationForm } | { ok: false; message: string; status: number }> {
  const tooBig = `Tệp gửi lên quá lớn: tối đa ${MAX_EVIDENCE_FILES} tệp, mỗi tệp 8 MB.`;
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_EVIDENCE_FILES * MAX_EVIDENCE_BYTES + 256 * 1024) {
    return { ok: false, message: tooBig, status: 413 };
  }
  let form: FormData | null;
  try {
    // Each file's own limit is checked with its name by the model (submitRemediationReport).
    form = await readFormData(request, MAX_EVIDENCE_FILES * MAX_EVIDENCE_BYTES + 256 * 1024);
  } catch {
    return { ok: false, message: "Không đọc được dữ liệu gửi lên: hãy gửi lại.", status: 400 };
  }
  if (!form) return { ok: false, message: tooBig, status: 413 };
  const fields: Record<string, string> = {};
  const files: EvidenceUpload[] = [];
  for (const [name, value] of form) {
    if (typeof value === "string") fields[name] = cleanInputText(value);
    else if (name === "files" && value.size > 0) {
      const badName = fileNameProblem(value.name);
      if (badName) return { ok: false, message: badName, status: 400 };
      files.push({ fileName: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
    }
  }
  return { ok: true, form: { fields, files } };
}

/** A zod failure as the form errors our pages show beside each field. */
export function zodFormErrors(error: z.ZodError): FormErrors {
  const errors: FormErrors = {};
  for (const issue of error.issues) {
    const name = issue.path.join(".") || "root";
    errors[name] ??= { message: issue.message };
  }
  errors.root ??= { message: "Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra lại các trường được đánh dấu." };
  return errors;
}
