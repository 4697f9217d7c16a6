import { Form } from "@remix-run/react";
import { type ChangeEvent, useEffect, useState } from "react";
import { FormError, TextAreaField, TextField } from "~/components/fields";
import { MAX_EVIDENCE_FILES } from "~/domain/evidence-type";
import { formatDate } from "~/domain/vietnamese";
import type { FormErrors } from "~/forms.server";
import type { RecommendationDetail } from "~/models/remediation.server";
import { MAX_REASON_LENGTH, MAX_REPORT_LENGTH } from "~/schemas/remediation";

type Result = { ok?: string; errors?: FormErrors; intent?: string; values?: Record<string, string> } | undefined;

export const PROGRESS_LABELS = { not_started: "Chưa thực hiện", in_progress: "Đang thực hiện", completed: "Đã hoàn thành" } as const;

/** Errors and typed values of the form that was posted, and nothing for the page's other forms. */
function forIntent(result: Result, intent: string) {
  if (!result || result.intent !== intent) return { errors: undefined, values: undefined, ok: false };
  return { errors: result.errors, values: result.values, ok: Boolean(result.ok) };
}

/**
 * What the user types is kept in the browser until the server has it: a refused form, a lost
 * connection or a reload gives it back. `key` names the form; `saved` drops the copy.
 */
function useKeptText(key: string, initial: string | undefined, saved: boolean) {
  const storageKey = `draft:${key}`;
  const [value, setValue] = useState(initial ?? "");
  useEffect(() => {
    if (initial !== undefined) return;
    const kept = window.localStorage.getItem(storageKey);
    if (kept) setValue(kept);
  }, [storageKey, initial]);
  useEffect(() => {
    if (saved) {
      window.localStorage.removeItem(storageKey);
      setValue("");
    }
  }, [saved, storageKey]);
  const change = (next: string) => {
    setValue(next);
    try {
      if (next) window.localStorage.setItem(storageKey, next);
      else window.localStorage.removeItem(storageKey);
    } catch {
      // Storage full or disabled: the form still works without the safety net.
    }
  };
  return [value, change] as const;
}

/**
 * Camera photos are resized on the device before they are sent (as on the checklist): a tablet
 * picture of several MB becomes a JPEG of a few hundred KB. PDFs and small images go as chosen.
 */
function useEvidenceInput() {
  const [message, setMessage] = useState<string | null>(null);
  const onChange = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const chosen = Array.from(input.files ?? []);
    if (!chosen.some((file) => file.type.startsWith("image/") && file.size > 1_000_000)) return;
    setMessage("Đang thu nhỏ ảnh…");
    const { resizePhoto } = await import("~/checklist/resize-photo.client");
    const transfer = new DataTransfer();
    try {
      for (const file of chosen) {
        if (!file.type.startsWith("image/") || file.size <= 1_000_000) transfer.items.add(file);
        else {
          const name = file.name.replace(/\.[^.]+$/, "") + ".jpg";
          transfer.items.add(new File([await resizePhoto(file)], name, { type: "image/jpeg" }));
        }
      }
      input.files = transfer.files;
      setMessage(null);
    } catch (error) {
      setMessage(error instanceof Error ? error.message : "Không thu nhỏ được ảnh; ảnh được gửi như đã chọn.");
    }
  };
  return { message, onChange };
}

export function ReportForm({ recommendationId, result, busy }: { recommendationId: number; result: Result; busy: boolean }) {
  const { errors, values, ok } = forIntent(result, "report");
  const [content, setContent] = useKeptText(`remediation-report:${recommendationId}`, values?.content, ok);
  const evidence = useEvidenceInput();
  return (
    <section className="panel">
      <h2>Báo cáo kết quả khắc phục</h2>
      <Form method="post" encType="multipart/form-data" className="remediation-form" key={ok ? "sent" : "open"}>
        <input type="hidden" name="intent" value="report" />
        <fieldset className="choice-group">
          <legend>Tình trạng thực hiện</legend>
          {Object.entries(PROGRESS_LABELS).map(([value, label]) => (
            <label key={value} className="choice">
              <input type="radio" name="progress" value={value} defaultChecked={(values?.progress ?? "in_progress") === value} />
              {label}
            </label>
          ))}
          {errors?.progress ? <span className="field-error">{errors.progress.message}</span> : null}
        </fieldset>
        <TextAreaField
          label="Kết quả đã thực hiện"
          name="content"
          rows={6}
          maxLength={MAX_REPORT_LENGTH}
          value={content}
          onChange={(event) => setContent(event.target.value)}
          error={errors?.content?.message}
          hint="Nêu rõ việc đã làm, văn bản đã ban hành, kết quả đạt được."
        />
        <div className="field">
          <label htmlFor="files">Tệp minh chứng (ảnh hoặc PDF)</label>
          <input
            id="files"
            name="files"
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp,application/pdf"
            onChange={(event) => void evidence.onChange(event)}
          />
          {evidence.message ? <span className="field-hint" role="status">{evidence.message}</span> : null}
          <span className="field-hint">
            Tối đa {MAX_EVIDENCE_FILES} tệp, mỗi tệp 8 MB.{values ? " Nếu đã chọn tệp, hãy chọn lại trước khi gửi." : ""}
          </span>
          {errors?.files ? <span className="field-error" role="alert">{errors.files.message}</span> : null}
        </div>
        <FormError message={errors?.root?.message} />
        <button type="submit" disabled={busy || evidence.message === "Đang thu nhỏ ảnh…"}>
          Gửi báo cáo
        </button>
      </Form>
    </section>
  );
}

export function ReviewForm({ detail, result, busy }: { detail: RecommendationDetail; result: Result; busy: boolean }) {
  const report = detail.reports.find((r) => r.awaitingReview);
  const { errors, values } = forIntent(result, "review");
  if (!report) return null;
  return (
    <section className="panel">
      <h2>Xem xét báo cáo khắc phục</h2>
      <p>
        Báo cáo mới nhất của đơn vị: <strong>{PROGRESS_LABELS[report.progress]}</strong>.
        {report.progress === "completed" ? "" : " Chỉ chấp nhận khi đơn vị báo cáo đã hoàn thành."}
      </p>
      <Form method="post" className="remediation-form">
        <input type="hidden" name="intent" value="review" />
        <input type="hidden" name="reportId" value={report.id} />
        <TextAreaField
          label="Ý kiến (bắt buộc khi trả lại)"
          name="note"
          rows={3}
          maxLength={MAX_REASON_LENGTH}
          defaultValue={values?.note ?? ""}
          error={errors?.note?.message}
        />
        <FormError message={errors?.root?.message} />
        <div className="actions">
          {report.progress === "completed" ? (
            <button type="submit" name="decision" value="accept" disabled={busy}>
              Chấp nhận kết quả
            </button>
          ) : null}
          <button type="submit" name="decision" value="return" className="secondary" disabled={busy}>
            Trả lại báo cáo
          </button>
        </div>
      </Form>
    </section>
  );
}

/** The unit asks for more time; the committee grants (with the requested or another date) or refuses. */
export function ExtensionForms({ detail, result, busy }: { detail: RecommendationDetail; result: Result; busy: boolean }) {
  const pending = detail.pendingExtension;
  const request = forIntent(result, "extension");
  const decision = forIntent(result, "decide-extension");
  const [reason, setReason] = useKeptText(`extension:${detail.recommendation.id}`, request.values?.reason, request.ok);
  if (detail.rights.canReview && pending) {
    return (
      <section className="panel">
        <h2>Đề nghị gia hạn</h2>
        <p>
          Đơn vị đề nghị gia hạn đến ngày <strong>{formatDate(pending.requestedDeadline)}</strong> (hạn hiện tại{" "}
          {formatDate(detail.recommendation.effectiveDeadline)}). Lý do: {pending.reason}
        </p>
        <Form method="post" className="remediation-form">
          <input type="hidden" name="intent" value="decide-extension" />
          <input type="hidden" name="requestId" value={pending.id} />
          <TextField
            label="Gia hạn đến ngày"
            name="grantedDeadline"
            type="date"
            defaultValue={decision.values?.grantedDeadline ?? pending.requestedDeadline}
            error={decision.errors?.grantedDeadline?.message}
          />
          <TextAreaField
            label="Ý kiến (bắt buộc khi không đồng ý)"
            name="note"
            rows={2}
            maxLength={MAX_REASON_LENGTH}
            defaultValue={decision.values?.note ?? ""}
            error={decision.errors?.note?.message}
          />
          <FormError message={decision.errors?.root?.message} />
          <div className="actions">
            <button type="submit" name="decision" value="grant" disabled={busy}>
              Đồng ý gia hạn
            </button>
            <button type="submit" name="decision" value="refuse" className="secondary" disabled={busy}>
              Không đồng ý
            </button>
          </div>
        </Form>
      </section>
    );
  }
  if (!detail.rights.canReport) return null;
  if (pending) {
    return (
      <p className="muted" role="status">
        Đề nghị gia hạn đến ngày {formatDate(pending.requestedDeadline)} đang chờ Thường trực HĐND xem xét.
      </p>
    );
  }
  return (
    <details className="panel" open={Boolean(request.errors)}>
      <summary>Đề nghị gia hạn</summary>
      <Form method="post" className="remediation-form">
        <input type="hidden" name="intent" value="extension" />
        <TextField
          label="Đề nghị gia hạn đến ngày"
          name="requestedDeadline"
          type="date"
          defaultValue={request.values?.requestedDeadline ?? ""}
          error={request.errors?.requestedDeadline?.message}
        />
        <TextAreaField
          label="Lý do"
          name="reason"
          rows={3}
          maxLength={MAX_REASON_LENGTH}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={request.errors?.reason?.message}
        />
        <FormError message={request.errors?.root?.message} />
        <button type="submit" disabled={busy}>
          Gửi đề nghị gia hạn
        </button>
      </Form>
    </details>
  );
}
