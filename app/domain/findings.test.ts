import { describe, expect, it } from "vitest";
import {
  addresseeChoices,
  compactPositions,
  figureFindingText,
  figureMissesTarget,
  figureValueText,
  joinFindingTexts,
  movePositions,
  pathIds,
} from "./findings";

describe("movePositions", () => {
  const rows = [
    { id: 10, position: 2 },
    { id: 11, position: 5 },
    { id: 12, position: 9 },
  ];

  it("swaps a row with the one above it, keeping the positions the list used", () => {
    expect(movePositions(rows, 11, "up")).toEqual([
      { id: 11, position: 2 },
      { id: 10, position: 5 },
    ]);
  });

  it("swaps a row with the one below it", () => {
    expect(movePositions(rows, 11, "down")).toEqual([
      { id: 12, position: 5 },
      { id: 11, position: 9 },
    ]);
  });

  it("changes nothing at either end", () => {
    expect(movePositions(rows, 10, "up")).toEqual([]);
    expect(movePositions(rows, 12, "down")).toEqual([]);
  });

  it("spreads repeated positions apart so the move shows", () => {
    const same = [
      { id: 1, position: 0 },
      { id: 2, position: 0 },
      { id: 3, position: 0 },
    ];
    const moved = movePositions(same, 3, "up");
    const after = same.map((row) => moved.find((m) => m.id === row.id) ?? row).sort((a, b) => a.position - b.position);
    expect(after.map((row) => row.id)).toEqual([1, 3, 2]);
    expect(new Set(after.map((row) => row.position)).size).toBe(3);
  });

  it("refuses a row that is not in the list", () => {
    expect(() => movePositions(rows, 99, "up")).toThrow(RangeError);
  });
});

describe("joinFindingTexts", () => {
  it("joins in order with one space, in NFC, skipping blank texts", () => {
    const joined = joinFindingTexts([" Bảng niêm yết chưa đúng quy định. ".normalize("NFD"), "", "Thiếu số điện thoại."]);
    expect(joined).toBe("Bảng niêm yết chưa đúng quy định. Thiếu số điện thoại.");
    expect(joined).toBe(joined.normalize("NFC"));
  });
});

describe("figures quoted in findings", () => {
  const onTime = { label: "Tỷ lệ hồ sơ giải quyết đúng hạn", numerator: 9787, denominator: 10000, measureUnit: "hồ sơ", targetPercent: "97.00" };
  const payment = { label: "Thanh toán trực tuyến", numerator: 3557, denominator: 4709, measureUnit: "hồ sơ", targetPercent: "98.00" };
  const received = { label: "Số hồ sơ tiếp nhận", numerator: 11701, denominator: null, measureUnit: "hồ sơ", targetPercent: null };

  it("gives the value as the seeds write it", () => {
    expect(figureValueText(onTime)).toBe("9.787/10.000 hồ sơ, đạt 97,87%, vượt 0,87% so với chỉ tiêu được giao (97%)");
    expect(figureValueText(received)).toBe("11.701 hồ sơ");
  });

  it("proposes a finding sentence", () => {
    expect(figureFindingText(onTime)).toBe("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,87%, vượt 0,87% so với chỉ tiêu được giao (97%).");
    expect(figureFindingText(payment)).toBe("Thanh toán trực tuyến đạt 75,54%, thấp hơn 22,46% so với chỉ tiêu được giao (98%).");
    expect(figureFindingText(received)).toBe("Số hồ sơ tiếp nhận: 11.701 hồ sơ.");
  });

  it("says when a rate misses its target", () => {
    expect(figureMissesTarget(payment)).toBe(true);
    expect(figureMissesTarget(onTime)).toBe(false);
    expect(figureMissesTarget(received)).toBe(false);
    expect(figureMissesTarget({ ...payment, targetPercent: null })).toBe(false);
  });

  describe("a late rate, whose target is a ceiling", () => {
    const late = { label: "Tỷ lệ hồ sơ giải quyết quá hạn", numerator: 1157, denominator: 19150, measureUnit: "hồ sơ", targetPercent: "5.00", code: "late_rate" };
    const fewLate = { ...late, numerator: 3, denominator: 100 };

    it("is worded against the ceiling", () => {
      expect(figureValueText(late)).toBe("1.157/19.150 hồ sơ, ở mức 6,04%, vượt 1,04% so với mức tối đa cho phép (5%)");
      expect(figureFindingText(late)).toBe("Tỷ lệ hồ sơ giải quyết quá hạn ở mức 6,04%, vượt 1,04% so với mức tối đa cho phép (5%).");
      expect(figureFindingText(fewLate)).toBe("Tỷ lệ hồ sơ giải quyết quá hạn ở mức 3%, thấp hơn 2% so với mức tối đa cho phép (5%).");
    });

    it("is proposed as a shortcoming above the ceiling, not within it", () => {
      expect(figureMissesTarget(late)).toBe(true);
      expect(figureMissesTarget(fewLate)).toBe(false);
      expect(figureMissesTarget({ ...late, numerator: 5, denominator: 100 })).toBe(false);
      // the same figure under a higher-is-better code exceeds its target
      expect(figureMissesTarget({ ...late, code: "on_time_rate" })).toBe(false);
      expect(figureMissesTarget({ ...fewLate, code: null })).toBe(true);
    });
  });

  it("does not fail on a numerator typed above its denominator", () => {
    const wrong = { ...onTime, numerator: 12, denominator: 10 };
    expect(figureValueText(wrong)).toBe("12/10 hồ sơ");
    expect(figureFindingText(wrong)).toBe("Tỷ lệ hồ sơ giải quyết đúng hạn: 12/10 hồ sơ.");
    expect(figureMissesTarget(wrong)).toBe(false);
  });
});

describe("addresseeChoices", () => {
  const unit = (id: number, name: string, kind: string, parent: { id: number; path: string } | null) => ({
    id,
    name,
    kind,
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? "/"}${id}/`,
  });
  const province = unit(1, "Tỉnh Bình Dương", "province", null);
  const ward = unit(3, "Phường Bình An", "commune", province);
  const council = unit(4, "HĐND phường Bình An", "people_council", ward);
  const committee = unit(5, "UBND phường Bình An", "people_committee", ward);
  const oneStop = unit(6, "Bộ phận Một cửa phường Bình An", "public_service_center", committee);
  const front = unit(7, "UBMTTQ phường Bình An", "fatherland_front", ward);
  const rows = [province, ward, council, committee, oneStop, front];

  it("reads a unit's ancestors from its path", () => {
    expect(pathIds(oneStop.path)).toEqual([1, 3, 5, 6]);
  });

  it("offers the visited one-stop-shop and the ward's UBND", () => {
    expect(addresseeChoices(oneStop.id, rows).map((u) => u.name)).toEqual(["Bộ phận Một cửa phường Bình An", "UBND phường Bình An"]);
  });

  it("offers the visited UBND once, then the units under it in Vietnamese order", () => {
    const zone = unit(8, "Tổ tiếp nhận hồ sơ", "other", committee);
    const desk = unit(9, "Đội số hóa", "other", committee);
    const names = addresseeChoices(committee.id, [...rows, zone, desk]).map((u) => u.name);
    expect(names).toEqual(["UBND phường Bình An", "Bộ phận Một cửa phường Bình An", "Đội số hóa", "Tổ tiếp nhận hồ sơ"]);
  });

  it("offers only the unit itself when it is not in a commune", () => {
    expect(addresseeChoices(province.id, [province]).map((u) => u.id)).toEqual([1]);
    expect(addresseeChoices(42, rows)).toEqual([]);
  });
});

describe("compactPositions", () => {
  it("closes the gaps left by removed rows, reusing only the positions the list held", () => {
    const rows = [
      { id: 1, position: 2 },
      { id: 2, position: 4 },
      { id: 3, position: 5 },
      { id: 4, position: 9 },
    ];
    expect(compactPositions(rows, [2])).toEqual([
      { id: 3, position: 4 },
      { id: 4, position: 5 },
    ]);
    expect(compactPositions(rows, [4])).toEqual([]);
  });

  it("spreads repeated positions apart and leaves an untouched list alone", () => {
    expect(compactPositions([{ id: 1, position: 3 }, { id: 2, position: 3 }, { id: 3, position: 3 }], [1])).toEqual([{ id: 3, position: 4 }]);
    expect(compactPositions([{ id: 1, position: 1 }, { id: 2, position: 2 }], [])).toEqual([]);
  });
});
