import { zodResolver } from "@hookform/resolvers/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { useRemixForm } from "remix-hook-form";
import { requireUser } from "~/auth/permissions.server";
import { getSessionId } from "~/auth/session.server";
import { FormError, TextField } from "~/components/fields";
import { SavedNotice, useSaveOutcome } from "~/components/save-outcome";
import { type FormActionData, refusal, validateForm } from "~/forms.server";
import { changeOwnPassword } from "~/models/user.server";
import { type PasswordChangeValues, passwordChangeSchema } from "~/schemas/user";

export const meta: MetaFunction = () => [{ title: "Đổi mật khẩu · Giám sát HĐND" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireUser(request);
  const form = await validateForm(request, passwordChangeSchema);
  if (!form.ok) return form.response;
  try {
    await changeOwnPassword(actor, form.data.current, form.data.password, (await getSessionId(request))!);
    return { ok: "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc." } satisfies FormActionData;
  } catch (error) {
    return refusal(error);
  }
}

export default function ChangePassword() {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const outcome = useSaveOutcome(actionData);
  const serverErrors = outcome.errors;
  const {
    handleSubmit,
    register,
    formState: { errors },
  } = useRemixForm<PasswordChangeValues>({
    resolver: zodResolver(passwordChangeSchema),
    defaultValues: { current: "", password: "", confirm: "" },
    errors: serverErrors,
  });
  return (
    <>
      <h1>Đổi mật khẩu</h1>
      <SavedNotice message={outcome.message} />
      <section className="panel">
        <Form method="post" className="stack" onSubmit={handleSubmit} noValidate>
          <FormError message={errors.root?.message ?? serverErrors?.root?.message} />
          <TextField label="Mật khẩu hiện tại" type="password" autoComplete="current-password" error={errors.current?.message} {...register("current")} />
          <TextField label="Mật khẩu mới" type="password" autoComplete="new-password" hint="Ít nhất 8 ký tự." error={errors.password?.message} {...register("password")} />
          <TextField label="Nhập lại mật khẩu mới" type="password" autoComplete="new-password" error={errors.confirm?.message} {...register("confirm")} />
          <div className="actions">
            <button type="submit" disabled={navigation.state === "submitting"}>
              Đổi mật khẩu
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
