import { describe, expect, it } from "vitest";
import { addDays } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import { deadlineProblem, emptyRecommendation, recommendationCreateSchema, recommendationUpdateSchema } from "./recommendation";

function errors(schema: typeof recommendationCreateSchema | typeof recommendationUpdateSchema, values: unknown) {
  const result = schema.safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

const today = vietnamDate();
const valid = (changes: Record<string, unknown> = {}) => ({
  ...emptyRecommendation(12),
  addressedRole: "Chủ tịch UBND phường",
  text: "Niêm yết lại bảng tiếp nhận phản ánh, kiến nghị theo Thông tư số 02/2017/TT-VPCP.",
  deadline: addDays(today, 30),
  findingIds: [4, 5],
  ...changes,
});

describe("deadlineProblem", () => {
  it("wants a date after today in Vietnam", () => {
    expect(deadlineProblem("2024-08-31", "2024-08-30")).toBeNull();
    expect(deadlineProblem("2024-08-30", "2024-08-30")).toBe("Hạn báo cáo kết quả khắc phục phải sau ngày hôm nay (30/08/2024).");
    expect(deadlineProblem("2024-02-30", "2024-01-01")).toBe("Nhập hạn báo cáo kết quả khắc phục (ngày/tháng/năm).");
  });
});

describe("recommendationCreateSchema", () => {
  it("accepts a recommendation and normalises its text to NFC, trimmed", () => {
    const parsed = recommendationCreateSchema.parse(valid({ addressedRole: " Chủ tịch UBND phường ".normalize("NFD") }));
    expect(parsed.addressedRole).toBe("Chủ tịch UBND phường");
    expect(parsed.addressedRole).toBe(parsed.addressedRole.normalize("NFC"));
    expect(parsed.findingIds).toEqual([4, 5]);
  });

  it("says in Vietnamese what is missing", () => {
    expect(errors(recommendationCreateSchema, valid({ addressedUnitId: undefined, text: " ", deadline: "" }))).toEqual({
      addressedUnitId: "Chọn đơn vị nhận kiến nghị.",
      text: "Nhập nội dung kiến nghị.",
      deadline: "Nhập hạn báo cáo kết quả khắc phục (ngày/tháng/năm).",
    });
  });

  it("refuses a deadline of today or before", () => {
    expect(errors(recommendationCreateSchema, valid({ deadline: today }))).toEqual({ deadline: deadlineProblem(today, today) });
    expect(errors(recommendationCreateSchema, valid({ deadline: addDays(today, 1) }))).toEqual({});
  });

  it("refuses a finding chosen twice", () => {
    expect(errors(recommendationCreateSchema, valid({ findingIds: [4, 4] }))).toEqual({ findingIds: "Mỗi kết quả, tồn tại chỉ chọn một lần." });
  });
});

describe("recommendationUpdateSchema", () => {
  it("keeps a deadline that has already passed: the model decides whether it changed", () => {
    const parsed = recommendationUpdateSchema.parse({ ...valid({ deadline: "2024-06-30" }), intent: "recommendation.update", id: 3, revision: 1 });
    expect(parsed.deadline).toBe("2024-06-30");
  });
});
