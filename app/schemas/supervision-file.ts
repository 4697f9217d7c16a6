import { z } from "zod";
import { cleanInput } from "~/domain/input-text";
import { isIsoDate } from "~/domain/vietnamese";
import { syntaxErrorPlace } from "./checklist-template";

/**
 * One supervision as a file: what `npm run notice` renders, what the app exports and imports.
 * The JSON Schema in docs/supervision-file.schema.json is generated from this module
 * (scripts/supervision-schema.ts) and a test keeps the two equal.
 *
 * References between parts are by ids local to the file ("f1", "fig-dossiers"), never database ids,
 * so a file written by hand and a file exported from another installation read the same way.
 */

export const SUPERVISION_FILE_FORMAT = "hdnd-supervision";
export const SUPERVISION_FILE_VERSION = 1;

const text = (max: number, required: string) =>
  z.string({ error: required }).normalize("NFC").trim().min(1, required).max(max, `Tối đa ${max} ký tự.`);
const optionalText = (max: number) => z.string().normalize("NFC").trim().max(max, `Tối đa ${max} ký tự.`);
const isoDate = (what: string) =>
  z
    .string({ error: `${what}: cần ngày dạng YYYY-MM-DD.` })
    .refine(isIsoDate, `${what}: ngày không hợp lệ (cần dạng YYYY-MM-DD).`);
const localId = z
  .string({ error: "Mã tham chiếu phải là chuỗi." })
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, "Mã tham chiếu chỉ gồm chữ không dấu, số, dấu chấm, gạch (tối đa 64 ký tự).");
const count = z
  .number({ error: "Số liệu phải là số." })
  .int("Số liệu phải là số nguyên.")
  .min(0, "Số liệu không được âm.")
  .max(1e12, "Số liệu quá lớn.");

export const TEAM_ROLE_VALUES = ["lead", "deputy", "member", "secretary"] as const;

export const issuerSchema = z.object({
  governingBody: text(120, "Thiếu tên cơ quan chủ quản (ví dụ HĐND PHƯỜNG BÌNH AN)."),
  issuingBody: text(120, "Thiếu tên cơ quan ban hành (ví dụ THƯỜNG TRỰC)."),
  placeName: text(80, "Thiếu địa danh ghi ở dòng ngày tháng (ví dụ Bình An)."),
});

export const planPartSchema = z.object({
  number: z.number().int().min(1).max(99999).nullable(),
  symbol: text(40, "Thiếu ký hiệu kế hoạch (ví dụ KH-HĐND)."),
  issueDate: isoDate("Ngày ban hành kế hoạch").nullable(),
  subject: text(1000, "Thiếu nội dung giám sát của kế hoạch."),
  periodStart: isoDate("Ngày bắt đầu thời kỳ giám sát"),
  periodEnd: isoDate("Ngày kết thúc thời kỳ giám sát"),
});

export const teamMemberSchema = z.object({
  fullName: text(120, "Thiếu họ tên thành viên đoàn."),
  title: optionalText(200).default(""),
  role: z.enum(TEAM_ROLE_VALUES, { error: "Vai trò thành viên phải là lead, deputy, member hoặc secretary." }),
});

export const figureSchema = z
  .object({
    id: localId,
    /** The indicator it measures (app/domain/indicators.ts), e.g. "late_rate", whose target is a ceiling. */
    code: z
      .string({ error: "Mã chỉ số phải là chuỗi." })
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, "Mã chỉ số chỉ gồm chữ không dấu, số, dấu chấm, gạch (tối đa 64 ký tự).")
      .optional(),
    label: text(300, "Thiếu tên số liệu."),
    measureUnit: optionalText(40).default(""),
    numerator: count,
    /** null for a plain count; a rate is numerator ÷ denominator. */
    denominator: count.nullable().default(null),
    periodStart: isoDate("Ngày bắt đầu kỳ số liệu"),
    periodEnd: isoDate("Ngày kết thúc kỳ số liệu"),
    source: z.enum(["reported", "verified"]).default("verified"),
    targetPercent: z.number().min(0).max(100).nullable().default(null),
    decimals: z.union([z.literal(1), z.literal(2)]).default(2),
  })
  .refine((f) => f.denominator === null || f.numerator <= f.denominator, {
    message: "Tử số lớn hơn mẫu số.",
    path: ["numerator"],
  })
  .refine((f) => f.periodStart <= f.periodEnd, { message: "Kỳ số liệu kết thúc trước khi bắt đầu.", path: ["periodEnd"] });

export const causeSchema = z.object({
  kind: z.enum(["objective", "subjective"], { error: "Loại nguyên nhân phải là objective hoặc subjective." }),
  text: text(4000, "Thiếu nội dung nguyên nhân."),
});

export const findingSchema = z.object({
  id: localId,
  kind: z.enum(["achievement", "shortcoming"], { error: "Loại phát hiện phải là achievement hoặc shortcoming." }),
  text: text(8000, "Thiếu nội dung phát hiện."),
  /** Figures written out after this finding's text, as sentences. */
  figureIds: z.array(localId).default([]),
  /** Checklist items this finding rests on, by their code in the template ("1.2"). */
  itemCodes: z.array(z.string().trim().min(1).max(40)).default([]),
  causes: z.array(causeSchema).default([]),
});

export const recommendationSchema = z.object({
  addressee: text(200, "Thiếu đơn vị nhận kiến nghị."),
  role: optionalText(200).default(""),
  text: text(8000, "Thiếu nội dung kiến nghị."),
  deadline: isoDate("Hạn báo cáo kết quả khắc phục"),
  findingIds: z.array(localId).default([]),
});

export const NOTICE_BLOCK_KINDS = ["heading", "paragraph"] as const;

export const noticeBlockSchema = z.object({
  key: z.string().min(1).max(80),
  kind: z.enum(NOTICE_BLOCK_KINDS),
  text: optionalText(20000),
});

export const signerSchema = z.object({
  deputy: z.boolean().default(false),
  name: text(120, "Thiếu họ tên người ký."),
  /** Printed instead of CHỦ TỊCH / PHÓ CHỦ TỊCH when given. */
  title: optionalText(120).default(""),
});

export const noticePartSchema = z.object({
  number: z.number().int().min(1).max(99999).nullable(),
  symbol: text(40, "Thiếu ký hiệu thông báo (ví dụ TB-HĐND)."),
  issueDate: isoDate("Ngày ban hành thông báo").nullable(),
  summary: optionalText(1000).default(""),
  /** The assessment of the unit's preparation (part I); a standard sentence when empty. */
  preparation: optionalText(4000).default(""),
  recipients: z.array(text(300, "Dòng nơi nhận trống.")).default([]),
  signer: signerSchema,
  /** The paragraphs as edited; when absent they are composed from the data above. */
  blocks: z.array(noticeBlockSchema).nullable().default(null),
});

export const supervisionFileSchema = z
  .object({
    format: z.literal(SUPERVISION_FILE_FORMAT, { error: `Không phải tệp giám sát (cần "format": "${SUPERVISION_FILE_FORMAT}").` }),
    version: z.literal(SUPERVISION_FILE_VERSION, { error: `Phiên bản tệp không được hỗ trợ (cần "version": ${SUPERVISION_FILE_VERSION}).` }),
    issuer: issuerSchema,
    plan: planPartSchema,
    team: z.array(teamMemberSchema).min(1, "Đoàn giám sát cần ít nhất một thành viên."),
    unit: z.object({ name: text(200, "Thiếu tên đơn vị được giám sát.") }),
    figures: z.array(figureSchema).default([]),
    findings: z.array(findingSchema).default([]),
    recommendations: z.array(recommendationSchema).default([]),
    notice: noticePartSchema,
  })
  .superRefine((file, ctx) => {
    const figureIds = new Set<string>();
    file.figures.forEach((figure, index) => {
      if (figureIds.has(figure.id)) ctx.addIssue({ code: "custom", path: ["figures", index, "id"], message: `Mã số liệu "${figure.id}" bị trùng.` });
      figureIds.add(figure.id);
    });
    const findingIds = new Set<string>();
    file.findings.forEach((finding, index) => {
      if (findingIds.has(finding.id)) ctx.addIssue({ code: "custom", path: ["findings", index, "id"], message: `Mã phát hiện "${finding.id}" bị trùng.` });
      findingIds.add(finding.id);
      finding.figureIds.forEach((id, j) => {
        if (!figureIds.has(id)) ctx.addIssue({ code: "custom", path: ["findings", index, "figureIds", j], message: `Không có số liệu mã "${id}".` });
      });
    });
    file.recommendations.forEach((recommendation, index) => {
      recommendation.findingIds.forEach((id, j) => {
        if (!findingIds.has(id)) ctx.addIssue({ code: "custom", path: ["recommendations", index, "findingIds", j], message: `Không có phát hiện mã "${id}".` });
      });
    });
    if (file.plan.periodStart > file.plan.periodEnd) {
      ctx.addIssue({ code: "custom", path: ["plan", "periodEnd"], message: "Thời kỳ giám sát kết thúc trước khi bắt đầu." });
    }
    if (file.team.filter((m) => m.role === "lead").length !== 1) {
      ctx.addIssue({ code: "custom", path: ["team"], message: "Đoàn giám sát cần đúng một Trưởng đoàn (role lead)." });
    }
  });

export type SupervisionFile = z.output<typeof supervisionFileSchema>;
export type SupervisionFileInput = z.input<typeof supervisionFileSchema>;
export type NoticeBlock = z.output<typeof noticeBlockSchema>;
export type SupervisionFigure = SupervisionFile["figures"][number];
export type SupervisionFinding = SupervisionFile["findings"][number];
export type SupervisionRecommendation = SupervisionFile["recommendations"][number];

/** "team.0.fullName: Thiếu họ tên thành viên đoàn." for each problem, at most `limit`. */
export function describeFileIssues(error: z.ZodError, limit = 20): string[] {
  return error.issues.slice(0, limit).map((issue) => {
    const where = issue.path.map(String).join(".");
    return where ? `${where}: ${issue.message}` : issue.message;
  });
}

/** Parse JSON text into a supervision, or the reasons it is not one, in Vietnamese. */
export function parseSupervisionFile(
  json: string,
): { ok: true; file: SupervisionFile } | { ok: false; problems: string[] } {
  let raw: unknown;
  try {
    raw = cleanInput(JSON.parse(json.replace(/^\uFEFF/, "")));
  } catch (error) {
    // The parser's own message is English ("Unexpected token"): say where, in Vietnamese.
    return { ok: false, problems: [`Tệp không phải JSON hợp lệ${syntaxErrorPlace(json.replace(/^\uFEFF/, ""), error)}.`] };
  }
  const parsed = supervisionFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: describeFileIssues(parsed.error) };
  return { ok: true, file: parsed.data };
}
