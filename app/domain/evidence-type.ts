import { type ImageType, sniffImageType } from "./image-type";

/**
 * Evidence a unit may attach to a remediation report: photos (JPEG, PNG, WebP) and PDF scans of
 * documents, recognised by their first bytes, never by name or declared type.
 */
export type EvidenceType = ImageType | { contentType: "application/pdf"; extension: "pdf" };

export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  const image = sniffImageType(bytes);
  if (image) return image;
  const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
  if (bytes.length >= 5 && pdf.every((b, i) => bytes[i] === b)) return { contentType: "application/pdf", extension: "pdf" };
  return null;
}

export const MAX_EVIDENCE_FILES = 5;
export const MAX_EVIDENCE_BYTES = 8 * 1024 * 1024;
