import { useState } from "react";
import type { PhotoView } from "~/checklist/use-visit-sync";

const STATE_LABELS = { saved: "Đã lưu", waiting: "Đang chờ gửi", failed: "Lỗi" } as const;

/** Thumbnails of an item's photos and the button that opens the tablet's camera. */
export function PhotoStrip({
  itemId,
  photos,
  disabled,
  onAdd,
}: {
  itemId: number;
  photos: PhotoView[];
  disabled: boolean;
  onAdd: (file: File) => Promise<void>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="photos">
      {photos.length > 0 ? (
        <ul className="thumbs">
          {photos.map((p) => (
            <li key={p.key} className={`thumb ${p.state}`}>
              <a href={p.url} target="_blank" rel="noreferrer">
                <img src={p.url} alt="Ảnh chụp tại buổi giám sát" width={96} height={96} loading="lazy" />
              </a>
              <span>{p.message ? `${STATE_LABELS[p.state]}: ${p.message}` : STATE_LABELS[p.state]}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <label className={`button secondary photo-button${disabled || busy ? " disabled" : ""}`}>
        {busy ? "Đang xử lý ảnh…" : "Chụp ảnh"}
        <input
          type="file"
          accept="image/*"
          capture="environment"
          name={`photo-${itemId}`}
          disabled={disabled || busy}
          className="visually-hidden"
          onChange={async (e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = "";
            setError(null);
            setBusy(true);
            try {
              for (const file of files) await onAdd(file);
            } catch (failure) {
              setError((failure as Error).message);
            } finally {
              setBusy(false);
            }
          }}
        />
      </label>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
    </div>
  );
}
