import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useState } from "react";
import { useWatch } from "react-hook-form";
import {
  type CitationTarget,
  type FindingCreateValues,
  type FindingSources,
  type FindingUpdateValues,
  type FindingView,
  findingCreateSchema,
  findingUpdateSchema,
} from "~/schemas/finding";
import { FormError, TextAreaField } from "../fields";
import { SavedNotice } from "../save-outcome";
import { DraftNotice } from "../use-form-draft";
import { CitationList, CitationPicker, sourceLabel } from "./citations";
import { FormButtons, ReloadButton, usePageForm } from "./page-form";

const CITED_FIELDS = { item: "itemIds", figure: "figureIds", photo: "attachmentIds" } as const;

/**
 * Adds a finding to one list of the page (achievements, shortcomings, the causes of one
 * shortcoming) with what it cites. What is typed stays on a refusal and in a local draft until
 * the server has it.
 */
export function FindingCreateForm({
  defaults,
  draftKey,
  sources,
  label,
  submitLabel,
  onDone,
  onCancel,
}: {
  defaults: FindingCreateValues;
  draftKey: string;
  sources: FindingSources;
  label: string;
  submitLabel: string;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const page = usePageForm<FindingCreateValues>({ resolver: zodResolver(findingCreateSchema), defaults, draftKey, resetOnSuccess: true, onDone });
  const { register, handleSubmit, setValue, control } = page.form;
  const [itemIds, figureIds, attachmentIds] = useWatch({ control, name: ["itemIds", "figureIds", "attachmentIds"] });
  const chosen = { item: itemIds ?? [], figure: figureIds ?? [], photo: attachmentIds ?? [] };
  const chips = (Object.keys(chosen) as CitationTarget[]).flatMap((target) =>
    chosen[target].map((id) => ({ key: `${target}:${id}`, target, ...sourceLabel(sources, target, id) })),
  );
  const pick = (target: CitationTarget, id: number) => {
    if (!chosen[target].includes(id)) setValue(CITED_FIELDS[target], [...chosen[target], id], { shouldDirty: true });
  };
  const unpick = (key: string) => {
    const [target, id] = key.split(":") as [CitationTarget, string];
    setValue(
      CITED_FIELDS[target],
      chosen[target].filter((x) => x !== Number(id)),
      { shouldDirty: true },
    );
  };
  const { message } = page;
  return (
    <page.fetcher.Form method="post" className="finding-form" onSubmit={handleSubmit} noValidate onChange={page.clearSaved}>
      <DraftNotice {...page.draft} />
      <SavedNotice message={page.saved} />
      <FormError message={message("root") ?? message("parentId") ?? message("causeKind") ?? message("kind")} />
      <TextAreaField id={page.fieldId("text")} label={label} rows={3} error={message("text")} {...register("text")} />
      <CitationList citations={chips} onRemove={unpick} />
      <FormError message={message("itemIds") ?? message("figureIds") ?? message("attachmentIds")} />
      <details className="add-citation">
        <summary>Thêm căn cứ (tiêu chí, số liệu, ảnh)</summary>
        <CitationPicker sources={sources} onPick={pick} />
      </details>
      <FormButtons busy={page.busy} submitLabel={submitLabel} onCancel={onCancel} cancelLabel="Đóng" />
    </page.fetcher.Form>
  );
}

/**
 * Edits a finding's text from the revision it was opened at. When someone else changed it
 * meanwhile, the server refuses; after a reload their text is shown beside what was typed here,
 * which stays, and saving again replaces theirs knowingly.
 */
export function FindingEditForm({ finding, draftKey, onDone, onCancel }: { finding: FindingView; draftKey: string; onDone: () => void; onCancel: () => void }) {
  const page = usePageForm<FindingUpdateValues>({
    resolver: zodResolver(findingUpdateSchema),
    defaults: { intent: "finding.update", id: finding.id, revision: finding.revision, text: finding.text },
    draftKey,
    resetOnSuccess: false,
    onDone,
  });
  const { register, handleSubmit, setValue, getValues } = page.form;
  const [theirs, setTheirs] = useState<string | null>(null);
  useEffect(() => {
    if (finding.revision !== getValues("revision")) {
      setTheirs(finding.text);
      setValue("revision", finding.revision);
    }
  }, [finding.revision, finding.text, getValues, setValue]);
  const { message } = page;
  return (
    <page.fetcher.Form method="post" className="finding-form" onSubmit={handleSubmit} noValidate>
      <DraftNotice {...page.draft} />
      <FormError message={message("root")} />
      {message("root") ? <ReloadButton /> : null}
      {theirs !== null ? (
        <div className="notice-draft" role="status">
          Người khác vừa sửa mục này thành: “{theirs}”. Nội dung bạn đang sửa vẫn giữ nguyên; bấm Lưu để thay bằng nội dung của bạn.
        </div>
      ) : null}
      <TextAreaField id={page.fieldId("text")} label="Nội dung" rows={4} error={message("text")} {...register("text")} />
      <FormButtons busy={page.busy} submitLabel="Lưu" onCancel={onCancel} />
    </page.fetcher.Form>
  );
}
