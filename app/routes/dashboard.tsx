import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/permissions.server";
import { MonthlyChart } from "~/components/charts/monthly-chart";
import { SelectField } from "~/components/fields";
import { formatDate, formatNumber } from "~/domain/vietnamese";
import { getFollowUpDashboard } from "~/models/dashboard.server";
import dashboardStyles from "~/styles/dashboard.css?url";
import { MAX_RECORD_ID } from "~/schemas/limits";

export const meta: MetaFunction = () => [{ title: "Tổng hợp theo dõi kiến nghị · Giám sát HĐND" }];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardStyles }];

const filterSchema = z.object({
  planId: z.coerce.number().int().positive().max(MAX_RECORD_ID).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "remediation:review");
  const params = new URL(request.url).searchParams;
  const filter = filterSchema.parse({ planId: params.get("planId") || undefined });
  return getFollowUpDashboard(actor, { planId: filter.planId ?? null });
}

type TrackerQuery = { planId?: number | null; unitId?: number; status?: "accepted" | "open"; state?: "overdue" };

/** The tracker (/recommendations) with the same selection: planId, unitId, status, state. */
function trackerLink(query: TrackerQuery): string {
  const params = new URLSearchParams();
  if (query.planId) params.set("planId", String(query.planId));
  if (query.unitId) params.set("unitId", String(query.unitId));
  if (query.status) params.set("status", query.status);
  if (query.state) params.set("state", query.state);
  const search = params.toString();
  return search ? `/recommendations?${search}` : "/recommendations";
}

function percent(rate: number | null): string {
  return rate === null ? "—" : `${formatNumber(rate * 100, 1)}%`;
}

function Card({ value, label, to, tone }: { value: string; label: string; to: string; tone: string }) {
  return (
    <Link to={to} className={`dashboard-card ${tone}`}>
      <span className="value">{value}</span>
      <span className="label">{label}</span>
    </Link>
  );
}

/** A count linking to the tracker, or a plain 0. */
function CountCell({ value, to, bad }: { value: number; to: string; bad?: boolean }) {
  return <td className={bad && value > 0 ? "num bad" : "num"}>{value > 0 ? <Link to={to}>{formatNumber(value)}</Link> : formatNumber(value)}</td>;
}

const COUNT_HEADERS = (
  <>
    <th className="num">Tổng số</th>
    <th className="num">Hoàn thành đúng hạn</th>
    <th className="num">Hoàn thành trễ hạn</th>
    <th className="num">Chưa hoàn thành</th>
    <th className="num">Trong đó quá hạn</th>
  </>
);

export default function FollowUpDashboard() {
  const data = useLoaderData<typeof loader>();
  const { totals, planId } = data;
  const link = (query: Omit<TrackerQuery, "planId"> = {}) => trackerLink({ planId, ...query });
  const selected = data.plans.find((plan) => plan.id === planId);

  return (
    <>
      <h1>Tổng hợp theo dõi kiến nghị</h1>
      <Form method="get" className="filters dashboard-filter">
        <SelectField
          label="Kế hoạch giám sát"
          name="planId"
          defaultValue={planId ?? ""}
          placeholder="Tất cả kế hoạch"
          options={data.plans.map((plan) => ({ value: plan.id, label: `${plan.reference}: ${plan.subject}` }))}
        />
        <button type="submit">Xem</button>
        {planId !== null ? (
          <Link to="/dashboard" className="button secondary">
            Bỏ lọc
          </Link>
        ) : null}
      </Form>
      <p className="muted dashboard-asof">
        Số liệu đến ngày {formatDate(data.today)}
        {selected ? `, kế hoạch ${selected.reference}` : planId !== null ? ", kế hoạch đã chọn" : ", mọi kế hoạch"}. Hoàn thành đúng hạn: báo cáo
        được chấp nhận gửi không muộn hơn hạn (kể cả hạn đã gia hạn); quá hạn: chưa hoàn thành và đã qua hạn.
      </p>

      <div className="dashboard-cards">
        <Card value={formatNumber(totals.total)} label="Tổng số kiến nghị theo dõi" to={link()} tone="total" />
        <Card value={formatNumber(totals.open)} label="Chưa hoàn thành" to={link({ status: "open" })} tone="open" />
        <Card value={formatNumber(totals.overdue)} label="Quá hạn" to={link({ state: "overdue" })} tone="overdue" />
        <Card value={formatNumber(totals.completedOnTime)} label="Hoàn thành đúng hạn" to={link({ status: "accepted" })} tone="on-time" />
        <Card value={formatNumber(totals.completedLate)} label="Hoàn thành trễ hạn" to={link({ status: "accepted" })} tone="late" />
        <Card value={percent(totals.onTimeRate)} label="Tỷ lệ hoàn thành đúng hạn" to={link({ status: "accepted" })} tone="rate" />
      </div>

      <MonthlyChart series={data.series} title={`Diễn biến ${data.series.length} tháng gần nhất`} />

      <h2>Đơn vị có nhiều kiến nghị quá hạn nhất</h2>
      {data.mostOverdue.length === 0 ? (
        <p className="muted">Không có kiến nghị nào quá hạn.</p>
      ) : (
        <div className="table-wrap">
          <table className="list dashboard-table">
            <thead>
              <tr>
                <th>Đơn vị</th>
                <th className="num">Số kiến nghị quá hạn</th>
                <th className="num">Quá hạn lâu nhất</th>
              </tr>
            </thead>
            <tbody>
              {data.mostOverdue.map((row) => (
                <tr key={row.unitId}>
                  <td>
                    <Link to={link({ unitId: row.unitId, state: "overdue" })}>{row.unitName}</Link>
                  </td>
                  <td className="num bad">{formatNumber(row.overdue)}</td>
                  <td className="num">{formatNumber(row.maxDaysOverdue)} ngày</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Theo đơn vị</h2>
      {data.unitCount > data.byUnit.length ? (
        <p className="muted">
          {formatNumber(data.byUnit.length)} trong {formatNumber(data.unitCount)} đơn vị: những đơn vị còn nhiều kiến nghị chưa hoàn thành nhất. Xem từng
          đơn vị ở <Link to={link()}>trang theo dõi kiến nghị</Link>.
        </p>
      ) : null}
      {data.byUnit.length === 0 ? (
        <p className="muted">Chưa có kiến nghị nào được theo dõi.</p>
      ) : (
        <div className="table-wrap">
          <table className="list dashboard-table">
            <thead>
              <tr>
                <th>Đơn vị</th>
                {COUNT_HEADERS}
              </tr>
            </thead>
            <tbody>
              {data.byUnit.map((row) => (
                <tr key={row.unitId}>
                  <td>
                    <Link to={link({ unitId: row.unitId })}>{row.unitName}</Link>
                  </td>
                  <td className="num">{formatNumber(row.total)}</td>
                  <td className="num">{formatNumber(row.completedOnTime)}</td>
                  <td className="num">{formatNumber(row.completedLate)}</td>
                  <CountCell value={row.open} to={link({ unitId: row.unitId, status: "open" })} />
                  <CountCell value={row.overdue} to={link({ unitId: row.unitId, state: "overdue" })} bad />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>Theo kế hoạch giám sát</h2>
      {data.planCount > data.byPlan.length ? (
        <p className="muted">
          {formatNumber(data.byPlan.length)} kế hoạch gần nhất trong {formatNumber(data.planCount)} kế hoạch; chọn một kế hoạch ở bộ lọc phía trên để
          xem riêng.
        </p>
      ) : null}
      {data.byPlan.length === 0 ? (
        <p className="muted">Chưa có kiến nghị nào được theo dõi.</p>
      ) : (
        <div className="table-wrap">
          <table className="list dashboard-table">
            <thead>
              <tr>
                <th>Kế hoạch</th>
                {COUNT_HEADERS}
              </tr>
            </thead>
            <tbody>
              {data.byPlan.map((row) => (
                <tr key={row.planId}>
                  <td>
                    <Link to={trackerLink({ planId: row.planId })}>{row.reference}</Link>
                    <div className="muted">{row.subject}</div>
                  </td>
                  <td className="num">{formatNumber(row.total)}</td>
                  <td className="num">{formatNumber(row.completedOnTime)}</td>
                  <td className="num">{formatNumber(row.completedLate)}</td>
                  <CountCell value={row.open} to={trackerLink({ planId: row.planId, status: "open" })} />
                  <CountCell value={row.overdue} to={trackerLink({ planId: row.planId, state: "overdue" })} bad />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
