/**
 * What the bad-input properties (bad-input-*.test.ts, upload-refusals.test.ts) found, each kept as
 * a named example: before its fix, each of these answered 500, hung, wrote into the whole server's
 * Object.prototype, or spoke English.
 */
import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { notifications, recommendations, users } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { makeRecommendation, makeUser } from "#tests/factories";
import { freshDatabase } from "#tests/support/database";
import { type FindingsFixture, findingsFixture } from "#tests/support/findings-fixture";
import { FIVE_MEGABYTES_OF_TEXT, type HostileFormCase, isVietnamese, messagesOf, postAndJudge } from "#tests/support/hostile-values";
import { send, signIn } from "#tests/support/requests";
import { addDays } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import * as adminSettings from "~/routes/admin.settings";
import * as userEdit from "~/routes/admin.users.$userId";
import * as login from "~/routes/login";
import * as remediationDocument from "~/routes/notices.$noticeId_.remediation";
import * as notificationsPage from "~/routes/notifications._index";
import * as plansNew from "~/routes/plans.new";
import * as supervisionImport from "~/routes/supervisions.import";
import * as answers from "~/routes/visits.$visitId.answers";
import * as findingsRoute from "~/routes/visits.$visitId_.findings";
import { setVietnameseZodMessages } from "~/schemas/zod-vietnamese";

let handle: DatabaseHandle;
let fx: FindingsFixture;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

beforeAll(async () => {
  setVietnameseZodMessages();
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  fx = await findingsFixture(handle.db);
  ids.user = (await makeUser(handle.db, { username: "thu.nghiem", fullName: "Người thử", role: "unit", unitId: fx.ubndBinhAnId })).id;
  const [lan] = await handle.db.select().from(users).where(eq(users.username, "motcua.binhan"));
  await handle.db.insert(notifications).values({ userId: lan.id, title: "Nhắc việc", body: "", link: "/" });
  const [seed001] = await handle.db.select().from(recommendations).where(eq(recommendations.addressedUnitId, fx.ubndBinhAnId)).limit(1);
  ids.notice = seed001.noticeId!;
  for (const name of ["quantri", "nhung.vt", "motcua.binhan", "ubnd.binhan", "trang.ttt"]) cookies[name] = await signIn(name, DEMO_PASSWORD);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

const findings = (): HostileFormCase => ({
  name: "findings",
  route: findingsRoute,
  path: `/visits/${fx.visitId}/findings`,
  params: { visitId: String(fx.visitId) },
  cookie: cookies["nhung.vt"],
  encoding: "json",
  base: () => ({}),
});

describe("text PostgreSQL cannot store, or stores badly", () => {
  it("a NUL in a user's name failed the update (500): control characters are dropped, NFD comes back NFC", async () => {
    const c: HostileFormCase = { name: "admin.users.$userId", route: userEdit, path: `/admin/users/${ids.user}`, params: { userId: String(ids.user) }, cookie: cookies.quantri, encoding: "json", base: () => ({}) };
    const typed = "Nguye\u0302\u0303n\u0000 Va\u0306n \u0007Tha\u0300nh\u001b";
    const { result, refused } = await postAndJudge(handle.db, c, { username: "thu.nghiem", fullName: typed, title: "Chuyên viên\u0000", unitId: fx.ubndBinhAnId, role: "unit", email: "", active: true });
    expect(refused, JSON.stringify(result.data)).toBe(false);
    const [user] = await handle.db.select().from(users).where(eq(users.id, ids.user));
    expect(user.fullName).toBe("Nguyễn Văn Thành");
    expect(user.title).toBe("Chuyên viên");
  });
});

describe("ids above PostgreSQL's integer failed the query (500)", () => {
  it.each([
    ["a finding to edit", { intent: "finding.update", id: 2 ** 31, revision: 1, text: "Sửa" }],
    ["a finding to cite into", { intent: "citation.add", findingId: 2 ** 31, target: "item", targetId: 1 }],
    ["a checklist item to cite", { intent: "finding.create", kind: "achievement", causeKind: null, parentId: null, text: "Đạt", itemIds: [2 ** 31], figureIds: [], attachmentIds: [] }],
    ["a revision", { intent: "recommendation.delete", id: 1, revision: 2 ** 31 }],
  ])("%s", async (_name, form) => {
    const { result, refused } = await postAndJudge(handle.db, findings(), form);
    expect(result.status).toBe(400);
    expect(refused).toBe(true);
  });

  it("a notification id typed as digits", async () => {
    const c: HostileFormCase = { name: "notifications", route: notificationsPage, path: "/notifications", cookie: cookies["motcua.binhan"], encoding: "json", base: () => ({}) };
    const { result } = await postAndJudge(handle.db, c, { intent: "read", id: "99999999999" });
    expect(result.status).toBe(400);
  });

  it("a checklist item in the tablet's batch", async () => {
    const body = JSON.stringify({ edits: [{ editId: randomUUID(), itemId: 2 ** 31, answeredAt: new Date().toISOString(), baseRevision: 0, value: "met", note: "" }] });
    const result = await send(answers, { path: `/visits/${fx.visitId}/answers`, params: { visitId: String(fx.visitId) }, cookie: cookies["nhung.vt"], body, contentType: "application/json" });
    expect(result.status).toBe(200);
    const [outcome] = (JSON.parse(result.data as string) as { outcomes: { outcome: string; message: string }[] }).outcomes;
    expect(outcome.outcome).toBe("refused");
    expect(isVietnamese(outcome.message)).toBe(true);
  });
});

describe("field names only a tampering client sends", () => {
  it("`__proto__.polluted` wrote into Object.prototype of the whole server, even signed out (remix-hook-form's form parser)", async () => {
    for (const key of ["__proto__.polluted", "constructor.prototype.polluted", "a.__proto__.polluted"]) {
      const body = new FormData();
      body.append("username", JSON.stringify("an.bd"));
      body.append("password", JSON.stringify(DEMO_PASSWORD));
      body.append(key, JSON.stringify("yes"));
      const result = await send(login, { path: "/login", body });
      expect(result.status, key).toBe(400);
      expect(({} as Record<string, unknown>).polluted, key).toBeUndefined();
      expect(messagesOf(result.data).every(isVietnamese)).toBe(true);
    }
  });

  it("`revisions.5000000` made an array of five million that zod walked for 45 s and 2.6 GB", async () => {
    const today = vietnamDate();
    const a = await makeRecommendation(handle.db, { visitId: fx.visitId, addressedUnitId: fx.oneStopId, text: "Một", deadline: addDays(today, 30) });
    const b = await makeRecommendation(handle.db, { visitId: fx.visitId, addressedUnitId: fx.oneStopId, text: "Hai", deadline: addDays(today, 30) });
    const body = new FormData();
    body.append("intent", JSON.stringify("recommendation.merge"));
    body.append("ids", JSON.stringify([a.id, b.id]));
    body.append("revisions.5000000", "1");
    const started = performance.now();
    const result = await send(findingsRoute, { path: `/visits/${fx.visitId}/findings`, params: { visitId: String(fx.visitId) }, cookie: cookies["nhung.vt"], body });
    expect(result.status).toBe(400);
    expect(performance.now() - started).toBeLessThan(10_000);
    const drafts = await handle.db.select().from(recommendations).where(and(eq(recommendations.visitId, fx.visitId), isNull(recommendations.noticeId))).orderBy(desc(recommendations.id));
    expect(drafts.map((row) => row.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    // Sent as a list, revisions are bounded too.
    const list = await postAndJudge(handle.db, findings(), { intent: "recommendation.merge", ids: [a.id, b.id], revisions: Array.from({ length: 100_000 }, () => 1) });
    expect(list.result.status).toBe(400);
  });
});

describe("bodies that are not forms", () => {
  it("the follow-up settings read the body twice and threw on JSON (500)", async () => {
    const result = await send(adminSettings, { path: "/admin/settings", cookie: cookies.quantri, body: JSON.stringify({ dueSoonDays: 7 }), contentType: "application/json" });
    expect(result.status).toBe(400);
    expect(messagesOf(result.data).every(isVietnamese)).toBe(true);
  });

  it("the unit's Báo cáo kết quả khắc phục threw on JSON (500)", async () => {
    const result = await send(remediationDocument, {
      path: `/notices/${ids.notice}/remediation`,
      params: { noticeId: String(ids.notice) },
      cookie: cookies["ubnd.binhan"],
      body: JSON.stringify({ intent: "issue" }),
      contentType: "application/json",
    });
    expect(result.status).toBe(400);
    expect(messagesOf(result.data).every(isVietnamese)).toBe(true);
  });

  it("5 MB in a text area is refused unread (413), in Vietnamese", async () => {
    const c: HostileFormCase = { name: "plans.new", route: plansNew, path: "/plans/new", cookie: cookies["trang.ttt"], encoding: "json", base: () => ({}) };
    const { result } = await postAndJudge(handle.db, c, { subject: "Giám sát", reportingOutline: FIVE_MEGABYTES_OF_TEXT });
    expect(result.status).toBe(413);
  });
});

describe("messages", () => {
  it("a supervision file that is not JSON was refused with the parser's English (“Unexpected token”)", async () => {
    for (const text of ["{ đây không phải JSON", '{"format": "hdnd-supervision",', "[1, 2,, 3]"]) {
      const body = new FormData();
      body.append("file", new File([text], "giam-sat.json", { type: "application/json" }));
      const result = await send(supervisionImport, { path: "/supervisions/import", cookie: cookies["trang.ttt"], body });
      expect(result.status).toBe(400);
      const [problem] = (result.data as { problems: string[] }).problems;
      expect(problem).toMatch(/^Tệp không phải JSON hợp lệ/);
      expect(isVietnamese(problem), problem).toBe(true);
    }
  });
});
