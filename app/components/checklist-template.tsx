/**
 * Pieces of the administrator's checklist template pages: the status badge and the forms for an
 * item's wording, a new item and the title. Each form keeps what was typed on the device
 * (use-form-draft) until the server accepts it.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { Form, Link, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { DefaultValues, FieldErrors, FieldValues, Resolver } from "react-hook-form";
import { useRemixForm } from "remix-hook-form";
import type { z } from "zod";
import { INDICATORS } from "~/domain/indicators";
import type { FormErrors } from "~/forms.server";
import {
  ANSWER_TYPES,
  ANSWER_TYPE_LABELS,
  type ItemAddValues,
  type ItemEditValues,
  TEMPLATE_STATUS_LABELS,
  type TemplateStatus,
  type TitleEditValues,
  itemAddSchema,
  itemEditSchema,
  titleEditSchema,
} from "~/schemas/checklist-template";
import { FormError, SelectField, TextAreaField, TextField } from "./fields";
import { DraftNotice, useFormDraft } from "./use-form-draft";

const STATUS_BADGE: Record<TemplateStatus, string> = { draft: "due_soon", published: "on_track", retired: "closed" };

export function TemplateStatusBadge({ status }: { status: TemplateStatus }) {
  return <span className={`badge ${STATUS_BADGE[status]}`}>{TEMPLATE_STATUS_LABELS[status]}</span>;
}

/** Draft keys, shared with the page that drops a draft once the server has saved it. */
export const templateDraftKey = {
  item: (itemId: number) => `template-item:${itemId}`,
  add: (templateId: number, sectionId: number) => `template-add:${templateId}:${sectionId}`,
  title: (templateId: number) => `template-title:${templateId}`,
};

/** "97,5" or "97.5" → 97.5; empty → null (no target). */
const percentValue = (v: unknown) => {
  if (v === null || v === undefined) return null;
  const text = String(v).trim();
  return text === "" ? null : Number(text.replace(",", "."));
};

type FormProps<T> = { defaultValues: T; serverErrors?: FormErrors; cancelTo: string; draftKey: string };

/** A react-hook-form on the page's action, validated by the shared schema, with its draft kept. */
function useTemplateForm<T extends FieldValues>(schema: z.ZodType<T, T>, { defaultValues, serverErrors, draftKey }: FormProps<T>) {
  const form = useRemixForm<T>({
    resolver: zodResolver(schema as never) as unknown as Resolver<T>,
    defaultValues: defaultValues as DefaultValues<T>,
    errors: serverErrors as FieldErrors<T> | undefined,
  });
  const draft = useFormDraft(draftKey, form);
  return { form, draft, register: form.register, errors: form.formState.errors };
}

function FormShell<T extends FieldValues>({
  form,
  draft,
  submitLabel,
  cancelTo,
  children,
}: ReturnType<typeof useTemplateForm<T>> & { submitLabel: string; cancelTo: string; children: ReactNode }) {
  const navigation = useNavigation();
  return (
    <Form method="post" className="stack template-form" onSubmit={form.handleSubmit} noValidate>
      <DraftNotice {...draft} />
      <FormError message={form.formState.errors.root?.message} />
      {children}
      <div className="actions">
        <button type="submit" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
        <Link to={cancelTo} className="button secondary" preventScrollReset>
          Hủy
        </Link>
      </div>
    </Form>
  );
}

export function ItemEditForm({ hasTarget, ...props }: FormProps<ItemEditValues> & { hasTarget: boolean }) {
  const state = useTemplateForm(itemEditSchema, props);
  const { register, errors } = state;
  return (
    <FormShell {...state} submitLabel="Lưu tiêu chí" cancelTo={props.cancelTo}>
      <TextAreaField label="Nội dung tiêu chí" hint="Một câu kiểm tra được: đạt hoặc chưa đạt." error={errors.text?.message} {...register("text")} />
      <TextAreaField label="Hướng dẫn kiểm tra" error={errors.guidance?.message} {...register("guidance")} />
      <TextAreaField label="Căn cứ pháp lý" error={errors.legalBasis?.message} {...register("legalBasis")} />
      {hasTarget ? (
        <TextField
          label="Chỉ tiêu (%)"
          inputMode="decimal"
          hint="Để trống nếu không đặt chỉ tiêu."
          error={errors.targetPercent?.message}
          {...register("targetPercent", { setValueAs: percentValue })}
        />
      ) : null}
    </FormShell>
  );
}

export function ItemAddForm(props: FormProps<ItemAddValues>) {
  const state = useTemplateForm(itemAddSchema, props);
  const { register, errors } = state;
  const isIndicator = state.form.watch("answerType") === "indicator";
  return (
    <FormShell {...state} submitLabel="Thêm tiêu chí" cancelTo={props.cancelTo}>
      <TextField label="Mã tiêu chí" autoCapitalize="characters" autoComplete="off" hint="Ví dụ: B6. Không trùng với tiêu chí khác của mẫu." error={errors.code?.message} {...register("code")} />
      <TextAreaField label="Nội dung tiêu chí" error={errors.text?.message} {...register("text")} />
      <SelectField
        label="Loại trả lời"
        error={errors.answerType?.message}
        options={ANSWER_TYPES.map((t) => ({ value: t, label: ANSWER_TYPE_LABELS[t] }))}
        {...register("answerType")}
      />
      {isIndicator ? (
        <>
          <SelectField
            label="Chỉ số"
            placeholder="Chọn chỉ số"
            error={errors.indicatorCode?.message}
            options={INDICATORS.map((d) => ({ value: d.code, label: d.label }))}
            {...register("indicatorCode", { setValueAs: (v) => (v === "" ? null : v) })}
          />
          <TextField
            label="Chỉ tiêu (%)"
            inputMode="decimal"
            hint="Chỉ cho chỉ số dạng tỷ lệ; để trống nếu không đặt chỉ tiêu."
            error={errors.targetPercent?.message}
            {...register("targetPercent", { setValueAs: percentValue })}
          />
        </>
      ) : null}
      <TextAreaField label="Hướng dẫn kiểm tra" error={errors.guidance?.message} {...register("guidance")} />
      <TextAreaField label="Căn cứ pháp lý" error={errors.legalBasis?.message} {...register("legalBasis")} />
    </FormShell>
  );
}

export function TitleForm(props: FormProps<TitleEditValues>) {
  const state = useTemplateForm(titleEditSchema, props);
  const { register, errors } = state;
  return (
    <FormShell {...state} submitLabel="Lưu tên mẫu phiếu" cancelTo={props.cancelTo}>
      <TextField label="Tên mẫu phiếu" error={errors.title?.message} {...register("title")} />
      <TextAreaField label="Mô tả" error={errors.description?.message} {...register("description")} />
    </FormShell>
  );
}
