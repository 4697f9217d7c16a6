import type { SyncStatus } from "~/checklist/sync.client";

/** One line, always visible, saying whether everything typed has reached the server. */
export function SyncBanner({ status, ready }: { status: SyncStatus; ready: boolean }) {
  if (!ready) return <p className="sync-banner">Đang mở dữ liệu trên máy…</p>;
  switch (status.state) {
    case "offline":
      return (
        <p className="sync-banner offline" role="status">
          Mất kết nối: {status.pending} mục đang được giữ trên máy và sẽ tự gửi khi có mạng.
        </p>
      );
    case "blocked":
      return (
        <p className="sync-banner blocked" role="alert">
          Chưa gửi được {status.pending} mục: {status.message}
        </p>
      );
    case "sending":
      return <p className="sync-banner sending" role="status">Đang gửi {status.pending} mục…</p>;
    default:
      return <p className="sync-banner saved" role="status">Đã lưu tất cả câu trả lời lên máy chủ.</p>;
  }
}
