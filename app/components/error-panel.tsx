import { Link, useLocation } from "@remix-run/react";

/** Status 0: the browser could not reach the server at all. */
export const CONNECTION_LOST = 0;

const MESSAGES: Record<number, { title: string; text: string }> = {
  [CONNECTION_LOST]: {
    title: "Mất kết nối",
    text: "Không gửi được yêu cầu đến máy chủ. Nội dung bạn đã nhập vẫn được giữ trên thiết bị này; hãy mở lại trang khi có mạng.",
  },
  400: { title: "Yêu cầu không hợp lệ", text: "Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra và thử lại." },
  403: { title: "Không có quyền truy cập", text: "Bạn không có quyền xem hoặc thay đổi nội dung này." },
  404: { title: "Không tìm thấy", text: "Trang hoặc nội dung bạn tìm không tồn tại." },
  405: { title: "Thao tác không được hỗ trợ", text: "Thao tác này không được hỗ trợ tại đây." },
  // The database is stopped, restarting or out of reach (app/db-errors.server.ts); it comes back by itself.
  503: {
    title: "Tạm thời không truy cập được dữ liệu",
    text: "Máy chủ cơ sở dữ liệu đang gián đoạn hoặc đang khởi động lại. Dữ liệu đã lưu không bị mất; vui lòng thử lại sau ít phút.",
  },
};

/** What any failure shows: a Vietnamese message and a way back, never a stack trace. */
export function ErrorPanel({ status }: { status: number }) {
  const location = useLocation();
  const message = MESSAGES[status] ?? {
    title: "Đã có lỗi xảy ra",
    text: "Hệ thống gặp sự cố khi xử lý yêu cầu. Dữ liệu bạn đã lưu không bị ảnh hưởng; vui lòng thử lại.",
  };
  return (
    <section className="panel error-panel" role="alert">
      <h1>{message.title}</h1>
      <p>{message.text}</p>
      {status === CONNECTION_LOST ? null : <p className="muted">Mã lỗi: {status}</p>}
      <p className="actions">
        {status === 503 ? (
          // A full reload: the page's data must come from the server again, not from the router.
          <Link to={`${location.pathname}${location.search}`} reloadDocument className="button">
            Thử lại
          </Link>
        ) : null}
        <Link to="/" className="button">
          Về trang chủ
        </Link>
      </p>
    </section>
  );
}
