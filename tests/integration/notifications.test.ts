/**
 * The notifications page and the bell: everyone sees and marks only their own notifications,
 * whatever id a form posts; following one goes only to a path of this site. And the administrator's
 * follow-up settings page: administrators only, bad values refused in Vietnamese with nothing saved.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { appSettings, auditLog, notifications } from "#db/schema";
import { DEFAULT_FOLLOW_UP_SETTINGS } from "~/domain/follow-up-settings";
import { getFollowUpSettings } from "~/models/settings.server";
import * as root from "~/root";
import * as settingsPage from "~/routes/admin.settings";
import * as page from "~/routes/notifications._index";
import { makeUnit, makeUser } from "#tests/factories";
import { freshDatabase } from "#tests/support/database";
import { act, load, signIn } from "#tests/support/requests";

const PASSWORD = "mat-khau-thong-bao";
let handle: DatabaseHandle;
const id = {} as Record<"ana" | "binh" | "admin" | "many", number>;
const cookie = {} as Record<"ana" | "binh" | "admin" | "many", string>;
const note = {} as Record<"anaLocal" | "anaExternal" | "anaProtocolRelative" | "anaPlain" | "binh", number>;

type PageData = { items: { id: number; title: string; readAt: unknown; link: string | null }[]; unread: number; page: number; hasMore: boolean };

async function notify(userId: number, title: string, link: string | null, createdAt?: Date) {
  const [row] = await handle.db
    .insert(notifications)
    .values({ userId, title, body: "Nội dung", link, ...(createdAt ? { createdAt } : {}) })
    .returning({ id: notifications.id });
  return row.id;
}

async function readAt(notificationId: number) {
  const [row] = await handle.db.select({ readAt: notifications.readAt }).from(notifications).where(eq(notifications.id, notificationId));
  return row.readAt;
}

beforeAll(async () => {
  handle = await freshDatabase();
  const ward = await makeUnit(handle.db, { name: "Phường Thông Báo", kind: "commune" });
  const ubnd = await makeUnit(handle.db, { name: "UBND phường Thông Báo", kind: "people_committee", parentId: ward.id });
  const council = await makeUnit(handle.db, { name: "HĐND phường Thông Báo", kind: "people_council", parentId: ward.id });
  const people = [
    ["ana", "ubnd.thongbao", "unit", ubnd.id],
    ["binh", "tt.thongbao", "committee", council.id],
    ["admin", "quantri.thongbao", "admin", ward.id],
    ["many", "nhieu.thongbao", "unit", ubnd.id],
  ] as const;
  for (const [key, username, role, unitId] of people) {
    id[key] = (await makeUser(handle.db, { username, fullName: username, role, unitId, password: PASSWORD })).id;
    cookie[key] = await signIn(username, PASSWORD);
  }
  note.anaLocal = await notify(id.ana, "Kiến nghị quá hạn 7 ngày", "/recommendations/5", new Date("2026-12-01T01:00:00Z"));
  note.anaExternal = await notify(id.ana, "Liên kết ra ngoài", "https://evil.example/phishing", new Date("2026-12-02T01:00:00Z"));
  note.anaProtocolRelative = await notify(id.ana, "Liên kết //", "//evil.example/x", new Date("2026-12-03T01:00:00Z"));
  note.anaPlain = await notify(id.ana, "Không có liên kết", null, new Date("2026-12-04T01:00:00Z"));
  note.binh = await notify(id.binh, "Kiến nghị quá hạn 14 ngày", "/recommendations/6");
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe("own notifications only", () => {
  it("lists the user's notifications newest first, with the unread count, and the bell says it too", async () => {
    const result = await load(page, { path: "/notifications", cookie: cookie.ana });
    expect(result.status).toBe(200);
    const data = result.data as PageData;
    expect(data.items.map((n) => n.id)).toEqual([note.anaPlain, note.anaProtocolRelative, note.anaExternal, note.anaLocal]);
    expect(data.unread).toBe(4);
    const bell = await load(root, { path: "/", cookie: cookie.ana });
    expect((bell.data as { unreadNotifications: number }).unreadNotifications).toBe(4);
    const other = (await load(page, { path: "/notifications", cookie: cookie.binh })).data as PageData;
    expect(other.items.map((n) => n.id)).toEqual([note.binh]);
  });

  it("signed out: to the sign-in page, nothing shown or changed", async () => {
    expect((await load(page, { path: "/notifications" })).status).toBe(302);
    const posted = await act(page, { path: "/notifications", form: { intent: "read_all" } });
    expect(posted.status).toBe(302);
    expect(await readAt(note.anaLocal)).toBeNull();
  });

  it("posting someone else's id changes nothing: not read, not opened", async () => {
    for (const intent of ["read", "open"]) {
      const result = await act(page, { path: "/notifications", cookie: cookie.ana, form: { intent, id: note.binh } });
      expect(result.status).toBe(404);
      expect(await readAt(note.binh)).toBeNull();
    }
    const bell = await load(root, { path: "/", cookie: cookie.binh });
    expect((bell.data as { unreadNotifications: number }).unreadNotifications).toBe(1);
  });

  it("marks one read", async () => {
    const result = await act(page, { path: "/notifications", cookie: cookie.ana, form: { intent: "read", id: note.anaPlain } });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ ok: "Đã đánh dấu thông báo là đã đọc." });
    expect(await readAt(note.anaPlain)).not.toBeNull();
    expect(((await load(page, { path: "/notifications", cookie: cookie.ana })).data as PageData).unread).toBe(3);
  });
});

describe("following a notification", () => {
  it("marks it read and goes to its page on this site", async () => {
    const result = await act(page, { path: "/notifications", cookie: cookie.ana, form: { intent: "open", id: note.anaLocal } });
    expect(result.status).toBe(302);
    expect(result.location).toBe("/recommendations/5");
    expect(await readAt(note.anaLocal)).not.toBeNull();
  });

  it("refuses to lead off the site: an absolute or protocol-relative link comes back to the list", async () => {
    for (const target of [note.anaExternal, note.anaProtocolRelative]) {
      const result = await act(page, { path: "/notifications", cookie: cookie.ana, form: { intent: "open", id: target } });
      expect(result.status).toBe(302);
      expect(result.location).toBe("/notifications");
    }
  });

  it("a tampered form is refused with a Vietnamese message", async () => {
    const result = await act(page, { path: "/notifications", cookie: cookie.ana, form: { intent: "open", id: "abc" } });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.data)).toMatch(/không hợp lệ/);
  });
});

describe("mark all read and paging", () => {
  it("marks all of the user's own, and no one else's", async () => {
    await notify(id.ana, "Mới", "/recommendations/7");
    const result = await act(page, { path: "/notifications", cookie: cookie.ana, form: { intent: "read_all" } });
    expect(result.data).toEqual({ ok: "Đã đánh dấu 1 thông báo là đã đọc." });
    expect(((await load(page, { path: "/notifications", cookie: cookie.ana })).data as PageData).unread).toBe(0);
    expect(await readAt(note.binh)).toBeNull();
  });

  it("50 a page, newest first", async () => {
    const base = Date.parse("2026-01-01T00:00:00Z");
    for (let i = 1; i <= 55; i += 1) await notify(id.many, `Thông báo ${i}`, null, new Date(base + i * 60_000));
    const first = (await load(page, { path: "/notifications", cookie: cookie.many })).data as PageData;
    expect(first.items).toHaveLength(50);
    expect(first.items[0].title).toBe("Thông báo 55");
    expect(first.hasMore).toBe(true);
    const second = (await load(page, { path: "/notifications?page=2", cookie: cookie.many })).data as PageData;
    expect(second.items.map((n) => n.title)).toEqual(["Thông báo 5", "Thông báo 4", "Thông báo 3", "Thông báo 2", "Thông báo 1"]);
    expect(second.hasMore).toBe(false);
  });
});

describe("follow-up settings (administrator)", () => {
  const valid = { dueSoonDays: "10", remindDaysBefore: "3, 14, 3", overdueEveryDays: "5", escalateAfterDays: "20" };

  it("refuses everyone but the administrator", async () => {
    for (const who of ["ana", "binh"] as const) {
      expect((await load(settingsPage, { path: "/admin/settings", cookie: cookie[who] })).status).toBe(403);
      expect((await act(settingsPage, { path: "/admin/settings", cookie: cookie[who], form: valid })).status).toBe(403);
    }
    expect(await handle.db.select().from(appSettings)).toEqual([]);
  });

  it("shows the defaults, then refuses bad values field by field in Vietnamese, keeping what was typed", async () => {
    const shown = await load(settingsPage, { path: "/admin/settings", cookie: cookie.admin });
    expect(shown.data).toEqual({ values: { dueSoonDays: "7", remindDaysBefore: "7, 1", overdueEveryDays: "7", escalateAfterDays: "7" } });
    const bad = { dueSoonDays: "0", remindDaysBefore: "7, một", overdueEveryDays: "", escalateAfterDays: "400" };
    const result = await act(settingsPage, { path: "/admin/settings", cookie: cookie.admin, form: bad });
    expect(result.status).toBe(400);
    const data = result.data as { errors: Record<string, { message: string }>; values: Record<string, string> };
    expect(data.errors.dueSoonDays.message).toBe("Ít nhất 1 ngày.");
    expect(data.errors.remindDaysBefore.message).toBe("Nhập các số ngày nguyên dương, cách nhau bằng dấu phẩy, ví dụ: 7, 1.");
    expect(data.errors.overdueEveryDays.message).toBe("Nhập số ngày.");
    expect(data.errors.escalateAfterDays.message).toBe("Nhiều nhất 365 ngày.");
    expect(data.values).toEqual(bad);
    const tooMany = await act(settingsPage, { path: "/admin/settings", cookie: cookie.admin, form: { ...valid, remindDaysBefore: "1, 2, 3, 4, 5, 6" } });
    expect((tooMany.data as typeof data).errors.remindDaysBefore.message).toBe("Nhiều nhất 5 mốc nhắc trước hạn.");
    expect(await handle.db.select().from(appSettings)).toEqual([]);
    expect(await getFollowUpSettings()).toEqual(DEFAULT_FOLLOW_UP_SETTINGS);
  });

  it("saves good values (sorted, without repeats), with an audit line", async () => {
    const result = await act(settingsPage, { path: "/admin/settings", cookie: cookie.admin, form: valid });
    expect(result.status).toBe(200);
    expect(result.data).toMatchObject({ ok: "Đã lưu cài đặt theo dõi kiến nghị." });
    expect(await getFollowUpSettings()).toEqual({ dueSoonDays: 10, remindDaysBefore: [14, 3], overdueEveryDays: 5, escalateAfterDays: 20 });
    const audit = await handle.db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(inArray(auditLog.entity, ["settings"]));
    expect(audit).toEqual([{ action: "update", actorId: id.admin }]);
    const [count] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(appSettings);
    expect(Number(count.n)).toBe(1);
  });

  it("accepts what the page's script posts: the values its own check already turned into numbers and a list", async () => {
    const posted = { dueSoonDays: 5, remindDaysBefore: [10, 2], overdueEveryDays: 3, escalateAfterDays: 6 };
    const result = await act(settingsPage, { path: "/admin/settings", cookie: cookie.admin, form: posted });
    expect(result.status).toBe(200);
    expect(await getFollowUpSettings()).toEqual(posted);
    const empty = await act(settingsPage, { path: "/admin/settings", cookie: cookie.admin, form: { ...posted, remindDaysBefore: [] } });
    expect(empty.status).toBe(200);
    expect((await getFollowUpSettings()).remindDaysBefore).toEqual([]);
  });
});
