import { zodResolver } from "@hookform/resolvers/zod";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useRemixForm } from "remix-hook-form";
import { requireSameOrigin } from "~/auth/same-origin.server";
import { getActor, safeRedirect, signIn } from "~/auth/session.server";
import { asDatabaseUnavailable } from "~/db-errors.server";
import { FormError, TextField } from "~/components/fields";
import { formatDateTime } from "~/domain/vietnamese";
import { type FormActionData, validateForm } from "~/forms.server";
import { verifyLogin } from "~/models/user.server";
import { type LoginValues, loginSchema } from "~/schemas/user";

export const meta: MetaFunction = () => [{ title: "Đăng nhập · Giám sát HĐND" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getActor(request)) throw redirect("/");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  // A sign-in posted from another site would sign the victim into the attacker's account.
  requireSameOrigin(request);
  const form = await validateForm(request, loginSchema);
  if (!form.ok) return form.response;
  const { username, password, redirectTo } = form.data;
  const result = await verifyLogin(username, password).catch((error: unknown) => {
    throw asDatabaseUnavailable(error);
  });
  if (result.ok) return signIn(request, result.userId, safeRedirect(redirectTo));
  const message =
    result.reason === "locked"
      ? `Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau ${formatDateTime(result.until)}.`
      : "Tên đăng nhập hoặc mật khẩu không đúng.";
  return data<FormActionData>({ errors: { root: { message } } }, { status: result.reason === "locked" ? 429 : 401 });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const {
    handleSubmit,
    register,
    formState: { errors, isSubmitting },
  } = useRemixForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    defaultValues: { username: "", password: "", redirectTo: params.get("redirectTo") ?? "/" },
    errors: actionData?.errors,
  });
  return (
    <section className="panel login">
      <h1>Đăng nhập</h1>
      <p className="muted">Hệ thống giám sát của Hội đồng nhân dân: kế hoạch, phiếu kiểm tra, kết luận và theo dõi khắc phục.</p>
      <Form method="post" className="stack" onSubmit={handleSubmit} noValidate>
        <FormError message={errors.root?.message ?? actionData?.errors?.root?.message} />
        <TextField label="Tên đăng nhập" autoComplete="username" autoCapitalize="none" error={errors.username?.message} {...register("username")} />
        <TextField label="Mật khẩu" type="password" autoComplete="current-password" error={errors.password?.message} {...register("password")} />
        <input type="hidden" {...register("redirectTo")} />
        <div className="actions">
          <button type="submit" disabled={isSubmitting}>
            {isSubmitting ? "Đang đăng nhập…" : "Đăng nhập"}
          </button>
        </div>
      </Form>
    </section>
  );
}
