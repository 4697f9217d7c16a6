import { type ReactNode, useState } from "react";
import {
  CAUSE_KINDS,
  CAUSE_KIND_LABELS,
  type FindingSources,
  type FindingView,
  type ShortcomingView,
  emptyFinding,
} from "~/schemas/finding";
import { CitationList, CitationPicker } from "./citations";
import { FindingCreateForm, FindingEditForm } from "./finding-forms";
import { ErrorNote, MergeBar, RowActions, useIntent, useMergePick } from "./use-intent";

type Shared = { visitId: number; editable: boolean; sources: FindingSources };

/** The list a finding belongs to, for merging and moving: its kind, or a cause's shortcoming and kind. */
export function listKey(finding: Pick<FindingView, "kind" | "parentId" | "causeKind">): string {
  return finding.kind === "cause" ? `cause:${finding.parentId}:${finding.causeKind}` : finding.kind;
}

const DELETE_CONFIRM: Record<FindingView["kind"], string> = {
  achievement: "Xóa kết quả đạt được này?",
  shortcoming: "Xóa tồn tại, hạn chế này cùng các nguyên nhân của nó?",
  cause: "Xóa nguyên nhân này?",
};

/** One finding: its text, what it cites, and (for the team while the visit is open) edit, move, merge, delete. */
export function FindingCard({
  finding,
  marker,
  first,
  last,
  visitId,
  editable,
  sources,
  children,
}: Shared & { finding: FindingView; marker: string; first: boolean; last: boolean; children?: ReactNode }) {
  const [editing, setEditing] = useState(false);
  const intent = useIntent();
  const { ticked, pick } = useMergePick(listKey(finding), finding.id);
  const chips = finding.citations.map((c) => ({ key: String(c.id), target: c.target, label: c.label, url: c.url }));
  return (
    <article className={`finding-card ${finding.kind}${ticked ? " ticked" : ""}`} id={`finding-${finding.id}`} data-finding-id={finding.id}>
      <div className="finding-body">
        <span className="finding-marker">{marker}</span>
        <div className="finding-main">
          {editing ? (
            <FindingEditForm
              finding={finding}
              draftKey={`finding:${visitId}:${finding.id}`}
              onDone={() => setEditing(false)}
              onCancel={() => setEditing(false)}
            />
          ) : (
            <p className="finding-text">{finding.text}</p>
          )}
          <CitationList
            citations={chips}
            busy={intent.busy}
            onRemove={editable ? (key) => intent.submit({ intent: "citation.remove", citationId: Number(key) }) : undefined}
          />
        </div>
      </div>
      {editable && !editing ? (
        <>
          <details className="add-citation">
            <summary>Thêm căn cứ (tiêu chí, số liệu, ảnh)</summary>
            <CitationPicker
              sources={sources}
              busy={intent.busy}
              onPick={(target, targetId) => intent.submit({ intent: "citation.add", findingId: finding.id, target, targetId })}
            />
          </details>
          <RowActions
            entity="finding"
            id={finding.id}
            revision={finding.revision}
            first={first}
            last={last}
            deleteConfirmation={DELETE_CONFIRM[finding.kind]}
            intent={intent}
            onEdit={() => setEditing(true)}
          >
            {pick}
          </RowActions>
        </>
      ) : null}
      <ErrorNote message={intent.error} />
      {children}
    </article>
  );
}

/** A list of findings of one kind with its merge bar; `marker` numbers or bullets them. */
export function FindingList({
  findings,
  list,
  marker,
  empty,
  renderChildren,
  ...shared
}: Shared & {
  findings: FindingView[];
  list: string;
  marker: (index: number) => string;
  empty: string;
  renderChildren?: (finding: FindingView, index: number) => ReactNode;
}) {
  return (
    <>
      {findings.length === 0 ? <p className="muted">{empty}</p> : null}
      {findings.map((finding, index) => (
        <FindingCard key={finding.id} finding={finding} marker={marker(index)} first={index === 0} last={index === findings.length - 1} {...shared}>
          {renderChildren?.(finding, index)}
        </FindingCard>
      ))}
      {shared.editable ? <MergeBar list={list} order={findings.map((f) => f.id)} /> : null}
    </>
  );
}

/** A button that opens an "add" form in place, and closes it once saved. */
export function AddToggle({ label, children }: { label: string; children: (close: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  if (open) return <div className="add-inline">{children(() => setOpen(false))}</div>;
  return (
    <button type="button" className="secondary add-button" onClick={() => setOpen(true)}>
      + {label}
    </button>
  );
}

/** The objective and subjective causes under one shortcoming, each list with its own "add". */
export function CauseLists({ shortcoming, number, ...shared }: Shared & { shortcoming: ShortcomingView; number: number }) {
  return (
    <div className="causes">
      {CAUSE_KINDS.map((causeKind) => {
        const title = CAUSE_KIND_LABELS[causeKind];
        return (
          <section key={causeKind} className={`cause-group ${causeKind}`} aria-label={`${title} của tồn tại ${number}`}>
            <h4>{title}</h4>
            <FindingList
              {...shared}
              findings={shortcoming.causes[causeKind]}
              list={listKey({ kind: "cause", parentId: shortcoming.id, causeKind })}
              marker={() => "–"}
              empty="Chưa có."
            />
            {shared.editable ? (
              <AddToggle label={`Thêm ${title.toLocaleLowerCase("vi")}`}>
                {(close) => (
                  <FindingCreateForm
                    defaults={emptyFinding("cause", { parentId: shortcoming.id, causeKind })}
                    draftKey={`finding:${shared.visitId}:new:cause:${shortcoming.id}:${causeKind}`}
                    sources={shared.sources}
                    label={title}
                    submitLabel={`Lưu ${title.toLocaleLowerCase("vi")}`}
                    onDone={close}
                    onCancel={close}
                  />
                )}
              </AddToggle>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}

/** One section of the page: the achievements or the shortcomings, numbered, with the form that adds one. */
export function FindingSection({
  kind,
  title,
  findings,
  renderChildren,
  ...shared
}: Shared & {
  kind: "achievement" | "shortcoming";
  title: string;
  findings: FindingView[];
  renderChildren?: (finding: FindingView, index: number) => ReactNode;
}) {
  const lowered = title.toLocaleLowerCase("vi");
  return (
    <section className="findings-section" aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`}>{title}</h2>
      <FindingList {...shared} findings={findings} list={kind} marker={(i) => `${i + 1}.`} empty={`Chưa có ${lowered} nào.`} renderChildren={renderChildren} />
      {shared.editable ? (
        <div className="panel add-panel">
          <FindingCreateForm
            defaults={emptyFinding(kind)}
            draftKey={`finding:${shared.visitId}:new:${kind}`}
            sources={shared.sources}
            label={`Thêm ${lowered}`}
            submitLabel={`Lưu ${lowered}`}
          />
        </div>
      ) : null}
    </section>
  );
}
