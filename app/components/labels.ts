/** Vietnamese names for stored codes, in one place for every page. */
export const PLAN_STATUS_LABELS = {
  draft: "Dự thảo",
  issued: "Đã ban hành",
  in_progress: "Đang giám sát",
  concluded: "Đã kết luận",
  closed: "Đã đóng",
} as const;

export const VISIT_STATUS_LABELS = {
  scheduled: "Đã lên lịch",
  in_progress: "Đang thực hiện",
  completed: "Đã hoàn thành",
} as const;

export const TEAM_ROLE_LABELS = {
  lead: "Trưởng đoàn",
  deputy: "Phó trưởng đoàn",
  member: "Thành viên",
  secretary: "Thư ký",
} as const;

export const RECOMMENDATION_STATUS_LABELS = {
  not_started: "Chưa thực hiện",
  in_progress: "Đang thực hiện",
  reported: "Đã báo cáo",
  accepted: "Đã chấp nhận",
  returned: "Bị trả lại",
} as const;

export const DEADLINE_STATE_LABELS = {
  overdue: "Quá hạn",
  due_soon: "Sắp đến hạn",
  on_track: "Trong hạn",
  closed: "Đã đóng",
} as const;

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: "Tạo mới",
  update: "Sửa",
  login: "Đăng nhập",
  login_failed: "Đăng nhập sai",
  logout: "Đăng xuất",
  reset_password: "Đặt lại mật khẩu",
  change_password: "Đổi mật khẩu",
  import: "Nhập từ tệp",
  new_version: "Tạo phiên bản mới",
  publish: "Công bố",
  update_item: "Sửa tiêu chí",
  add_item: "Thêm tiêu chí",
  remove_item: "Xóa tiêu chí",
  update_title: "Sửa tên mẫu phiếu",
  retire: "Ngừng sử dụng",
  issue: "Ban hành",
  status: "Chuyển trạng thái",
  "answer.save": "Ghi câu trả lời phiếu kiểm tra",
  "answer.stale": "Câu trả lời cũ hơn, không được dùng",
  "finding.draft": "Đề xuất tồn tại, hạn chế",
  "finding.create": "Thêm kết quả giám sát",
  "finding.update": "Sửa kết quả giám sát",
  "finding.delete": "Xóa kết quả giám sát",
  "finding.move": "Chuyển chỗ kết quả giám sát",
  "finding.merge": "Gộp kết quả giám sát",
  "finding.cite": "Thêm căn cứ",
  "finding.uncite": "Bỏ căn cứ",
  "recommendation.create": "Thêm kiến nghị",
  "recommendation.update": "Sửa kiến nghị",
  "recommendation.delete": "Xóa kiến nghị",
  "recommendation.move": "Chuyển chỗ kiến nghị",
  "recommendation.merge": "Gộp kiến nghị",
  "photo.add": "Thêm ảnh",
  "report.save": "Lưu nháp báo cáo của đơn vị",
  "report.submit": "Gửi báo cáo của đơn vị",
  "remediation.report": "Báo cáo kết quả khắc phục",
  "remediation.accept": "Chấp nhận kết quả khắc phục",
  "remediation.return": "Trả lại báo cáo khắc phục",
  "remediation.extension_request": "Đề nghị gia hạn",
  "remediation.extension_grant": "Đồng ý gia hạn",
  "remediation.extension_refuse": "Không đồng ý gia hạn",
  "remediation.document_issue": "Ban hành báo cáo kết quả khắc phục",
  "carried.add": "Đưa kiến nghị kỳ trước vào phiếu kiểm tra",
  "carried.answer": "Kiểm tra kiến nghị kỳ trước",
};

export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  unit: "Đơn vị",
  user: "Người dùng",
  plan: "Kế hoạch giám sát",
  visit: "Buổi giám sát",
  answer: "Câu trả lời phiếu kiểm tra",
  finding: "Kết quả giám sát",
  recommendation: "Kiến nghị",
  attachment: "Tệp đính kèm",
  checklist_template: "Mẫu phiếu kiểm tra",
  remediation_document: "Báo cáo kết quả khắc phục",
  carried_recommendation: "Kiến nghị kỳ trước",
  settings: "Cài đặt",
};
