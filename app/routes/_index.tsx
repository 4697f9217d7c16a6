import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/permissions.server";
import { ROLE_LABELS } from "~/auth/roles";
import { PLAN_STATUS_LABELS } from "~/components/labels";
import { PlanTable, RecommendationTable, VisitTable } from "~/components/lists";
import { homeFor } from "~/models/home.server";

export const meta: MetaFunction = () => [{ title: "Trang chủ · Giám sát HĐND" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireUser(request);
  return { fullName: actor.fullName, roleLabel: ROLE_LABELS[actor.role], unitName: actor.unitName, home: await homeFor(actor) };
}

function Stat({ value, label, to }: { value: number; label: string; to?: string }) {
  const body = (
    <>
      <div className="stat">{value.toLocaleString("vi-VN")}</div>
      <div className="stat-label">{label}</div>
    </>
  );
  return <div className="panel">{to ? <Link to={to}>{body}</Link> : body}</div>;
}

export default function Home() {
  const { fullName, roleLabel, unitName, home } = useLoaderData<typeof loader>();
  return (
    <>
      <h1 data-testid="home-title">
        {roleLabel}: {fullName}
      </h1>
      <p className="muted">{unitName}</p>
      {home.role === "admin" ? (
        <>
          <div className="grid">
            <Stat value={home.units} label="Đơn vị" to="/admin/units" />
            <Stat value={home.users} label="Người dùng" to="/admin/users" />
            <Stat value={home.lockedUsers} label="Tài khoản đang bị tạm khóa" to="/admin/users" />
            <Stat value={home.templates} label="Mẫu phiếu kiểm tra" />
          </div>
          <p className="muted">Quản trị hệ thống quản lý danh mục đơn vị, người dùng và mẫu phiếu kiểm tra; không xem nội dung giám sát.</p>
        </>
      ) : null}
      {home.role === "committee" ? (
        <>
          <div className="grid">
            <Stat value={home.counts.overdue} label="Kiến nghị quá hạn" />
            <Stat value={home.counts.returned} label="Báo cáo bị trả lại, chờ đơn vị làm lại" />
            <Stat value={home.counts.open} label="Kiến nghị đang theo dõi" />
            <Stat value={home.byStatus.in_progress ?? 0} label={`Kế hoạch ${PLAN_STATUS_LABELS.in_progress.toLowerCase()}`} to="/plans?status=in_progress" />
            <Stat value={home.draftNotices} label="Dự thảo thông báo kết luận chờ ban hành" to="/notices?status=draft" />
          </div>
          <h2>Kiến nghị cần chú ý</h2>
          <RecommendationTable rows={home.open} />
          <h2>Kế hoạch giám sát gần đây</h2>
          <PlanTable plans={home.plans} />
        </>
      ) : null}
      {home.role === "team_member" ? (
        <>
          <h2>Buổi giám sát sắp tới</h2>
          <VisitTable visits={home.visits} visitLink={(id) => `/visits/${id}`} />
          <h2>Kế hoạch tôi tham gia</h2>
          <PlanTable plans={home.plans} />
        </>
      ) : null}
      {home.role === "unit" ? (
        <>
          <div className="grid">
            <Stat value={home.counts.overdue} label="Kiến nghị quá hạn báo cáo" />
            <Stat value={home.counts.returned} label="Báo cáo bị trả lại" />
            <Stat value={home.counts.open} label="Kiến nghị cần khắc phục" />
          </div>
          <h2>Kiến nghị gửi đơn vị</h2>
          <RecommendationTable rows={home.open} />
          <h2>Buổi giám sát sắp tới tại đơn vị</h2>
          <VisitTable visits={home.visits} visitLink={(id) => `/visits/${id}/report`} />
        </>
      ) : null}
    </>
  );
}
