import { zodResolver } from "@hookform/resolvers/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRemixForm } from "remix-hook-form";
import { notFound, requirePermission } from "~/auth/permissions.server";
import { FormError, TextField } from "~/components/fields";
import { SavedNotice, useSaveOutcome } from "~/components/save-outcome";
import { type FormActionData, idParam, refusal, validateForm } from "~/forms.server";
import { getUser, resetPassword } from "~/models/user.server";
import { type PasswordResetValues, passwordResetSchema } from "~/schemas/user";

export const meta: MetaFunction = () => [{ title: "Đặt lại mật khẩu · Quản trị" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  const user = await getUser(actor, idParam(params.userId));
  if (!user) throw notFound("Người dùng không tồn tại.");
  return { user: { id: user.id, fullName: user.fullName, username: user.username } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  const userId = idParam(params.userId);
  const form = await validateForm(request, passwordResetSchema);
  if (!form.ok) return form.response;
  try {
    await resetPassword(actor, userId, form.data.password);
    return { ok: "Đã đặt mật khẩu mới. Các phiên đăng nhập cũ của người dùng này đã kết thúc; tài khoản được mở khóa." } satisfies FormActionData;
  } catch (error) {
    return refusal(error);
  }
}

export default function ResetPassword() {
  const { user } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const outcome = useSaveOutcome(actionData);
  const serverErrors = outcome.errors;
  const {
    handleSubmit,
    register,
    formState: { errors },
  } = useRemixForm<PasswordResetValues>({
    resolver: zodResolver(passwordResetSchema),
    defaultValues: { password: "", confirm: "" },
    errors: serverErrors,
  });
  return (
    <>
      <p className="muted">
        <Link to="/admin/users">Người dùng</Link> › <Link to={`/admin/users/${user.id}`}>{user.fullName}</Link> › Đặt lại mật khẩu
      </p>
      <h1>Đặt lại mật khẩu cho {user.fullName}</h1>
      <SavedNotice message={outcome.message} />
      <section className="panel">
        <Form method="post" className="stack" onSubmit={handleSubmit} noValidate>
          <FormError message={errors.root?.message ?? serverErrors?.root?.message} />
          <TextField label="Mật khẩu mới" type="password" autoComplete="new-password" error={errors.password?.message} {...register("password")} />
          <TextField label="Nhập lại mật khẩu mới" type="password" autoComplete="new-password" error={errors.confirm?.message} {...register("confirm")} />
          <div className="actions">
            <button type="submit" disabled={navigation.state === "submitting"}>
              Đặt mật khẩu mới
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
