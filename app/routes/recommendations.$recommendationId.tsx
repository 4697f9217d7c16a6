import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { FormError } from "~/components/fields";
import { DeadlineCell } from "~/components/follow-up/deadline-cell";
import { ExtensionForms, ReportForm, ReviewForm } from "~/components/follow-up/remediation-forms";
import { ReportHistory } from "~/components/follow-up/report-history";
import { RECOMMENDATION_STATUS_LABELS } from "~/components/labels";
import { planReference } from "~/components/lists";
import { formatDocumentNumber } from "~/domain/numbering";
import { formatDate, formatDateTime } from "~/domain/vietnamese";
import { type FormActionData, idParam, refusal } from "~/forms.server";
import { decideExtension, requestExtension, reviewRemediationReport, submitRemediationReport } from "~/models/remediation-actions.server";
import { getRecommendationDetail } from "~/models/remediation.server";
import { readRemediationForm, zodFormErrors } from "~/remediation-form.server";
import { extensionDecisionSchema, extensionRequestSchema, remediationReportSchema, reviewSchema } from "~/schemas/remediation";

const NOT_VISIBLE = "Bạn không có quyền xem kiến nghị này hoặc kiến nghị không tồn tại.";

export const meta: MetaFunction = () => [{ title: "Kiến nghị · Giám sát HĐND" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:read");
  const detail = await getRecommendationDetail(actor, idParam(params.recommendationId));
  if (!detail) throw forbidden(NOT_VISIBLE);
  return { detail, isUnit: actor.role === "unit" };
}

type ActionResult = FormActionData & { intent?: string; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "plans:read");
  const recommendationId = idParam(params.recommendationId);
  const posted = await readRemediationForm(request);
  if (!posted.ok) return data<ActionResult>({ errors: { root: { message: posted.message } } }, { status: posted.status });
  const { fields, files } = posted.form;
  // What the user typed comes back with any refusal, so the form shows it again.
  const fail = (errors: FormActionData["errors"], status = 400) => data<ActionResult>({ errors, intent: fields.intent, values: fields }, { status });
  try {
    switch (fields.intent) {
      case "report": {
        const parsed = remediationReportSchema.safeParse(fields);
        if (!parsed.success) return fail(zodFormErrors(parsed.error));
        await submitRemediationReport(actor, recommendationId, parsed.data, files);
        return { intent: "report", ok: "Đã gửi báo cáo kết quả khắc phục tới Thường trực HĐND." } satisfies ActionResult;
      }
      case "extension": {
        const parsed = extensionRequestSchema.safeParse(fields);
        if (!parsed.success) return fail(zodFormErrors(parsed.error));
        await requestExtension(actor, recommendationId, parsed.data);
        return { intent: "extension", ok: "Đã gửi đề nghị gia hạn tới Thường trực HĐND." } satisfies ActionResult;
      }
      case "review": {
        const parsed = reviewSchema.safeParse(fields);
        if (!parsed.success) return fail(zodFormErrors(parsed.error));
        const { review } = await reviewRemediationReport(actor, recommendationId, parsed.data);
        return {
          intent: "review",
          ok: review === "accepted" ? "Đã chấp nhận kết quả khắc phục: kiến nghị được đóng." : "Đã trả lại báo cáo; đơn vị sẽ thấy lý do.",
        } satisfies ActionResult;
      }
      case "decide-extension": {
        const parsed = extensionDecisionSchema.safeParse(fields);
        if (!parsed.success) return fail(zodFormErrors(parsed.error));
        const { granted } = await decideExtension(actor, recommendationId, parsed.data);
        return {
          intent: "decide-extension",
          ok: granted ? `Đã gia hạn đến ngày ${formatDate(granted)}.` : "Đã không đồng ý gia hạn.",
        } satisfies ActionResult;
      }
      default:
        return fail({ root: { message: "Thao tác không hợp lệ." } });
    }
  } catch (error) {
    const answer = refusal(error);
    return fail(answer.data.errors, answer.init?.status ?? 400);
  }
}

export default function RecommendationPage() {
  const { detail, isUnit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const rec = detail.recommendation;
  const notice = rec.noticeNumber !== null ? `${formatDocumentNumber(rec.noticeNumber, rec.noticeSymbol)} ngày ${formatDate(rec.noticeIssueDate ?? "")}` : "";
  return (
    <>
      <p className="muted">
        <Link to="/recommendations">{isUnit ? "Kiến nghị cần khắc phục" : "Theo dõi kiến nghị"}</Link>
      </p>
      <h1>Kiến nghị</h1>
      <section className="card recommendation-summary">
        <p className="recommendation-text">{rec.text}</p>
        <dl className="facts">
          <dt>Đơn vị thực hiện</dt>
          <dd>
            {rec.unitName}
            {rec.addressedRole ? ` · ${rec.addressedRole}` : ""}
          </dd>
          <dt>Thông báo kết luận</dt>
          <dd>
            <Link to={`/notices/${rec.noticeId}`}>{notice}</Link>
            {rec.noticeSummary ? <div className="muted">{rec.noticeSummary}</div> : null}
          </dd>
          <dt>Kế hoạch</dt>
          <dd>
            <Link to={`/plans/${rec.planId}`}>{planReference({ number: rec.planNumber, symbol: rec.planSymbol, issueDate: rec.planIssueDate })}</Link>
          </dd>
          <dt>Thời hạn báo cáo</dt>
          <dd>
            <DeadlineCell deadline={rec.deadline} extendedDeadline={rec.extendedDeadline} state={detail.deadline.state} daysLeft={detail.deadline.daysLeft} />
          </dd>
          <dt>Trạng thái</dt>
          <dd>
            <strong data-testid="recommendation-status">{RECOMMENDATION_STATUS_LABELS[rec.status]}</strong>
            {rec.status === "returned" && detail.reports[0]?.reviewNote ? (
              <div className="review-note">Lý do trả lại: {detail.reports[0].reviewNote}</div>
            ) : null}
            {rec.status === "accepted" && rec.acceptedAt ? (
              <div className="muted">
                Chấp nhận lúc {formatDateTime(String(rec.acceptedAt))}
                {rec.acceptedByName ? ` bởi ${rec.acceptedByName}` : ""}
              </div>
            ) : null}
          </dd>
        </dl>
      </section>
      {result?.ok ? (
        <p className="notice-ok" role="status">
          {result.ok}
        </p>
      ) : null}
      {result?.errors?.root && !result.intent ? <FormError message={result.errors.root.message} /> : null}
      {detail.rights.canReview ? <ReviewForm detail={detail} result={result} busy={busy} /> : null}
      {detail.rights.canReport ? <ReportForm recommendationId={rec.id} result={result} busy={busy} /> : null}
      {isUnit ? (
        <p>
          <Link to={`/notices/${rec.noticeId}/remediation`}>Lập Báo cáo kết quả khắc phục (PDF) cho Thông báo {notice}</Link>
        </p>
      ) : null}
      <ExtensionForms detail={detail} result={result} busy={busy} />
      <ReportHistory detail={detail} />
    </>
  );
}
