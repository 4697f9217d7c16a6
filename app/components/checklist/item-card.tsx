import { useEffect, useState } from "react";
import type { AnswerPatch, ItemSync, PhotoView } from "~/checklist/use-visit-sync";
import { ANSWER_VALUES, type AnswerValue, needsNote, proposeFinding } from "~/domain/checklist";
import { lowerIsBetter } from "~/domain/indicators";
import { ANSWER_LABELS } from "./answer-labels";
import { DebouncedTextArea } from "./debounced-text";
import { IndicatorInput } from "./indicator-input";
import { ItemNotice } from "./item-notice";
import { PhotoStrip } from "./photo-strip";
import { SaveState } from "./save-state";

export type ChecklistItemView = {
  id: number;
  code: string;
  text: string;
  guidance: string;
  answerType: "tri_state" | "number" | "text" | "indicator";
  legalBasis: string;
  indicatorCode: string | null;
  targetPercent: number | null;
};

type Figure = { numerator: number; denominator: number | null };

/** One checklist item on the tablet: the answer, a note, photos, and what became of the answer. */
/** A ceiling (the late rate) is kept within, not reached. */
function verdictText(met: boolean, ceiling: boolean): string {
  if (ceiling) return met ? "Đánh giá: trong mức tối đa cho phép" : "Đánh giá: vượt mức tối đa cho phép";
  return met ? "Đánh giá: đạt chỉ tiêu" : "Đánh giá: chưa đạt chỉ tiêu";
}

export function ItemCard({
  item,
  sync,
  photos,
  reported,
  drafted,
  disabled,
  onAnswer,
  onPhoto,
  onDismiss,
}: {
  item: ChecklistItemView;
  sync: ItemSync | undefined;
  photos: PhotoView[];
  reported: Figure | null;
  drafted: boolean;
  disabled: boolean;
  onAnswer: (patch: AnswerPatch) => void;
  onPhoto: (file: File) => Promise<void>;
  onDismiss: () => void;
}) {
  const shown = sync?.local ?? sync?.server ?? null;
  const value = shown?.value ?? null;
  const note = shown?.note ?? "";
  const [finding, setFinding] = useState(() => proposeFinding(item.text, note));
  const [findingSent, setFindingSent] = useState(drafted);
  useEffect(() => setFinding(proposeFinding(item.text, note)), [item.text, note]);
  useEffect(() => setFindingSent((sent) => sent || drafted), [drafted]);

  const choices: readonly AnswerValue[] = item.answerType === "tri_state" ? ANSWER_VALUES : ["not_applicable"];
  return (
    <article className={`item-card${needsNote(value, note) ? " needs-note" : ""}`} id={`item-${item.id}`} data-item-code={item.code}>
      <header>
        <span className="item-code">{item.code}</span>
        <h3>{item.text}</h3>
      </header>
      {item.legalBasis ? <p className="legal-basis">Căn cứ: {item.legalBasis}</p> : null}
      {item.guidance ? (
        <details className="guidance">
          <summary>Hướng dẫn kiểm tra</summary>
          <p>{item.guidance}</p>
        </details>
      ) : null}

      {item.answerType === "indicator" ? (
        <IndicatorInput
          itemId={item.id}
          indicatorCode={item.indicatorCode}
          targetPercent={item.targetPercent}
          figure={shown?.figure ?? null}
          reported={reported}
          disabled={disabled}
          onCommit={(figure) => onAnswer({ figure })}
        />
      ) : null}
      {item.answerType === "indicator" && (value === "met" || value === "not_met") ? (
        <p className={`indicator-verdict ${value}`}>{verdictText(value === "met", lowerIsBetter(item.indicatorCode))}</p>
      ) : null}
      {item.answerType === "number" ? (
        <label className="field">
          Số liệu
          <input
            inputMode="decimal"
            name={`number-${item.id}`}
            defaultValue={shown?.numberValue ?? ""}
            disabled={disabled}
            onBlur={(e) => {
              const text = e.target.value.replace(/\./g, "").replace(",", ".").trim();
              const number = text === "" ? null : Number(text);
              if (number === null || Number.isFinite(number)) onAnswer({ numberValue: number });
            }}
          />
        </label>
      ) : null}
      {item.answerType === "text" ? (
        <label className="field">
          Nội dung
          <DebouncedTextArea name={`text-${item.id}`} value={shown?.textValue ?? ""} disabled={disabled} onCommit={(textValue) => onAnswer({ textValue })} />
        </label>
      ) : null}

      <div className="answer-choices" role="group" aria-label={`Trả lời tiêu chí ${item.code}`}>
        {choices.map((choice) => (
          <button
            key={choice}
            type="button"
            className={`choice ${choice}${value === choice ? " selected" : ""}`}
            aria-pressed={value === choice}
            disabled={disabled}
            onClick={() => onAnswer({ value: value === choice && item.answerType !== "tri_state" ? null : choice })}
          >
            {ANSWER_LABELS[choice]}
          </button>
        ))}
      </div>

      <label className="field note">
        {value === "not_met" ? "Ghi chú (bắt buộc khi chưa đạt: ghi rõ nội dung chưa đạt)" : "Ghi chú"}
        <DebouncedTextArea
          name={`note-${item.id}`}
          value={note}
          rows={2}
          disabled={disabled}
          aria-invalid={needsNote(value, note) ? true : undefined}
          onCommit={(text) => onAnswer({ note: text })}
        />
      </label>
      {needsNote(value, note) ? <p className="field-error">Tiêu chí chưa đạt cần có ghi chú nêu rõ tồn tại.</p> : null}

      {value === "not_met" && !needsNote(value, note) ? (
        <div className="draft-finding">
          {findingSent ? (
            <p className="notice-ok">Đã đưa vào dự thảo tồn tại, hạn chế của buổi giám sát.</p>
          ) : (
            <>
              <label className="field">
                Đề xuất tồn tại, hạn chế (có thể sửa)
                <textarea name={`finding-${item.id}`} value={finding} rows={3} disabled={disabled} onChange={(e) => setFinding(e.target.value)} />
              </label>
              <button
                type="button"
                className="secondary"
                disabled={disabled || finding.trim() === ""}
                onClick={() => {
                  onAnswer({ draftFinding: finding });
                  setFindingSent(true);
                }}
              >
                Đưa vào dự thảo tồn tại, hạn chế
              </button>
            </>
          )}
        </div>
      ) : null}

      <PhotoStrip itemId={item.id} photos={photos} disabled={disabled} onAdd={onPhoto} />
      <footer>
        <SaveState sync={sync} />
      </footer>
      {sync?.notice ? <ItemNotice notice={sync.notice} onReapply={onAnswer} onDismiss={onDismiss} /> : null}
    </article>
  );
}
