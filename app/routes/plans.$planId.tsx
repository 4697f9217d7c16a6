import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden, requirePermission } from "~/auth/permissions.server";
import { PLAN_STATUS_LABELS, TEAM_ROLE_LABELS, VISIT_STATUS_LABELS } from "~/components/labels";
import { planReference } from "~/components/lists";
import { formatDate, formatDateTime } from "~/domain/vietnamese";
import { idParam } from "~/forms.server";
import { getPlan } from "~/models/plan.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.plan.subject} · Giám sát HĐND` : "Kế hoạch giám sát" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "plans:read");
  const plan = await getPlan(actor, idParam(params.planId));
  if (!plan) throw forbidden("Bạn không có quyền xem kế hoạch này hoặc kế hoạch không tồn tại.");
  return { plan };
}

export default function PlanPage() {
  const { plan } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">
        <Link to="/plans">Kế hoạch giám sát</Link> › {planReference(plan)}
      </p>
      <h1>{plan.subject}</h1>
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
        {plan.legalBasis ? (
          <p>
            <strong>Căn cứ:</strong> {plan.legalBasis}
          </p>
        ) : null}
      </section>
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
      <ul>
        {plan.visits.map((v) => (
          <li key={v.id}>
            {v.unitName} · {v.scheduledAt ? formatDateTime(v.scheduledAt) : "chưa xếp lịch"} · {VISIT_STATUS_LABELS[v.status]}
          </li>
        ))}
      </ul>
      {plan.reportingOutline ? (
        <>
          <h2>Đề cương báo cáo</h2>
          <div className="panel" style={{ whiteSpace: "pre-line" }}>
            {plan.reportingOutline}
          </div>
        </>
      ) : null}
    </>
  );
}
