/**
 * The closing of an administrative document, as text: the recipient lines under "Nơi nhận:" and
 * the signature block's lines (Nghị định 30/2020). Pure, shared by the PDF and Word builders and
 * the editor's live preview.
 */
import { cleanText } from "./vietnamese";

export const ARCHIVE_RECIPIENT = "Lưu: VT.";

/** "- TT. HĐND thành phố;" … "- Lưu: VT.": typed dashes and end marks are dropped, then added back. */
export function recipientLines(recipients: string[]): string[] {
  const names = recipients
    .map((recipient) => cleanText(recipient).replace(/^[-–•+\s]+/, "").replace(/[;.,\s]+$/, ""))
    .filter((name) => name && !/^lưu\s*:/iu.test(name));
  return [...names.map((name) => `- ${name};`), `- ${ARCHIVE_RECIPIENT}`];
}

export type Signer = { deputy: boolean; name: string; title?: string };

export type SignatureAuthority = {
  /** The collective signed for, "THƯỜNG TRỰC HĐND": printed "TM. THƯỜNG TRỰC HĐND". */
  collective: string;
  /** Its head, "CHỦ TỊCH"; a deputy signs "KT. CHỦ TỊCH" as "PHÓ CHỦ TỊCH". */
  head: string;
};

export type SignatureBlock = { authority: string[]; title: string; name: string };

/**
 * The lines above the signature. The head signs "TM. THƯỜNG TRỰC HĐND / CHỦ TỊCH"; a deputy signs
 * for the collective and in place of the head: "TM. THƯỜNG TRỰC HĐND / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
 */
export function signatureBlock(signer: Signer, authority: SignatureAuthority): SignatureBlock {
  const collective = cleanText(authority.collective).toUpperCase();
  const head = cleanText(authority.head).toUpperCase();
  const typedTitle = cleanText(signer.title ?? "").toUpperCase();
  const lines = [`TM. ${collective}`];
  if (signer.deputy) lines.push(`KT. ${head}`);
  return { authority: lines, title: typedTitle || (signer.deputy ? `PHÓ ${head}` : head), name: cleanText(signer.name) };
}


/** "TM. THƯỜNG TRỰC HĐND" / "CHỦ TỊCH" (a Ban signs for itself: "TM. BAN … / TRƯỞNG BAN"). */
export function councilSignature(issuingBody: string, signer: Signer): SignatureBlock {
  const body = cleanText(issuingBody);
  const isCommittee = /^BAN\b/iu.test(body);
  return signatureBlock(signer, {
    collective: isCommittee ? body : `${body} HĐND`,
    head: isCommittee ? "TRƯỞNG BAN" : "CHỦ TỊCH",
  });
}
