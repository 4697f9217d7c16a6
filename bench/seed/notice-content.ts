/**
 * The stored content of an issued conclusion notice, composed by the app's own composer
 * (app/domain/notice-composition.ts) from the generated supervision, in the shape the notice page,
 * the PDF and the Word export read (notice.server.ts storedContent): summary, blocks, decimals and
 * the issuer as printed at issue.
 */
import { composeNotice } from "~/domain/notice-composition";
import type { SupervisionFigure, SupervisionFile, SupervisionFinding, SupervisionRecommendation } from "~/schemas/supervision-file";

export type NoticeInput = {
  /** The council's name: "HĐND xã Tân Phú". */
  councilName: string;
  placeName: string;
  plan: { number: number; issueDate: string; subject: string; periodStart: string; periodEnd: string };
  team: SupervisionFile["team"];
  unitName: string;
  figures: SupervisionFigure[];
  findings: SupervisionFinding[];
  recommendations: SupervisionRecommendation[];
  signer: { deputy: boolean; name: string };
};

export type StoredNoticeContent = {
  summary: string;
  blocks: { key: string; kind: "heading" | "paragraph"; text: string }[];
  decimals: 2;
  issuer: { governingBody: string; issuingBody: string };
};

export const ISSUING_BODY = "THƯỜNG TRỰC";

/** "HĐND xã Tân Phú" → "HĐND XÃ TÂN PHÚ", as plan.server.ts documentIssuer prints a council. */
export function governingBodyOf(councilName: string): string {
  return councilName.normalize("NFC").toLocaleUpperCase("vi-VN");
}

export function supervisionFileOf(input: NoticeInput): SupervisionFile {
  return {
    format: "hdnd-supervision",
    version: 1,
    issuer: { governingBody: governingBodyOf(input.councilName), issuingBody: ISSUING_BODY, placeName: input.placeName },
    plan: { symbol: "KH-HĐND", ...input.plan },
    team: input.team,
    unit: { name: input.unitName },
    figures: input.figures,
    findings: input.findings,
    recommendations: input.recommendations,
    notice: {
      number: null,
      symbol: "TB-HĐND",
      issueDate: null,
      summary: "",
      preparation: "",
      recipients: [],
      signer: { deputy: input.signer.deputy, name: input.signer.name, title: "" },
      blocks: null,
    },
  };
}

export function noticeContent(input: NoticeInput): StoredNoticeContent {
  const file = supervisionFileOf(input);
  const composed = composeNotice(file);
  return {
    summary: composed.summary,
    blocks: composed.blocks,
    decimals: 2,
    issuer: { governingBody: file.issuer.governingBody, issuingBody: file.issuer.issuingBody },
  };
}
