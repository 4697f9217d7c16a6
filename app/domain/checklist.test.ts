import { describe, expect, it } from "vitest";
import { answerValueForFigure, isAnswered, needsNote, progress, proposeFinding } from "./checklist";

describe("answerValueForFigure", () => {
  it("is met when the verified rate reaches the target", () => {
    expect(answerValueForFigure({ numerator: 9787, denominator: 10000 }, "97.00", null, "on_time_rate")).toBe("met");
    expect(answerValueForFigure({ numerator: 97, denominator: 100 }, 97, "not_met", "on_time_rate")).toBe("met");
    expect(answerValueForFigure({ numerator: 9787, denominator: 10000 }, 97, "not_met", null)).toBe("met");
  });
  it("is not met below the target, whatever was chosen", () => {
    expect(answerValueForFigure({ numerator: 3557, denominator: 4709 }, 80, "met", "online_payment_rate")).toBe("not_met");
  });
  it("takes a late rate's target as a ceiling: not met above it, met within it", () => {
    // seed 002: 1.157/19.150 = 6,04% late against a 5% ceiling
    expect(answerValueForFigure({ numerator: 1157, denominator: 19150 }, "5.00", "met", "late_rate")).toBe("not_met");
    expect(answerValueForFigure({ numerator: 3, denominator: 100 }, 5, "not_met", "late_rate")).toBe("met");
    expect(answerValueForFigure({ numerator: 5, denominator: 100 }, 5, "not_met", "late_rate")).toBe("met");
  });
  it("keeps the team's choice without a target, a denominator or a figure", () => {
    expect(answerValueForFigure({ numerator: 1, denominator: 2 }, null, "not_applicable", "on_time_rate")).toBe("not_applicable");
    expect(answerValueForFigure({ numerator: 36, denominator: null }, 90, "met", "procedures_total")).toBe("met");
    expect(answerValueForFigure({ numerator: 0, denominator: 0 }, 90, null, "late_rate")).toBeNull();
    expect(answerValueForFigure(null, 90, "not_met", "on_time_rate")).toBe("not_met");
  });
});

describe("proposeFinding", () => {
  it("turns the item and the note into a sentence", () => {
    expect(proposeFinding("Niêm yết địa chỉ tiếp nhận phản ánh, kiến nghị.", "bảng niêm yết bị mờ")).toBe(
      "Chưa đảm bảo yêu cầu: niêm yết địa chỉ tiếp nhận phản ánh, kiến nghị. Bảng niêm yết bị mờ.",
    );
  });
  it("normalises decomposed input and works without a note", () => {
    const decomposed = "Có quy chế hoạt động".normalize("NFD");
    const text = proposeFinding(decomposed, "  ");
    expect(text).toBe("Chưa đảm bảo yêu cầu: có quy chế hoạt động.");
    expect(text.normalize("NFC")).toBe(text);
  });
});

describe("isAnswered and needsNote", () => {
  it("asks each type for what it needs", () => {
    expect(isAnswered(undefined)).toBe(false);
    expect(isAnswered({ answerType: "tri_state", value: null })).toBe(false);
    expect(isAnswered({ answerType: "tri_state", value: "not_met" })).toBe(true);
    expect(isAnswered({ answerType: "number", value: null, numberValue: 0 })).toBe(true);
    expect(isAnswered({ answerType: "text", value: null, textValue: "  " })).toBe(false);
    expect(isAnswered({ answerType: "indicator", value: null, figure: { numerator: 1, denominator: 2 } })).toBe(true);
    expect(isAnswered({ answerType: "indicator", value: "not_applicable", figure: null })).toBe(true);
  });
  it("wants a note only for a not-met answer", () => {
    expect(needsNote("not_met", " ")).toBe(true);
    expect(needsNote("not_met", "thiếu")).toBe(false);
    expect(needsNote("met", "")).toBe(false);
  });
});

describe("progress", () => {
  it("rounds down so a section is 100% only when complete", () => {
    expect(progress(199, 200).percent).toBe(99);
    expect(progress(0, 0).percent).toBe(100);
    expect(progress(3, 4)).toEqual({ answered: 3, total: 4, percent: 75 });
  });
});
