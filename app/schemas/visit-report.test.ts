import { describe, expect, it } from "vitest";
import { MAX_REPORT_LENGTH, NOT_AN_ITEM_OF_VISIT, type VisitReportValues, countFromInput, visitReportSchema } from "./visit-report";

const schema = visitReportSchema([
  { itemId: 11, kind: "rate" },
  { itemId: 12, kind: "count" },
]);

function values(changes: Partial<VisitReportValues> = {}): VisitReportValues {
  return {
    intent: "save",
    unitReport: "1. Công tác chỉ đạo, triển khai.",
    figures: [
      { itemId: 11, numerator: 3557, denominator: 4709 },
      { itemId: 12, numerator: 11701, denominator: null },
    ],
    ...changes,
  };
}

/** The messages of a refused form, by field path. */
function problems(input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("visitReportSchema", () => {
  it("accepts a report with a rate and a count", () => {
    expect(schema.parse(values())).toEqual(values());
  });
  it("accepts empty figures (not reported) and an empty draft", () => {
    const draft = values({ unitReport: "", figures: [{ itemId: 11, numerator: null, denominator: null }, { itemId: 12, numerator: null, denominator: null }] });
    expect(schema.safeParse(draft).success).toBe(true);
  });
  it("asks for the report text before sending it", () => {
    expect(problems(values({ intent: "submit", unitReport: "   " }))).toEqual({ unitReport: "Nhập nội dung báo cáo trước khi gửi." });
    expect(schema.safeParse(values({ intent: "submit" })).success).toBe(true);
  });
  it("refuses a numerator above the denominator", () => {
    expect(problems(values({ figures: [{ itemId: 11, numerator: 4710, denominator: 4709 }] }))).toEqual({
      "figures.0.numerator": "Tử số không được lớn hơn mẫu số.",
    });
    expect(schema.safeParse(values({ figures: [{ itemId: 11, numerator: 4709, denominator: 4709 }] })).success).toBe(true);
  });
  it("asks for both counts of a rate", () => {
    expect(problems(values({ figures: [{ itemId: 11, numerator: 5, denominator: null }] }))).toEqual({
      "figures.0.denominator": "Nhập mẫu số, hoặc để trống cả hai ô.",
    });
    expect(problems(values({ figures: [{ itemId: 11, numerator: null, denominator: 5 }] }))).toEqual({
      "figures.0.numerator": "Nhập tử số, hoặc để trống cả hai ô.",
    });
  });
  it("refuses a denominator on a plain count", () => {
    expect(problems(values({ figures: [{ itemId: 12, numerator: 5, denominator: 10 }] }))).toEqual({
      "figures.0.denominator": "Chỉ số này là một số đếm, không có mẫu số.",
    });
  });
  it("refuses negative, fractional, oversized and non-numbers", () => {
    const at = (numerator: unknown) => problems(values({ figures: [{ itemId: 12, numerator: numerator as number, denominator: null }] }));
    expect(at(-1)).toEqual({ "figures.0.numerator": "Nhập một số nguyên không âm." });
    expect(at(2.5)).toEqual({ "figures.0.numerator": "Nhập một số nguyên không âm." });
    expect(at(Number.NaN)).toEqual({ "figures.0.numerator": "Nhập một số nguyên không âm." });
    expect(at("12")).toEqual({ "figures.0.numerator": "Nhập một số nguyên không âm." });
    expect(at(1e12 + 1)).toEqual({ "figures.0.numerator": "Số quá lớn (tối đa 1.000.000.000.000)." });
    expect(at(1e12)).toEqual({});
  });
  it("refuses an item that is not an indicator of this visit, or the same item twice", () => {
    expect(problems(values({ figures: [{ itemId: 99, numerator: 1, denominator: 2 }] }))).toEqual({ "figures.0.itemId": NOT_AN_ITEM_OF_VISIT });
    const twice = values({ figures: [{ itemId: 11, numerator: 1, denominator: 2 }, { itemId: 11, numerator: 2, denominator: 2 }] });
    expect(problems(twice)).toEqual({ "figures.1.itemId": NOT_AN_ITEM_OF_VISIT });
  });
  it("limits the report's length, counted after NFC normalisation", () => {
    const decomposed = "e\u0302\u0301".repeat(MAX_REPORT_LENGTH); // "ế" typed as three code points
    const parsed = schema.parse(values({ unitReport: decomposed }));
    expect(parsed.unitReport).toBe("ế".repeat(MAX_REPORT_LENGTH));
    expect(problems(values({ unitReport: "a".repeat(MAX_REPORT_LENGTH + 1) }))).toEqual({ unitReport: "Báo cáo tối đa 20.000 ký tự." });
  });
  it("refuses a body that is not the form's", () => {
    expect(problems({ ...values(), intent: "delete" })).toHaveProperty("intent");
    expect(problems({ ...values(), figures: "all" })).toHaveProperty("figures");
  });
});

describe("countFromInput", () => {
  it("reads an empty input as not reported", () => {
    expect(countFromInput("")).toBeNull();
    expect(countFromInput("  ")).toBeNull();
    expect(countFromInput(undefined)).toBeNull();
  });
  it("reads digits, grouped the Vietnamese way or not", () => {
    expect(countFromInput("11701")).toBe(11701);
    expect(countFromInput("11.701")).toBe(11701);
    expect(countFromInput("1.000.000")).toBe(1_000_000);
    expect(countFromInput("11 701")).toBe(11701);
    expect(countFromInput(" 42 ")).toBe(42);
  });
  it("turns anything else into NaN, which the schema refuses", () => {
    for (const text of ["75,5", "75.5", "1.23", "-3", "abc", "1e5", "11.70.1"]) expect(countFromInput(text), text).toBeNaN();
  });
});
