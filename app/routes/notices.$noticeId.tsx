import { zodResolver } from "@hookform/resolvers/zod";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { roleHas } from "~/auth/roles";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRemixForm } from "remix-hook-form";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { CheckboxField, FormError, TextAreaField, TextField } from "~/components/fields";
import { NoticePreview } from "~/components/notice-preview";
import { SavedNotice, useSaveOutcome } from "~/components/save-outcome";
import { DraftNotice, useFormDraft } from "~/components/use-form-draft";
import type { NoticeDocumentData } from "~/domain/notice-composition";
import { formatDocumentNumber } from "~/domain/numbering";
import { formatDateTime, formatShortDate } from "~/domain/vietnamese";
import { type FormActionData, idParam, refusal, validateForm } from "~/forms.server";
import { discardNoticeDraft, getNoticeEditor, issueNotice, recomposeNoticeDraft, saveNoticeDraft } from "~/models/notice.server";
import { RemediationDocumentList } from "~/components/follow-up/remediation-document-list";
import { listRemediationDocuments } from "~/models/remediation-document.server";
import { type NoticeFormValues, noticeActionSchema, noticeFormSchema } from "~/schemas/notice";
import noticeStyles from "~/styles/notice.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: noticeStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.document.number ? `Thông báo ${formatDocumentNumber(data.document.number, data.document.symbol)}` : "Dự thảo thông báo kết luận"} · Giám sát HĐND` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:read");
  const notice = await getNoticeEditor(actor, idParam(params.noticeId));
  if (!notice) throw forbidden("Bạn không có quyền xem thông báo này hoặc thông báo không tồn tại.");
  const issued = notice.status === "issued";
  return {
    ...notice,
    remediationDocuments: issued ? await listRemediationDocuments(actor, notice.id) : [],
    canReportRemediation: issued && roleHas(actor.role, "remediation:report"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "notices:issue");
  const noticeId = idParam(params.noticeId);
  const form = await validateForm(request, noticeActionSchema);
  if (!form.ok) return form.response;
  try {
    switch (form.data.intent) {
      case "save":
        await saveNoticeDraft(actor, noticeId, form.data);
        return { ok: "Đã lưu dự thảo." } satisfies FormActionData;
      case "issue": {
        const revision = await saveNoticeDraft(actor, noticeId, form.data);
        const issued = await issueNotice(actor, noticeId, revision);
        return {
          ok: `Đã ban hành Thông báo số ${formatDocumentNumber(issued.number, issued.symbol)} ngày ${formatShortDate(issued.issueDate)}; ${issued.remediationItems} kiến nghị được đưa vào theo dõi khắc phục.`,
        } satisfies FormActionData;
      }
      case "recompose":
        await recomposeNoticeDraft(actor, noticeId, form.data.revision);
        return { ok: "Đã soạn lại từ kết quả giám sát hiện tại; các đoạn đã sửa được giữ nguyên." } satisfies FormActionData;
      case "discard": {
        const visitId = await discardNoticeDraft(actor, noticeId, form.data.revision);
        return redirect(`/visits/${visitId}/findings`);
      }
    }
  } catch (error) {
    return refusal(error);
  }
}

type Notice = ReturnType<typeof useLoaderData<typeof loader>>;

function formValues(notice: Notice): NoticeFormValues {
  const { document } = notice;
  return {
    intent: "save",
    revision: notice.revision,
    summary: document.summary,
    placeName: document.placeName,
    recipients: document.recipients.join("\n"),
    signerName: document.signer.name,
    signerDeputy: document.signer.deputy,
    signerTitle: document.signer.title,
    blocks: document.blocks.map((block) => ({ key: block.key, text: block.text })),
  };
}

/** The document as the form currently says: what the live preview draws. */
function previewData(base: NoticeDocumentData, values: Partial<NoticeFormValues>): NoticeDocumentData {
  const texts = new Map((values.blocks ?? []).map((block) => [block?.key, block?.text ?? ""]));
  return {
    ...base,
    summary: values.summary ?? base.summary,
    placeName: values.placeName ?? base.placeName,
    recipients: (values.recipients ?? "").split("\n"),
    signer: { deputy: Boolean(values.signerDeputy), name: values.signerName ?? "", title: values.signerTitle ?? "" },
    blocks: base.blocks.map((block) => ({ ...block, text: texts.get(block.key) ?? block.text })),
  };
}

function NoticeEditor({ notice, saved, serverErrors }: { notice: Notice; saved: boolean; serverErrors?: FormActionData["errors"] }) {
  const busy = useNavigation().state !== "idle";
  const form = useRemixForm<NoticeFormValues>({ resolver: zodResolver(noticeFormSchema), defaultValues: formValues(notice), errors: serverErrors });
  const { register, handleSubmit, setValue, watch, formState } = form;
  const draft = useFormDraft(`notice:${notice.id}`, form, { saved });
  const values = watch();
  const errors = formState.errors as Record<string, { message?: string } | undefined>;
  const message = (name: string) => errors[name]?.message ?? serverErrors?.[name]?.message;
  const submit = (intent: NoticeFormValues["intent"]) => () => setValue("intent", intent);

  return (
    <div className="notice-layout">
      <Form method="post" className="stack notice-editor" onSubmit={handleSubmit} noValidate>
        <DraftNotice {...draft} />
        <FormError message={message("root")} />
        <input type="hidden" {...register("revision", { valueAsNumber: true })} />
        <fieldset className="stack">
          <legend>Phần đầu và phần ký</legend>
          <TextAreaField label="Trích yếu (dòng dưới chữ THÔNG BÁO)" rows={2} error={message("summary")} {...register("summary")} />
          <TextField label="Địa danh (dòng ngày tháng)" error={message("placeName")} {...register("placeName")} />
          <TextField label="Người ký" error={message("signerName")} {...register("signerName")} />
          <CheckboxField label="Phó Chủ tịch ký thay (KT. CHỦ TỊCH)" {...register("signerDeputy")} />
          <TextField label="Chức danh người ký (để trống: CHỦ TỊCH / PHÓ CHỦ TỊCH)" error={message("signerTitle")} {...register("signerTitle")} />
          <TextAreaField label="Nơi nhận (mỗi dòng một nơi; “Lưu: VT.” tự thêm)" rows={5} error={message("recipients")} {...register("recipients")} />
        </fieldset>
        <fieldset className="stack">
          <legend>Nội dung: xuống dòng để tách thành đoạn mới; để trống để bỏ đoạn</legend>
          {notice.document.blocks.map((block, index) =>
            block.kind === "heading" ? (
              <div key={block.key} className="block-heading">
                <TextField label={`Đề mục ${index + 1}`} error={message(`blocks.${index}.text`)} {...register(`blocks.${index}.text`)} />
              </div>
            ) : (
              <TextAreaField
                key={block.key}
                label={`Đoạn ${index + 1}`}
                rows={Math.min(16, Math.max(3, Math.ceil(block.text.length / 55) + 1))}
                error={message(`blocks.${index}.text`)}
                {...register(`blocks.${index}.text`)}
              />
            ),
          )}
        </fieldset>
        <p className="actions">
          <button type="submit" disabled={busy} onClick={submit("save")}>
            Lưu dự thảo
          </button>
          <button
            type="submit"
            className="danger"
            disabled={busy}
            onClick={(event) => {
              if (!window.confirm("Ban hành thông báo? Thông báo sẽ được cấp số và không sửa được nữa.")) {
                event.preventDefault();
                return;
              }
              setValue("intent", "issue");
            }}
          >
            Ban hành
          </button>
        </p>
      </Form>
      <div className="notice-preview-pane">
        <NoticePreview data={previewData(notice.document, values)} />
      </div>
    </div>
  );
}

export default function NoticePage() {
  const notice = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const outcome = useSaveOutcome(actionData as FormActionData | undefined);
  const busy = useNavigation().state !== "idle";
  const { document } = notice;
  const title = document.number === null ? "Dự thảo thông báo kết luận" : `Thông báo số ${formatDocumentNumber(document.number, document.symbol)}`;
  return (
    <>
      <p className="muted">
        <Link to={`/plans/${notice.planId}`}>{notice.planReference}</Link> › <Link to={`/visits/${notice.visitId}/findings`}>{notice.unitName}</Link> ›
        Thông báo kết luận
      </p>
      <h1>{title}</h1>
      <SavedNotice message={outcome.message} />
      {notice.correctsNoticeId ? <p className="muted">Thông báo này đính chính thông báo trước của buổi giám sát.</p> : null}
      <p className="actions">
        <a className="button secondary" href={`/notices/${notice.id}/pdf`} target="_blank" rel="noreferrer">
          Xem PDF
        </a>
        <a className="button secondary" href={`/notices/${notice.id}/docx`} download>
          Tải bản Word (.docx)
        </a>
      </p>
      {notice.canEdit ? (
        <>
          <NoticeEditor key={notice.revision} notice={notice} saved={outcome.saved} serverErrors={outcome.errors} />
          <div className="actions">
            <Form method="post" onSubmit={(event) => !window.confirm("Soạn lại từ kết quả giám sát hiện tại? Các đoạn bạn đã sửa được giữ nguyên; các đoạn khác theo dữ liệu mới.") && event.preventDefault()}>
              <input type="hidden" name="intent" value="recompose" />
              <input type="hidden" name="revision" value={notice.revision} />
              <button type="submit" className="secondary" disabled={busy}>
                Soạn lại từ kết quả giám sát
              </button>
            </Form>
            <Form method="post" onSubmit={(event) => !window.confirm("Xóa dự thảo này?") && event.preventDefault()}>
              <input type="hidden" name="intent" value="discard" />
              <input type="hidden" name="revision" value={notice.revision} />
              <button type="submit" className="secondary" disabled={busy}>
                Xóa dự thảo
              </button>
            </Form>
          </div>
        </>
      ) : (
        <IssuedNotice notice={notice} />
      )}
    </>
  );
}

function IssuedNotice({ notice }: { notice: Notice }) {
  return (
    <div className="notice-layout">
      <div className="stack">
        {notice.status === "issued" ? (
          <>
            <p>
              Ban hành lúc {notice.issuedAt ? formatDateTime(notice.issuedAt) : ""}. Nội dung đã cố định; muốn đính chính, soạn thông báo mới.
            </p>
            <h2>Kiến nghị được theo dõi khắc phục</h2>
            {notice.remediationItems.length ? (
              <ol>
                {notice.remediationItems.map((item) => (
                  <li key={item.id}>
                    <Link to={`/recommendations/${item.id}`}>{item.text}</Link> <span className="muted">(hạn báo cáo {formatShortDate(item.deadline)})</span>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">Thông báo không kèm kiến nghị.</p>
            )}
            {notice.canReportRemediation ? (
              <p>
                <Link to={`/notices/${notice.id}/remediation`}>Lập Báo cáo kết quả khắc phục của đơn vị</Link>
              </p>
            ) : null}
            {notice.remediationDocuments.length ? (
              <>
                <h2>Báo cáo kết quả khắc phục của đơn vị</h2>
                <RemediationDocumentList documents={notice.remediationDocuments} />
              </>
            ) : null}
            {notice.canCorrect ? (
              <Form method="post" action={`/visits/${notice.visitId}/notice`}>
                <input type="hidden" name="corrects" value={notice.id} />
                <button type="submit" className="secondary">
                  Soạn thông báo đính chính
                </button>
              </Form>
            ) : null}
          </>
        ) : (
          <p className="muted">Dự thảo đang được Thường trực HĐND soạn.</p>
        )}
      </div>
      <div className="notice-preview-pane">
        <NoticePreview data={notice.document} />
      </div>
    </div>
  );
}
