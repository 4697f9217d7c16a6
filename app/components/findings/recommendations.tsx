import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { type Resolver, useWatch } from "react-hook-form";
import { addDays } from "~/domain/deadlines";
import { formatDate } from "~/domain/vietnamese";
import {
  type RecommendationCreateValues,
  type RecommendationUpdateValues,
  type RecommendationView,
  recommendationCreateSchema,
  recommendationUpdateSchema,
} from "~/schemas/recommendation";
import { FormError, SelectField, TextAreaField, TextField } from "../fields";
import { SavedNotice } from "../save-outcome";
import { DraftNotice } from "../use-form-draft";
import { FormButtons, ReloadButton, usePageForm } from "./page-form";
import { ErrorNote, RowActions, useIntent, useMergePick } from "./use-intent";

/** The merge selection's list of a visit's draft recommendations. */
export const RECOMMENDATION_LIST = "recommendations";

export type Answerable = { id: number; kind: "achievement" | "shortcoming" | "cause"; text: string };
type Choices = { addressees: { id: number; name: string }[]; answerable: Answerable[]; today: string };

const KIND_SHORT = { achievement: "Kết quả", shortcoming: "Tồn tại", cause: "Nguyên nhân" } as const;
const shorten = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const toUnitId = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));

type Values = RecommendationCreateValues | RecommendationUpdateValues;

/**
 * Adds or edits a draft recommendation: the unit and role it is addressed to, its text, the date
 * by which the unit reports remediation, and the findings it answers.
 */
export function RecommendationForm({
  defaults,
  draftKey,
  choices,
  submitLabel,
  onDone,
  onCancel,
}: {
  defaults: Values;
  draftKey: string;
  choices: Choices;
  submitLabel: string;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const creating = defaults.intent === "recommendation.create";
  const page = usePageForm<Values>({
    resolver: zodResolver(creating ? recommendationCreateSchema : recommendationUpdateSchema) as Resolver<Values>,
    defaults,
    draftKey,
    resetOnSuccess: creating,
    onDone,
  });
  const { register, handleSubmit, setValue, control } = page.form;
  const chosen = useWatch({ control, name: "findingIds" }) ?? [];
  const { message, fieldId: id } = page;
  return (
    <page.fetcher.Form method="post" className="finding-form" onSubmit={handleSubmit} noValidate onChange={page.clearSaved}>
      <DraftNotice {...page.draft} />
      <SavedNotice message={page.saved} />
      <FormError message={message("root")} />
      {!creating && message("root") ? <ReloadButton /> : null}
      <div className="grid">
        <SelectField
          id={id("unit")}
          label="Đơn vị nhận kiến nghị"
          placeholder="Chọn đơn vị"
          error={message("addressedUnitId")}
          options={choices.addressees.map((a) => ({ value: a.id, label: a.name }))}
          {...register("addressedUnitId", { setValueAs: toUnitId })}
        />
        <TextField
          id={id("role")}
          label="Chức danh người nhận"
          hint="Ví dụ: Chủ tịch UBND phường"
          autoComplete="off"
          error={message("addressedRole")}
          {...register("addressedRole")}
        />
      </div>
      <TextAreaField id={id("text")} label="Nội dung kiến nghị" rows={3} error={message("text")} {...register("text")} />
      <TextField
        id={id("deadline")}
        type="date"
        label="Hạn báo cáo kết quả khắc phục"
        hint="Đơn vị báo cáo kết quả khắc phục trước ngày này."
        min={addDays(choices.today, 1)}
        error={message("deadline")}
        {...register("deadline")}
      />
      <fieldset className="answers-choice">
        <legend>Kiến nghị này xuất phát từ</legend>
        {choices.answerable.length === 0 ? <p className="muted">Chưa có kết quả đạt được hay tồn tại, hạn chế nào.</p> : null}
        {choices.answerable.map((f) => (
          <label key={f.id} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(f.id)}
              onChange={(e) =>
                setValue("findingIds", e.target.checked ? [...chosen, f.id] : chosen.filter((x) => x !== f.id), { shouldDirty: true })
              }
            />
            <span>
              {KIND_SHORT[f.kind]}: {shorten(f.text)}
            </span>
          </label>
        ))}
        <FormError message={message("findingIds")} />
      </fieldset>
      <FormButtons busy={page.busy} submitLabel={submitLabel} onCancel={onCancel} />
    </page.fetcher.Form>
  );
}

/** One recommendation: to whom, what, by when, from which findings; drafts can be edited, moved, deleted. */
export function RecommendationCard({
  recommendation: r,
  index,
  first,
  last,
  editable,
  visitId,
  choices,
}: {
  recommendation: RecommendationView;
  index: number;
  first: boolean;
  last: boolean;
  editable: boolean;
  visitId: number;
  choices: Choices;
}) {
  const [editing, setEditing] = useState(false);
  const intent = useIntent();
  const issued = r.noticeId !== null;
  const { ticked, pick } = useMergePick(RECOMMENDATION_LIST, r.id);
  return (
    <article className={`finding-card recommendation${issued ? " issued" : ""}${ticked ? " ticked" : ""}`} id={`recommendation-${r.id}`} data-recommendation-id={r.id}>
      {editing ? (
        <RecommendationForm
          defaults={{
            intent: "recommendation.update",
            id: r.id,
            revision: r.revision,
            addressedUnitId: r.addressedUnitId,
            addressedRole: r.addressedRole,
            text: r.text,
            deadline: r.deadline,
            findingIds: r.findings.map((f) => f.id),
          }}
          draftKey={`recommendation:${visitId}:${r.id}`}
          choices={{ ...choices, addressees: choices.addressees.some((a) => a.id === r.addressedUnitId) ? choices.addressees : [{ id: r.addressedUnitId, name: r.addressedUnitName }, ...choices.addressees] }}
          submitLabel="Lưu"
          onDone={() => setEditing(false)}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="finding-body">
          <span className="finding-marker">{index + 1}.</span>
          <div className="finding-main">
            <p className="finding-text">{r.text}</p>
            <p className="recommendation-meta">
              Gửi: <strong>{r.addressedRole ? `${r.addressedRole}, ${r.addressedUnitName}` : r.addressedUnitName}</strong> · Hạn báo cáo kết quả khắc phục:{" "}
              <strong>{formatDate(r.deadline)}</strong>
              {issued ? <span className="badge closed">Đã ban hành trong thông báo kết luận</span> : null}
            </p>
            {r.findings.length > 0 ? (
              <ul className="citations" aria-label="Xuất phát từ">
                {r.findings.map((f) => (
                  <li key={f.id} className="citation">
                    <span>
                      <span className="citation-kind">{KIND_SHORT[f.kind]}:</span> {shorten(f.text)}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
      )}
      {editable && !issued && !editing ? (
        <RowActions
          entity="recommendation"
          id={r.id}
          revision={r.revision}
          first={first}
          last={last}
          deleteConfirmation="Xóa kiến nghị này?"
          intent={intent}
          onEdit={() => setEditing(true)}
        >
          {pick}
        </RowActions>
      ) : null}
      <ErrorNote message={intent.error} />
    </article>
  );
}
