import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation } from "@remix-run/react";
import { type FieldErrors, get, useFieldArray } from "react-hook-form";
import { useRemixForm } from "remix-hook-form";
import { formatDate } from "~/domain/vietnamese";
import type { FormErrors } from "~/forms.server";
import { type PlanFormValues, TEAM_ROLES, planFormSchema } from "~/schemas/plan";
import { CheckboxField, FormError, SelectField, TextAreaField, TextField } from "./fields";
import { TEAM_ROLE_LABELS } from "./labels";
import { DraftNotice, useFormDraft } from "./use-form-draft";

export type PlanFormChoices = {
  units: { id: number; name: string }[];
  people: { id: number; fullName: string; title: string; unitName: string }[];
  templates: { id: number; label: string }[];
};

type Props = {
  defaultValues: PlanFormValues;
  /** Where unsaved input is kept on this device: "plan:new", "plan:12". */
  draftKey: string;
  saved?: boolean;
  choices: PlanFormChoices;
  /**
   * "full" for a draft; "team_and_schedule" once issued: the issued content is shown, not
   * editable, the units stay as issued and only their times and the team change.
   */
  mode: "full" | "team_and_schedule";
  /** Names for what an issued plan keeps though it may have left the choices. */
  issued?: { unitNames: Record<number, string>; templateLabel: string | null };
  serverErrors?: FormErrors;
  submitLabel: string;
};

const toId = (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v));
const toUnitId = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));

/** The supervision plan: content, supervised units and schedule, team, signature and recipients. */
export function PlanForm({ defaultValues, draftKey, saved, choices, mode, issued, serverErrors, submitLabel }: Props) {
  const navigation = useNavigation();
  const form = useRemixForm<PlanFormValues>({
    resolver: zodResolver(planFormSchema),
    defaultValues,
    errors: serverErrors,
  });
  const { control, handleSubmit, register, setValue, formState } = form;
  const draft = useFormDraft(draftKey, form, { saved });
  const members = useFieldArray({ control, name: "members" });
  const planUnits = useFieldArray({ control, name: "units" });
  const full = mode === "full";

  // Client errors are nested (members.1.fullName); errors sent back by the server are flat keys.
  const errors = formState.errors as FieldErrors<PlanFormValues> & Record<string, { message?: string } | undefined>;
  const at = (path: string) => get(errors, path) as { message?: string } | undefined;
  const message = (name: string): string | undefined =>
    errors[name]?.message ?? at(name)?.message ?? at(`${name}.root`)?.message ?? serverErrors?.[name]?.message;

  const personById = new Map(choices.people.map((p) => [p.id, p]));
  const unitName = (id: number) => choices.units.find((u) => u.id === id)?.name ?? issued?.unitNames[id] ?? "";

  return (
    <Form method="post" className="stack" onSubmit={handleSubmit} noValidate>
      <DraftNotice {...draft} />
      <FormError message={message("root")} />

      {full ? (
        <>
          <TextAreaField label="Nội dung giám sát (trích yếu)" rows={2} error={message("subject")} {...register("subject")} />
          <TextAreaField
            label="Căn cứ"
            hint="Mỗi dòng một căn cứ, ghi như trên văn bản, ví dụ: Căn cứ Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân ngày 20 tháng 11 năm 2015;"
            rows={4}
            error={message("legalBasis")}
            {...register("legalBasis")}
          />
          <TextAreaField label="Mục đích, yêu cầu" rows={4} error={message("purpose")} {...register("purpose")} />
          <TextField label="Thời kỳ giám sát: từ ngày" type="date" error={message("periodStart")} {...register("periodStart")} />
          <TextField label="đến ngày" type="date" error={message("periodEnd")} {...register("periodEnd")} />
          <SelectField
            label="Mẫu phiếu kiểm tra"
            placeholder="Chưa chọn (bắt buộc trước khi ban hành)"
            hint="Kế hoạch giữ phiên bản mẫu phiếu đã chọn, kể cả khi mẫu được sửa sau này."
            error={message("checklistTemplateId")}
            options={choices.templates.map((t) => ({ value: t.id, label: t.label }))}
            {...register("checklistTemplateId", { setValueAs: toId })}
          />
          <TextAreaField
            label="Đề cương báo cáo"
            hint="Nội dung đơn vị được giám sát phải báo cáo trước buổi giám sát."
            rows={6}
            error={message("reportingOutline")}
            {...register("reportingOutline")}
          />
        </>
      ) : (
        <section className="panel">
          <p className="muted">
            Kế hoạch đã ban hành: nội dung, căn cứ, thời kỳ, mẫu phiếu, người ký, nơi nhận và danh sách đơn vị giữ như văn bản đã
            ban hành. Chỉ sửa được thành phần đoàn và lịch giám sát.
          </p>
          <p>
            <strong>Nội dung:</strong> {defaultValues.subject}
          </p>
          <p>
            <strong>Thời kỳ giám sát:</strong> từ ngày {formatDate(defaultValues.periodStart)} đến ngày {formatDate(defaultValues.periodEnd)}
          </p>
          <p>
            <strong>Mẫu phiếu kiểm tra:</strong> {issued?.templateLabel ?? "chưa chọn"}
          </p>
        </section>
      )}

      <h2>Đơn vị được giám sát và lịch giám sát</h2>
      <FormError message={message("units")} />
      {planUnits.fields.map((field, index) => (
        <fieldset key={field.id} className="panel">
          <legend>Đơn vị {index + 1}</legend>
          {full ? (
            <SelectField
              label="Đơn vị"
              placeholder="Chọn đơn vị"
              error={message(`units.${index}.unitId`)}
              options={choices.units.map((u) => ({ value: u.id, label: u.name }))}
              {...register(`units.${index}.unitId`, { setValueAs: toUnitId })}
            />
          ) : (
            <p>
              <strong>{unitName(field.unitId)}</strong>
            </p>
          )}
          <TextField
            label="Thời gian giám sát (giờ Việt Nam)"
            type="datetime-local"
            hint="Để trống nếu chưa xếp lịch."
            error={message(`units.${index}.scheduledAt`)}
            {...register(`units.${index}.scheduledAt`)}
          />
          {full && planUnits.fields.length > 1 ? (
            <div className="actions">
              <button type="button" className="secondary" onClick={() => planUnits.remove(index)}>
                Bỏ đơn vị này
              </button>
            </div>
          ) : null}
        </fieldset>
      ))}
      {full ? (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => planUnits.append({ unitId: undefined as unknown as number, scheduledAt: "" })}>
            Thêm đơn vị
          </button>
        </div>
      ) : null}

      <h2>Thành phần đoàn giám sát</h2>
      <FormError message={message("members")} />
      {members.fields.map((field, index) => (
        <fieldset key={field.id} className="panel">
          <legend>Thành viên {index + 1}</legend>
          <SelectField
            label="Tài khoản"
            placeholder="Không có tài khoản (nhập tên bên dưới)"
            hint="Người có tài khoản được mở phiếu kiểm tra trên máy tính bảng."
            error={message(`members.${index}.userId`)}
            options={choices.people.map((p) => ({ value: p.id, label: `${p.fullName} – ${p.unitName}` }))}
            {...register(`members.${index}.userId`, {
              setValueAs: toId,
              onChange: (event: { target: { value: string } }) => {
                const person = personById.get(Number(event.target.value));
                if (!person) return;
                setValue(`members.${index}.fullName`, person.fullName, { shouldDirty: true });
                setValue(`members.${index}.title`, person.title, { shouldDirty: true });
              },
            })}
          />
          <TextField label="Họ và tên" error={message(`members.${index}.fullName`)} {...register(`members.${index}.fullName`)} />
          <TextField label="Chức vụ" error={message(`members.${index}.title`)} {...register(`members.${index}.title`)} />
          <SelectField
            label="Vai trò trong đoàn"
            error={message(`members.${index}.role`)}
            options={TEAM_ROLES.map((r) => ({ value: r, label: TEAM_ROLE_LABELS[r] }))}
            {...register(`members.${index}.role`)}
          />
          <div className="actions">
            <button type="button" className="secondary" onClick={() => members.remove(index)}>
              Bỏ thành viên này
            </button>
          </div>
        </fieldset>
      ))}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => members.append({ userId: null, fullName: "", title: "", role: "member" })}>
          Thêm thành viên
        </button>
      </div>

      {full ? (
        <>
          <h2>Người ký và nơi nhận</h2>
          <TextField label="Họ tên người ký" error={message("signerName")} {...register("signerName")} />
          <CheckboxField label="Phó Chủ tịch ký thay (KT. Chủ tịch)" {...register("signerIsDeputy")} />
          <TextAreaField
            label="Nơi nhận"
            hint="Mỗi dòng một nơi nhận; dòng “Lưu: VT.” được thêm khi in."
            rows={4}
            error={message("recipients")}
            {...register("recipients")}
          />
        </>
      ) : null}

      <div className="actions">
        <button type="submit" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
