import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useRemixForm } from "remix-hook-form";
import type { FormErrors } from "~/forms.server";
import { UNIT_KINDS, UNIT_KIND_LABELS, type UnitFormValues, unitFormSchema } from "~/schemas/unit";
import { CheckboxField, FormError, SelectField, TextField } from "./fields";
import { DraftNotice, useFormDraft } from "./use-form-draft";

export function UnitForm({
  defaultValues,
  parentOptions,
  serverErrors,
  submitLabel,
  draftKey,
  saved,
}: {
  defaultValues: UnitFormValues;
  parentOptions: { id: number; label: string }[];
  serverErrors?: FormErrors;
  submitLabel: string;
  /** Where the unsaved input is kept on this device ("unit:new", "unit:12"). */
  draftKey: string;
  /** True once the server accepted the form: the draft is dropped. */
  saved?: boolean;
}) {
  const navigation = useNavigation();
  const form = useRemixForm<UnitFormValues>({
    resolver: zodResolver(unitFormSchema),
    defaultValues,
    errors: serverErrors,
  });
  const {
    handleSubmit,
    register,
    formState: { errors },
  } = form;
  const draft = useFormDraft(draftKey, form, { saved });
  return (
    <Form method="post" className="stack" onSubmit={handleSubmit} noValidate>
      <DraftNotice {...draft} />
      <FormError message={errors.root?.message ?? serverErrors?.root?.message} />
      <TextField label="Tên đơn vị" error={errors.name?.message} {...register("name")} />
      <SelectField
        label="Loại đơn vị"
        error={errors.kind?.message}
        options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))}
        {...register("kind")}
      />
      <SelectField
        label="Đơn vị cấp trên"
        placeholder="(Không có – cấp cao nhất)"
        error={errors.parentId?.message}
        options={parentOptions.map((o) => ({ value: o.id, label: o.label }))}
        {...register("parentId", { setValueAs: (v) => (v === "" || v === null ? null : Number(v)) })}
      />
      <TextField
        label="Địa danh ghi trên văn bản"
        hint="Ví dụ: Bình An – dùng trong dòng “Bình An, ngày 05 tháng 4 năm 2024”."
        error={errors.placeName?.message}
        {...register("placeName")}
      />
      <TextField label="Mã đơn vị" error={errors.code?.message} {...register("code")} />
      <CheckboxField label="Đang hoạt động" {...register("active")} />
      <div className="actions">
        <button type="submit" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
