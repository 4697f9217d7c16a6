import type { FindingSources } from "~/schemas/finding";
import { emptyFinding } from "~/schemas/finding";
import { ErrorNote, useIntent } from "./use-intent";

const SOURCE_LABELS = { reported: "đơn vị báo cáo", verified: "đoàn kiểm tra" } as const;

/**
 * What the checklist already says, ready to become findings with one tap: each "chưa đạt" answer
 * proposes a shortcoming citing its item; each figure proposes an achievement (or, below its
 * target, a shortcoming) citing the figure. The team edits the text afterwards.
 */
export function SourcesPanel({ sources, editable }: { sources: FindingSources; editable: boolean }) {
  const intent = useIntent();
  const open = sources.notMet.some((a) => !a.cited) || sources.figures.some((f) => !f.cited) || sources.carriedNotMet.some((c) => !c.proposed);
  return (
    <details className="panel sources-panel" open={open}>
      <summary>
        Gợi ý từ phiếu kiểm tra: {sources.notMet.length} tiêu chí chưa đạt, {sources.figures.length} số liệu
      </summary>
      <ErrorNote message={intent.error} />
      <h3>Tiêu chí chưa đạt</h3>
      {sources.notMet.length === 0 ? <p className="muted">Chưa có tiêu chí nào được đánh giá chưa đạt.</p> : null}
      <ul className="source-list">
        {sources.notMet.map((a) => (
          <li key={a.itemId}>
            <div>
              <strong>{a.code}.</strong> {a.text}
              {a.note ? <div className="muted">Ghi chú: {a.note}</div> : null}
            </div>
            {a.cited ? (
              <span className="badge on_track">Đã có trong tồn tại, hạn chế</span>
            ) : editable ? (
              <button
                type="button"
                className="secondary"
                disabled={intent.busy}
                onClick={() => intent.submit({ ...emptyFinding("shortcoming"), text: a.proposal, itemIds: [a.itemId] })}
              >
                Đưa vào tồn tại, hạn chế
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {sources.carriedNotMet.length > 0 ? (
        <>
          <h3>Kiến nghị kỳ trước chưa khắc phục</h3>
          <ul className="source-list">
            {sources.carriedNotMet.map((c) => (
              <li key={c.recommendationId}>
                <div>
                  {c.text}
                  {c.noticeReference ? <div className="muted">Thông báo số {c.noticeReference}</div> : null}
                  {c.note ? <div className="muted">Ghi chú: {c.note}</div> : null}
                </div>
                {c.proposed ? (
                  <span className="badge on_track">Đã có trong tồn tại, hạn chế</span>
                ) : editable ? (
                  <button type="button" className="secondary" disabled={intent.busy} onClick={() => intent.submit({ ...emptyFinding("shortcoming"), text: c.proposal })}>
                    Đưa vào tồn tại, hạn chế
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Số liệu</h3>
      {sources.figures.length === 0 ? <p className="muted">Buổi giám sát chưa có số liệu.</p> : null}
      <ul className="source-list">
        {sources.figures.map((f) => (
          <li key={f.id}>
            <div>
              <strong>{f.label}</strong>: {f.value} <span className="muted">({SOURCE_LABELS[f.source]})</span>
              {f.cited ? <div className="muted">Đã được dẫn trong kết quả giám sát.</div> : null}
            </div>
            {editable ? (
              <span className="source-actions">
                <button
                  type="button"
                  className={f.belowTarget ? "secondary" : undefined}
                  disabled={intent.busy}
                  onClick={() => intent.submit({ ...emptyFinding("achievement"), text: f.proposal, figureIds: [f.id] })}
                >
                  Đưa vào kết quả đạt được
                </button>
                <button
                  type="button"
                  className={f.belowTarget ? undefined : "secondary"}
                  disabled={intent.busy}
                  onClick={() => intent.submit({ ...emptyFinding("shortcoming"), text: f.proposal, figureIds: [f.id] })}
                >
                  Đưa vào tồn tại, hạn chế
                </button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </details>
  );
}
