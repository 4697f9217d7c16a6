import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { roleHas } from "~/auth/roles";
import { FormError } from "~/components/fields";
import { PLAN_STATUS_LABELS, TEAM_ROLE_LABELS, VISIT_STATUS_LABELS } from "~/components/labels";
import { planReference } from "~/components/lists";
import { SavedNotice, useSaveOutcome } from "~/components/save-outcome";
import { formatDocumentNumber } from "~/domain/numbering";
import { formatDate, formatDateTime, vietnamDate } from "~/domain/vietnamese";
import { type FormActionData, idParam, refusal, validateForm } from "~/forms.server";
import { changePlanStatus, getPlan, issuePlan, mayManagePlan } from "~/models/plan.server";
import { NEXT_STATUS, planActionSchema, planEditMode, splitLines } from "~/schemas/plan";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.plan.subject} · Giám sát HĐND` : "Kế hoạch giám sát" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:read");
  const plan = await getPlan(actor, idParam(params.planId));
  if (!plan) throw forbidden("Bạn không có quyền xem kế hoạch này hoặc kế hoạch không tồn tại.");
  const manage = mayManagePlan(actor, plan);
  return {
    plan,
    manage,
    editMode: manage ? planEditMode(plan.status) : "none",
    nextStatus: manage ? (NEXT_STATUS[plan.status] ?? null) : null,
    today: vietnamDate(),
    onSite: roleHas(actor.role, "visits:answer"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "plans:manage");
  const planId = idParam(params.planId);
  const form = await validateForm(request, planActionSchema);
  if (!form.ok) return form.response;
  try {
    if (form.data.intent === "issue") {
      const issued = await issuePlan(actor, planId, form.data.issueDate);
      return { ok: `Đã ban hành kế hoạch số ${formatDocumentNumber(issued.number, issued.symbol)}.` } satisfies FormActionData;
    }
    await changePlanStatus(actor, planId, form.data.to);
    return { ok: `Đã chuyển kế hoạch sang “${PLAN_STATUS_LABELS[form.data.to]}”.` } satisfies FormActionData;
  } catch (error) {
    return refusal(error);
  }
}

function Lines({ text }: { text: string }) {
  const lines = splitLines(text);
  if (lines.length === 0) return <span className="muted">(chưa có)</span>;
  return (
    <ul>
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

export default function PlanPage() {
  const { plan, manage, editMode, nextStatus, today, onSite } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const outcome = useSaveOutcome(actionData, { draftKey: "plan:new", message: "Đã lưu dự thảo kế hoạch." });
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <p className="muted">
        <Link to="/plans">Kế hoạch giám sát</Link> › {planReference(plan)}
      </p>
      <h1>{plan.subject}</h1>
      <SavedNotice message={outcome.message} />
      <FormError message={outcome.errors?.root?.message} />
      <section className="panel">
        <p>
          <strong>Kế hoạch:</strong> {planReference(plan)} của {plan.issuingUnitName}
        </p>
        <p>
          <strong>Thời kỳ giám sát:</strong> từ ngày {formatDate(plan.periodStart)} đến ngày {formatDate(plan.periodEnd)}
        </p>
        <p>
          <strong>Trạng thái:</strong> {PLAN_STATUS_LABELS[plan.status]}
        </p>
        <p>
          <strong>Mẫu phiếu kiểm tra:</strong>{" "}
          {plan.checklistTitle ? `${plan.checklistTitle} (phiên bản ${plan.checklistVersion})` : <span className="muted">chưa chọn</span>}
        </p>
        <div>
          <strong>Căn cứ:</strong> <Lines text={plan.legalBasis} />
        </div>
      </section>

      <section className="actions">
        <Link className="button secondary" to={`/plans/${plan.id}/pdf`} reloadDocument>
          Tải kế hoạch (PDF)
        </Link>
        {editMode !== "none" ? (
          <Link className="button secondary" to={`/plans/${plan.id}/edit`}>
            {editMode === "full" ? "Sửa dự thảo" : "Sửa thành phần đoàn và lịch"}
          </Link>
        ) : null}
      </section>

      {manage && plan.status === "draft" ? (
        <Form method="post" className="panel filters">
          <input type="hidden" name="intent" value="issue" />
          <div className="field">
            <label htmlFor="issueDate">Ngày ban hành</label>
            <input id="issueDate" name="issueDate" type="date" defaultValue={today} required />
          </div>
          <button type="submit" disabled={busy}>
            Ban hành (cấp số)
          </button>
          <p className="field-hint">
            Khi ban hành, kế hoạch nhận số tiếp theo trong sổ kế hoạch của {plan.issuingUnitName} năm ban hành; sau đó chỉ sửa được
            thành phần đoàn và lịch giám sát.
          </p>
        </Form>
      ) : null}
      {nextStatus ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="status" />
          <input type="hidden" name="to" value={nextStatus} />
          <button type="submit" disabled={busy}>
            Chuyển sang “{PLAN_STATUS_LABELS[nextStatus]}”
          </button>
        </Form>
      ) : null}

      {plan.purpose ? (
        <>
          <h2>Mục đích, yêu cầu</h2>
          <div className="panel" style={{ whiteSpace: "pre-line" }}>
            {plan.purpose}
          </div>
        </>
      ) : null}

      <h2>Thành phần đoàn giám sát</h2>
      <ul>
        {plan.members.map((m) => (
          <li key={m.id}>
            {m.fullName}
            {m.title ? ` – ${m.title}` : ""} – {TEAM_ROLE_LABELS[m.role]}
          </li>
        ))}
      </ul>

      <h2>Đơn vị được giám sát</h2>
      <div className="table-wrap">
        <table className="list">
          <thead>
            <tr>
              <th>Đơn vị</th>
              <th>Thời gian</th>
              <th>Trạng thái</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {plan.visits.map((v) => (
              <tr key={v.id}>
                <td>{v.unitName}</td>
                <td>{v.scheduledAt ? formatDateTime(v.scheduledAt) : "Chưa xếp lịch"}</td>
                <td>{VISIT_STATUS_LABELS[v.status]}</td>
                <td className="actions">
                  {onSite ? (
                    <>
                      <Link className="button" to={`/visits/${v.id}`}>
                        Mở phiếu kiểm tra
                      </Link>
                      <Link className="button secondary" to={`/visits/${v.id}/findings`}>
                        Kết quả, kiến nghị
                      </Link>
                      <Link className="button secondary" to={`/visits/${v.id}/notice`}>
                        Thông báo kết luận
                      </Link>
                      <Link className="button secondary" to={`/visits/${v.id}/export`} reloadDocument>
                        Tải tệp giám sát
                      </Link>
                    </>
                  ) : null}
                  <Link className="button secondary" to={`/visits/${v.id}/report`}>
                    Báo cáo của đơn vị
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {plan.reportingOutline ? (
        <>
          <h2>Đề cương báo cáo</h2>
          <div className="panel" style={{ whiteSpace: "pre-line" }}>
            {plan.reportingOutline}
          </div>
        </>
      ) : null}

      <h2>Người ký và nơi nhận</h2>
      <section className="panel">
        <p>
          <strong>Người ký:</strong>{" "}
          {plan.signerName ? (
            <>
              {plan.signerIsDeputy ? "KT. Chủ tịch – Phó Chủ tịch" : "TM. Thường trực HĐND – Chủ tịch"}: {plan.signerName}
            </>
          ) : (
            <span className="muted">chưa nhập</span>
          )}
        </p>
        <div>
          <strong>Nơi nhận:</strong> <Lines text={plan.recipients} />
        </div>
      </section>
    </>
  );
}
