import { describe, expect, it } from "vitest";
import {
  CAUSE_NEEDS_KIND,
  CAUSE_NEEDS_PARENT,
  ONLY_CAUSES_HAVE_PARENT,
  citationAddSchema,
  emptyFinding,
  findingCreateSchema,
  findingMergeSchema,
  findingUpdateSchema,
} from "./finding";
import { findingsPageSchema } from "./findings-page";

/** The messages of a refused form, by field path. */
function errors(schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }, values: unknown) {
  const result = schema.safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
}

describe("findingCreateSchema", () => {
  it("accepts an achievement and stores its text trimmed, in NFC", () => {
    const parsed = findingCreateSchema.parse({ ...emptyFinding("achievement"), text: "  Đã niêm yết đầy đủ thủ tục.  ".normalize("NFD"), figureIds: [3] });
    expect(parsed.text).toBe("Đã niêm yết đầy đủ thủ tục.");
    expect(parsed.text).toBe(parsed.text.normalize("NFC"));
    expect(parsed.figureIds).toEqual([3]);
  });

  it("asks for the text in Vietnamese", () => {
    expect(errors(findingCreateSchema, { ...emptyFinding("shortcoming"), text: "   " })).toEqual({ text: "Nhập nội dung." });
    expect(errors(findingCreateSchema, { ...emptyFinding("shortcoming"), text: "x".repeat(4001) })).toEqual({ text: "Nội dung tối đa 4.000 ký tự." });
  });

  it("refuses a cause without its shortcoming or its kind", () => {
    expect(errors(findingCreateSchema, { ...emptyFinding("cause"), text: "Nhân sự luân chuyển" })).toEqual({
      parentId: CAUSE_NEEDS_PARENT,
      causeKind: CAUSE_NEEDS_KIND,
    });
    const cause = { ...emptyFinding("cause", { parentId: 7, causeKind: "subjective" }), text: "Nhân sự luân chuyển" };
    expect(findingCreateSchema.parse(cause)).toMatchObject({ parentId: 7, causeKind: "subjective" });
  });

  it("refuses a parent or a cause kind on anything but a cause", () => {
    expect(errors(findingCreateSchema, { ...emptyFinding("shortcoming"), text: "Thiếu", parentId: 7 })).toEqual({ parentId: ONLY_CAUSES_HAVE_PARENT });
    expect(errors(findingCreateSchema, { ...emptyFinding("achievement"), text: "Tốt", causeKind: "objective" })).toEqual({
      causeKind: ONLY_CAUSES_HAVE_PARENT,
    });
  });

  it("refuses ids that are not positive whole numbers", () => {
    expect(errors(findingCreateSchema, { ...emptyFinding("achievement"), text: "Tốt", itemIds: [0] })).toEqual({
      "itemIds.0": "Mục được chọn không hợp lệ; tải lại trang.",
    });
    expect(Object.keys(errors(findingCreateSchema, { ...emptyFinding("achievement"), text: "Tốt", kind: "praise" }))).toEqual(["kind"]);
  });
});

describe("the other finding forms", () => {
  it("needs the revision the edit started from", () => {
    expect(findingUpdateSchema.parse({ intent: "finding.update", id: 4, revision: 2, text: " Sửa " })).toMatchObject({ text: "Sửa", revision: 2 });
    expect(Object.keys(errors(findingUpdateSchema, { intent: "finding.update", id: 4, text: "Sửa" }))).toEqual(["revision"]);
  });

  it("merges two or more different findings", () => {
    expect(errors(findingMergeSchema, { intent: "finding.merge", ids: [4] })).toEqual({ ids: "Chọn ít nhất hai mục để gộp." });
    expect(errors(findingMergeSchema, { intent: "finding.merge", ids: [4, 4] })).toEqual({ ids: "Mỗi mục chỉ chọn một lần." });
    expect(findingMergeSchema.parse({ intent: "finding.merge", ids: [4, 5, 6] }).ids).toEqual([4, 5, 6]);
  });

  it("cites an item, a figure or a photo", () => {
    expect(citationAddSchema.parse({ intent: "citation.add", findingId: 1, target: "photo", targetId: 9 }).target).toBe("photo");
    expect(errors(citationAddSchema, { intent: "citation.add", findingId: 1, target: "video", targetId: 9 })).toEqual({
      target: "Chọn loại căn cứ: tiêu chí, số liệu hoặc ảnh.",
    });
  });
});

describe("findingsPageSchema", () => {
  it("picks the form by its intent", () => {
    expect(findingsPageSchema.parse({ intent: "finding.move", id: 3, direction: "up" })).toEqual({ intent: "finding.move", id: 3, direction: "up" });
    expect(findingsPageSchema.safeParse({ intent: "finding.move", id: 3, direction: "sideways" }).success).toBe(false);
    expect(findingsPageSchema.safeParse({ intent: "drop-table", id: 3 }).success).toBe(false);
  });
});
