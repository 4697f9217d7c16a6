import { zodResolver } from "@hookform/resolvers/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { Resolver } from "react-hook-form";
import { useRemixForm } from "remix-hook-form";
import { requirePermission } from "~/auth/permissions.server";
import { FormError, TextField } from "~/components/fields";
import { SavedNotice, useSaveOutcome } from "~/components/save-outcome";
import { type FormActionData, validateForm } from "~/forms.server";
import { getFollowUpSettings, saveFollowUpSettings } from "~/models/settings.server";
import {
  type FollowUpSettingsFormValues,
  followUpSettingsFormSchema,
  followUpSettingsFormValues,
} from "~/schemas/follow-up-settings-form";

export const meta: MetaFunction = () => [{ title: "Cài đặt theo dõi kiến nghị · Quản trị" }];

type SettingsActionData = FormActionData & { values?: FollowUpSettingsFormValues };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "users:manage");
  return { values: followUpSettingsFormValues(await getFollowUpSettings()) };
}

/** What was typed, as text, so a page re-rendered without script shows it again beside the errors. */
function typedValues(form: FormData): FollowUpSettingsFormValues {
  const text = (name: keyof FollowUpSettingsFormValues) => {
    const raw = form.get(name);
    if (typeof raw !== "string") return "";
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) return parsed.join(", ");
      return typeof parsed === "string" || typeof parsed === "number" ? String(parsed) : raw;
    } catch {
      return raw;
    }
  };
  return {
    dueSoonDays: text("dueSoonDays"),
    remindDaysBefore: text("remindDaysBefore"),
    overdueEveryDays: text("overdueEveryDays"),
    escalateAfterDays: text("escalateAfterDays"),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "users:manage");
  // A body that is no form (a tampering client) has nothing typed to show again; validateForm refuses it.
  const typed = typedValues(await request.clone().formData().catch(() => new FormData()));
  const form = await validateForm(request, followUpSettingsFormSchema);
  if (!form.ok) {
    return data<SettingsActionData>({ errors: form.response.data.errors, values: typed }, { status: 400 });
  }
  await saveFollowUpSettings(actor, form.data);
  return { ok: "Đã lưu cài đặt theo dõi kiến nghị.", values: followUpSettingsFormValues(form.data) } satisfies SettingsActionData;
}

export default function FollowUpSettingsPage() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as SettingsActionData | undefined;
  const outcome = useSaveOutcome(actionData);
  const serverErrors = outcome.errors;
  const busy = useNavigation().state === "submitting";
  const {
    handleSubmit,
    register,
    formState: { errors },
  } = useRemixForm<FollowUpSettingsFormValues>({
    resolver: zodResolver(followUpSettingsFormSchema) as unknown as Resolver<FollowUpSettingsFormValues>,
    defaultValues: actionData?.values ?? loaded.values,
    errors: serverErrors,
  });
  const error = (name: keyof FollowUpSettingsFormValues) => errors[name]?.message ?? serverErrors?.[name]?.message;
  return (
    <>
      <h1>Cài đặt theo dõi kiến nghị</h1>
      <SavedNotice message={outcome.message} />
      <section className="panel">
        <Form method="post" className="stack" onSubmit={handleSubmit} noValidate>
          <FormError message={errors.root?.message ?? serverErrors?.root?.message} />
          <TextField
            label="Số ngày coi là “sắp đến hạn”"
            inputMode="numeric"
            hint="Kiến nghị còn từ 0 đến chừng ấy ngày đến hạn được đánh dấu “Sắp đến hạn”."
            error={error("dueSoonDays")}
            {...register("dueSoonDays")}
          />
          <TextField
            label="Nhắc đơn vị trước hạn (số ngày, cách nhau bằng dấu phẩy)"
            hint="Ví dụ: 7, 1 — nhắc trước hạn 7 ngày và 1 ngày. Ngày đến hạn luôn có nhắc."
            error={error("remindDaysBefore")}
            {...register("remindDaysBefore")}
          />
          <TextField
            label="Khi quá hạn, nhắc lại sau mỗi (ngày)"
            inputMode="numeric"
            error={error("overdueEveryDays")}
            {...register("overdueEveryDays")}
          />
          <TextField
            label="Báo Thường trực HĐND khi quá hạn từ (ngày)"
            inputMode="numeric"
            hint="Từ mốc này, Thường trực HĐND phụ trách địa bàn cũng nhận nhắc việc, rồi theo cùng nhịp nhắc lại."
            error={error("escalateAfterDays")}
            {...register("escalateAfterDays")}
          />
          <div className="actions">
            <button type="submit" disabled={busy}>
              Lưu cài đặt
            </button>
          </div>
        </Form>
      </section>
      <p className="muted">
        Mỗi lần chạy, hệ thống chỉ gửi mốc nhắc gần nhất đã đến (các mốc bị lỡ trước đó không gửi dồn), mỗi mốc một lần; khi kiến nghị được
        gia hạn, các mốc nhắc tính lại theo hạn mới.
      </p>
    </>
  );
}
