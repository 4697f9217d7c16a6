/**
 * The parts every administrative document of Nghị định 30/2020/NĐ-CP (Phụ lục I) shares, as pure
 * pdfmake content: A4 page and margins, Tinos styles, the two-column header (issuing body and
 * number | Quốc hiệu, Tiêu ngữ, place and date), the document type and summary, page numbers from
 * page 2, and the closing block (Nơi nhận beside the signature). Lines under header texts are
 * canvas lines sized from the Tinos advance widths (tinos-metrics.ts).
 */
import type {
  Content,
  ContentCanvas,
  ContentText,
  CustomTableLayout,
  Style,
  StyleDictionary,
  TDocumentDefinitions,
  TDocumentInformation,
} from "pdfmake/interfaces";
import { type SignatureBlock, recipientLines } from "~/domain/document-closing";
import { issuerName } from "~/domain/issuer-name";
import { formatNumberLine } from "~/domain/numbering";
import { type IsoDate, cleanText, formatPlaceAndDate } from "~/domain/vietnamese";
import { textWidth } from "./tinos-metrics";

/** The family name the PDF renderer registers the Tinos files under. */
export const FONT_FAMILY = "Tinos";

export const mm = (millimetres: number) => (millimetres * 72) / 25.4;

/** A4 as pdfmake sizes it, in points. */
export const PAGE_SIZE = { width: 595.28, height: 841.89 } as const;
export const PAGE_MARGINS = { left: mm(30), top: mm(20), right: mm(15), bottom: mm(20) } as const;
export const CONTENT_WIDTH = PAGE_SIZE.width - PAGE_MARGINS.left - PAGE_MARGINS.right;

/** The header's left column (issuing body, number); the right column takes the rest. */
export const HEADER_LEFT_WIDTH = Math.round(CONTENT_WIDTH * 0.4);
/** Lines under the issuing body and the summary: 1/3–1/2 of the text's length. */
export const SHORT_LINE_RATIO = 0.4;
export const FIRST_LINE_INDENT = mm(10);
const LINE_WIDTH = 0.6;
/** Blank space above the signer's name for the hand signature and seal. */
const SIGNATURE_SPACE = 72;

export const QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const TIEU_NGU = "Độc lập - Tự do - Hạnh phúc";

export type TextStyle = { fontSize: number; bold?: boolean; italics?: boolean };

export const HEADER_TEXT: Record<"governingBody" | "issuingBody" | "quocHieu" | "tieuNgu" | "numberLine" | "placeAndDate", TextStyle> = {
  governingBody: { fontSize: 12 },
  issuingBody: { fontSize: 12, bold: true },
  quocHieu: { fontSize: 12, bold: true },
  tieuNgu: { fontSize: 13, bold: true },
  numberLine: { fontSize: 13 },
  placeAndDate: { fontSize: 13, italics: true },
};
const SUMMARY_TEXT: TextStyle = { fontSize: 14, bold: true };

export const ND30_STYLES: StyleDictionary = {
  body: { fontSize: 13, alignment: "justify", leadingIndent: FIRST_LINE_INDENT, lineHeight: 1.2, margin: [0, 0, 0, 6] },
  heading: { fontSize: 13, bold: true, alignment: "justify", leadingIndent: FIRST_LINE_INDENT, lineHeight: 1.2, margin: [0, 6, 0, 6] },
  documentType: { fontSize: 14, bold: true, alignment: "center", margin: [0, 18, 0, 0] },
  summary: { ...SUMMARY_TEXT, alignment: "center" },
  recipientsLabel: { fontSize: 12, bold: true, italics: true },
  recipient: { fontSize: 11 },
  signatureTitle: { fontSize: 13, bold: true, alignment: "center" },
  signerName: { fontSize: 13, bold: true, alignment: "center", margin: [0, SIGNATURE_SPACE, 0, 0] },
};

/** Marks the page number, which pdfmake lays out after the body: it is no content following a heading. */
const PAGE_NUMBER_STYLE = "pageNumber";

/** Page numbers from page 2, centred in the top margin. */
export function pageNumberHeader(currentPage: number): Content | null {
  if (currentPage < 2) return null;
  return { text: String(currentPage), style: PAGE_NUMBER_STYLE, fontSize: 13, alignment: "center", margin: [0, mm(10), 0, 0] };
}

type PageSetup = Pick<
  TDocumentDefinitions,
  "pageSize" | "pageOrientation" | "pageMargins" | "defaultStyle" | "styles" | "header" | "language" | "pageBreakBefore"
>;

/** Headings stay with what follows them: one left last on a page moves to the next. */
const HEADING_LEVEL = 1;
export const keepHeadingsWithNext: NonNullable<TDocumentDefinitions["pageBreakBefore"]> = (node, queries) =>
  node.headlineLevel === HEADING_LEVEL &&
  queries.getFollowingNodesOnPage().filter((following) => following?.style !== PAGE_NUMBER_STYLE).length === 0;

/** Page size, margins, fonts, styles and page numbers: spread into a document definition. */
export function nd30Page(): PageSetup {
  return {
    pageSize: "A4",
    pageOrientation: "portrait",
    pageMargins: [PAGE_MARGINS.left, PAGE_MARGINS.top, PAGE_MARGINS.right, PAGE_MARGINS.bottom],
    defaultStyle: { font: FONT_FAMILY, fontSize: 13, lineHeight: 1 },
    styles: ND30_STYLES,
    header: pageNumberHeader,
    pageBreakBefore: keepHeadingsWithNext,
    language: "vi-VN",
  };
}

/** Width of the longest line once `text` wraps in `maxWidth` (greedy, as pdfmake breaks at spaces). */
export function longestLineWidth(text: string, style: TextStyle, maxWidth: number): number {
  const space = textWidth(" ", style);
  let longest = 0;
  let line = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const width = textWidth(word, style);
    if (line > 0 && line + space + width > maxWidth) {
      longest = Math.max(longest, line);
      line = width;
    } else {
      line = line > 0 ? line + space + width : width;
    }
  }
  return Math.min(Math.max(longest, line), maxWidth);
}

/** A solid horizontal line of `width` points, centred in the column it stands in. */
export function solidLine(width: number, margin: [number, number, number, number] = [0, 3, 0, 0]): ContentCanvas {
  return {
    canvas: [{ type: "line", x1: 0, y1: 0, x2: width, y2: 0, lineWidth: LINE_WIDTH }],
    alignment: "center",
    margin,
  };
}

/** "Bình An, ngày 01 tháng 4 năm 2024", or blanks for the day and month while a draft. */
export function placeAndDateLine(placeName: string, issueDate: IsoDate | null, draftYear: number): string {
  if (issueDate) return formatPlaceAndDate(placeName, issueDate);
  return `${cleanText(placeName)}, ngày      tháng      năm ${draftYear}`;
}

export type HeaderData = {
  /** "HĐND PHƯỜNG BÌNH AN": the body the issuer belongs to, caps as printed; may be empty. */
  governingBody: string;
  /** "THƯỜNG TRỰC": the issuing body, printed bold with a short line under it. */
  issuingBody: string;
  number: number | null;
  symbol: string;
  placeName: string;
  issueDate: IsoDate | null;
  /** The year printed in a draft's blank date. */
  draftYear: number;
};

/** The header fields every document's data carries (all but the draft year, which each document decides). */
export type DocumentHeaderFields = Omit<HeaderData, "draftYear">;

/** The header of a document from its data, with the year a draft prints in its blank date. */
export function headerOf(data: DocumentHeaderFields, draftYear: number): HeaderData {
  const { governingBody, issuingBody, number, symbol, placeName, issueDate } = data;
  return { governingBody, issuingBody, number, symbol, placeName, issueDate, draftYear };
}

/** A signature typed as lines: authority "TM. THƯỜNG TRỰC HĐND" (more lines separated by newlines), title, name. */
export type TypedSigner = { authority: string; title: string; name: string };

const NO_BORDERS: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 0,
  paddingBottom: () => 0,
};

function textWithLine(text: string, style: TextStyle, columnWidth: number, ratio: number): Content[] {
  const lineWidth = ratio * longestLineWidth(text, style, columnWidth);
  return [{ text, ...style, alignment: "center" }, solidLine(lineWidth)];
}

/** The two-column header: issuing body and number on the left, Quốc hiệu and date on the right. */
export function documentHeader(data: HeaderData): Content {
  const governingBody = cleanText(data.governingBody).toUpperCase();
  const issuingBody = cleanText(data.issuingBody).toUpperCase();
  const rightWidth = CONTENT_WIDTH - HEADER_LEFT_WIDTH;
  const left: Content[] = [];
  if (governingBody && issuingBody) left.push({ text: governingBody, ...HEADER_TEXT.governingBody, alignment: "center" });
  left.push(...textWithLine(issuingBody || governingBody, HEADER_TEXT.issuingBody, HEADER_LEFT_WIDTH, SHORT_LINE_RATIO));
  const right: Content[] = [
    { text: QUOC_HIEU, ...HEADER_TEXT.quocHieu, alignment: "center" },
    ...textWithLine(TIEU_NGU, HEADER_TEXT.tieuNgu, rightWidth, 1),
  ];
  return {
    table: {
      widths: [HEADER_LEFT_WIDTH, "*"],
      body: [
        [{ stack: left }, { stack: right }],
        [
          { text: formatNumberLine(data.number, data.symbol), ...HEADER_TEXT.numberLine, alignment: "center", margin: [0, 8, 0, 0] },
          {
            text: placeAndDateLine(data.placeName, data.issueDate, data.draftYear),
            ...HEADER_TEXT.placeAndDate,
            alignment: "center",
            margin: [0, 8, 0, 0],
          },
        ],
      ],
    },
    layout: NO_BORDERS,
  };
}

/** "KẾ HOẠCH" and its summary line, with the short line under the summary. */
export function documentTitle(documentType: string, summary: string): Content[] {
  const text = cleanText(summary);
  return [
    { text: cleanText(documentType).toUpperCase(), style: "documentType" },
    { text, style: "summary" },
    solidLine(SHORT_LINE_RATIO * longestLineWidth(text, SUMMARY_TEXT, CONTENT_WIDTH), [0, 3, 0, 14]),
  ];
}

export {
  ARCHIVE_RECIPIENT,
  type Signer,
  type SignatureAuthority,
  type SignatureBlock,
  recipientLines,
  signatureBlock,
} from "~/domain/document-closing";

/** Kept under its old name for the document builders. */
export const issuerInRunningText = issuerName;

/**
 * Words holding "/" or "-" ("12/NQ-HĐND", "30/6/2026", "118/2025/NĐ-CP") as unbreakable pieces:
 * pdfmake may break a line after those marks, and a justified line spreads its spare space over
 * every such point, printing "12/ NQ- HĐND". Plain text stays one string.
 */
export function keepReferencesWhole(text: string): string | ContentText["text"] {
  if (!/[/-]/.test(text)) return text;
  // The space after a reference stays with it, as pdfmake keeps a word's trailing space: a space
  // starting the next piece would be a word of its own and get a second share of the spread.
  const pieces = text.split(/(\S*[/-]\S* ?)/u).filter((piece) => piece !== "");
  return pieces.map((piece) => (/[/-]/.test(piece) && !/\s/.test(piece.trimEnd()) ? { text: piece, noWrap: true } : piece));
}

/** A body paragraph: justified, first line indented, 6 pt after. */
export function paragraph(text: string | ContentText["text"], style: Style = {}): ContentText {
  return { text: typeof text === "string" ? keepReferencesWhole(cleanText(text)) : text, style: "body", ...style };
}

/** One paragraph per non-empty line of typed text. */
export function paragraphs(text: string, style: Style = {}): ContentText[] {
  return text
    .split(/\r?\n/)
    .map(cleanText)
    .filter(Boolean)
    .map((line) => paragraph(line, style));
}

/** "I. MỤC ĐÍCH, YÊU CẦU": bold, kept with the paragraph after it. */
export function heading(text: string, style: Style = {}): ContentText {
  return { text: cleanText(text), style: "heading", headlineLevel: HEADING_LEVEL, ...style };
}

/** "Nơi nhận:" and its lines on the left, the signature block on the right, kept on one page. */
export function closingBlock(recipients: string[], signature: SignatureBlock): Content {
  return {
    unbreakable: true,
    margin: [0, 12, 0, 0],
    columns: [
      {
        width: "45%",
        stack: [
          { text: "Nơi nhận:", style: "recipientsLabel" },
          ...recipientLines(recipients).map((line): Content => ({ text: line, style: "recipient" })),
        ],
      },
      {
        width: "*",
        stack: [
          ...[...signature.authority, signature.title].map((line): Content => ({ text: line, style: "signatureTitle" })),
          { text: signature.name, style: "signerName" },
        ],
      },
    ],
  };
}

export type Nd30Document = {
  header: HeaderData;
  documentType: string;
  summary: string;
  body: Content[];
  recipients: string[];
  signature: SignatureBlock;
  info: TDocumentInformation;
};

/** A whole document: header, title, body, closing block, on the Nghị định 30 page. */
export function nd30Document(document: Nd30Document): TDocumentDefinitions {
  return {
    ...nd30Page(),
    info: { creator: "Giám sát HĐND", producer: "Giám sát HĐND", ...document.info },
    content: [
      documentHeader(document.header),
      ...documentTitle(document.documentType, document.summary),
      ...document.body.slice(0, -1),
      // The last paragraph goes with the signature: a page holding only "Nơi nhận" and the
      // signature would carry nothing the signer signed.
      { stack: [...document.body.slice(-1), closingBlock(document.recipients, document.signature)], unbreakable: true },
    ],
  };
}
