/**
 * Document numbers and symbols (Nghị định 30/2020): "05/KH-HĐND", numbers below 10 with a
 * leading zero. Each issuing body keeps one series per year and document type.
 */

export const DOCUMENT_TYPES = {
  KH: "Kế hoạch",
  TB: "Thông báo",
  BC: "Báo cáo",
  QD: "Quyết định",
  BB: "Biên bản",
} as const;

export type DocumentType = keyof typeof DOCUMENT_TYPES;

/** The letters used in the symbol: QĐ keeps its Đ in documents though the code says QD. */
export function documentTypeSymbol(type: DocumentType): string {
  return type === "QD" ? "QĐ" : type;
}

/** "KH" + "HĐND" → "KH-HĐND". */
export function documentSymbol(type: DocumentType, issuerAbbreviation: string): string {
  return `${documentTypeSymbol(type)}-${issuerAbbreviation.normalize("NFC").trim()}`;
}

export function formatDocumentNumber(number: number, symbol: string): string {
  if (!Number.isInteger(number) || number < 1) throw new RangeError(`document number must be a positive integer: ${number}`);
  return `${String(number).padStart(2, "0")}/${symbol.normalize("NFC")}`;
}

/** "Số: 12/TB-HĐND", or "Số:     /TB-HĐND" for a draft that has no number yet. */
export function formatNumberLine(number: number | null, symbol: string): string {
  return number === null ? `Số:      /${symbol.normalize("NFC")}` : `Số: ${formatDocumentNumber(number, symbol)}`;
}

/** "05/KH-HĐND" → { number: 5, symbol: "KH-HĐND" }; null when it is not a document number. */
export function parseDocumentNumber(text: string): { number: number; symbol: string } | null {
  const match = /^\s*(\d{1,5})\s*\/\s*([\p{L}\d.-]+)\s*$/u.exec(text.normalize("NFC"));
  if (!match) return null;
  const number = Number(match[1]);
  return number >= 1 ? { number, symbol: match[2] } : null;
}
