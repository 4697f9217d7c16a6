import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { unitKind, userRole } from "./enums";

/**
 * Units form a tree of any depth (province → commune → one-stop-shop, or the pre-2025
 * province → district → commune). `path` holds the ids from the root, "/1/7/12/", so that a
 * subtree is one indexed prefix scan.
 */
export const units = pgTable(
  "units",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer("parent_id").references((): AnyPgColumn => units.id, { onDelete: "restrict" }),
    path: text("path").notNull(),
    kind: unitKind("kind").notNull(),
    name: text("name").notNull(),
    /** Place name used in document dates: "Bình An, ngày 05 tháng 4 năm 2024". */
    placeName: text("place_name"),
    code: text("code"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("units_parent_idx").on(t.parentId),
    index("units_path_idx").on(t.path.op("text_pattern_ops")),
    uniqueIndex("units_code_key").on(t.code),
    check("units_name_not_blank", sql`length(btrim(${t.name})) > 0`),
    check("units_path_shape", sql`${t.path} ~ '^(/[0-9]+)+/$'`),
  ],
);

export const users = pgTable(
  "users",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    username: text("username").notNull(),
    fullName: text("full_name").notNull(),
    /** Chức vụ as written in documents: "Phó Chủ tịch HĐND phường". */
    title: text("title").notNull().default(""),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id, { onDelete: "restrict" }),
    role: userRole("role").notNull(),
    email: text("email"),
    passwordHash: text("password_hash").notNull(),
    active: boolean("active").notNull().default(true),
    failedLoginCount: integer("failed_login_count").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_username_key").on(sql`lower(${t.username})`),
    index("users_unit_idx").on(t.unitId),
    check("users_username_shape", sql`${t.username} ~ '^[a-z0-9._-]{3,64}$'`),
    check("users_failed_login_count_nonneg", sql`${t.failedLoginCount} >= 0`),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    /** 32 random bytes, base64url; the cookie carries it signed. */
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

export type Unit = typeof units.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
