import { describe, expect, it } from "vitest";
import {
  compareToTarget,
  describeAverage,
  describeCount,
  describeFigureValue,
  describeFraction,
  describeRate,
  meetsTarget,
  formatPercent,
  ratePercent,
} from "./indicator-wording";

describe("ratePercent", () => {
  it("computes seed 002's late rate and seed 001's online payment rate", () => {
    expect(ratePercent(1157, 19150, 2)).toBe(6.04);
    expect(ratePercent(3557, 4709, 1)).toBe(75.5);
    expect(ratePercent(3557, 4709, 2)).toBe(75.54);
  });
  it("rounds half up at the boundary, exactly", () => {
    // 2.469/20.000 = 12,345% exactly
    expect(ratePercent(2469, 20000, 2)).toBe(12.35);
    expect(ratePercent(2468, 20000, 2)).toBe(12.34);
    // 1/8 = 12,5% → 1 decimal keeps it; 1/16 = 6,25% → 6,3% at one decimal
    expect(ratePercent(1, 16, 1)).toBe(6.3);
    expect(ratePercent(1, 16, 2)).toBe(6.25);
    // 1/3 = 33,333…% rounds down, 2/3 = 66,666…% rounds up
    expect(ratePercent(1, 3, 2)).toBe(33.33);
    expect(ratePercent(2, 3, 2)).toBe(66.67);
  });
  it("stays exact for very large counts", () => {
    expect(ratePercent(999_999_999_995, 1_000_000_000_000, 2)).toBe(100);
    expect(ratePercent(999_949_999_999, 1_000_000_000_000, 2)).toBe(99.99);
    expect(ratePercent(999_950_000_000, 1_000_000_000_000, 2)).toBe(100);
    expect(ratePercent(123_500_000_000, 1_000_000_000_000, 1)).toBe(12.4);
  });
  it("gives null when there is nothing to divide by", () => {
    expect(ratePercent(0, 0, 2)).toBeNull();
  });
  it("gives 0% and 100% at the ends", () => {
    expect(ratePercent(0, 15, 2)).toBe(0);
    expect(ratePercent(15, 15, 1)).toBe(100);
  });
  it("refuses negative, fractional, oversized counts and a numerator above the denominator", () => {
    expect(() => ratePercent(-1, 10, 2)).toThrow(RangeError);
    expect(() => ratePercent(1, -10, 2)).toThrow(RangeError);
    expect(() => ratePercent(1.5, 10, 2)).toThrow(RangeError);
    expect(() => ratePercent(Number.NaN, 10, 2)).toThrow(RangeError);
    expect(() => ratePercent(1, 1e12 + 1, 2)).toThrow(RangeError);
    expect(() => ratePercent(11, 10, 2)).toThrow(RangeError);
    expect(() => ratePercent(1, 0, 2)).toThrow(RangeError);
  });
});

describe("formatPercent", () => {
  it("writes a decimal comma and trims trailing zeros", () => {
    expect(formatPercent(97.87)).toBe("97,87%");
    expect(formatPercent(75.5)).toBe("75,5%");
    expect(formatPercent(75.5, 1)).toBe("75,5%");
    expect(formatPercent(97)).toBe("97%");
    expect(formatPercent(100)).toBe("100%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(60.1)).toBe("60,1%");
  });
  it("rounds half up to the precision asked", () => {
    expect(formatPercent(6.045)).toBe("6,05%");
    expect(formatPercent(75.54, 1)).toBe("75,5%");
    expect(formatPercent(75.55, 1)).toBe("75,6%");
    expect(formatPercent(99.999)).toBe("100%");
  });
});

describe("compareToTarget", () => {
  it("measures the gap from the rounded rate", () => {
    expect(compareToTarget(97.87, 97, 2)).toEqual({ kind: "above", gap: 0.87 });
    expect(compareToTarget(97.8734, 97, 2)).toEqual({ kind: "above", gap: 0.87 });
    expect(compareToTarget(75.54, 80, 1)).toEqual({ kind: "below", gap: 4.5 });
  });
  it("calls a rate that rounds to the target equal", () => {
    expect(compareToTarget(98, 98, 2)).toEqual({ kind: "equal", gap: 0 });
    expect(compareToTarget(97.996, 98, 2)).toEqual({ kind: "equal", gap: 0 });
  });
  it("keeps a target's own decimals in the gap", () => {
    expect(compareToTarget(97.9, 97.25, 1)).toEqual({ kind: "above", gap: 0.65 });
  });
  it("refuses percentages outside 0–100", () => {
    expect(() => compareToTarget(101, 98, 2)).toThrow(RangeError);
    expect(() => compareToTarget(50, -1, 2)).toThrow(RangeError);
    expect(() => compareToTarget(50, Number.POSITIVE_INFINITY, 2)).toThrow(RangeError);
  });
});

describe("describeRate", () => {
  it("writes the sentences of seed 000 (rates as stated there, built from counts)", () => {
    // "tỷ lệ hồ sơ giải quyết đúng hạn của xã đạt 97,87%, vượt 0,87% so với chỉ tiêu được giao (97%)"
    expect(describeRate({ numerator: 9787, denominator: 10000, targetPercent: 97 })).toBe(
      "đạt 97,87%, vượt 0,87% so với chỉ tiêu được giao (97%)",
    );
    // "Tỷ lệ hồ sơ trực tuyến mức độ 3 là 59,64%, vượt 9,64% so với chỉ tiêu được giao (50%)"
    expect(describeRate({ numerator: 5964, denominator: 10000, targetPercent: 50 })).toBe(
      "đạt 59,64%, vượt 9,64% so với chỉ tiêu được giao (50%)",
    );
    // "tỷ lệ hồ sơ trực tuyến mức độ 4 là 96,34%, vượt 46,34% so với chỉ tiêu được giao (50%)"
    expect(describeRate({ numerator: 9634, denominator: 10000, targetPercent: 50 })).toBe(
      "đạt 96,34%, vượt 46,34% so với chỉ tiêu được giao (50%)",
    );
    // "Tỷ lệ số hóa kết quả giải quyết thủ tục hành chính của xã đạt 58,18%, vượt 3,18% so với chỉ tiêu được giao (55%)"
    expect(describeRate({ numerator: 2909, denominator: 5000, targetPercent: 55 })).toBe(
      "đạt 58,18%, vượt 3,18% so với chỉ tiêu được giao (55%)",
    );
  });
  it("writes a shortfall", () => {
    expect(describeRate({ numerator: 3557, denominator: 4709, targetPercent: 80, decimals: 1 })).toBe(
      "đạt 75,5%, thấp hơn 4,5% so với chỉ tiêu được giao (80%)",
    );
    expect(describeRate({ numerator: 3557, denominator: 4709, targetPercent: 80 })).toBe(
      "đạt 75,54%, thấp hơn 4,46% so với chỉ tiêu được giao (80%)",
    );
  });
  it("writes equality", () => {
    expect(describeRate({ numerator: 98, denominator: 100, targetPercent: 98 })).toBe(
      "đạt 98%, bằng chỉ tiêu được giao (98%)",
    );
  });
  it("writes the rate alone without a target", () => {
    expect(describeRate({ numerator: 9787, denominator: 10000 })).toBe("đạt 97,87%");
    expect(describeRate({ numerator: 9787, denominator: 10000, targetPercent: null })).toBe("đạt 97,87%");
  });
  it("says there is nothing to compute when the denominator is 0", () => {
    expect(describeRate({ numerator: 0, denominator: 0, targetPercent: 98 })).toBe("chưa có hồ sơ để tính tỷ lệ");
  });
  it("writes a target with decimals", () => {
    expect(describeRate({ numerator: 1, denominator: 2, targetPercent: 60.5 })).toBe(
      "đạt 50%, thấp hơn 10,5% so với chỉ tiêu được giao (60,5%)",
    );
  });
  it("refuses invalid counts", () => {
    expect(() => describeRate({ numerator: 5, denominator: 4 })).toThrow(RangeError);
    expect(() => describeRate({ numerator: -1, denominator: 4 })).toThrow(RangeError);
  });
});

describe("describeRate of a lower-is-better rate (the target is a ceiling)", () => {
  // seed 002: 1.157 late dossiers out of 19.150 against a 5% ceiling
  it("writes a rate above the ceiling as exceeding it, never as achieved", () => {
    expect(describeRate({ numerator: 1157, denominator: 19150, targetPercent: 5, lowerIsBetter: true })).toBe(
      "ở mức 6,04%, vượt 1,04% so với mức tối đa cho phép (5%)",
    );
  });
  it("writes a rate below the ceiling", () => {
    expect(describeRate({ numerator: 3, denominator: 100, targetPercent: 5, lowerIsBetter: true })).toBe(
      "ở mức 3%, thấp hơn 2% so với mức tối đa cho phép (5%)",
    );
  });
  it("writes a rate at the ceiling", () => {
    expect(describeRate({ numerator: 5, denominator: 100, targetPercent: 5, lowerIsBetter: true })).toBe(
      "ở mức 5%, bằng mức tối đa cho phép (5%)",
    );
  });
  it("writes the rate alone without a ceiling, and nothing to compute when the denominator is 0", () => {
    expect(describeRate({ numerator: 1157, denominator: 19150, lowerIsBetter: true })).toBe("ở mức 6,04%");
    expect(describeRate({ numerator: 0, denominator: 0, targetPercent: 5, lowerIsBetter: true })).toBe("chưa có hồ sơ để tính tỷ lệ");
  });
  it("keeps the higher-is-better wording when lowerIsBetter is false", () => {
    expect(describeRate({ numerator: 1157, denominator: 19150, targetPercent: 5, lowerIsBetter: false })).toBe(
      "đạt 6,04%, vượt 1,04% so với chỉ tiêu được giao (5%)",
    );
  });
});

describe("meetsTarget", () => {
  it("meets a higher-is-better target unless below it", () => {
    expect(meetsTarget(compareToTarget(97.87, 97, 2))).toBe(true);
    expect(meetsTarget(compareToTarget(97, 97, 2), false)).toBe(true);
    expect(meetsTarget(compareToTarget(75.54, 80, 2), false)).toBe(false);
  });
  it("meets a ceiling unless above it", () => {
    expect(meetsTarget(compareToTarget(6.04, 5, 2), true)).toBe(false);
    expect(meetsTarget(compareToTarget(3, 5, 2), true)).toBe(true);
    expect(meetsTarget(compareToTarget(5, 5, 2), true)).toBe(true);
  });
});

describe("describeFraction, describeAverage, describeCount", () => {
  it("writes seed 001's online payment sentence", () => {
    expect(describeFraction({ numerator: 3557, denominator: 4709, measureUnit: "hồ sơ", decimals: 1 })).toBe(
      "3.557/4.709 hồ sơ đạt tỷ lệ 75,5%",
    );
  });
  it("writes seed 002's average late rate", () => {
    expect(describeAverage({ numerator: 1157, denominator: 19150, measureUnit: "hồ sơ" })).toBe(
      "1.157 hồ sơ/19.150 hồ sơ (tỷ lệ bình quân 6,04%)",
    );
  });
  it("groups thousands in large numbers", () => {
    expect(describeFraction({ numerator: 1_234_567, denominator: 9_876_543, measureUnit: "hồ sơ" })).toBe(
      "1.234.567/9.876.543 hồ sơ đạt tỷ lệ 12,5%",
    );
    expect(describeCount(67_170_000, "đồng")).toBe("67.170.000 đồng");
  });
  it("writes seed 001's plain count", () => {
    expect(describeCount(11701, "hồ sơ")).toBe("11.701 hồ sơ");
    expect(describeCount(0, "tin")).toBe("0 tin");
  });
  it("says when there is nothing to compute", () => {
    expect(describeFraction({ numerator: 0, denominator: 0, measureUnit: "thủ tục" })).toBe(
      "0/0 thủ tục, chưa có thủ tục để tính tỷ lệ",
    );
    expect(describeAverage({ numerator: 0, denominator: 0, measureUnit: "hồ sơ" })).toBe(
      "0 hồ sơ/0 hồ sơ (chưa có hồ sơ để tính tỷ lệ)",
    );
  });
  it("refuses invalid counts", () => {
    expect(() => describeCount(-3, "hồ sơ")).toThrow(RangeError);
    expect(() => describeCount(2.5, "hồ sơ")).toThrow(RangeError);
    expect(() => describeFraction({ numerator: 10, denominator: 9, measureUnit: "hồ sơ" })).toThrow(RangeError);
  });
});

describe("describeFigureValue", () => {
  it("writes a count, a rate, and a rate against its target as the seeds do", () => {
    expect(describeFigureValue({ numerator: 11701, denominator: null, measureUnit: "hồ sơ" })).toBe("11.701 hồ sơ");
    expect(describeFigureValue({ numerator: 3557, denominator: 4709, measureUnit: "hồ sơ", decimals: 1 })).toBe("3.557/4.709 hồ sơ đạt tỷ lệ 75,5%");
    expect(describeFigureValue({ numerator: 9787, denominator: 10000, measureUnit: "hồ sơ", targetPercent: 97 })).toBe(
      "9.787/10.000 hồ sơ, đạt 97,87%, vượt 0,87% so với chỉ tiêu được giao (97%)",
    );
    expect(describeFigureValue({ numerator: 22, denominator: null, measureUnit: "" })).toBe("22");
    expect(() => describeFigureValue({ numerator: 12, denominator: 10, measureUnit: "hồ sơ" })).toThrow(RangeError);
  });
});

describe("describeFigureValue of a lower-is-better rate", () => {
  it("words the fraction against its ceiling, and without one never says it is achieved", () => {
    expect(describeFigureValue({ numerator: 1157, denominator: 19150, measureUnit: "hồ sơ", targetPercent: 5, lowerIsBetter: true })).toBe(
      "1.157/19.150 hồ sơ, ở mức 6,04%, vượt 1,04% so với mức tối đa cho phép (5%)",
    );
    expect(describeFigureValue({ numerator: 1157, denominator: 19150, measureUnit: "hồ sơ", lowerIsBetter: true })).toBe(
      "1.157/19.150 hồ sơ, ở mức 6,04%",
    );
    expect(describeFigureValue({ numerator: 11701, denominator: null, measureUnit: "hồ sơ", lowerIsBetter: true })).toBe("11.701 hồ sơ");
  });
});
