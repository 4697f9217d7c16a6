import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation } from "@remix-run/react";
import { useRemixForm } from "remix-hook-form";
import { ROLES, ROLE_LABELS } from "~/auth/roles";
import type { FormErrors } from "~/forms.server";
import { type UserCreateValues, type UserUpdateValues, userCreateSchema, userUpdateSchema } from "~/schemas/user";
import { CheckboxField, FormError, SelectField, TextField } from "./fields";
import { DraftNotice, useFormDraft } from "./use-form-draft";

type Props<T> = {
  defaultValues: T;
  /** Where the unsaved input is kept on this device ("user:new", "user:12"); never the password. */
  draftKey: string;
  /** True once the server accepted the form: the draft is dropped. */
  saved?: boolean;
  unitOptions: { id: number; label: string }[];
  serverErrors?: FormErrors;
  submitLabel: string;
};

/** One form for creating and editing a user; creating also asks for the first password. */
export function UserForm(props: Props<UserCreateValues> & { mode: "create" }): JSX.Element;
export function UserForm(props: Props<UserUpdateValues> & { mode: "edit" }): JSX.Element;
export function UserForm({
  mode,
  defaultValues,
  unitOptions,
  serverErrors,
  submitLabel,
  draftKey,
  saved,
}: Props<UserCreateValues | UserUpdateValues> & { mode: "create" | "edit" }) {
  const navigation = useNavigation();
  const form = useRemixForm<UserCreateValues>({
    resolver: zodResolver(mode === "create" ? userCreateSchema : (userUpdateSchema as never)),
    defaultValues: defaultValues as UserCreateValues,
    errors: serverErrors,
  });
  const {
    handleSubmit,
    register,
    formState: { errors },
  } = form;
  const draft = useFormDraft(draftKey, form, { saved, exclude: ["password"] });
  return (
    <Form method="post" className="stack" onSubmit={handleSubmit} noValidate>
      <DraftNotice {...draft} />
      <FormError message={errors.root?.message ?? serverErrors?.root?.message} />
      <TextField label="Họ và tên" error={errors.fullName?.message} {...register("fullName")} />
      <TextField label="Tên đăng nhập" autoCapitalize="none" autoComplete="off" error={errors.username?.message} {...register("username")} />
      <TextField label="Chức vụ" hint="Như ghi trên văn bản, ví dụ: Phó Chủ tịch HĐND phường." error={errors.title?.message} {...register("title")} />
      <SelectField
        label="Đơn vị"
        placeholder="Chọn đơn vị"
        error={errors.unitId?.message}
        options={unitOptions.map((o) => ({ value: o.id, label: o.label }))}
        {...register("unitId", { setValueAs: (v) => (v === "" ? undefined : Number(v)) })}
      />
      <SelectField
        label="Vai trò"
        error={errors.role?.message}
        options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        {...register("role")}
      />
      <TextField label="E-mail (nhận nhắc hạn)" type="email" autoComplete="off" error={errors.email?.message} {...register("email")} />
      {mode === "create" ? (
        <TextField label="Mật khẩu ban đầu" type="password" autoComplete="new-password" error={errors.password?.message} {...register("password")} />
      ) : null}
      <CheckboxField label="Đang hoạt động" {...register("active")} />
      <div className="actions">
        <button type="submit" disabled={navigation.state === "submitting"}>
          {submitLabel}
        </button>
      </div>
    </Form>
  );
}
