import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { FormError } from "~/components/fields";
import { planReference } from "~/components/lists";
import { idParam, refusal, validateForm } from "~/forms.server";
import { getVisitNoticeChoice, openNoticeDraft } from "~/models/notice.server";
import { MAX_RECORD_ID } from "~/schemas/limits";

export const meta: MetaFunction = () => [{ title: "Thông báo kết luận · Giám sát HĐND" }];

/** The visit's newest notice if it has one; otherwise the page that starts the draft. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:read");
  const visitId = idParam(params.visitId);
  const choice = await getVisitNoticeChoice(actor, visitId);
  if (!choice) throw new Response("Không tìm thấy buổi giám sát này.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  if (choice.latestNoticeId !== null) throw redirect(`/notices/${choice.latestNoticeId}`);
  return choice;
}

const openSchema = z.object({ corrects: z.number().int().positive().max(MAX_RECORD_ID).nullable().default(null) });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "notices:issue");
  const visitId = idParam(params.visitId);
  const form = await validateForm(request, openSchema);
  if (!form.ok) return form.response;
  try {
    const noticeId = await openNoticeDraft(actor, visitId, form.data.corrects ? { corrects: form.data.corrects } : {});
    return redirect(`/notices/${noticeId}`);
  } catch (error) {
    return refusal(error);
  }
}

export default function VisitNotice() {
  const visit = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <p className="muted">
        <Link to={`/plans/${visit.planId}`}>Kế hoạch {planReference(visit.plan)}</Link> › <Link to={`/visits/${visit.visitId}/findings`}>{visit.unitName}</Link> › Thông báo kết luận
      </p>
      <h1>Thông báo kết luận: {visit.unitName}</h1>
      <FormError message={actionData?.errors?.root?.message} />
      {visit.canCompose ? (
        <Form method="post" className="stack">
          <p>
            Dự thảo được soạn từ kết quả giám sát, số liệu và kiến nghị của buổi giám sát này. Sau đó từng đoạn đều sửa được trước khi ban
            hành.
          </p>
          <p className="actions">
            <button type="submit" disabled={busy}>
              Soạn dự thảo thông báo kết luận
            </button>
          </p>
        </Form>
      ) : (
        <p>Buổi giám sát này chưa có thông báo kết luận.</p>
      )}
    </>
  );
}
