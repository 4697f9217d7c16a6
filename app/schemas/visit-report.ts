import { z } from "zod";
import { formatNumber } from "~/domain/vietnamese";
import { MAX_RECORD_ID } from "./limits";

/**
 * The unit's pre-visit report: its answer to the plan's outline and one figure per indicator item
 * of the plan's checklist. Built from the visit's indicator items, so the form in the browser and
 * the action on the server apply the same rules (a rate needs both counts, a count has no
 * denominator, an item of another checklist is refused).
 */
export const MAX_REPORT_LENGTH = 20_000;
export const MAX_FIGURE = 1e12;

export type IndicatorKind = "rate" | "count";
export type ReportIndicator = { itemId: number; kind: IndicatorKind };

export const REPORT_INTENTS = ["save", "submit"] as const;

const WHOLE = "Nhập một số nguyên không âm.";
const figureValue = z
  .number({ error: WHOLE })
  .int(WHOLE)
  .min(0, WHOLE)
  .max(MAX_FIGURE, `Số quá lớn (tối đa ${formatNumber(MAX_FIGURE)}).`)
  .nullable();

const reportShape = z.object({
  intent: z.enum(REPORT_INTENTS, { error: "Chọn lưu nháp hoặc gửi báo cáo." }),
  unitReport: z
    .string({ error: "Nội dung báo cáo không hợp lệ." })
    .normalize("NFC")
    .max(MAX_REPORT_LENGTH, `Báo cáo tối đa ${formatNumber(MAX_REPORT_LENGTH)} ký tự.`),
  figures: z
    .array(z.object({ itemId: z.number().int().positive().max(MAX_RECORD_ID), numerator: figureValue, denominator: figureValue }))
    .max(500, "Quá nhiều chỉ số."),
});

/**
 * What a figure input holds, as a number for the schema: "" is "not reported" (null); digits may
 * be grouped the Vietnamese way ("11.701", "11 701"); anything else is NaN, which the schema refuses.
 */
export function countFromInput(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  const text = String(value).trim();
  if (text === "") return null;
  if (/^\d+$/.test(text) || /^\d{1,3}([. ]\d{3})+$/.test(text)) return Number(text.replace(/[. ]/g, ""));
  return Number.NaN;
}

export type VisitReportValues = z.infer<typeof reportShape>;
export type ReportFigure = VisitReportValues["figures"][number];

export const NOT_AN_ITEM_OF_VISIT = "Chỉ số này không thuộc phiếu kiểm tra của buổi giám sát.";

/** What is wrong with one figure row, as [field, message] pairs; empty when it is fine. */
export function figureProblems(figure: ReportFigure, kind: IndicatorKind | undefined): [keyof ReportFigure, string][] {
  if (!kind) return [["itemId", NOT_AN_ITEM_OF_VISIT]];
  const { numerator, denominator } = figure;
  if (kind === "count") return denominator === null ? [] : [["denominator", "Chỉ số này là một số đếm, không có mẫu số."]];
  if (numerator === null && denominator !== null) return [["numerator", "Nhập tử số, hoặc để trống cả hai ô."]];
  if (numerator !== null && denominator === null) return [["denominator", "Nhập mẫu số, hoặc để trống cả hai ô."]];
  if (numerator !== null && denominator !== null && numerator > denominator) {
    return [["numerator", "Tử số không được lớn hơn mẫu số."]];
  }
  return [];
}

export function visitReportSchema(indicators: readonly ReportIndicator[]) {
  const kinds = new Map(indicators.map((i) => [i.itemId, i.kind]));
  return reportShape.superRefine((values, ctx) => {
    if (values.intent === "submit" && values.unitReport.trim() === "") {
      ctx.addIssue({ code: "custom", message: "Nhập nội dung báo cáo trước khi gửi.", path: ["unitReport"] });
    }
    const seen = new Set<number>();
    values.figures.forEach((figure, index) => {
      const kind = seen.has(figure.itemId) ? undefined : kinds.get(figure.itemId);
      seen.add(figure.itemId);
      for (const [field, message] of figureProblems(figure, kind)) {
        ctx.addIssue({ code: "custom", message, path: ["figures", index, field] });
      }
    });
  });
}
