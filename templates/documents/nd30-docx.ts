/**
 * The Nghị định 30/2020/NĐ-CP layout of nd30.ts for Word, as pure docx objects: the same A4 page,
 * margins, text sizes and spacing (read from ND30_STYLES and HEADER_TEXT, so the PDF and the Word
 * file follow one definition), in Times New Roman, the font Word users have (Tinos, which the PDF
 * embeds, is its metric twin). The header and the closing block are borderless tables; the lines
 * under header texts and the summary are bottom borders of empty paragraphs whose indents leave
 * the line its length, which Word and LibreOffice both draw. Page numbers are a PAGE field in the
 * header, from page 2: the first page has its own empty header (titlePg).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  NoBreakHyphen,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Style } from "pdfmake/interfaces";
import { formatNumberLine } from "~/domain/numbering";
import { cleanText } from "~/domain/vietnamese";
import {
  CONTENT_WIDTH,
  HEADER_LEFT_WIDTH,
  HEADER_TEXT,
  ND30_STYLES,
  PAGE_MARGINS,
  QUOC_HIEU,
  SHORT_LINE_RATIO,
  TIEU_NGU,
  type HeaderData,
  type SignatureBlock,
  type TextStyle,
  longestLineWidth,
  mm,
  placeAndDateLine,
  recipientLines,
} from "./nd30";

/** What Word users have; the PDF's Tinos is its metric clone. */
export const DOCX_FONT = "Times New Roman";
export const DOCX_CREATOR = "Giám sát HĐND";

/** Points → twentieths of a point, Word's unit for lengths. */
export const twips = (points: number) => Math.round(points * 20);

/** A4 portrait in twips, as Word writes it. */
export const DOCX_PAGE_SIZE = { width: 11906, height: 16838 } as const;
export const DOCX_PAGE_MARGINS = {
  left: twips(PAGE_MARGINS.left),
  top: twips(PAGE_MARGINS.top),
  right: twips(PAGE_MARGINS.right),
  bottom: twips(PAGE_MARGINS.bottom),
} as const;
const CONTENT_TWIPS = DOCX_PAGE_SIZE.width - DOCX_PAGE_MARGINS.left - DOCX_PAGE_MARGINS.right;
const HEADER_LEFT_TWIPS = twips(HEADER_LEFT_WIDTH);
/** The page number sits 10 mm from the top edge, as in the PDF. */
const HEADER_DISTANCE = twips(mm(10));
const PAGE_NUMBER_SIZE = 13;
/** "Nơi nhận" takes 45% of the closing block, the signature the rest. */
const RECIPIENTS_SHARE = 0.45;
const LINE_BORDER = { style: BorderStyle.SINGLE, size: 6, color: "000000", space: 1 } as const;
/** The empty paragraph that carries a line is this tall (exact), so the line sits under the text. */
const LINE_PARAGRAPH_HEIGHT = twips(3);
const NO_CELL_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 } as const;
const LANGUAGE = { value: "vi-VN" } as const;

type Alignment = (typeof AlignmentType)[keyof typeof AlignmentType];
const ALIGNMENTS: Record<string, Alignment> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

/** Top and bottom of a pdfmake margin, in points. */
function verticalMargin(style: Style): { before: number; after: number } {
  const margin = style.margin;
  if (typeof margin === "number") return { before: margin, after: margin };
  if (Array.isArray(margin) && margin.length === 4) return { before: margin[1], after: margin[3] };
  if (Array.isArray(margin) && margin.length === 2) return { before: margin[1], after: margin[1] };
  return { before: 0, after: 0 };
}

function textStyleOf(style: Style): TextStyle {
  return { fontSize: style.fontSize ?? 13, bold: style.bold, italics: style.italics };
}

/** One run in Times New Roman at the style's size; "-" inside "12/TB-HĐND" never breaks the line. */
export function docxRun(text: string, style: TextStyle, options: { keepReferencesWhole?: boolean } = {}): TextRun {
  const common = { font: DOCX_FONT, size: style.fontSize * 2, bold: style.bold, italics: style.italics, language: LANGUAGE };
  if (!options.keepReferencesWhole || !/\S*\/\S*-/u.test(text)) return new TextRun({ text, ...common });
  // Split at the hyphens of the words holding "/": each becomes a non-breaking hyphen.
  const pieces = text.split(/(\S*\/\S*)/u).flatMap((piece) => (piece.includes("/") ? piece.split(/(-)/u) : [piece]));
  const children = pieces.filter(Boolean).map((piece) => (piece === "-" ? new NoBreakHyphen() : piece));
  return new TextRun({ children, ...common });
}

/** A paragraph set in one of the PDF's styles (ND30_STYLES): size, weight, alignment, indent, spacing. */
export function styledParagraph(
  text: string,
  style: Style,
  options: { keepNext?: boolean; keepLines?: boolean; keepReferencesWhole?: boolean } = {},
): Paragraph {
  const spacing = verticalMargin(style);
  return new Paragraph({
    alignment: ALIGNMENTS[style.alignment ?? "left"],
    indent: style.leadingIndent ? { firstLine: twips(style.leadingIndent) } : undefined,
    spacing: {
      before: twips(spacing.before),
      after: twips(spacing.after),
      line: Math.round(240 * (style.lineHeight ?? 1)),
      lineRule: LineRuleType.AUTO,
    },
    keepNext: options.keepNext || undefined,
    keepLines: options.keepLines || undefined,
    children: [docxRun(cleanText(text), textStyleOf(style), options)],
  });
}

/** A solid line `lineWidth` points long, centred in a column `columnWidth` points wide. */
export function docxLine(lineWidth: number, columnWidth: number, after = 0): Paragraph {
  const side = twips(Math.max(0, (columnWidth - lineWidth) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: twips(after), line: LINE_PARAGRAPH_HEIGHT, lineRule: LineRuleType.EXACT },
    border: { bottom: LINE_BORDER },
    children: [],
  });
}

function centred(text: string, style: TextStyle, before = 0): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: twips(before), after: 0 },
    children: [docxRun(text, style)],
  });
}

function textWithLine(text: string, style: TextStyle, columnWidth: number, ratio: number): Paragraph[] {
  return [centred(text, style), docxLine(ratio * longestLineWidth(text, style, columnWidth), columnWidth)];
}

function borderlessTable(columnWidths: number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: NO_CELL_MARGINS,
    rows,
  });
}

function cell(width: number, children: Paragraph[], top = 0): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, margins: { ...NO_CELL_MARGINS, top }, children });
}

/** The two-column header: issuing body and number on the left, Quốc hiệu and date on the right. */
export function docxDocumentHeader(data: HeaderData): Table {
  const governingBody = cleanText(data.governingBody).toUpperCase();
  const issuingBody = cleanText(data.issuingBody).toUpperCase();
  const rightWidth = CONTENT_WIDTH - HEADER_LEFT_WIDTH;
  const rightTwips = CONTENT_TWIPS - HEADER_LEFT_TWIPS;
  const left: Paragraph[] = [];
  if (governingBody && issuingBody) left.push(centred(governingBody, HEADER_TEXT.governingBody));
  left.push(...textWithLine(issuingBody || governingBody, HEADER_TEXT.issuingBody, HEADER_LEFT_WIDTH, SHORT_LINE_RATIO));
  const right = [centred(QUOC_HIEU, HEADER_TEXT.quocHieu), ...textWithLine(TIEU_NGU, HEADER_TEXT.tieuNgu, rightWidth, 1)];
  const numberLine = centred(formatNumberLine(data.number, data.symbol), HEADER_TEXT.numberLine, 8);
  const dateLine = centred(placeAndDateLine(data.placeName, data.issueDate, data.draftYear), HEADER_TEXT.placeAndDate, 8);
  return borderlessTable(
    [HEADER_LEFT_TWIPS, rightTwips],
    [
      new TableRow({ cantSplit: true, children: [cell(HEADER_LEFT_TWIPS, left), cell(rightTwips, right)] }),
      new TableRow({ cantSplit: true, children: [cell(HEADER_LEFT_TWIPS, [numberLine]), cell(rightTwips, [dateLine])] }),
    ],
  );
}

/** "THÔNG BÁO" and its summary, with the short line under the summary. */
export function docxDocumentTitle(documentType: string, summary: string): Paragraph[] {
  const text = cleanText(summary);
  return [
    styledParagraph(cleanText(documentType).toUpperCase(), ND30_STYLES.documentType, { keepNext: true }),
    styledParagraph(text, ND30_STYLES.summary, { keepNext: true }),
    docxLine(SHORT_LINE_RATIO * longestLineWidth(text, textStyleOf(ND30_STYLES.summary), CONTENT_WIDTH), CONTENT_WIDTH, 14),
  ];
}

/** A body block: a heading (bold, kept with what follows) or a justified paragraph. */
export type DocxBodyBlock = { kind: "heading" | "paragraph"; text: string };

/** One paragraph per block; the last is kept with the closing block, as the PDF keeps them together. */
export function docxBody(blocks: DocxBodyBlock[]): Paragraph[] {
  return blocks.map((block, index) => {
    const last = index === blocks.length - 1;
    const style = block.kind === "heading" ? ND30_STYLES.heading : ND30_STYLES.body;
    return styledParagraph(block.text, style, { keepNext: block.kind === "heading" || last, keepLines: last, keepReferencesWhole: true });
  });
}

/** "Nơi nhận:" and its lines on the left, the signature block on the right, in one unsplittable row. */
export function docxClosingBlock(recipients: string[], signature: SignatureBlock): Table {
  const leftTwips = Math.round(CONTENT_TWIPS * RECIPIENTS_SHARE);
  const rightTwips = CONTENT_TWIPS - leftTwips;
  const gap = twips(12);
  const left = [
    styledParagraph("Nơi nhận:", ND30_STYLES.recipientsLabel),
    ...recipientLines(recipients).map((line) => styledParagraph(line, ND30_STYLES.recipient)),
  ];
  const right = [
    ...[...signature.authority, signature.title].map((line) => styledParagraph(line, ND30_STYLES.signatureTitle)),
    styledParagraph(signature.name, ND30_STYLES.signerName),
  ];
  return borderlessTable(
    [leftTwips, rightTwips],
    [new TableRow({ cantSplit: true, children: [cell(leftTwips, left, gap), cell(rightTwips, right, gap)] })],
  );
}

/** The page number, a PAGE field centred in the header; the first page's header is empty. */
export function docxPageNumberHeaders(): { default: Header; first: Header } {
  return {
    default: new Header({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new TextRun({ children: [PageNumber.CURRENT], font: DOCX_FONT, size: PAGE_NUMBER_SIZE * 2, language: LANGUAGE }),
          ],
        }),
      ],
    }),
    first: new Header({ children: [new Paragraph({ children: [] })] }),
  };
}

export type Nd30DocxDocument = {
  header: HeaderData;
  documentType: string;
  summary: string;
  body: DocxBodyBlock[];
  recipients: string[];
  signature: SignatureBlock;
  properties: { title: string; subject?: string; description?: string };
};

/** A whole Word document: header, title, body, closing block, on the Nghị định 30 page. */
export function nd30DocxDocument(document: Nd30DocxDocument): Document {
  return new Document({
    creator: DOCX_CREATOR,
    lastModifiedBy: DOCX_CREATOR,
    ...document.properties,
    styles: {
      default: {
        document: { run: { font: DOCX_FONT, size: 26, language: LANGUAGE } },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { ...DOCX_PAGE_SIZE, orientation: PageOrientation.PORTRAIT },
            margin: { ...DOCX_PAGE_MARGINS, header: HEADER_DISTANCE, footer: HEADER_DISTANCE, gutter: 0 },
          },
        },
        headers: docxPageNumberHeaders(),
        children: [
          docxDocumentHeader(document.header),
          ...docxDocumentTitle(document.documentType, document.summary),
          ...docxBody(document.body),
          docxClosingBlock(document.recipients, document.signature),
          // Word puts a paragraph after a final table anyway; a 1 pt one can't spill onto a page of its own.
          new Paragraph({ spacing: { before: 0, after: 0, line: twips(1), lineRule: LineRuleType.EXACT }, children: [] }),
        ],
      },
    ],
  });
}
