import { Form, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { ROLE_LABELS, type Role } from "~/auth/roles";

type ShellActor = { id: number; fullName: string; role: Role; unitId: number; unitName: string } | null;

function navFor(actor: NonNullable<ShellActor>): { to: string; label: string }[] {
  const home = { to: "/", label: "Trang chủ" };
  switch (actor.role) {
    case "admin":
      return [
        home,
        { to: "/admin/units", label: "Đơn vị" },
        { to: "/admin/users", label: "Người dùng" },
        { to: "/admin/templates", label: "Mẫu phiếu" },
        { to: "/admin/settings", label: "Cài đặt" },
        { to: "/admin/audit", label: "Nhật ký" },
      ];
    case "committee":
      return [
        home,
        { to: "/plans", label: "Kế hoạch giám sát" },
        { to: "/notices", label: "Thông báo kết luận" },
        { to: "/recommendations", label: "Theo dõi kiến nghị" },
        { to: "/dashboard", label: "Tổng hợp" },
      ];
    case "team_member":
      return [
        home,
        { to: "/plans", label: "Kế hoạch giám sát" },
        { to: "/notices", label: "Thông báo kết luận" },
        { to: "/recommendations", label: "Theo dõi kiến nghị" },
      ];
    case "unit":
      return [
        home,
        { to: `/units/${actor.unitId}`, label: "Đơn vị của tôi" },
        { to: "/plans", label: "Kế hoạch giám sát" },
        { to: "/notices", label: "Thông báo kết luận" },
        { to: "/recommendations", label: "Kiến nghị cần khắc phục" },
      ];
  }
}

export function AppShell({
  actor,
  unreadNotifications = 0,
  children,
}: {
  actor: ShellActor;
  unreadNotifications?: number;
  children: ReactNode;
}) {
  return (
    <>
      <header className="topbar">
        <NavLink to="/" className="brand">
          Giám sát HĐND
        </NavLink>
        {actor ? (
          <>
            <nav aria-label="Chính" className="mainnav">
              {navFor(actor).map((item) => (
                <NavLink key={item.to} to={item.to} end={item.to === "/"}>
                  {item.label}
                </NavLink>
              ))}
            </nav>
            <NavLink
              to="/notifications"
              className="bell"
              aria-label={unreadNotifications > 0 ? `Nhắc việc: ${unreadNotifications} thông báo chưa đọc` : "Nhắc việc: không có thông báo chưa đọc"}
            >
              <svg className="bell-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                <path
                  fill="currentColor"
                  d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6v-5a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z"
                />
              </svg>
              <span className="bell-label">Nhắc việc</span>
              {unreadNotifications > 0 ? (
                <span className="bell-count" aria-hidden="true">
                  {unreadNotifications > 99 ? "99+" : unreadNotifications}
                </span>
              ) : null}
            </NavLink>
            <div className="who">
              <NavLink to="/account/password" className="who-name" title="Đổi mật khẩu">
                {actor.fullName}
              </NavLink>
              <span className="who-role">
                {ROLE_LABELS[actor.role]} · {actor.unitName}
              </span>
            </div>
            <Form method="post" action="/logout">
              <button type="submit" className="button secondary">
                Đăng xuất
              </button>
            </Form>
          </>
        ) : null}
      </header>
      <main className="content">{children}</main>
    </>
  );
}
