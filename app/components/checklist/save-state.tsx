import type { ItemSync } from "~/checklist/use-visit-sync";

/** The per-item line the team member glances at: saved, waiting to be sent, or failed. */
export function SaveState({ sync }: { sync: ItemSync | undefined }) {
  if (sync?.failed) return <span className="save-state failed" role="status">Lỗi: {sync.failed}</span>;
  if (sync?.local) return <span className="save-state waiting" role="status">Đang chờ gửi</span>;
  if (sync?.server) return <span className="save-state saved" role="status">Đã lưu</span>;
  return <span className="save-state none">Chưa trả lời</span>;
}
