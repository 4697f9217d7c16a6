import { z } from "zod";
import { MAX_RECORD_ID } from "./limits";

export const UNIT_KINDS = [
  "province",
  "commune",
  "people_council",
  "council_committee",
  "people_committee",
  "public_service_center",
  "fatherland_front",
  "other",
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  province: "Tỉnh, thành phố",
  commune: "Xã, phường, đặc khu",
  people_council: "Hội đồng nhân dân",
  council_committee: "Ban của HĐND",
  people_committee: "Ủy ban nhân dân",
  public_service_center: "Trung tâm Phục vụ hành chính công / Bộ phận Một cửa",
  fatherland_front: "Ủy ban MTTQ Việt Nam",
  other: "Đơn vị khác",
};

/** Kinds whose users may act as the standing committee. */
export const COUNCIL_KINDS: readonly UnitKind[] = ["people_council", "council_committee"];

const text = (max: number) => z.string().normalize("NFC").trim().max(max, `Tối đa ${max} ký tự.`);

export const unitFormSchema = z.object({
  name: text(200).min(1, "Nhập tên đơn vị."),
  kind: z.enum(UNIT_KINDS, { error: "Chọn loại đơn vị." }),
  parentId: z.number({ error: "Chọn đơn vị cấp trên." }).int().positive().max(MAX_RECORD_ID, "Chọn đơn vị cấp trên.").nullable(),
  placeName: text(100),
  code: text(40).regex(/^[A-Za-z0-9._-]*$/, "Mã chỉ gồm chữ không dấu, số, dấu chấm, gạch."),
  active: z.boolean(),
});
export type UnitFormValues = z.infer<typeof unitFormSchema>;
