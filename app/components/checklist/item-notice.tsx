import type { AnswerPatch, Notice } from "~/checklist/use-visit-sync";
import { formatDateTime } from "~/domain/vietnamese";
import { describeAnswer } from "./answer-labels";

/**
 * Tells the team member when their answer did not end up on the server as they gave it, with
 * their own text, so nothing is lost silently; they can put it back with one tap.
 */
export function ItemNotice({ notice, onReapply, onDismiss }: { notice: Notice; onReapply: (patch: AnswerPatch) => void; onDismiss: () => void }) {
  const who = notice.by ?? "một thành viên khác";
  const when = notice.at ? ` lúc ${formatDateTime(notice.at)}` : "";
  let text: string;
  switch (notice.kind) {
    case "overwritten":
      text = `${who} đã thay đổi câu trả lời${when}. Câu trả lời trước của bạn: ${notice.mine ? describeAnswer(notice.mine) : ""}.`;
      break;
    case "stale":
      text = `Câu trả lời của bạn (${notice.mine ? describeAnswer(notice.mine) : ""}) được ghi trước câu trả lời của ${who}${when}, nên câu trả lời mới hơn được giữ.`;
      break;
    case "replaced":
      text = `Câu trả lời của bạn đã thay thế câu trả lời của ${who}${when}.`;
      break;
    default:
      text = `Máy chủ không nhận câu trả lời (${notice.mine ? describeAnswer(notice.mine) : ""}): ${notice.message ?? ""}`;
  }
  const mine = notice.mine;
  return (
    <div className={`item-notice ${notice.kind}`} role="alert">
      <p>{text}</p>
      <div className="actions">
        {mine && notice.kind !== "refused" ? (
          <button
            type="button"
            className="secondary"
            onClick={() => onReapply({ value: mine.value, note: mine.note, numberValue: mine.numberValue, textValue: mine.textValue, figure: mine.figure })}
          >
            Dùng lại câu trả lời của tôi
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={onDismiss}>
          Đã hiểu
        </button>
      </div>
    </div>
  );
}
