import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { FormError, TextAreaField, TextField } from "~/components/fields";
import { cleanInputText } from "~/domain/input-text";
import { formatDocumentNumber } from "~/domain/numbering";
import { formatDate } from "~/domain/vietnamese";
import { type FormActionData, idParam, refusal } from "~/forms.server";
import { composeRemediationDocument, issueRemediationDocument, listRemediationDocuments } from "~/models/remediation-document.server";
import { zodFormErrors } from "~/remediation-form.server";
import { readFormData } from "~/uploads.server";
import { remediationSignerSchema } from "~/schemas/remediation-document";
import { remediationSummary } from "#templates/documents/remediation-report";
import { PROGRESS_LABELS } from "~/components/follow-up/remediation-forms";
import { RemediationDocumentList } from "~/components/follow-up/remediation-document-list";

const NOT_VISIBLE = "Bạn không có quyền lập báo cáo cho thông báo này: không có kiến nghị nào giao cho đơn vị của bạn, hoặc thông báo chưa ban hành.";

export const meta: MetaFunction = () => [{ title: "Báo cáo kết quả khắc phục · Giám sát HĐND" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "remediation:report");
  const noticeId = idParam(params.noticeId);
  const draft = await composeRemediationDocument(actor, noticeId);
  if (!draft) throw forbidden(NOT_VISIBLE);
  return { noticeId, draft, summary: remediationSummary(draft), issued: await listRemediationDocuments(actor, noticeId) };
}

type Result = FormActionData & { values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "remediation:report");
  const noticeId = idParam(params.noticeId);
  // The signer's few lines: a body that is no form, or far larger than they can be, is not read.
  const posted = await readFormData(request, 256 * 1024).catch(() => null);
  if (!posted) return data<Result>({ errors: { root: { message: "Không đọc được dữ liệu gửi lên: hãy gửi lại." } } }, { status: 400 });
  const fields = Object.fromEntries([...posted].map(([key, value]) => [key, typeof value === "string" ? cleanInputText(value) : ""]));
  const parsed = remediationSignerSchema.safeParse(fields);
  if (!parsed.success) return data<Result>({ errors: zodFormErrors(parsed.error), values: fields }, { status: 400 });
  const { intent, ...signer } = parsed.data;
  if (intent === "preview") {
    const query = new URLSearchParams({ authority: signer.authority, title: signer.title, name: signer.name, recipients: signer.recipients.join("\n") });
    return redirect(`/notices/${noticeId}/remediation.pdf?${query}`);
  }
  try {
    const issued = await issueRemediationDocument(actor, noticeId, signer);
    return { ok: `Đã ban hành Báo cáo số ${formatDocumentNumber(issued.number, issued.symbol)} ngày ${formatDate(issued.issueDate)}.` } satisfies Result;
  } catch (error) {
    const answer = refusal(error);
    return data<Result>({ ...answer.data, values: fields }, answer.init ?? { status: 400 });
  }
}

export default function RemediationDocumentPage() {
  const { noticeId, draft, summary, issued } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const busy = useNavigation().state === "submitting";
  const values = result?.values;
  const errors = result?.errors;
  return (
    <>
      <p className="muted">
        <Link to={`/notices/${noticeId}`}>Thông báo kết luận</Link> · <Link to="/recommendations">Kiến nghị cần khắc phục</Link>
      </p>
      <h1>Báo cáo kết quả khắc phục</h1>
      <p>{summary}</p>
      {result?.ok ? (
        <p className="notice-ok" role="status">
          {result.ok}
        </p>
      ) : null}
      <section>
        <h2>Nội dung theo các lần báo cáo gần nhất</h2>
        <ol>
          {draft.items.map((item, index) => (
            <li key={index}>
              <p>{item.text}</p>
              <p className="muted">
                {item.progress ? PROGRESS_LABELS[item.progress] : "Chưa báo cáo"}
                {item.review === "returned" ? " (bị trả lại)" : item.review === "accepted" ? " (đã được chấp nhận)" : ""} · hạn {formatDate(item.extendedDeadline ?? item.deadline)}
                {item.extendedDeadline ? ` (hạn ban đầu ${formatDate(item.deadline)})` : ""}
              </p>
            </li>
          ))}
        </ol>
        <p className="muted">Nội dung lấy từ báo cáo gần nhất của từng kiến nghị; muốn sửa, hãy gửi báo cáo mới ở trang kiến nghị.</p>
      </section>
      <section className="panel">
        <h2>Người ký và nơi nhận</h2>
        <Form method="post" className="remediation-form">
          <TextField label="Thẩm quyền ký (dòng trên)" name="authority" defaultValue={values?.authority ?? draft.signer.authority} error={errors?.authority?.message} />
          <TextField label="Chức danh" name="title" defaultValue={values?.title ?? draft.signer.title} error={errors?.title?.message} />
          <TextField label="Họ tên người ký" name="name" defaultValue={values?.name ?? draft.signer.name} error={errors?.name?.message} />
          <TextAreaField
            label="Nơi nhận (mỗi dòng một nơi; “Lưu: VT.” được thêm tự động)"
            name="recipients"
            rows={3}
            defaultValue={values?.recipients ?? draft.recipients.join("\n")}
            error={errors?.recipients?.message}
          />
          <FormError message={errors?.root?.message} />
          <div className="actions">
            <button type="submit" name="intent" value="preview" className="secondary" formTarget="_blank" disabled={busy}>
              Xem bản nháp (PDF)
            </button>
            <button type="submit" name="intent" value="issue" disabled={busy}>
              Ban hành báo cáo
            </button>
          </div>
        </Form>
      </section>
      <section>
        <h2>Báo cáo đã ban hành</h2>
        {issued.length === 0 ? (
          <p className="muted">Chưa ban hành báo cáo nào cho thông báo này.</p>
        ) : (
          <RemediationDocumentList documents={issued} />
        )}
      </section>
    </>
  );
}
