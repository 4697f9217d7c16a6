import { describe, expect, it } from "vitest";
import {
  type PlanFormValues,
  canMoveStatus,
  instantToVietnamLocal,
  isLocalDateTime,
  planActionSchema,
  planEditMode,
  planFormSchema,
  splitLines,
  vietnamLocalToInstant,
} from "./plan";

function valid(changes: Partial<PlanFormValues> = {}): PlanFormValues {
  return {
    subject: "Giám sát việc tiếp nhận, giải quyết thủ tục hành chính",
    legalBasis: "Luật Hoạt động giám sát số 87/2015/QH13",
    purpose: "Đánh giá kết quả",
    periodStart: "2023-01-01",
    periodEnd: "2024-03-31",
    reportingOutline: "1. Công tác chỉ đạo",
    checklistTemplateId: null,
    signerName: "Trần Thị Thuỳ Trang",
    signerIsDeputy: false,
    recipients: "TT. HĐND thành phố;",
    members: [
      { userId: 3, fullName: "Trần Thị Thuỳ Trang", title: "Chủ tịch HĐND", role: "lead" },
      { userId: null, fullName: "Vũ Thị Nhưng", title: "PCT MTTQ", role: "member" },
    ],
    units: [{ unitId: 7, scheduledAt: "2024-04-03T08:00" }],
    ...changes,
  };
}

/** The messages of a refused form, by field path. */
function errors(values: unknown): Record<string, string> {
  const result = planFormSchema.safeParse(values);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("planFormSchema", () => {
  it("accepts a complete plan and normalises its text to NFC, trimmed", () => {
    const decomposed = "  Giám sát ".normalize("NFD");
    const parsed = planFormSchema.parse(valid({ subject: decomposed }));
    expect(parsed.subject).toBe("Giám sát");
    expect(parsed.subject).toBe(parsed.subject.normalize("NFC"));
  });

  it("asks for the subject", () => {
    expect(errors(valid({ subject: "   " }))).toEqual({ subject: "Nhập nội dung giám sát." });
  });

  it("refuses a period that ends before it starts, on periodEnd", () => {
    expect(errors(valid({ periodStart: "2024-03-31", periodEnd: "2023-01-01" }))).toEqual({
      periodEnd: "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu thời kỳ giám sát.",
    });
    expect(errors(valid({ periodStart: "2024-03-31", periodEnd: "2024-03-31" }))).toEqual({});
  });

  it("refuses dates that do not exist", () => {
    expect(errors(valid({ periodStart: "2023-02-30" }))).toEqual({ periodStart: "Nhập ngày bắt đầu thời kỳ giám sát." });
    expect(errors(valid({ periodEnd: "" }))).toEqual({ periodEnd: "Nhập ngày kết thúc thời kỳ giám sát." });
  });

  it("wants exactly one lead", () => {
    const noLead = valid().members.map((m) => ({ ...m, role: "member" as const }));
    expect(errors(valid({ members: noLead }))).toEqual({ members: "Đoàn giám sát phải có một Trưởng đoàn." });
    const twoLeads = valid().members.map((m) => ({ ...m, role: "lead" as const }));
    expect(errors(valid({ members: twoLeads }))).toEqual({ members: "Đoàn giám sát chỉ có một Trưởng đoàn." });
    expect(errors(valid({ members: [] }))).toEqual({ members: "Đoàn giám sát phải có một Trưởng đoàn." });
  });

  it("refuses the same account twice in the team, but not two people without an account", () => {
    const members = valid().members;
    expect(errors(valid({ members: [...members, { ...members[0], role: "member" }] }))).toEqual({ "members.2.userId": "Người này đã có trong đoàn." });
    expect(errors(valid({ members: [...members, { ...members[1], fullName: "Người khác" }] }))).toEqual({});
  });

  it("asks for a member's name and role", () => {
    const members = [valid().members[0], { userId: null, fullName: "", title: "", role: "chief" }];
    expect(errors({ ...valid(), members })).toEqual({
      "members.1.fullName": "Nhập họ và tên thành viên.",
      "members.1.role": "Chọn vai trò trong đoàn.",
    });
  });

  it("wants at least one unit and no unit twice", () => {
    expect(errors(valid({ units: [] }))).toEqual({ units: "Chọn ít nhất một đơn vị được giám sát." });
    const twice = [
      { unitId: 7, scheduledAt: "" },
      { unitId: 7, scheduledAt: "2024-04-04T08:00" },
    ];
    expect(errors(valid({ units: twice }))).toEqual({ "units.1.unitId": "Đơn vị này đã được chọn." });
  });

  it("asks to choose a unit in a row left empty, and refuses a malformed time", () => {
    expect(errors({ ...valid(), units: [{ unitId: undefined, scheduledAt: "" }] })).toEqual({ "units.0.unitId": "Chọn đơn vị được giám sát." });
    expect(errors(valid({ units: [{ unitId: 7, scheduledAt: "2024-04-03 25:00" }] }))).toEqual({
      "units.0.scheduledAt": "Thời gian không hợp lệ (ngày và giờ).",
    });
  });
});

describe("Vietnam wall-clock times", () => {
  it("reads a datetime-local value as Vietnam time (UTC+7), whatever the host zone", () => {
    expect(vietnamLocalToInstant("2024-04-03T08:00").toISOString()).toBe("2024-04-03T01:00:00.000Z");
    expect(vietnamLocalToInstant("2024-01-01T03:30").toISOString()).toBe("2023-12-31T20:30:00.000Z");
  });

  it("gives an instant back as the value the form shows", () => {
    expect(instantToVietnamLocal(new Date("2024-04-03T01:00:00Z"))).toBe("2024-04-03T08:00");
    expect(instantToVietnamLocal("2023-12-31T20:30:00.000Z")).toBe("2024-01-01T03:30");
  });

  it("knows a valid local time from an invalid one", () => {
    expect(isLocalDateTime("2024-02-29T23:59")).toBe(true);
    expect(isLocalDateTime("2023-02-29T08:00")).toBe(false);
    expect(isLocalDateTime("2024-04-03T24:00")).toBe(false);
    expect(isLocalDateTime("2024-04-03")).toBe(false);
    expect(() => vietnamLocalToInstant("03/04/2024 08:00")).toThrow(RangeError);
  });
});

describe("splitLines", () => {
  it("keeps non-empty lines, trimmed, in NFC", () => {
    expect(splitLines("  Luật 87/2015/QH13 \r\n\n Nghị định  118/2025/NĐ-CP\n   ")).toEqual(["Luật 87/2015/QH13", "Nghị định 118/2025/NĐ-CP"]);
    expect(splitLines("Lưu".normalize("NFD"))).toEqual(["Lưu"]);
    expect(splitLines("")).toEqual([]);
  });
});

describe("plan status rules", () => {
  it("moves only forward, one step, and never out of draft without issuing", () => {
    expect(canMoveStatus("issued", "in_progress")).toBe(true);
    expect(canMoveStatus("in_progress", "concluded")).toBe(true);
    expect(canMoveStatus("concluded", "closed")).toBe(true);
    expect(canMoveStatus("draft", "issued")).toBe(false);
    expect(canMoveStatus("issued", "concluded")).toBe(false);
    expect(canMoveStatus("closed", "concluded")).toBe(false);
    expect(canMoveStatus("in_progress", "issued")).toBe(false);
  });

  it("lets a draft change wholly, an issued plan only its team and schedule, a concluded one not at all", () => {
    expect(planEditMode("draft")).toBe("full");
    expect(planEditMode("issued")).toBe("team_and_schedule");
    expect(planEditMode("in_progress")).toBe("team_and_schedule");
    expect(planEditMode("concluded")).toBe("none");
    expect(planEditMode("closed")).toBe("none");
  });

  it("reads the plan page's two forms", () => {
    expect(planActionSchema.parse({ intent: "issue", issueDate: "2024-04-01" })).toEqual({ intent: "issue", issueDate: "2024-04-01" });
    expect(planActionSchema.safeParse({ intent: "issue", issueDate: "01/04/2024" }).success).toBe(false);
    expect(planActionSchema.parse({ intent: "status", to: "closed" })).toEqual({ intent: "status", to: "closed" });
    expect(planActionSchema.safeParse({ intent: "delete" }).success).toBe(false);
  });
});
