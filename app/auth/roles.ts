/**
 * Roles and what each may do. Pure data, shared by the server (which enforces it) and the
 * interface (which only uses it to hide links a user could not follow anyway).
 */

export const ROLES = ["admin", "committee", "team_member", "unit"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Quản trị hệ thống",
  committee: "Thường trực HĐND",
  team_member: "Thành viên đoàn giám sát",
  unit: "Đơn vị được giám sát",
};

export const PERMISSIONS = [
  "units:manage",
  "users:manage",
  "templates:manage",
  "plans:read",
  "plans:manage",
  "visits:answer",
  "visits:report", // the unit's pre-visit report and figures
  "notices:issue",
  "remediation:report",
  "remediation:review",
  "audit:read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ["units:manage", "users:manage", "templates:manage", "audit:read"],
  committee: ["plans:read", "plans:manage", "visits:answer", "notices:issue", "remediation:review"],
  team_member: ["plans:read", "visits:answer"],
  unit: ["plans:read", "visits:report", "remediation:report"],
};

export function roleHas(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
