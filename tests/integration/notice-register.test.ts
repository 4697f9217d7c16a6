/**
 * The register of conclusion notices (/notices): each person sees the notices they may read and no
 * other, units see issued notices only, and the filters narrow the list.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, rowsOf } from "#db/client";
import { supervisionPlans, visits } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import type { Actor } from "~/auth/actor";
import { formatDocumentNumber } from "~/domain/numbering";
import { countDraftNotices, listNotices, openNoticeDraft } from "~/models/notice.server";
import * as home from "~/routes/_index";
import * as register from "~/routes/notices._index";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { load, signIn } from "#tests/support/requests";

const CURRENT_PLAN = "Giám sát việc thực hiện kiến nghị sau giám sát và hoạt động của Trung tâm Phục vụ hành chính công phường";
const PEOPLE = ["trang.ttt", "nhung.vt", "hung.nv", "tt.dian", "ubnd.binhan", "motcua.binhan", "ubnd.phochau", "tt.phochau"] as const;
type Person = (typeof PEOPLE)[number];

let handle: DatabaseHandle;
const actor = {} as Record<Person, Actor>;
let draftId: number;

type Row = Awaited<ReturnType<typeof listNotices>>[number];
const label = (row: Row) => (row.number === null ? `draft ${row.id}` : formatDocumentNumber(row.number, row.symbol));
const wardsOf = (rows: Row[]) => [...new Set(rows.map((row) => row.issuingUnitName))].sort();

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  for (const person of PEOPLE) {
    const [user] = await rowsOf<{ id: number }>(await handle.db.execute(sql`select id from users where username = ${person}`));
    actor[person] = await actorFor(user.id);
  }
  const [plan] = await handle.db.select({ id: supervisionPlans.id }).from(supervisionPlans).where(eq(supervisionPlans.subject, CURRENT_PLAN));
  const [visit] = await handle.db.select({ id: visits.id }).from(visits).where(eq(visits.planId, plan.id));
  draftId = await openNoticeDraft(actor["trang.ttt"], visit.id);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe("who sees which notices", () => {
  it("the chair of Bình An: the council's issued 12/TB-HĐND and its open draft, drafts first, nothing of other wards", async () => {
    const rows = await listNotices(actor["trang.ttt"]);
    expect(rows.map(label)).toEqual([`draft ${draftId}`, "12/TB-HĐND"]);
    expect(wardsOf(rows)).toEqual(["HĐND phường Bình An"]);
    expect(rows[1]).toMatchObject({ issueDate: "2024-04-05", unitName: "UBND phường Bình An", planNumber: 5, planSymbol: "KH-HĐND" });
    expect(rows[1].summary).toMatch(/^Kết luận của Thường trực Hội đồng nhân dân phường/);
  });

  it("a team member: the notices of the plans they are on, the draft included", async () => {
    expect((await listNotices(actor["nhung.vt"])).map(label)).toEqual([`draft ${draftId}`, "12/TB-HĐND"]);
    // hung.nv is on plans of other wards: exactly the notices of those plans, none of Bình An.
    const other = await listNotices(actor["hung.nv"]);
    const plans = await rowsOf<{ id: number }>(
      await handle.db.execute(sql`select distinct n.id from conclusion_notices n join plan_members m on m.plan_id = n.plan_id where m.user_id = ${actor["hung.nv"].id}`),
    );
    expect(other.length).toBeGreaterThan(0);
    expect(other.map((row) => row.id).sort()).toEqual(plans.map((row) => row.id).sort());
    expect(wardsOf(other)).not.toContain("HĐND phường Bình An");
  });

  it("another ward's chair sees only that ward's notices", async () => {
    const rows = await listNotices(actor["tt.dian"]);
    expect(rows.length).toBeGreaterThan(0);
    expect(wardsOf(rows)).toEqual(["HĐND phường Dĩ An"]);
    expect(rows.some((row) => row.id === draftId)).toBe(false);
  });

  it("a supervised unit: issued notices about itself or the units under it, never a draft", async () => {
    expect((await listNotices(actor["ubnd.binhan"])).map(label)).toEqual(["12/TB-HĐND"]);
    // The draft is about the one-stop-shop, but a unit sees a notice only once it is issued.
    expect(await listNotices(actor["motcua.binhan"])).toEqual([]);
    expect(await listNotices(actor["ubnd.phochau"])).toEqual([]);
  });
});

describe("filters", () => {
  it("by status and by year (a draft counts in the year it was last edited)", async () => {
    const chair = actor["trang.ttt"];
    expect((await listNotices(chair, { status: "issued" })).map(label)).toEqual(["12/TB-HĐND"]);
    expect((await listNotices(chair, { status: "draft" })).map(label)).toEqual([`draft ${draftId}`]);
    expect((await listNotices(chair, { year: 2024 })).map(label)).toEqual(["12/TB-HĐND"]);
    const thisYear = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date()));
    expect((await listNotices(chair, { year: thisYear })).map(label)).toEqual([`draft ${draftId}`]);
  });

  it("by text in the summary or the unit's name, whatever its Unicode form, with % taken literally", async () => {
    const chair = actor["trang.ttt"];
    expect((await listNotices(chair, { q: "tiếp nhận và giải quyết" })).map(label)).toEqual(["12/TB-HĐND"]);
    expect((await listNotices(chair, { q: "Bộ phận Một cửa phường".normalize("NFD") })).map(label)).toEqual([`draft ${draftId}`]);
    expect(await listNotices(chair, { q: "%" })).toEqual([]);
  });
});

describe("drafts waiting to be issued", () => {
  it("are counted for whoever may read them, and the chair's home page shows the count", async () => {
    const drafts = async (person: Person) => (await listNotices(actor[person], { status: "draft" })).length;
    for (const person of PEOPLE) expect(await countDraftNotices(actor[person]), person).toBe(await drafts(person));
    expect(await countDraftNotices(actor["trang.ttt"])).toBe(1);
    expect(await countDraftNotices(actor["ubnd.binhan"])).toBe(0);
    const result = await load(home, { path: "/", cookie: await signIn("trang.ttt", DEMO_PASSWORD) });
    expect(result.data).toMatchObject({ home: { role: "committee", draftNotices: 1 } });
  });
});

describe("the /notices page", () => {
  it("lists the chair's notices with links to the notice, its plan and its files", async () => {
    const cookie = await signIn("trang.ttt", DEMO_PASSWORD);
    const result = await load(register, { path: "/notices?status=issued", cookie });
    expect(result.status).toBe(200);
    const data = result.data as Awaited<ReturnType<typeof register.loader>>;
    expect(data.filter).toEqual({ status: "issued" });
    expect(data.notices.map(label)).toEqual(["12/TB-HĐND"]);
  });

  it("ignores a malformed filter rather than failing", async () => {
    const cookie = await signIn("tt.phochau", DEMO_PASSWORD);
    const result = await load(register, { path: "/notices?status=bogus&year=abc", cookie });
    expect(result.status).toBe(200);
    expect((result.data as Awaited<ReturnType<typeof register.loader>>).filter).toEqual({});
  });
});
