/**
 * The indicators of the national service index (QĐ 766/QĐ-TTg) and the plain counts the seeds
 * report. A rate has a numerator and a denominator; a count has only a value.
 */
export type IndicatorDefinition = {
  code: string;
  label: string;
  kind: "rate" | "count";
  measureUnit: string;
  /** Full score threshold in the national index, where it has one. */
  benchmarkPercent?: number;
  /** "lower": the target is a ceiling (late dossiers), so a rate above it is a shortcoming. Default: higher is better. */
  better?: "lower";
};

export const INDICATORS: readonly IndicatorDefinition[] = [
  { code: "on_time_rate", label: "Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn", kind: "rate", measureUnit: "hồ sơ" },
  { code: "online_filing_rate", label: "Tỷ lệ hồ sơ nộp trực tuyến", kind: "rate", measureUnit: "hồ sơ", benchmarkPercent: 50 },
  { code: "online_procedures_rate", label: "Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến", kind: "rate", measureUnit: "thủ tục", benchmarkPercent: 80 },
  { code: "online_payment_rate", label: "Tỷ lệ hồ sơ thanh toán trực tuyến", kind: "rate", measureUnit: "hồ sơ" },
  { code: "digitisation_rate", label: "Tỷ lệ hồ sơ được số hóa", kind: "rate", measureUnit: "hồ sơ", benchmarkPercent: 80 },
  { code: "e_result_rate", label: "Tỷ lệ kết quả giải quyết điện tử", kind: "rate", measureUnit: "hồ sơ" },
  { code: "satisfaction_rate", label: "Tỷ lệ hài lòng của người dân", kind: "rate", measureUnit: "lượt", benchmarkPercent: 90 },
  { code: "late_rate", label: "Tỷ lệ hồ sơ giải quyết quá hạn", kind: "rate", measureUnit: "hồ sơ", better: "lower" },
  { code: "procedure_fields", label: "Số lĩnh vực thủ tục hành chính", kind: "count", measureUnit: "lĩnh vực" },
  { code: "procedures_total", label: "Tổng số thủ tục hành chính", kind: "count", measureUnit: "thủ tục" },
  { code: "procedures_local", label: "Số thủ tục thực hiện tại địa phương", kind: "count", measureUnit: "thủ tục" },
  { code: "procedures_interlinked", label: "Số thủ tục liên thông", kind: "count", measureUnit: "thủ tục" },
  { code: "dossiers_received", label: "Số hồ sơ tiếp nhận", kind: "count", measureUnit: "hồ sơ" },
  { code: "dossiers_online", label: "Số hồ sơ tiếp nhận trên hệ thống dịch vụ hành chính công", kind: "count", measureUnit: "hồ sơ" },
  { code: "dossiers_in_person", label: "Số hồ sơ nộp trực tiếp tại Bộ phận Một cửa", kind: "count", measureUnit: "hồ sơ" },
  { code: "feedback_received", label: "Số phản ánh, kiến nghị tiếp nhận", kind: "count", measureUnit: "tin" },
  { code: "fees_collected_online", label: "Số tiền phí, lệ phí thu trực tuyến", kind: "count", measureUnit: "đồng" },
];

const byCode = new Map(INDICATORS.map((d) => [d.code, d]));

export function indicatorDefinition(code: string): IndicatorDefinition | undefined {
  return byCode.get(code);
}

/** Whether the indicator's target is a ceiling; unknown codes (figures typed by hand) are higher-is-better. */
export function lowerIsBetter(code: string | null | undefined): boolean {
  return code ? byCode.get(code)?.better === "lower" : false;
}
