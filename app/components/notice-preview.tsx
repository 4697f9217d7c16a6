import { councilSignature, recipientLines } from "~/domain/document-closing";
import { type NoticeDocumentData, printedBlocks } from "~/domain/notice-composition";
import { formatNumberLine } from "~/domain/numbering";
import { cleanText, formatPlaceAndDate } from "~/domain/vietnamese";

const QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const TIEU_NGU = "Độc lập - Tự do - Hạnh phúc";

/**
 * The notice as it will print, in HTML, redrawn on every keystroke: the same header, paragraphs
 * and closing as the PDF (templates/documents/notice.ts), so the committee reads what it signs.
 */
export function NoticePreview({ data }: { data: NoticeDocumentData }) {
  const signature = councilSignature(data.issuingBody, data.signer);
  const dateLine = data.issueDate
    ? formatPlaceAndDate(data.placeName, data.issueDate)
    : `${cleanText(data.placeName)}, ngày      tháng      năm ${data.draftYear}`;
  const governing = cleanText(data.governingBody).toUpperCase();
  return (
    <article className="notice-page" aria-label="Xem trước thông báo">
      <header className="notice-header">
        <div>
          <p>{governing}</p>
          <p className="bold underlined">{cleanText(data.issuingBody).toUpperCase()}</p>
          <p className="number-line">{formatNumberLine(data.number, data.symbol)}</p>
        </div>
        <div>
          <p className="bold">{QUOC_HIEU}</p>
          <p className="bold underlined">{TIEU_NGU}</p>
          <p className="number-line italic">{dateLine}</p>
        </div>
      </header>
      <h2 className="notice-type">THÔNG BÁO</h2>
      <p className="notice-summary">{cleanText(data.summary)}</p>
      {printedBlocks(data.blocks).map((block) =>
          block.kind === "heading" ? (
            <h3 key={block.key} className="notice-heading">
              {block.text}
            </h3>
          ) : (
            <p key={block.key} className="notice-paragraph">
              {block.text}
            </p>
          ),
        )}
      <footer className="notice-closing">
        <div>
          <p className="recipients-label">Nơi nhận:</p>
          {recipientLines(data.recipients).map((line) => (
            <p key={line} className="recipient">
              {line}
            </p>
          ))}
        </div>
        <div className="signature">
          {[...signature.authority, signature.title].map((line) => (
            <p key={line} className="bold">
              {line}
            </p>
          ))}
          <p className="bold signer">{signature.name}</p>
        </div>
      </footer>
    </article>
  );
}
