import { describe, expect, it } from "vitest";
import { carriedShortcomingText, mentionsCarried } from "./carried";

describe("carriedShortcomingText", () => {
  it("names the notice, keeps the recommendation and ends with one full stop", () => {
    expect(carriedShortcomingText("12/TB-HĐND ngày 05/4/2024", "Niêm yết địa chỉ tiếp nhận phản ánh, kiến nghị.")).toBe(
      "Kiến nghị tại Thông báo số 12/TB-HĐND ngày 05/4/2024 chưa được khắc phục: Niêm yết địa chỉ tiếp nhận phản ánh, kiến nghị.",
    );
  });

  it("adds the team's note in brackets, without its own final stop, and reads NFC", () => {
    const text = carriedShortcomingText("12/TB-HĐND ngày 05/4/2024", "Bố trí đủ công chức;".normalize("NFD"), "  Vẫn còn thiếu 01 người.  ".normalize("NFD"));
    expect(text).toBe("Kiến nghị tại Thông báo số 12/TB-HĐND ngày 05/4/2024 chưa được khắc phục: Bố trí đủ công chức (Vẫn còn thiếu 01 người).");
    expect(text).toBe(text.normalize("NFC"));
  });

  it("says 'thông báo kết luận trước' when the notice has no number", () => {
    expect(carriedShortcomingText("", "Bố trí kinh phí.")).toBe("Kiến nghị tại thông báo kết luận trước chưa được khắc phục: Bố trí kinh phí.");
  });
});

describe("mentionsCarried", () => {
  it("finds the recommendation in a finding the team may have edited around it", () => {
    const finding = "Qua kiểm tra: kiến nghị chưa được khắc phục: Bố trí đủ công chức (còn thiếu 01 người).";
    expect(mentionsCarried(finding, "Bố trí đủ công chức.")).toBe(true);
    expect(mentionsCarried(finding, "Bố trí kinh phí.")).toBe(false);
    expect(mentionsCarried(finding, " . ")).toBe(false);
  });
});
