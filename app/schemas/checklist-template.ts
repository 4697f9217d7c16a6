/**
 * The checklist template file (templates/checklists/*.json, the administrator's import and export)
 * and the administrator's edit forms, in one place: the same field rules for both, so a template
 * edited on screen always exports to a file that imports again.
 */
import { z } from "zod";
import { indicatorDefinition } from "~/domain/indicators";
import { cleanInput } from "~/domain/input-text";
import { MAX_RECORD_ID } from "./limits";

export const ANSWER_TYPES = ["tri_state", "number", "text", "indicator"] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

export const ANSWER_TYPE_LABELS: Record<AnswerType, string> = {
  tri_state: "Đạt / Chưa đạt / Không áp dụng",
  number: "Số liệu",
  text: "Ghi chép",
  indicator: "Chỉ số",
};

export const TEMPLATE_STATUSES = ["draft", "published", "retired"] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export const TEMPLATE_STATUS_LABELS: Record<TemplateStatus, string> = {
  draft: "Dự thảo",
  published: "Đang áp dụng",
  retired: "Ngừng áp dụng",
};

export const TEMPLATE_LIMITS = {
  fileBytes: 1024 * 1024,
  sections: 50,
  items: 500,
  title: 300,
  description: 2000,
  itemText: 2000,
  guidance: 4000,
  legalBasis: 1000,
} as const;

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A required text: NFC, trimmed, not empty, bounded. `what` is the field's name in a sentence. */
function requiredText(what: string, max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `Thiếu ${what}.` : `${upperFirst(what)} phải là chuỗi ký tự.`) })
    .normalize("NFC")
    .trim()
    .min(1, `Thiếu ${what}.`)
    .max(max, `${upperFirst(what)} dài quá ${max} ký tự.`);
}

/** An optional text: may be empty; a file may leave it out. */
function optionalText(what: string, max: number) {
  return z
    .string({ error: `${upperFirst(what)} phải là chuỗi ký tự.` })
    .normalize("NFC")
    .trim()
    .max(max, `${upperFirst(what)} dài quá ${max} ký tự.`);
}

function code(what: string, pattern: RegExp, rule: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `Thiếu ${what}.` : `${upperFirst(what)} phải là chuỗi ký tự.`) })
    .normalize("NFC")
    .trim()
    .min(1, `Thiếu ${what}.`)
    .regex(pattern, `${upperFirst(what)} ${rule}`);
}

const templateCode = code("mã mẫu phiếu", /^[a-z0-9]+(?:-[a-z0-9]+)*$/, "chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ: mot-cua.").max(
  64,
  "Mã mẫu phiếu dài quá 64 ký tự.",
);
const SHORT_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$/;
const sectionCode = code("mã phần", SHORT_CODE, "gồm tối đa 16 chữ không dấu, số, dấu chấm, gạch; ví dụ: A.");
export const itemCode = code("mã tiêu chí", SHORT_CODE, "gồm tối đa 16 chữ không dấu, số, dấu chấm, gạch; ví dụ: B3.");

export const itemText = requiredText("nội dung tiêu chí", TEMPLATE_LIMITS.itemText);
export const itemGuidance = optionalText("hướng dẫn kiểm tra", TEMPLATE_LIMITS.guidance);
export const itemLegalBasis = optionalText("căn cứ pháp lý", TEMPLATE_LIMITS.legalBasis);
export const templateTitle = requiredText("tên mẫu phiếu", TEMPLATE_LIMITS.title);
export const templateDescription = optionalText("mô tả", TEMPLATE_LIMITS.description);
export const answerTypeField = z.enum(ANSWER_TYPES, { error: "Loại trả lời phải là một trong: tri_state, number, text, indicator." });

export const targetPercent = z
  .number({ error: "Chỉ tiêu phải là một số phần trăm từ 0 đến 100." })
  .min(0, "Chỉ tiêu phải từ 0 đến 100%.")
  .max(100, "Chỉ tiêu phải từ 0 đến 100%.")
  .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, "Chỉ tiêu có tối đa 2 chữ số thập phân.");

const indicatorCodeField = z.string({ error: "Mã chỉ số phải là chuỗi ký tự." }).trim();

type ItemRuleInput = { answerType: AnswerType; indicatorCode?: string | null; targetPercent?: number | null };
export type ItemRuleProblem = { field: "indicatorCode" | "targetPercent"; message: string };

/**
 * What ties an item's fields together: an indicator item names a known indicator, a target is a
 * percentage and so belongs only to a rate indicator. Shared by the file, the forms and the model.
 */
export function itemRuleProblems(item: ItemRuleInput): ItemRuleProblem[] {
  const problems: ItemRuleProblem[] = [];
  const code = item.indicatorCode ?? "";
  const definition = code ? indicatorDefinition(code) : undefined;
  if (item.answerType === "indicator") {
    if (!code) problems.push({ field: "indicatorCode", message: "Tiêu chí loại chỉ số phải có mã chỉ số." });
    else if (!definition) problems.push({ field: "indicatorCode", message: `Mã chỉ số "${code}" không có trong danh mục chỉ số.` });
  } else if (code) {
    problems.push({ field: "indicatorCode", message: "Chỉ tiêu chí loại chỉ số mới có mã chỉ số." });
  }
  const hasTarget = item.targetPercent !== undefined && item.targetPercent !== null;
  if (hasTarget && (item.answerType !== "indicator" || (definition && definition.kind !== "rate"))) {
    problems.push({ field: "targetPercent", message: "Chỉ tiêu (%) chỉ dùng cho tiêu chí chỉ số dạng tỷ lệ." });
  }
  return problems;
}

function addRuleIssues(item: ItemRuleInput, ctx: z.RefinementCtx) {
  for (const p of itemRuleProblems(item)) ctx.addIssue({ code: "custom", path: [p.field], message: p.message });
}

/** Objects of the file refuse unknown fields: a misspelt "legalbasis" would otherwise vanish silently. */
function objectError(what: string) {
  return (issue: z.core.$ZodRawIssue) => {
    if (issue.code === "unrecognized_keys") {
      const keys = (issue as { keys?: string[] }).keys ?? [];
      return `${upperFirst(what)} có trường không được hỗ trợ: ${keys.map((k) => `"${k}"`).join(", ")}.`;
    }
    return `${upperFirst(what)} phải là một đối tượng JSON.`;
  };
}

const itemSchema = z
  .strictObject(
    {
      code: itemCode,
      text: itemText,
      guidance: itemGuidance.default(""),
      answerType: answerTypeField.default("tri_state"),
      legalBasis: itemLegalBasis.default(""),
      indicatorCode: indicatorCodeField.optional(),
      targetPercent: targetPercent.optional(),
    },
    { error: objectError("tiêu chí") },
  )
  .superRefine(addRuleIssues);

const sectionSchema = z.strictObject(
  {
    code: sectionCode,
    title: requiredText("tên phần", TEMPLATE_LIMITS.title),
    items: z
      .array(itemSchema, { error: "Danh sách tiêu chí (items) phải là một mảng." })
      .max(TEMPLATE_LIMITS.items, `Một phần có tối đa ${TEMPLATE_LIMITS.items} tiêu chí.`),
  },
  { error: objectError("phần") },
);

export const checklistTemplateFileSchema = z
  .strictObject(
    {
      code: templateCode,
      version: z.number({ error: "Phiên bản phải là số nguyên dương." }).int("Phiên bản phải là số nguyên dương.").positive("Phiên bản phải là số nguyên dương.").optional(),
      title: templateTitle,
      description: templateDescription.default(""),
      sections: z
        .array(sectionSchema, { error: (issue) => (issue.input === undefined ? "Thiếu danh sách phần (sections)." : "Danh sách phần (sections) phải là một mảng.") })
        .min(1, "Mẫu phiếu phải có ít nhất một phần.")
        .max(TEMPLATE_LIMITS.sections, `Mẫu phiếu có tối đa ${TEMPLATE_LIMITS.sections} phần.`),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? objectError("mẫu phiếu")(issue) : "Tệp phải chứa một đối tượng JSON mô tả mẫu phiếu.") },
  )
  .superRefine((file, ctx) => {
    const sectionAt = new Map<string, number>();
    const itemAt = new Map<string, [number, number]>();
    let total = 0;
    file.sections.forEach((section, s) => {
      const earlier = sectionAt.get(section.code);
      if (earlier !== undefined) {
        ctx.addIssue({ code: "custom", path: ["sections", s, "code"], message: `Mã phần "${section.code}" trùng với phần ${earlier + 1}.` });
      } else sectionAt.set(section.code, s);
      section.items.forEach((item, i) => {
        total += 1;
        const seen = itemAt.get(item.code);
        if (seen) {
          ctx.addIssue({
            code: "custom",
            path: ["sections", s, "items", i, "code"],
            message: `Mã tiêu chí "${item.code}" trùng với phần ${seen[0] + 1}, tiêu chí ${seen[1] + 1}.`,
          });
        } else itemAt.set(item.code, [s, i]);
      });
    });
    if (total === 0) ctx.addIssue({ code: "custom", path: ["sections"], message: "Mẫu phiếu phải có ít nhất một tiêu chí." });
    if (total > TEMPLATE_LIMITS.items) {
      ctx.addIssue({ code: "custom", path: ["sections"], message: `Mẫu phiếu có tối đa ${TEMPLATE_LIMITS.items} tiêu chí (tệp có ${total}).` });
    }
  });

/** A template as its file holds it, after validation: NFC, trimmed, defaults filled in. */
export type ChecklistTemplateFile = z.output<typeof checklistTemplateFileSchema>;
export type ChecklistTemplateFileInput = z.input<typeof checklistTemplateFileSchema>;
export type ChecklistTemplateFileItem = ChecklistTemplateFile["sections"][number]["items"][number];

/** "Phần 2, tiêu chí 3" for ["sections", 1, "items", 2, "text"]; "" at the top level. */
function describePath(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const next = path[i + 1];
    if (typeof next !== "number") continue;
    if (path[i] === "sections") parts.push(`Phần ${next + 1}`);
    if (path[i] === "items") parts.push(`tiêu chí ${next + 1}`);
  }
  return parts.join(", ");
}

/** One readable Vietnamese message for a failed validation: where, then what, for the first few. */
export function formatTemplateIssues(issues: readonly z.core.$ZodIssue[], max = 5): string {
  const lines = issues.slice(0, max).map((issue) => {
    const where = describePath(issue.path);
    const what = issue.message.replace(/\.$/, "");
    return where ? `${where}: ${what.charAt(0).toLowerCase()}${what.slice(1)}` : what;
  });
  const more = issues.length > max ? `; và ${issues.length - max} lỗi khác` : "";
  return `${lines.join("; ")}${more}.`;
}

export type TemplateFileResult = { ok: true; template: ChecklistTemplateFile } | { ok: false; message: string };

function formatMegabytes(bytes: number) {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(".", ",")} MB`;
}

/** Where a JSON syntax error is, as far as the engine says (Node 20 gives the token, later ones the place). */
export function syntaxErrorPlace(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  const position = /position (\d+)/.exec(message);
  if (position) {
    const before = text.slice(0, Number(position[1]));
    return ` (lỗi ở dòng ${before.split("\n").length}, cột ${before.length - before.lastIndexOf("\n")})`;
  }
  if (/Unexpected end/i.test(message)) return " (tệp bị cắt ngang, thiếu phần kết thúc)";
  const token = /Unexpected token '?(.)'?/.exec(message);
  return token ? ` (ký tự không đúng chỗ: "${token[1]}")` : "";
}

/** Reads an uploaded template file: size, UTF-8, JSON, then the shape. Never throws. */
export function parseTemplateFile(content: string | Uint8Array): TemplateFileResult {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  if (bytes.byteLength === 0) return { ok: false, message: "Tệp rỗng: hãy chọn tệp JSON của mẫu phiếu." };
  if (bytes.byteLength > TEMPLATE_LIMITS.fileBytes) {
    return { ok: false, message: `Tệp quá lớn (${formatMegabytes(bytes.byteLength)}); tệp mẫu phiếu tối đa 1 MB.` };
  }
  let text: string;
  try {
    text = typeof content === "string" ? content : new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: "Tệp không phải văn bản UTF-8: hãy lưu tệp JSON với bảng mã UTF-8." };
  }
  text = text.replace(/^\uFEFF/, "");
  let json: unknown;
  try {
    json = cleanInput(JSON.parse(text));
  } catch (error) {
    return { ok: false, message: `Tệp không phải JSON hợp lệ${syntaxErrorPlace(text, error)}.` };
  }
  const parsed = checklistTemplateFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: `Tệp mẫu phiếu không đúng định dạng: ${formatTemplateIssues(parsed.error.issues)}` };
  return { ok: true, template: parsed.data };
}

// The administrator's edit forms. Each carries its `intent`; the page's action takes the union.

const id = (what: string) => z.number({ error: `Thiếu ${what}.` }).int().positive(`Thiếu ${what}.`).max(MAX_RECORD_ID, `Thiếu ${what}.`);
const percentOrNone = targetPercent.nullable();

export const itemEditSchema = z.object({
  intent: z.literal("edit_item"),
  itemId: id("tiêu chí"),
  text: itemText,
  guidance: itemGuidance,
  legalBasis: itemLegalBasis,
  targetPercent: percentOrNone,
});
export type ItemEditValues = z.infer<typeof itemEditSchema>;

/** The add-item fields without the rule tying them together (zod cannot omit from a refined object). */
export const itemAddFields = z.object({
  intent: z.literal("add_item"),
  sectionId: id("phần"),
  code: itemCode,
  text: itemText,
  guidance: itemGuidance,
  answerType: answerTypeField,
  legalBasis: itemLegalBasis,
  indicatorCode: indicatorCodeField.nullable(),
  targetPercent: percentOrNone,
});
export const itemAddSchema = itemAddFields.superRefine(addRuleIssues);
export type ItemAddValues = z.infer<typeof itemAddSchema>;

export const titleEditSchema = z.object({
  intent: z.literal("edit_title"),
  title: templateTitle,
  description: templateDescription,
});
export type TitleEditValues = z.infer<typeof titleEditSchema>;

export const itemRemoveSchema = z.object({ intent: z.literal("remove_item"), itemId: id("tiêu chí") });
export const publishSchema = z.object({ intent: z.literal("publish") });
export const retireSchema = z.object({ intent: z.literal("retire") });

export const templateActionSchema = z.discriminatedUnion("intent", [
  itemEditSchema,
  itemAddSchema,
  titleEditSchema,
  itemRemoveSchema,
  publishSchema,
  retireSchema,
]);
export type TemplateActionValues = z.infer<typeof templateActionSchema>;
