/**
 * The conclusion notice (Thông báo kết luận) composed from one supervision, on the model of
 * seed 001: the opening that cites the plan, I. assessment of the plan's execution, II. results
 * (1. achievements with their figures as sentences, 2. shortcomings and causes), III.
 * recommendations with addressee and deadline, and the closing sentence. The result is a list
 * of blocks with stable keys: the committee edits any of them before issue, and an empty block
 * is left out of the document.
 */
import type {
  NoticeBlock,
  SupervisionFigure,
  SupervisionFile,
  SupervisionFinding,
  SupervisionRecommendation,
} from "~/schemas/supervision-file";
import { lowerIsBetter } from "./indicators";
import { describeFigureValue } from "./indicator-wording";
import { formatDocumentNumber } from "./numbering";
import { issuerName } from "./issuer-name";
import { cleanText, formatShortDate } from "./vietnamese";

export type NoticeContent = { summary: string; blocks: NoticeBlock[] };

export const TEAM_ROLE_LABELS = {
  lead: "Trưởng đoàn",
  deputy: "Phó Trưởng đoàn",
  member: "thành viên",
  secretary: "thư ký",
} as const;

/** Text without its closing punctuation, so we can add our own. */
export function bare(text: string): string {
  return cleanText(text).replace(/[\s.;:,]+$/u, "");
}

function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "giám sát tình hình …" whether or not the subject was typed with "Giám sát". */
export function supervisionPhrase(subject: string): string {
  const lowered = lowerFirst(bare(subject));
  return lowered.startsWith("giám sát") ? lowered : `giám sát ${lowered}`;
}

/** "Kết luận của Thường trực HĐND phường Bình An về kết quả giám sát …" */
export function defaultSummary(file: Pick<SupervisionFile, "issuer" | "plan">): string {
  return `Kết luận của ${issuerName(file.issuer.issuingBody, file.issuer.governingBody)} về kết quả ${supervisionPhrase(file.plan.subject)}`;
}

/** "từ ngày 01/01/2023 đến ngày 31/3/2024" */
export function periodPhrase(start: string, end: string): string {
  return `từ ngày ${formatShortDate(start)} đến ngày ${formatShortDate(end)}`;
}

/**
 * One figure as the seeds write it: "số hồ sơ tiếp nhận: 11.701 hồ sơ",
 * "thanh toán trực tuyến năm 2023: 3.557/4.709 hồ sơ đạt tỷ lệ 75,5%", with the target when set:
 * "…: 3.557/4.709 hồ sơ, đạt 75,5%, thấp hơn 4,5% so với chỉ tiêu được giao (80%)"; a late rate
 * against its ceiling: "…: 1.157/19.150 hồ sơ, ở mức 6,04%, vượt 1,04% so với mức tối đa cho phép (5%)".
 */
export function describeFigure(figure: SupervisionFigure): string {
  return `${lowerFirst(bare(figure.label))}: ${describeFigureValue({ ...figure, lowerIsBetter: lowerIsBetter(figure.code) })}`;
}

/**
 * The figures an achievement cites, one sentence per period they cover:
 * "Từ ngày 01/01/2023 đến ngày 31/3/2024, số hồ sơ tiếp nhận: 11.701 hồ sơ; …".
 */
export function figureSentences(figures: SupervisionFigure[]): string[] {
  const groups = new Map<string, SupervisionFigure[]>();
  for (const figure of figures) {
    const key = `${figure.periodStart}|${figure.periodEnd}`;
    groups.set(key, [...(groups.get(key) ?? []), figure]);
  }
  return [...groups.values()].map((group) => {
    const period = upperFirst(periodPhrase(group[0].periodStart, group[0].periodEnd));
    return `${period}, ${group.map(describeFigure).join("; ")}.`;
  });
}

function sentence(text: string): string {
  const cleaned = cleanText(text);
  return /[.!?…]$/u.test(cleaned) ? cleaned : `${bare(cleaned)}.`;
}

function teamSentence(team: SupervisionFile["team"]): string {
  const members = team.map((member) => {
    const title = bare(member.title);
    return [`đồng chí ${bare(member.fullName)}`, title, TEAM_ROLE_LABELS[member.role]].filter(Boolean).join(" – ");
  });
  return `Đoàn giám sát gồm: ${members.join("; ")}.`;
}

const DEFAULT_PREPARATION =
  "Công tác chuẩn bị được thực hiện tốt, đảm bảo các yêu cầu của Đoàn giám sát đưa ra. Báo cáo được xây dựng bám sát theo đề cương. " +
  "Những vấn đề cần làm rõ thêm được đại diện lãnh đạo đơn vị được giám sát bổ sung, giải trình.";

function achievementBlocks(findings: SupervisionFinding[], figures: Map<string, SupervisionFigure>): NoticeBlock[] {
  const achievements = findings.filter((finding) => finding.kind === "achievement");
  if (achievements.length === 0) {
    return [{ key: "achievement-none", kind: "paragraph", text: "Đoàn giám sát chưa ghi nhận kết quả nổi bật." }];
  }
  return achievements.flatMap((finding) => {
    const cited = finding.figureIds.map((id) => figures.get(id)).filter((figure): figure is SupervisionFigure => Boolean(figure));
    return [
      { key: `achievement-${finding.id}`, kind: "paragraph" as const, text: sentence(finding.text) },
      ...figureSentences(cited).map((text, index) => ({ key: `achievement-${finding.id}-figures-${index + 1}`, kind: "paragraph" as const, text })),
    ];
  });
}

function shortcomingBlocks(findings: SupervisionFinding[], figures: Map<string, SupervisionFigure>): NoticeBlock[] {
  const shortcomings = findings.filter((finding) => finding.kind === "shortcoming");
  if (shortcomings.length === 0) {
    return [{ key: "shortcoming-none", kind: "paragraph", text: "Đoàn giám sát chưa phát hiện tồn tại, hạn chế." }];
  }
  const blocks: NoticeBlock[] = shortcomings.flatMap((finding) => {
    const cited = finding.figureIds.map((id) => figures.get(id)).filter((figure): figure is SupervisionFigure => Boolean(figure));
    return [
      { key: `shortcoming-${finding.id}`, kind: "paragraph" as const, text: `- ${sentence(finding.text)}` },
      ...figureSentences(cited).map((text, index) => ({ key: `shortcoming-${finding.id}-figures-${index + 1}`, kind: "paragraph" as const, text })),
    ];
  });
  for (const causeKind of ["objective", "subjective"] as const) {
    const causes = shortcomings.flatMap((finding) => finding.causes.filter((cause) => cause.kind === causeKind));
    if (causes.length === 0) continue;
    const label = causeKind === "objective" ? "Nguyên nhân khách quan" : "Nguyên nhân chủ quan";
    const text = causes.length === 1 ? `${label}: ${lowerFirst(sentence(causes[0].text))}` : `${label}: ${causes.map((cause) => lowerFirst(bare(cause.text))).join("; ")}.`;
    blocks.push({ key: `causes-${causeKind}`, kind: "paragraph", text });
  }
  return blocks;
}

/** "1. Đề nghị Chủ tịch UBND phường Bình An: … Báo cáo kết quả khắc phục về Thường trực HĐND phường Bình An trước ngày 30/8/2024." */
function recommendationBlocks(recommendations: SupervisionRecommendation[], issuer: string): NoticeBlock[] {
  if (recommendations.length === 0) {
    return [{ key: "recommendation-none", kind: "paragraph", text: "Đoàn giám sát không có kiến nghị." }];
  }
  return recommendations.map((recommendation, index) => {
    const addressee = bare(recommendation.role) || bare(recommendation.addressee);
    const body = upperFirst(sentence(recommendation.text).replace(/^đề nghị\s+/iu, ""));
    return {
      key: `recommendation-${index + 1}`,
      kind: "paragraph",
      text: `${index + 1}. Đề nghị ${addressee}: ${body} Báo cáo kết quả khắc phục về ${issuer} trước ngày ${formatShortDate(recommendation.deadline)}.`,
    };
  });
}

/** The notice's paragraphs, ready for the committee to edit. */
export function composeNotice(file: SupervisionFile): NoticeContent {
  const issuer = issuerName(file.issuer.issuingBody, file.issuer.governingBody);
  const figures = new Map(file.figures.map((figure) => [figure.id, figure]));
  const planReference =
    file.plan.number !== null && file.plan.issueDate
      ? `Kế hoạch số ${formatDocumentNumber(file.plan.number, file.plan.symbol)} ngày ${formatShortDate(file.plan.issueDate)}`
      : "Kế hoạch giám sát";
  const unitName = bare(file.unit.name);
  const blocks: NoticeBlock[] = [
    {
      key: "opening",
      kind: "paragraph",
      text:
        `Thực hiện ${planReference} của ${issuer} về việc ${supervisionPhrase(file.plan.subject)}, ` +
        `thời kỳ giám sát ${periodPhrase(file.plan.periodStart, file.plan.periodEnd)}. ` +
        `Qua giám sát, ${issuer} thông báo kết luận như sau:`,
    },
    { key: "heading-assessment", kind: "heading", text: "I. ĐÁNH GIÁ VIỆC THỰC HIỆN KẾ HOẠCH GIÁM SÁT" },
    { key: "team", kind: "paragraph", text: teamSentence(file.team) },
    { key: "unit", kind: "paragraph", text: `Đơn vị được giám sát: ${unitName}.` },
    { key: "preparation", kind: "paragraph", text: cleanText(file.notice.preparation) || DEFAULT_PREPARATION },
    { key: "heading-results", kind: "heading", text: "II. KẾT QUẢ GIÁM SÁT" },
    { key: "heading-achievements", kind: "heading", text: "1. Những kết quả đạt được" },
    ...achievementBlocks(file.findings, figures),
    { key: "heading-shortcomings", kind: "heading", text: "2. Tồn tại, hạn chế, nguyên nhân" },
    ...shortcomingBlocks(file.findings, figures),
    { key: "heading-recommendations", kind: "heading", text: "III. KIẾN NGHỊ, ĐỀ XUẤT" },
    ...recommendationBlocks(file.recommendations, issuer),
    {
      key: "closing",
      kind: "paragraph",
      text:
        `Trên đây là Thông báo kết luận của ${issuer} đối với ${unitName} về kết quả ${supervisionPhrase(file.plan.subject)}. ` +
        `${issuer} thông báo đến đơn vị được giám sát biết để chỉ đạo và thực hiện./.`,
    },
  ];
  return { summary: cleanText(file.notice.summary) || defaultSummary(file), blocks };
}

/**
 * The stored blocks with the edits applied: each key keeps its place, edited text replaces the
 * composed one, unknown keys are ignored. What the editor sends back.
 */
export function applyBlockEdits(blocks: NoticeBlock[], edits: Record<string, string>): NoticeBlock[] {
  return blocks.map((block) =>
    Object.hasOwn(edits, block.key) ? { ...block, text: cleanText(edits[block.key].replace(/\r\n?/g, "\n")) } : block,
  );
}

/**
 * The paragraphs that print: a block with several lines prints one paragraph per line (how the
 * committee adds a paragraph), and an empty block is left out.
 */
export function printedBlocks(blocks: NoticeBlock[]): NoticeBlock[] {
  return blocks.flatMap((block) => {
    const lines = block.text.split(/\r?\n/).map(cleanText).filter(Boolean);
    return lines.map((text, index) => ({ key: index === 0 ? block.key : `${block.key}~${index + 1}`, kind: block.kind, text }));
  });
}

/**
 * A draft composed again from newer data, keeping what the committee wrote: a block whose text
 * differs from what was composed for it last time was edited, and stays as edited; every other
 * block takes the new composition. Blocks of findings since removed go; new ones come in place.
 */
export function recomposeKeepingEdits(
  previous: { blocks: NoticeBlock[]; composed: Record<string, string> },
  fresh: NoticeBlock[],
): NoticeBlock[] {
  const edited = new Map(
    previous.blocks
      .filter((block) => Object.hasOwn(previous.composed, block.key) && previous.composed[block.key] !== block.text)
      .map((block) => [block.key, block.text]),
  );
  return fresh.map((block) => (edited.has(block.key) ? { ...block, text: edited.get(block.key)! } : block));
}

/** What was composed for each block, kept beside the edited text so recomposing can tell them apart. */
export function composedTexts(blocks: NoticeBlock[]): Record<string, string> {
  return Object.fromEntries(blocks.map((block) => [block.key, block.text]));
}

/** Everything a notice document (PDF or Word) prints, and nothing else. */
export type NoticeDocumentData = {
  governingBody: string; // "HĐND PHƯỜNG BÌNH AN"
  issuingBody: string; // "THƯỜNG TRỰC"
  number: number | null; // null while a draft
  symbol: string; // "TB-HĐND"
  placeName: string; // "Bình An"
  issueDate: string | null; // IsoDate; null while a draft
  draftYear: number;
  summary: string;
  blocks: NoticeBlock[];
  recipients: string[];
  signer: { deputy: boolean; name: string; title: string };
};

/**
 * The document a supervision file describes: its edited blocks if it has them, else composed. A
 * draft (no issue date) prints the year of `today` in its blank date line.
 */
export function noticeDocumentFromFile(file: SupervisionFile, today?: string): NoticeDocumentData {
  const composed = composeNotice(file);
  return {
    governingBody: file.issuer.governingBody,
    issuingBody: file.issuer.issuingBody,
    number: file.notice.number,
    symbol: file.notice.symbol,
    placeName: file.issuer.placeName,
    issueDate: file.notice.issueDate,
    draftYear: Number((file.notice.issueDate ?? today ?? file.plan.periodEnd).slice(0, 4)),
    summary: composed.summary,
    blocks: file.notice.blocks ?? composed.blocks,
    recipients: file.notice.recipients,
    signer: file.notice.signer,
  };
}
