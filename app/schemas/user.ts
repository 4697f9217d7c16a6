import { z } from "zod";
import { ROLES } from "~/auth/roles";
import { MAX_RECORD_ID } from "./limits";

const text = (max: number) => z.string().normalize("NFC").trim().max(max, `Tối đa ${max} ký tự.`);

export const PASSWORD_RULE = "Mật khẩu có ít nhất 8 ký tự.";

export const password = z.string().min(8, PASSWORD_RULE).max(200, "Mật khẩu quá dài.");

export const loginSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, "Nhập tên đăng nhập.").max(64, "Tên đăng nhập quá dài."),
  password: z.string().min(1, "Nhập mật khẩu.").max(200, "Mật khẩu quá dài."),
  redirectTo: z.string().max(500).optional(),
});
export type LoginValues = z.infer<typeof loginSchema>;

const userFields = {
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,64}$/, "Tên đăng nhập gồm 3–64 chữ thường không dấu, số, dấu chấm, gạch."),
  fullName: text(120).min(1, "Nhập họ và tên."),
  title: text(200),
  unitId: z.number({ error: "Chọn đơn vị." }).int().positive("Chọn đơn vị.").max(MAX_RECORD_ID, "Chọn đơn vị."),
  role: z.enum(ROLES, { error: "Chọn vai trò." }),
  email: text(200).refine((v) => v === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "Địa chỉ e-mail không hợp lệ."),
  active: z.boolean(),
};

export const userCreateSchema = z.object({ ...userFields, password });
export type UserCreateValues = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z.object(userFields);
export type UserUpdateValues = z.infer<typeof userUpdateSchema>;

export const passwordResetSchema = z
  .object({ password, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "Hai lần nhập mật khẩu không khớp.", path: ["confirm"] });
export type PasswordResetValues = z.infer<typeof passwordResetSchema>;

export const passwordChangeSchema = z
  .object({ current: z.string().min(1, "Nhập mật khẩu hiện tại.").max(200), password, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "Hai lần nhập mật khẩu không khớp.", path: ["confirm"] })
  .refine((v) => v.password !== v.current, { message: "Mật khẩu mới phải khác mật khẩu hiện tại.", path: ["password"] });
export type PasswordChangeValues = z.infer<typeof passwordChangeSchema>;
