import { type FetcherWithComponents, useFetcher } from "@remix-run/react";
import { type ReactNode, createContext, useContext, useEffect, useRef, useState } from "react";
import { createFormData } from "remix-hook-form";
import type { FormActionData } from "~/forms.server";

/** Every message of a refused post, the general one first, each once. */
export function refusalText(data: FormActionData | undefined): string | null {
  if (!data?.errors) return null;
  const { root, ...fields } = data.errors;
  const messages = [root?.message, ...Object.values(fields).map((e) => e.message)].filter((m): m is string => Boolean(m));
  return messages.length > 0 ? [...new Set(messages)].join(" ") : null;
}

/** Calls `onSuccess` once for each post the server accepted. */
export function useFetcherSuccess(fetcher: FetcherWithComponents<FormActionData>, onSuccess: (data: FormActionData) => void) {
  const handled = useRef(fetcher.data);
  const callback = useRef(onSuccess);
  callback.current = onSuccess;
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data || fetcher.data === handled.current) return;
    handled.current = fetcher.data;
    if (fetcher.data.ok) callback.current(fetcher.data);
  }, [fetcher.state, fetcher.data]);
}

/**
 * A button's post to the page's action (move, delete, merge, cite, turn a suggestion into a
 * finding): values sent as remix-hook-form sends them, after an optional confirmation.
 */
export function useIntent() {
  const fetcher = useFetcher<FormActionData>();
  return {
    busy: fetcher.state !== "idle",
    error: fetcher.state === "idle" ? refusalText(fetcher.data) : null,
    submit(values: Record<string, unknown>, confirmation?: string) {
      if (confirmation && !window.confirm(confirmation)) return;
      fetcher.submit(createFormData(values), { method: "post" });
    },
  };
}

export function ErrorNote({ message }: { message: string | null }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** Findings ticked for merging: all from one list ("achievement", "shortcoming", "cause:12:objective"). */
type MergeSelection = { list: string | null; ids: number[]; toggle: (list: string, id: number) => void; clear: () => void };

const MergeContext = createContext<MergeSelection>({ list: null, ids: [], toggle: () => {}, clear: () => {} });

export function MergeProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ list: string | null; ids: number[] }>({ list: null, ids: [] });
  const value: MergeSelection = {
    ...state,
    toggle: (list, id) =>
      setState((current) => {
        // Ticking a finding of another list starts a new selection: only findings of one list merge.
        if (current.list !== list) return { list, ids: [id] };
        const ids = current.ids.includes(id) ? current.ids.filter((x) => x !== id) : [...current.ids, id];
        return { list: ids.length > 0 ? list : null, ids };
      }),
    clear: () => setState({ list: null, ids: [] }),
  };
  return <MergeContext.Provider value={value}>{children}</MergeContext.Provider>;
}

export function useMergeSelection() {
  return useContext(MergeContext);
}

/** Whether a row is ticked for merging, and the tick box that toggles it (for `RowActions`). */
export function useMergePick(list: string, id: number) {
  const selection = useMergeSelection();
  const ticked = selection.list === list && selection.ids.includes(id);
  const pick = (
    <label className="checkbox merge-pick">
      <input type="checkbox" checked={ticked} onChange={() => selection.toggle(list, id)} />
      Chọn để gộp
    </label>
  );
  return { ticked, pick };
}

const MERGE_WORDING = {
  finding: {
    noun: "mục",
    button: "Gộp",
    confirmation: "Nội dung được nối lại theo thứ tự; căn cứ, nguyên nhân và kiến nghị liên quan được giữ.",
  },
  recommendation: {
    noun: "kiến nghị",
    button: "Gộp kiến nghị",
    confirmation: "Nội dung được nối lại theo thứ tự, giữ hạn sớm nhất và mọi kết quả, tồn tại liên quan.",
  },
} as const;

/**
 * Under a list: how many of its rows are ticked, and the button that merges them (`finding.merge`
 * or `recommendation.merge`; the latter also sends the revisions seen, `revisions` matching `order`).
 */
export function MergeBar({
  list,
  order,
  entity = "finding",
  revisions,
}: {
  list: string;
  order: number[];
  entity?: "finding" | "recommendation";
  revisions?: number[];
}) {
  const selection = useMergeSelection();
  const intent = useIntent();
  const ids = selection.list === list ? order.filter((id) => selection.ids.includes(id)) : [];
  useEffect(() => {
    // Merged or deleted meanwhile: forget what is no longer on the page.
    if (selection.list === list && selection.ids.some((id) => !order.includes(id))) selection.clear();
  }, [selection, list, order]);
  if (ids.length === 0) return <ErrorNote message={intent.error} />;
  const wording = MERGE_WORDING[entity];
  const seen = revisions ? { revisions: ids.map((id) => revisions[order.indexOf(id)]) } : {};
  return (
    <div className="merge-bar" role="region" aria-label={`Gộp các ${wording.noun} đã chọn`}>
      <span>
        Đã chọn {ids.length} {wording.noun}
        {ids.length < 2 ? `: chọn thêm ít nhất một ${wording.noun} cùng danh sách để gộp.` : "."}
      </span>
      <button
        type="button"
        disabled={ids.length < 2 || intent.busy}
        onClick={() =>
          intent.submit({ intent: `${entity}.merge`, ids, ...seen }, `Gộp ${ids.length} ${wording.noun} đã chọn thành một? ${wording.confirmation}`)
        }
      >
        {wording.button}
      </button>
      <button type="button" className="secondary" onClick={selection.clear}>
        Bỏ chọn
      </button>
      <ErrorNote message={intent.error} />
    </div>
  );
}

/**
 * Edit, move up, move down and delete for one row of a list (a finding, a draft recommendation),
 * posting `<entity>.move` and `<entity>.delete`; `children` go first (the merge tick box).
 */
export function RowActions({
  entity,
  id,
  revision,
  first,
  last,
  deleteConfirmation,
  intent,
  onEdit,
  children,
}: {
  entity: "finding" | "recommendation";
  id: number;
  revision: number;
  first: boolean;
  last: boolean;
  deleteConfirmation: string;
  intent: ReturnType<typeof useIntent>;
  onEdit: () => void;
  children?: ReactNode;
}) {
  const move = (direction: "up" | "down") => intent.submit({ intent: `${entity}.move`, id, direction });
  return (
    <div className="finding-actions">
      {children}
      <button type="button" className="secondary" onClick={onEdit}>
        Sửa
      </button>
      <button type="button" className="secondary" disabled={first || intent.busy} onClick={() => move("up")}>
        ↑ Lên
      </button>
      <button type="button" className="secondary" disabled={last || intent.busy} onClick={() => move("down")}>
        ↓ Xuống
      </button>
      <button
        type="button"
        className="danger"
        disabled={intent.busy}
        onClick={() => intent.submit({ intent: `${entity}.delete`, id, revision }, deleteConfirmation)}
      >
        Xóa
      </button>
    </div>
  );
}
