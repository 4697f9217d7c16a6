import { useFetcher, useRevalidator } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { createFormData } from "remix-hook-form";
import { deadlineState, describeDeadline, effectiveDeadline } from "~/domain/deadlines";
import { formatDate, formatDateTime, vietnamDate } from "~/domain/vietnamese";
import type { CarriedItem } from "~/models/carried-recommendation.server";
import { CARRIED_VALUES, CARRIED_VALUE_LABELS, type CarriedActionData, type CarriedValue } from "~/schemas/carried-answer";
import { RECOMMENDATION_STATUS_LABELS } from "../labels";
import { DraftNotice, clearFormDraft, useFormDraft } from "../use-form-draft";

const PROGRESS_LABELS = { not_started: "Chưa thực hiện", in_progress: "Đang thực hiện", completed: "Đã hoàn thành" } as const;
const REVIEW_LABELS = { submitted: "Chờ Thường trực xem xét", accepted: "Đã được chấp nhận", returned: "Bị trả lại" } as const;

/**
 * "Kiến nghị kỳ trước cần kiểm tra": recommendations of earlier notices the unit has not yet
 * remedied, carried into this visit; the team checks each on site. Nothing is shown when none
 * was carried.
 */
export function CarriedSection({ visitId, items, canAnswer }: { visitId: number; items: CarriedItem[]; canAnswer: boolean }) {
  if (items.length === 0) return null;
  const answered = items.filter((i) => i.answer.value !== null).length;
  return (
    <section className="carried" id="carried" aria-labelledby="carried-title">
      <h2 id="carried-title">Kiến nghị kỳ trước cần kiểm tra</h2>
      <p className="muted">
        Kiến nghị tại các thông báo kết luận trước mà đơn vị chưa khắc phục xong hoặc bị trả lại. Đoàn kiểm tra tại chỗ và ghi kết quả ({answered}/
        {items.length} đã kiểm tra).
      </p>
      {items.map((item) => (
        <CarriedCard key={item.recommendationId} visitId={visitId} item={item} disabled={!canAnswer} />
      ))}
    </section>
  );
}

function CarriedCard({ visitId, item, disabled }: { visitId: number; item: CarriedItem; disabled: boolean }) {
  const fetcher = useFetcher<CarriedActionData>();
  const revalidator = useRevalidator();
  const draftKey = `carried:${visitId}:${item.recommendationId}`;
  const form = useForm<{ note: string }>({ defaultValues: { note: item.answer.note } });
  const draft = useFormDraft(draftKey, form);

  // The revision to save from: the newest the page has seen, from the loader or from our own save.
  const [revision, setRevision] = useState(item.answer.revision);
  useEffect(() => setRevision((r) => Math.max(r, item.answer.revision)), [item.answer.revision]);

  // Someone else's saved note replaces the field only when the user has not typed over it.
  const serverNote = useRef(item.answer.note);
  useEffect(() => {
    if (form.getValues("note") === serverNote.current) form.setValue("note", item.answer.note);
    serverNote.current = item.answer.note;
  }, [item.answer.note, form]);

  const handled = useRef(fetcher.data);
  const [sentNote, setSentNote] = useState<string | null>(null);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data || fetcher.data === handled.current) return;
    handled.current = fetcher.data;
    if (fetcher.data.ok && fetcher.data.revision) {
      setRevision((r) => Math.max(r, fetcher.data!.revision!));
      // The server has the note: no draft to keep unless the user typed on meanwhile.
      if (sentNote !== null && form.getValues("note") === sentNote) setTimeout(() => clearFormDraft(draftKey), 0);
    }
  }, [fetcher.state, fetcher.data, sentNote, form, draftKey]);

  const pending = fetcher.formData ? (JSON.parse(String(fetcher.formData.get("value"))) as CarriedValue | null) : undefined;
  // A refusal stays on screen until the user saves again or brings in the newest version.
  const [dismissed, setDismissed] = useState<CarriedActionData | undefined>(undefined);
  const failed =
    fetcher.state === "idle" && fetcher.data?.errors && fetcher.data !== dismissed ? (fetcher.data.errors.root?.message ?? "Không lưu được.") : null;
  const value = pending !== undefined ? pending : item.answer.value;
  const busy = fetcher.state !== "idle";

  function save(next: CarriedValue | null) {
    const note = form.getValues("note");
    setSentNote(note);
    fetcher.submit(createFormData({ recommendationId: item.recommendationId, value: next, note, revision }), {
      method: "post",
      action: `/visits/${visitId}/carried`,
    });
  }

  const deadline = effectiveDeadline(item.deadline, item.extendedDeadline);
  const state = deadlineState(deadline, { today: vietnamDate(), closed: item.status === "accepted" });
  return (
    <article className="item-card carried-item" id={`carried-${item.recommendationId}`} data-recommendation-id={item.recommendationId}>
      <header>
        <h3>{item.text}</h3>
      </header>
      <p className="legal-basis">
        {item.noticeReference ? `Thông báo số ${item.noticeReference}` : "Thông báo kết luận"} · Gửi {item.addressedRole ? `${item.addressedRole}, ` : ""}
        {item.addressedUnitName}
      </p>
      <p>
        Hạn báo cáo: {formatDate(item.deadline)}
        {item.extendedDeadline ? `, gia hạn đến ${formatDate(item.extendedDeadline)}` : ""} ·{" "}
        <span className={`badge ${state.state}`}>{describeDeadline(state.state, state.daysLeft)}</span> · Trạng thái:{" "}
        <strong>{RECOMMENDATION_STATUS_LABELS[item.status]}</strong>
      </p>
      {item.lastReport ? (
        <details className="guidance">
          <summary>
            Báo cáo gần nhất của đơn vị ({formatDateTime(item.lastReport.submittedAt)}): {PROGRESS_LABELS[item.lastReport.progress]}
          </summary>
          <p style={{ whiteSpace: "pre-line" }}>{item.lastReport.content}</p>
          <p>
            Thường trực: {REVIEW_LABELS[item.lastReport.review]}
            {item.lastReport.reviewNote ? ` – ${item.lastReport.reviewNote}` : ""}
          </p>
        </details>
      ) : (
        <p className="muted">Đơn vị chưa gửi báo cáo kết quả khắc phục.</p>
      )}

      <div className="answer-choices" role="group" aria-label="Kết quả kiểm tra kiến nghị">
        {CARRIED_VALUES.map((choice) => (
          <button
            key={choice}
            type="button"
            className={`choice ${choice}${value === choice ? " selected" : ""}`}
            aria-pressed={value === choice}
            disabled={disabled || busy}
            onClick={() => save(choice)}
          >
            {CARRIED_VALUE_LABELS[choice]}
          </button>
        ))}
      </div>

      <label className="field note">
        Ghi chú kết quả kiểm tra
        <textarea rows={2} disabled={disabled} {...form.register("note")} />
      </label>
      <DraftNotice {...draft} />
      <div className="actions">
        <button type="button" className="secondary" disabled={disabled || busy} onClick={() => save(value)}>
          Lưu ghi chú
        </button>
        {failed ? (
          <button
            type="button"
            className="secondary"
            disabled={revalidator.state !== "idle"}
            onClick={() => {
              setDismissed(fetcher.data);
              revalidator.revalidate();
            }}
          >
            Tải lại bản mới nhất
          </button>
        ) : null}
      </div>
      <footer>
        {failed ? (
          <p className="form-error" role="alert">
            {failed}
          </p>
        ) : busy ? (
          <span className="save-state waiting" role="status">
            Đang lưu…
          </span>
        ) : item.answer.answeredAt ? (
          <span className="save-state saved" role="status">
            Đã lưu{item.answer.answeredByName ? ` (${item.answer.answeredByName}, ${formatDateTime(item.answer.answeredAt)})` : ""}
          </span>
        ) : (
          <span className="save-state none">Chưa kiểm tra</span>
        )}
      </footer>
    </article>
  );
}
