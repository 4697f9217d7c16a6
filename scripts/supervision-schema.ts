/**
 * `npm run schema`: docs/supervision-file.schema.json, the JSON Schema of a supervision file,
 * generated from the zod schema (app/schemas/supervision-file.ts) with a description on every
 * field. `npm run schema -- --check` only compares and exits 1 when the committed file is stale;
 * scripts/supervision-schema.test.ts does the same in `npm test`, so the two cannot drift.
 *
 * What JSON Schema cannot say (dates that exist, cross-references, one team lead, numerator ≤
 * denominator, text trimmed before its length is checked) is in docs/supervision-file.md.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { SUPERVISION_FILE_FORMAT, SUPERVISION_FILE_VERSION, supervisionFileSchema } from "~/schemas/supervision-file";

export const SCHEMA_FILE = path.resolve(import.meta.dirname, "../docs/supervision-file.schema.json");

const DATE = "Date as YYYY-MM-DD (a real calendar date).";

/** One line per field, by its path ("figures[].numerator"); the test checks none is missing or left over. */
export const FIELD_DESCRIPTIONS: Record<string, string> = {
  format: `Always "${SUPERVISION_FILE_FORMAT}".`,
  version: `Format version; this schema is version ${SUPERVISION_FILE_VERSION}.`,
  issuer: "The body that issues the notice (cơ quan ban hành).",
  "issuer.governingBody": 'Governing body, printed upper case in the header (cơ quan chủ quản), e.g. "HĐND PHƯỜNG BÌNH AN".',
  "issuer.issuingBody": 'Issuing body under it (cơ quan ban hành), e.g. "THƯỜNG TRỰC" or "BAN PHÁP CHẾ".',
  "issuer.placeName": 'Place name on the date line (địa danh), e.g. "Bình An".',
  plan: "The supervision plan (kế hoạch giám sát) the notice concludes.",
  "plan.number": "The plan's number (số), or null while it has none.",
  "plan.symbol": 'The plan\'s symbol (ký hiệu), e.g. "KH-HĐND".',
  "plan.issueDate": `The plan's issue date, or null. ${DATE}`,
  "plan.subject": "What is supervised (nội dung giám sát), as the plan words it.",
  "plan.periodStart": `First day of the period supervised (thời kỳ giám sát). ${DATE}`,
  "plan.periodEnd": `Last day of the period supervised; not before periodStart. ${DATE}`,
  team: "The supervision team (đoàn giám sát): at least one member, exactly one with role lead.",
  "team[].fullName": "Full name (họ tên).",
  "team[].title": "Position (chức vụ), e.g. \"Phó Chủ tịch HĐND phường\".",
  "team[].role": "lead = Trưởng đoàn, deputy = Phó Trưởng đoàn, member = thành viên, secretary = thư ký.",
  unit: "The supervised unit (đơn vị được giám sát).",
  "unit.name": 'Its name, e.g. "UBND phường Bình An".',
  figures: "Figures (số liệu) findings cite by id.",
  "figures[].id": "Id local to this file, unique among figures; findings cite it in figureIds.",
  "figures[].code": 'Optional indicator code, e.g. "on_time_rate" or "late_rate"; for late_rate the target is a ceiling (mức tối đa cho phép), so a rate above it is a shortcoming.',
  "figures[].label": "What is counted, e.g. \"Số hồ sơ tiếp nhận\".",
  "figures[].measureUnit": 'Unit of measure (đơn vị tính), e.g. "hồ sơ".',
  "figures[].numerator": "The count, or the numerator of a rate (tử số).",
  "figures[].denominator": "null for a plain count; else the denominator of a rate (mẫu số), at least the numerator.",
  "figures[].periodStart": `First day the figure covers. ${DATE}`,
  "figures[].periodEnd": `Last day the figure covers; not before periodStart. ${DATE}`,
  "figures[].source": "reported = from the unit's report (báo cáo), verified = checked by the team (kiểm tra).",
  "figures[].targetPercent": "The assigned target in percent (chỉ tiêu), printed beside a rate; null for none.",
  "figures[].decimals": "Decimals of the printed rate: 1 or 2.",
  findings: "Findings (phát hiện): achievements (kết quả đạt được) and shortcomings (tồn tại, hạn chế).",
  "findings[].id": "Id local to this file, unique among findings; recommendations cite it in findingIds.",
  "findings[].kind": "achievement (kết quả đạt được) or shortcoming (tồn tại, hạn chế).",
  "findings[].text": "The finding as the notice prints it.",
  "findings[].figureIds": "Ids of figures printed after this finding as sentences; each must exist in figures.",
  "findings[].itemCodes": 'Checklist item codes the finding rests on, e.g. "B1"; not printed.',
  "findings[].causes": "Causes (nguyên nhân) of a shortcoming.",
  "findings[].causes[].kind": "objective (khách quan) or subjective (chủ quan).",
  "findings[].causes[].text": "The cause as printed.",
  recommendations: "Recommendations (kiến nghị, đề xuất), numbered in this order.",
  "recommendations[].addressee": 'The unit that must act (đơn vị nhận kiến nghị), e.g. "UBND phường Bình An".',
  "recommendations[].role": 'How the notice names the addressee ("Đề nghị <role>: …"); the addressee when empty.',
  "recommendations[].text": "What is recommended.",
  "recommendations[].deadline": `Deadline to report the remediation (hạn báo cáo kết quả khắc phục). ${DATE}`,
  "recommendations[].findingIds": "Ids of the findings this recommendation answers; each must exist in findings.",
  notice: "The conclusion notice (thông báo kết luận) itself.",
  "notice.number": "The notice's number (số), or null for a draft (printed blank).",
  "notice.symbol": 'The notice\'s symbol (ký hiệu), e.g. "TB-HĐND".',
  "notice.issueDate": `Issue date, or null for a draft. ${DATE}`,
  "notice.summary": "The summary line under THÔNG BÁO (trích yếu); composed from issuer and plan when empty.",
  "notice.preparation": "Assessment of the unit's preparation (part I); a standard sentence when empty.",
  "notice.recipients": 'Recipients (nơi nhận), one line each, e.g. "TT. HĐND thành phố"; "Lưu: VT." is always added.',
  "notice.signer": "Who signs (người ký).",
  "notice.signer.deputy": "true when a vice-chair signs on the chair's behalf (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH).",
  "notice.signer.name": "The signer's full name.",
  "notice.signer.title": "Printed instead of CHỦ TỊCH / PHÓ CHỦ TỊCH when given.",
  "notice.blocks": "The body as edited, printed as is; null or absent = composed from the data above.",
  "notice.blocks[].key": 'Stable key of the block, e.g. "opening", "achievement-dossiers", "recommendation-1".',
  "notice.blocks[].kind": "heading (bold) or paragraph.",
  "notice.blocks[].text": "The text; an empty block is not printed.",
};

type JsonSchema = { [key: string]: unknown; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[] };

/** Every field of the schema by its path, nullable and array levels looked through. */
export function schemaFields(node: JsonSchema, prefix = ""): Map<string, JsonSchema> {
  const fields = new Map<string, JsonSchema>();
  const visit = (schema: JsonSchema, at: string) => {
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      const childPath = at ? `${at}.${key}` : key;
      fields.set(childPath, child);
      visit(child, childPath);
    }
    if (schema.items) visit(schema.items, `${at}[]`);
    for (const option of schema.anyOf ?? []) visit(option, at);
  };
  visit(node, prefix);
  return fields;
}

/** The JSON Schema as committed in docs/supervision-file.schema.json. */
export function supervisionJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(supervisionFileSchema, { io: "input" }) as JsonSchema;
  for (const [fieldPath, field] of schemaFields(generated)) {
    const description = FIELD_DESCRIPTIONS[fieldPath];
    if (description) field.description = description;
  }
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: "Supervision file (tệp giám sát) of the HĐND supervision app",
    description:
      "One supervision and its conclusion notice (Thông báo kết luận): what `npm run notice` renders and what the app exports. " +
      "Rules JSON Schema cannot express are listed in docs/supervision-file.md.",
    $comment: "Generated by `npm run schema` from app/schemas/supervision-file.ts; do not edit by hand.",
    ...rest,
  };
}

export function supervisionJsonSchemaText(): string {
  return `${JSON.stringify(supervisionJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const fresh = supervisionJsonSchemaText();
  const relative = path.relative(process.cwd(), SCHEMA_FILE);
  if (process.argv.includes("--check")) {
    let committed = "";
    try {
      committed = readFileSync(SCHEMA_FILE, "utf8");
    } catch {
      // missing: stale
    }
    if (committed !== fresh) {
      console.error(`${relative} khác với lược đồ zod: chạy npm run schema để tạo lại.`);
      process.exit(1);
    }
    console.log(`${relative} khớp với lược đồ zod.`);
  } else {
    writeFileSync(SCHEMA_FILE, fresh);
    console.log(`Đã ghi ${relative}.`);
  }
}
