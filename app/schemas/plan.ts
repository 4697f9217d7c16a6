import { z } from "zod";
import { isIsoDate } from "~/domain/vietnamese";
import { MAX_RECORD_ID } from "./limits";

/**
 * The supervision plan form, shared by the page (react-hook-form) and the action. Text arrives
 * trimmed and in NFC; multi-line fields (legal basis, recipients) keep one entry per line.
 */

export const PLAN_STATUSES = ["draft", "issued", "in_progress", "concluded", "closed"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const TEAM_ROLES = ["lead", "deputy", "member", "secretary"] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

const text = (max: number) => z.string().normalize("NFC").trim().max(max, `Tối đa ${max} ký tự.`);

const isoDate = (message: string) => z.string().trim().refine(isIsoDate, message);

/** "2024-04-03T08:00" as a datetime-local input gives it: a wall-clock time in Vietnam. */
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

export function isLocalDateTime(value: string): boolean {
  const match = LOCAL_DATE_TIME.exec(value);
  return Boolean(match && isIsoDate(match[1]) && Number(match[2]) < 24 && Number(match[3]) < 60);
}

/** A Vietnam wall-clock time as an instant. Vietnam keeps UTC+7 all year (no summer time). */
export function vietnamLocalToInstant(value: string): Date {
  if (!isLocalDateTime(value)) throw new RangeError(`not a local date-time: ${value}`);
  return new Date(`${value}:00+07:00`);
}

/** The instant as a datetime-local value in Vietnam's time, whatever the server's zone. */
export function instantToVietnamLocal(instant: Date | string): string {
  const shifted = new Date(new Date(instant).getTime() + 7 * 3_600_000);
  return shifted.toISOString().slice(0, 16);
}

/** Non-empty lines, each trimmed: how legal bases and recipients are typed and printed. */
export function splitLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.normalize("NFC").replace(/[ \t]+/g, " ").trim())
    .filter((line) => line.length > 0);
}

const memberSchema = z.object({
  userId: z.number({ error: "Chọn người dùng." }).int().positive("Chọn người dùng.").max(MAX_RECORD_ID, "Chọn người dùng.").nullable(),
  fullName: text(120).min(1, "Nhập họ và tên thành viên."),
  title: text(200),
  role: z.enum(TEAM_ROLES, { error: "Chọn vai trò trong đoàn." }),
});
export type PlanMemberValues = z.infer<typeof memberSchema>;

const unitSchema = z.object({
  unitId: z.number({ error: "Chọn đơn vị được giám sát." }).int().positive("Chọn đơn vị được giám sát.").max(MAX_RECORD_ID, "Chọn đơn vị được giám sát."),
  scheduledAt: z
    .string()
    .trim()
    .refine((v) => v === "" || isLocalDateTime(v), "Thời gian không hợp lệ (ngày và giờ)."),
});
export type PlanUnitValues = z.infer<typeof unitSchema>;

export const planFormSchema = z
  .object({
    subject: text(500).min(1, "Nhập nội dung giám sát."),
    legalBasis: text(4000),
    purpose: text(4000),
    periodStart: isoDate("Nhập ngày bắt đầu thời kỳ giám sát."),
    periodEnd: isoDate("Nhập ngày kết thúc thời kỳ giám sát."),
    reportingOutline: text(20000),
    checklistTemplateId: z.number({ error: "Chọn mẫu phiếu kiểm tra." }).int().positive("Chọn mẫu phiếu kiểm tra.").max(MAX_RECORD_ID, "Chọn mẫu phiếu kiểm tra.").nullable(),
    signerName: text(120),
    signerIsDeputy: z.boolean(),
    recipients: text(4000),
    members: z.array(memberSchema).max(50, "Đoàn giám sát tối đa 50 người."),
    units: z.array(unitSchema).min(1, "Chọn ít nhất một đơn vị được giám sát.").max(100, "Tối đa 100 đơn vị."),
  })
  .superRefine((v, ctx) => {
    if (isIsoDate(v.periodStart) && isIsoDate(v.periodEnd) && v.periodStart > v.periodEnd) {
      ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu thời kỳ giám sát." });
    }
    const leads = v.members.filter((m) => m.role === "lead").length;
    if (leads !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["members"],
        message: leads === 0 ? "Đoàn giám sát phải có một Trưởng đoàn." : "Đoàn giám sát chỉ có một Trưởng đoàn.",
      });
    }
    const seenUsers = new Set<number>();
    v.members.forEach((m, index) => {
      if (m.userId === null) return;
      if (seenUsers.has(m.userId)) {
        ctx.addIssue({ code: "custom", path: ["members", index, "userId"], message: "Người này đã có trong đoàn." });
      }
      seenUsers.add(m.userId);
    });
    const seenUnits = new Set<number>();
    v.units.forEach((u, index) => {
      if (seenUnits.has(u.unitId)) {
        ctx.addIssue({ code: "custom", path: ["units", index, "unitId"], message: "Đơn vị này đã được chọn." });
      }
      seenUnits.add(u.unitId);
    });
  });
export type PlanFormValues = z.infer<typeof planFormSchema>;

export const EMPTY_PLAN_FORM: PlanFormValues = {
  subject: "",
  legalBasis: "",
  purpose: "",
  periodStart: "",
  periodEnd: "",
  reportingOutline: "",
  checklistTemplateId: null,
  signerName: "",
  signerIsDeputy: false,
  recipients: "",
  members: [{ userId: null, fullName: "", title: "", role: "lead" }],
  units: [{ unitId: undefined as unknown as number, scheduledAt: "" }],
};

/**
 * The status a plan may move to from each status by changePlanStatus. draft → issued is not here:
 * only issuing (which assigns the number) does it. Nothing goes back.
 */
export const NEXT_STATUS: Partial<Record<PlanStatus, PlanStatus>> = {
  issued: "in_progress",
  in_progress: "concluded",
  concluded: "closed",
};

export function canMoveStatus(from: PlanStatus, to: PlanStatus): boolean {
  return NEXT_STATUS[from] === to;
}

/**
 * What may still change once a plan is issued: the issued document fixes its number, date,
 * subject, legal basis, purpose, period, outline, checklist template, signer, recipients and the
 * list of supervised units. The team and the schedule of each visit may still change (a member is
 * replaced, a visit is moved) until the plan is concluded; a concluded or closed plan is final.
 */
export type PlanEditMode = "full" | "team_and_schedule" | "none";

export function planEditMode(status: PlanStatus): PlanEditMode {
  if (status === "draft") return "full";
  if (status === "issued" || status === "in_progress") return "team_and_schedule";
  return "none";
}

/** The posted forms of the plan page: issue with a date, or move to the next status. */
export const planActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("issue"), issueDate: isoDate("Nhập ngày ban hành hợp lệ.") }),
  z.object({ intent: z.literal("status"), to: z.enum(PLAN_STATUSES, { error: "Trạng thái không hợp lệ." }) }),
]);
export type PlanActionValues = z.infer<typeof planActionSchema>;
