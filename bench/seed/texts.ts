/**
 * The words of the generated supervisions, in the style of the seed documents. `{kind}` is "xã",
 * "phường" or "đặc khu"; `{place}` the commune's name; `{year}` a year.
 */
const nfc = (items: string[]) => items.map((item) => item.normalize("NFC"));

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ""));
}

export const PLAN_SUBJECTS = nfc([
  "Giám sát tình hình tiếp nhận và giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công {kind}",
  "Giám sát việc thực hiện kiến nghị sau giám sát của Thường trực HĐND {kind} năm {prev}",
  "Giám sát công tác cải cách hành chính, chuyển đổi số trong giải quyết thủ tục hành chính năm {prev}",
  "Giám sát việc tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh của công dân",
  "Giám sát công tác quản lý đất đai, trật tự xây dựng trên địa bàn {kind}",
  "Giám sát việc thực hiện chính sách an sinh xã hội, chăm lo người có công và hộ nghèo",
  "Giám sát việc quản lý, sử dụng ngân sách nhà nước và tài sản công năm {prev}",
  "Giám sát việc thực hiện chính sách bảo hiểm y tế, khám chữa bệnh ban đầu tại Trạm Y tế",
  "Giám sát công tác phòng, chống thiên tai, tìm kiếm cứu nạn và bảo vệ môi trường",
  "Giám sát việc thực hiện chỉ tiêu tiếp nhận, giải quyết hồ sơ trực tuyến và số hóa hồ sơ năm {prev}",
]);

export const LEGAL_BASIS = nfc([
  "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13",
  "Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
  "Nghị quyết của HĐND {kind} về Chương trình giám sát năm {year}",
]);

export const PURPOSE = "Đánh giá đúng thực trạng, kết quả đạt được, tồn tại, hạn chế và nguyên nhân; kiến nghị giải pháp khắc phục.".normalize("NFC");

export const REPORTING_OUTLINE = nfc([
  "1. Công tác chỉ đạo, triển khai thực hiện.\n2. Kết quả thực hiện trong thời kỳ giám sát.\n3. Tồn tại, hạn chế, nguyên nhân; kiến nghị, đề xuất.",
])[0];

export const UNIT_REPORT = nfc([
  "Thực hiện Kế hoạch giám sát của Thường trực HĐND {kind}, đơn vị báo cáo kết quả thực hiện trong kỳ như sau: công tác chỉ đạo được triển khai kịp thời; các chỉ tiêu cơ bản đạt kế hoạch; còn một số khó khăn về cơ sở vật chất và nhân lực.",
  "Đơn vị đã tổ chức quán triệt, triển khai đầy đủ các văn bản chỉ đạo; kết quả tiếp nhận, giải quyết hồ sơ đúng hạn đạt cao; việc số hóa hồ sơ còn chậm do thiếu trang thiết bị.",
]);

export const ACHIEVEMENTS = nfc([
  "Đơn vị đã ban hành quy chế tổ chức và hoạt động theo quy định; phân công nhiệm vụ cụ thể cho từng công chức; công khai đầy đủ danh mục thủ tục hành chính.",
  "Công tác tiếp nhận, giải quyết hồ sơ được thực hiện nghiêm túc, đúng quy trình; tỷ lệ hồ sơ giải quyết đúng hạn đạt cao.",
  "Đơn vị đã tích cực hướng dẫn người dân nộp hồ sơ trực tuyến, thanh toán trực tuyến phí, lệ phí.",
  "Cơ sở vật chất tại nơi tiếp nhận hồ sơ được đầu tư, bố trí hợp lý, tạo thuận lợi cho người dân.",
  "Việc tiếp công dân được duy trì thường xuyên; đơn thư được phân loại, chuyển xử lý kịp thời.",
  "Công tác tuyên truyền, phổ biến chính sách đến người dân được quan tâm thực hiện.",
  "Ngân sách được quản lý, sử dụng đúng mục đích; công khai dự toán, quyết toán theo quy định.",
]);

export const SHORTCOMINGS = nfc([
  "Bảng niêm yết tiếp nhận phản ánh, kiến nghị về quy định hành chính chưa đảm bảo theo Thông tư số 02/2017/TT-VPCP.",
  "Một số thủ tục hành chính niêm yết chưa cập nhật theo quyết định công bố mới nhất.",
  "Tính chuyên nghiệp, kỹ năng vận hành cơ chế một cửa, một cửa liên thông của công chức còn hạn chế.",
  "Việc số hóa hồ sơ, kết quả giải quyết thủ tục hành chính chưa đạt chỉ tiêu được giao.",
  "Tỷ lệ hồ sơ thanh toán trực tuyến phí, lệ phí còn thấp so với chỉ tiêu.",
  "Còn tình trạng tiếp nhận hồ sơ tại phòng làm việc của công chức chuyên môn, không qua Bộ phận Một cửa.",
  "Trang thiết bị phục vụ tra cứu, đánh giá mức độ hài lòng chưa được trang bị đầy đủ.",
  "Việc lưu trữ hồ sơ chưa khoa học; sổ theo dõi giải quyết hồ sơ ghi chép chưa đầy đủ.",
  "Một số hồ sơ giải quyết quá hạn nhưng chưa có văn bản xin lỗi người dân theo quy định.",
  "Việc giải quyết một số đơn thư còn kéo dài, chưa đúng thời hạn quy định.",
  "Công tác quản lý trật tự xây dựng còn để xảy ra vi phạm chưa được xử lý dứt điểm.",
]);

export const OBJECTIVE_CAUSES = nfc([
  "Khối lượng công việc lớn trong khi biên chế được giao còn hạn chế.",
  "Hệ thống phần mềm dịch vụ công thường xuyên thay đổi, có thời điểm bị lỗi kết nối.",
  "Kinh phí đầu tư trang thiết bị chưa được bố trí kịp thời.",
  "Việc sắp xếp tổ chức bộ máy, thay đổi địa giới hành chính ảnh hưởng đến tiến độ công việc.",
  "Một bộ phận người dân chưa quen với việc nộp hồ sơ, thanh toán trực tuyến.",
]);

export const SUBJECTIVE_CAUSES = nfc([
  "Công chức được luân chuyển từ các chức danh khác, chưa được bồi dưỡng nghiệp vụ đầy đủ.",
  "Công tác kiểm tra, đôn đốc của lãnh đạo đơn vị chưa thường xuyên.",
  "Một số công chức chưa chủ động cập nhật văn bản quy phạm pháp luật mới.",
  "Việc phối hợp giữa các bộ phận chuyên môn chưa chặt chẽ.",
]);

export const RECOMMENDATIONS = nfc([
  "Niêm yết đầy đủ, đúng quy định các thủ tục hành chính và biểu mẫu kèm theo tại nơi tiếp nhận hồ sơ.",
  "Niêm yết địa chỉ tiếp nhận phản ánh, kiến nghị về quy định hành chính theo Thông tư số 02/2017/TT-VPCP.",
  "Tiếp nhận toàn bộ hồ sơ tại Bộ phận Một cửa, không tiếp nhận tại phòng làm việc của công chức.",
  "Bố trí kinh phí đầu tư máy quét, máy tính tra cứu và thiết bị đánh giá mức độ hài lòng.",
  "Đẩy mạnh tuyên truyền, hướng dẫn người dân nộp hồ sơ và thanh toán trực tuyến.",
  "Rà soát, cập nhật danh mục thủ tục hành chính theo các quyết định công bố mới của Chủ tịch UBND tỉnh.",
  "Thực hiện số hóa hồ sơ, kết quả giải quyết thủ tục hành chính đạt chỉ tiêu được giao.",
  "Cử công chức tham gia các lớp bồi dưỡng nghiệp vụ, kỹ năng giao tiếp, ứng xử với người dân.",
  "Gửi văn bản xin lỗi người dân đối với các hồ sơ giải quyết quá hạn theo đúng mẫu quy định.",
  "Sắp xếp, lưu trữ hồ sơ khoa học; ghi chép đầy đủ sổ theo dõi giải quyết hồ sơ.",
  "Giải quyết dứt điểm các đơn thư tồn đọng, kéo dài; thông báo kết quả cho công dân.",
  "Xử lý dứt điểm các trường hợp vi phạm trật tự xây dựng đã được phát hiện.",
  "Rà soát, bổ sung quy chế phối hợp giữa Trung tâm Phục vụ hành chính công và các bộ phận chuyên môn.",
  "Công khai số điện thoại đường dây nóng và hộp thư góp ý tại nơi dễ thấy.",
  "Thực hiện đúng quy trình luân chuyển hồ sơ liên thông; theo dõi, đôn đốc hồ sơ sắp đến hạn.",
  "Tăng cường kiểm tra, giám sát việc thực hiện nhiệm vụ của công chức tại Bộ phận Một cửa.",
  "Bố trí khu vực chờ, ghế ngồi, nước uống và các điều kiện phục vụ người dân đến giao dịch.",
  "Quản lý, sử dụng kinh phí đúng mục đích; công khai dự toán, quyết toán ngân sách theo quy định.",
  "Chi trả đầy đủ, kịp thời chế độ chính sách cho người có công, đối tượng bảo trợ xã hội.",
  "Cập nhật đầy đủ, kịp thời dữ liệu hồ sơ lên Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.",
]);

export const RECOMMENDATION_DETAILS = nfc([
  "",
  "",
  " Hoàn thành trong quý tới.",
  " Báo cáo cụ thể kết quả thực hiện, kèm theo minh chứng.",
  " Phân công rõ người, rõ việc, rõ thời hạn hoàn thành.",
]);

export const REPORT_PROGRESS = nfc([
  "Đơn vị đã giao bộ phận chuyên môn rà soát, đang triển khai thực hiện; dự kiến hoàn thành trong tháng.",
  "Đã xây dựng kế hoạch khắc phục, phân công cụ thể; đang thực hiện theo tiến độ.",
  "Đã trình xin bổ sung kinh phí; đang chờ phê duyệt để triển khai.",
]);

export const REPORT_DONE = nfc([
  "Đơn vị đã chỉ đạo khắc phục xong: đã cập nhật, niêm yết đầy đủ và kiểm tra lại; kèm theo văn bản chỉ đạo và ảnh chụp hiện trạng.",
  "Đã hoàn thành việc khắc phục theo kiến nghị; kèm theo báo cáo kết quả và hồ sơ minh chứng.",
  "Đã thực hiện xong; kết quả được công khai tại trụ sở và trên trang thông tin điện tử của đơn vị.",
]);

export const REPORT_NOT_STARTED = nfc(["Đơn vị chưa triển khai do đang chờ hướng dẫn của cấp trên; sẽ báo cáo khi có kết quả."]);

export const RETURN_NOTES = nfc([
  "Báo cáo chưa kèm minh chứng (ảnh chụp, văn bản chỉ đạo); đề nghị bổ sung và báo cáo lại.",
  "Kết quả khắc phục chưa đầy đủ so với nội dung kiến nghị; đề nghị tiếp tục thực hiện.",
  "Qua kiểm tra thực tế, việc khắc phục chưa đạt yêu cầu; đề nghị thực hiện lại.",
]);

export const EXTENSION_REASONS = nfc([
  "Việc khắc phục cần kinh phí bổ sung, đang chờ phê duyệt dự toán.",
  "Khối lượng công việc lớn, cần thêm thời gian để hoàn thành đúng yêu cầu.",
  "Đang chờ hướng dẫn của cơ quan chuyên môn cấp tỉnh.",
]);

export const REFUSAL_NOTES = nfc(["Lý do chưa thuyết phục; đề nghị đơn vị khẩn trương hoàn thành đúng hạn."]);

export const NOT_MET_NOTES = nfc([
  "Chưa đảm bảo theo quy định.",
  "Có thực hiện nhưng chưa đầy đủ.",
  "Đoàn kiểm tra thực tế không có.",
  "",
]);

export const RECIPIENTS = nfc([
  "TT. HĐND tỉnh",
  "TT. Đảng ủy, UBND, UBMTTQ {kind}",
  "Đại biểu HĐND {kind}",
  "Các đơn vị được giám sát",
  "CSDL HĐND các cấp",
]);
