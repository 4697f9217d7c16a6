/**
 * Wording for recommendations of earlier notices carried into a later visit and found not
 * remedied on site: the shortcoming the findings page proposes for each.
 */

const stripEnd = (text: string) => text.normalize("NFC").trim().replace(/[\s.;,:]+$/u, "");

/**
 * "Kiến nghị tại Thông báo số 12/TB-HĐND ngày 05/4/2024 chưa được khắc phục: Niêm yết … (bảng
 * vẫn chưa thay)." The team's note, when there is one, follows in brackets.
 */
export function carriedShortcomingText(noticeReference: string, recommendation: string, note = ""): string {
  const where = noticeReference.trim() ? `Thông báo số ${noticeReference.trim()}` : "thông báo kết luận trước";
  const remark = stripEnd(note);
  return `Kiến nghị tại ${where} chưa được khắc phục: ${stripEnd(recommendation)}${remark ? ` (${remark})` : ""}.`;
}

/** Whether a finding's text already states that this recommendation was not remedied. */
export function mentionsCarried(findingText: string, recommendation: string): boolean {
  const body = stripEnd(recommendation);
  return body.length > 0 && findingText.normalize("NFC").includes(body);
}
