import { useId, useState } from "react";
import { CITATION_TARGETS, CITATION_TARGET_LABELS, type CitationTarget, type FindingSources } from "~/schemas/finding";
import { SelectField } from "../fields";

export type CitationChip = { key: string; target: CitationTarget; label: string; url: string | null };

const shorten = (text: string, max = 110) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The label of something a finding may cite, from the visit's sources. */
export function sourceLabel(sources: FindingSources, target: CitationTarget, id: number): { label: string; url: string | null } {
  if (target === "item") {
    const item = sources.items.find((i) => i.id === id);
    return { label: item ? `${item.code}. ${item.text}` : `Tiêu chí #${id}`, url: null };
  }
  if (target === "figure") {
    const figure = sources.figures.find((f) => f.id === id);
    return { label: figure ? `${figure.label}: ${figure.value}` : `Số liệu #${id}`, url: null };
  }
  const photo = sources.photos.find((p) => p.id === id);
  return { label: photo?.fileName ?? `Ảnh #${id}`, url: photo?.url ?? `/attachments/${id}` };
}

/** What a finding cites: items and figures as text, photos as thumbnails; each removable when allowed. */
export function CitationList({ citations, onRemove, busy }: { citations: CitationChip[]; onRemove?: (key: string) => void; busy?: boolean }) {
  if (citations.length === 0) return null;
  return (
    <ul className="citations" aria-label="Căn cứ">
      {citations.map((c) => (
        <li key={c.key} className={`citation ${c.target}`}>
          {c.url ? <img src={c.url} alt="" loading="lazy" /> : null}
          <span>
            <span className="citation-kind">{CITATION_TARGET_LABELS[c.target]}:</span> {c.label}
          </span>
          {onRemove ? (
            <button type="button" className="secondary small" disabled={busy} aria-label={`Bỏ căn cứ: ${c.label}`} onClick={() => onRemove(c.key)}>
              Bỏ
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * Picks what a finding rests on: a checklist item, a figure or a photo of this visit. Photos are
 * shown as thumbnails to tap; items and figures are chosen from a list.
 */
export function CitationPicker({ sources, onPick, busy }: { sources: FindingSources; onPick: (target: CitationTarget, id: number) => void; busy?: boolean }) {
  const uid = useId();
  const [target, setTarget] = useState<CitationTarget>("item");
  const [choice, setChoice] = useState("");
  const options =
    target === "item"
      ? sources.items.map((i) => ({ value: i.id, label: shorten(`${i.code}. ${i.text}`) }))
      : sources.figures.map((f) => ({ value: f.id, label: shorten(`${f.label}: ${f.value}`) }));
  return (
    <div className="citation-picker">
      <div className="picker-kinds" role="group" aria-label="Loại căn cứ">
        {CITATION_TARGETS.map((t) => (
          <button
            key={t}
            type="button"
            className={`kind-choice${target === t ? " selected" : ""}`}
            aria-pressed={target === t}
            onClick={() => {
              setTarget(t);
              setChoice("");
            }}
          >
            {CITATION_TARGET_LABELS[t]}
          </button>
        ))}
      </div>
      {target === "photo" ? (
        sources.photos.length === 0 ? (
          <p className="muted">Buổi giám sát chưa có ảnh.</p>
        ) : (
          <ul className="thumbs photo-choices">
            {sources.photos.map((p) => (
              <li key={p.id}>
                <button type="button" className="thumb-button" disabled={busy} onClick={() => onPick("photo", p.id)} aria-label={`Đưa ảnh ${p.fileName} vào căn cứ`}>
                  <img src={p.url} alt="" loading="lazy" />
                  <span>{p.itemCode ? `${p.itemCode} · ` : ""}{shorten(p.fileName, 24)}</span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : options.length === 0 ? (
        <p className="muted">{target === "item" ? "Kế hoạch chưa chọn mẫu phiếu kiểm tra." : "Buổi giám sát chưa có số liệu."}</p>
      ) : (
        <div className="picker-row">
          <SelectField
            id={`${uid}-choice`}
            name={`${uid}-choice`}
            label={target === "item" ? "Tiêu chí của phiếu kiểm tra" : "Số liệu của buổi giám sát"}
            placeholder="Chọn…"
            options={options}
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
          />
          <button
            type="button"
            disabled={choice === "" || busy}
            onClick={() => {
              onPick(target, Number(choice));
              setChoice("");
            }}
          >
            Đưa vào căn cứ
          </button>
        </div>
      )}
    </div>
  );
}
