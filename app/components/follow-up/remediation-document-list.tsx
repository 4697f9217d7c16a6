import { formatDocumentNumber } from "~/domain/numbering";
import { formatShortDate } from "~/domain/vietnamese";

type IssuedReport = { id: number; number: number; symbol: string; issueDate: string; unitName: string };

/** The units' issued Báo cáo kết quả khắc phục, each a link to its frozen PDF. */
export function RemediationDocumentList({ documents }: { documents: IssuedReport[] }) {
  return (
    <ul>
      {documents.map((doc) => (
        <li key={doc.id}>
          <a href={`/remediation-documents/${doc.id}/pdf`}>
            Báo cáo số {formatDocumentNumber(doc.number, doc.symbol)} ngày {formatShortDate(doc.issueDate)}
          </a>{" "}
          <span className="muted">{doc.unitName}</span>
        </li>
      ))}
    </ul>
  );
}
