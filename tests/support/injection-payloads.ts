/**
 * Hostile text for the injection tests: markup and script that a page, a PDF or a Word file must
 * show as text, SQL that must be stored as text, and spreadsheet formulas that must stay strings.
 * Every script payload sets window.__xss, so a browser test can tell whether any of it ran.
 * Each field gets its own text (a Vietnamese label around a payload), so a test can find exactly
 * that field's value in a page or a document. Single spaces only and no space at either end: the
 * app trims and collapses spaces, and these are compared byte for byte after the round trip.
 */

export const XSS = {
  script: "<script>window.__xss=1</script>",
  img: `<img src=x onerror="window.__xss=1">`,
  svg: `"><svg onload=window.__xss=1>`,
  jsUrl: "javascript:window.__xss=1",
  textarea: "</textarea><script>window.__xss=1</script>",
  template: "{{constructor.constructor('window.__xss=1')()}}",
  alert: "<img src=x onerror=alert('xss')>",
  /** Already-escaped text must not be decoded on the way out either. */
  entities: "&lt;b&gt;đậm&lt;/b&gt; &amp; &#60;i&#62;",
} as const;

export const SQL = {
  drop: "'); DROP TABLE recommendations; --",
  or: "' OR '1'='1",
} as const;

/** Cells a spreadsheet would evaluate if they were written as formulas (OWASP CSV/formula injection). */
export const FORMULA = {
  hyperlink: '=HYPERLINK("http://evil","x")',
  plus: "+SUM(1)",
  minus: "-1+1",
  at: "@cmd",
} as const;

/** What a page must never contain as an element or attribute: evidence that a payload became markup. */
export const XSS_MARK = "window.__xss=1";

/**
 * "Kiến nghị <script>…</script> về niêm yết": a payload inside Vietnamese text, with a word after
 * it, since documents drop a trailing full stop or semicolon when they quote a field.
 */
export const around = (before: string, payload: string, after = "") => [before, payload, after].filter(Boolean).join(" ");

/** The payload-bearing text of every field the injection tests fill, by field. */
export const TEXT = {
  unitName: around("UBND", XSS.script, "phường Bình An"),
  unitPlace: around("Bình An", XSS.svg, "mới"),
  userFullName: around("Nguyễn", XSS.img, "Thị Hồng"),
  userTitle: around("Chánh Văn phòng", XSS.textarea, "UBND"),
  planSubject: around("Giám sát việc giải quyết thủ tục hành chính", XSS.script, SQL.or),
  planLegalBasis: [around("Căn cứ Luật Hoạt động giám sát", XSS.img), around("Căn cứ Nghị quyết", SQL.drop)],
  planPurpose: around("Đánh giá đúng thực trạng", XSS.template, "và kiến nghị khắc phục"),
  planOutline: around("Báo cáo kết quả tiếp nhận hồ sơ", XSS.textarea, "theo quý"),
  planSigner: around("Trần Thị Thuỳ Trang", XSS.entities, "ký"),
  planRecipients: [around("Thường trực HĐND thành phố", XSS.svg), around("UBND phường", XSS.jsUrl)],
  guestName: around("Lê Văn", XSS.alert, "Tâm"),
  guestTitle: around("Trưởng ban", XSS.script, "Mặt trận"),
  unitReport: around("Đơn vị đã tiếp nhận 1.754 hồ sơ", XSS.img, "đúng hạn"),
  answerNote: around("Ghi chú tại chỗ:", XSS.textarea, "bảng niêm yết cũ"),
  draftFinding: around("Chưa niêm yết", XSS.svg, "đủ thủ tục"),
  achievement: around("Đã số hóa hồ sơ", XSS.script, "đạt 96,1%"),
  shortcoming: around("Còn 68 hồ sơ trễ hạn", XSS.img, "trong kỳ"),
  objectiveCause: around("Do thiếu máy quét", XSS.template, "tại Bộ phận Một cửa"),
  subjectiveCause: around("Công chức chưa thành thạo", SQL.drop, "phần mềm"),
  /** Attachment names: markup and quotes, but no "/", which an upload's name never holds (the app takes it as a path). */
  photoName: `ảnh <img src=x onerror="window.__xss=1"> "niêm yết".png`,
  addressedRole: around("Chủ tịch UBND", XSS.svg, "phường"),
  /** The recommendations, one per payload; the formula ones start with the formula, as a spreadsheet cell would. */
  recommendations: [
    around("Niêm yết đầy đủ thủ tục", XSS.script, "tại trụ sở"),
    around("Kiện toàn nhân sự", XSS.img, `${SQL.drop} ngay`),
    around("Xin lỗi bằng văn bản", SQL.or, "người dân"),
    around(FORMULA.hyperlink, "kiến nghị"),
    around(FORMULA.plus, "kiến nghị"),
    around(FORMULA.minus, "kiến nghị"),
    around(FORMULA.at, "kiến nghị"),
  ],
  noticeSummary: around("Kết luận giám sát", XSS.script, `${XSS.entities} tại phường`),
  noticePlace: around("Bình An", "<b>x</b>"),
  noticeRecipients: [around("TT. HĐND thành phố", XSS.img), around("UBND phường Bình An", SQL.drop)],
  noticeSigner: around("Bùi Dương Ân", XSS.svg, "ký"),
  noticeSignerTitle: around("PHÓ CHỦ TỊCH", "<i>x</i>"),
  noticeBlock: around("Trung tâm chuẩn bị báo cáo", XSS.textarea, "đầy đủ"),
  reportContent: around("Đã niêm yết lại", XSS.script, "131 thủ tục"),
  evidenceName: `minh chứng <svg onload=window.__xss=1> "bảng".png`,
  extensionReason: around("Cần thêm thời gian", XSS.img, SQL.or),
  returnNote: around("Ảnh chưa rõ", XSS.svg, "cần chụp lại"),
  refuseNote: around("Không đồng ý", XSS.template),
  documentAuthority: around("TM. ỦY BAN NHÂN DÂN", "<u>x</u>"),
  documentTitle: around("CHỦ TỊCH", "<i>y</i>"),
  documentSigner: around("Nguyễn Văn Bình", XSS.script, "ký"),
  documentRecipients: [around("Thường trực HĐND phường", XSS.jsUrl), around("Phòng Nội vụ", XSS.entities, "phường")],
} as const;

/** What the browser test types into the real forms (on top of the fixture's text). */
export const FORM_TEXT = {
  unitName: around("Tổ công tác", XSS.textarea, "một cửa"),
  achievement: around("Đã bố trí máy lấy số", XSS.img, "tự động"),
  reportContent: around("Đã bổ sung", XSS.svg, "thiết bị"),
  /** A name a real file may carry: ";" and "=" too, which Remix's multipart parser refused. */
  evidenceName: `bằng chứng; <img src=x onerror=alert(1)> a=b "c".png`,
} as const;

/** How a stored attachment name reads: the app drops path parts and the characters " < > | : * ?. */
export const storedFileName = (name: string) => name.replace(/["<>|:*?]/g, "").trim();
