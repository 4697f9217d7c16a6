/**
 * Draft recommendations of a visit on the demo data, through the model and the findings page's
 * action: addressed to a unit the visit allows and the actor sees, with a deadline after today in
 * Vietnam and the findings they answer; edited from a revision, reordered, deleted; refused with a
 * Vietnamese message and nothing written otherwise. Issued ones are read-only here.
 */
import { and, asc, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { auditLog, planMembers, recommendationFindings, recommendations, units } from "#db/schema";
import { ensureDemoData } from "#db/seed";
import { addMember, makeFinding, makeNotice, makeRecommendation, makeUser } from "#tests/factories";
import { actorFor } from "#tests/support/actors";
import { freshDatabase } from "#tests/support/database";
import { rejectionOf } from "#tests/support/failures";
import { type FindingsFixture, errorsOf, findingsFixture, findingsPeople, pageOf } from "#tests/support/findings-fixture";
import { addDays } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import { DomainError } from "~/models/errors.server";
import { CONCLUDED, STALE } from "~/models/finding.server";
import { ISSUED_READ_ONLY, createRecommendation, getRecommendationDrafts, mergeRecommendations, updateRecommendation } from "~/models/recommendation-draft.server";
import { deadlineProblem, emptyRecommendation } from "~/schemas/recommendation";

let handle: DatabaseHandle;
let fx: FindingsFixture;
let people: Awaited<ReturnType<typeof findingsPeople>>;
const today = vietnamDate();
let shortcomingId: number;
let achievementId: number;
let causeId: number;
let foreignFindingId: number;

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  fx = await findingsFixture(handle.db);
  people = await findingsPeople(handle.db, ["nhung.vt", "an.bd", "trang.ttt", "ubnd.binhan", "motcua.binhan", "quantri", "tt.dian"], fx.visitId);
  achievementId = (await makeFinding(handle.db, { visitId: fx.visitId, kind: "achievement", text: "Đã bố trí camera.", position: 1 })).id;
  shortcomingId = (await makeFinding(handle.db, { visitId: fx.visitId, kind: "shortcoming", text: "Bảng niêm yết chưa đúng quy định.", position: 2 })).id;
  causeId = (await makeFinding(handle.db, { visitId: fx.visitId, kind: "cause", causeKind: "objective", parentId: shortcomingId, text: "Chưa có kinh phí.", position: 3 })).id;
  foreignFindingId = (await makeFinding(handle.db, { visitId: fx.oldVisitId, kind: "shortcoming", text: "Của năm 2024", position: 9 })).id;
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

const actor = (name: string) => people.actor(name);
const post = (name: string, form: Record<string, unknown>, visitId?: number) => people.post(name, form, visitId);

function draft(changes: Record<string, unknown> = {}) {
  return {
    ...emptyRecommendation(fx.ubndBinhAnId),
    addressedRole: "Chủ tịch UBND phường",
    text: "Niêm yết lại bảng tiếp nhận phản ánh, kiến nghị theo Thông tư số 02/2017/TT-VPCP.",
    deadline: addDays(today, 30),
    findingIds: [shortcomingId],
    ...changes,
  };
}

async function snapshot() {
  const db = handle.db;
  return {
    recommendations: await db.select().from(recommendations).orderBy(asc(recommendations.id)),
    links: await db.select().from(recommendationFindings).orderBy(asc(recommendationFindings.recommendationId), asc(recommendationFindings.findingId)),
    audit: (await db.select({ n: count() }).from(auditLog))[0].n,
  };
}

async function stored(id: number) {
  const [row] = await handle.db.select().from(recommendations).where(eq(recommendations.id, id));
  return row;
}

async function linksOf(id: number) {
  const rows = await handle.db.select().from(recommendationFindings).where(eq(recommendationFindings.recommendationId, id));
  return rows.map((r) => r.findingId).sort((a, b) => a - b);
}

async function draftOrder() {
  return (await getRecommendationDrafts(await actor("nhung.vt"), fx.visitId)).drafts.map((r) => r.id);
}

describe("who a recommendation may be addressed to", () => {
  it("offers the visited one-stop-shop and the ward's UBND to the team and the committee", async () => {
    for (const name of ["nhung.vt", "trang.ttt"]) {
      const { addressees } = await getRecommendationDrafts(await actor(name), fx.visitId);
      expect(addressees.map((a) => a.name)).toEqual(["Bộ phận Một cửa phường Bình An", "UBND phường Bình An"]);
    }
  });

  it("offers only the units the actor may see: a member of this plan alone sees the visited unit", async () => {
    const front = await handle.db.select({ id: units.id }).from(units).where(eq(units.name, "UBMTTQ phường Bình An"));
    const newcomer = await makeUser(handle.db, { username: "moi.thanhvien", fullName: "Thành viên mới", role: "team_member", unitId: front[0].id });
    await addMember(handle.db, { planId: fx.planId, userId: newcomer.id, fullName: newcomer.fullName, role: "member", position: 9 });
    const { addressees } = await getRecommendationDrafts(await actorFor(newcomer.id), fx.visitId);
    expect(addressees.map((a) => a.name)).toEqual(["Bộ phận Một cửa phường Bình An"]);
    const refused = await rejectionOf(createRecommendation(await actorFor(newcomer.id), fx.visitId, draft()));
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).field).toBe("addressedUnitId");
    await handle.db.delete(planMembers).where(eq(planMembers.userId, newcomer.id));
  });
});

describe("drafting recommendations", () => {
  it("adds one through the page with its findings and an audit line", async () => {
    const result = await post("nhung.vt", draft({ text: " Niêm yết lại bảng tiếp nhận phản ánh, kiến nghị. ".normalize("NFD"), findingIds: [shortcomingId, achievementId] }));
    expect(result.data).toEqual({ ok: "Đã thêm kiến nghị." });
    const [row] = await handle.db.select().from(recommendations).where(and(eq(recommendations.visitId, fx.visitId), eq(recommendations.createdBy, people.id("nhung.vt"))));
    expect(row).toMatchObject({
      noticeId: null,
      addressedUnitId: fx.ubndBinhAnId,
      addressedRole: "Chủ tịch UBND phường",
      text: "Niêm yết lại bảng tiếp nhận phản ánh, kiến nghị.",
      deadline: addDays(today, 30),
      status: "not_started",
      revision: 1,
    });
    expect(await linksOf(row.id)).toEqual([achievementId, shortcomingId].sort((a, b) => a - b));
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "recommendation.create"), eq(auditLog.entityId, String(row.id))));
    expect(audit.data).toMatchObject({ visitId: fx.visitId, addressedUnitId: fx.ubndBinhAnId });
    const page = pageOf(await people.open("nhung.vt"));
    const listed = page.recommendations.drafts.find((r) => r.id === row.id)!;
    expect(listed).toMatchObject({ addressedUnitName: "UBND phường Bình An", deadline: addDays(today, 30) });
    expect(listed.findings.map((f) => f.id)).toEqual([achievementId, shortcomingId]);
    expect(page.recommendations.answerable.map((f) => f.id)).toEqual([achievementId, shortcomingId]);
  });

  it("refuses a deadline of today, a unit outside the visit, findings of another visit or causes; nothing is written", async () => {
    const before = await snapshot();
    const todayDeadline = await post("nhung.vt", draft({ deadline: today }));
    expect(todayDeadline.status).toBe(400);
    expect(errorsOf(todayDeadline).deadline.message).toBe(deadlineProblem(today, today));
    const past = await rejectionOf(createRecommendation(await actor("nhung.vt"), fx.visitId, draft({ deadline: addDays(today, -1) })));
    expect((past as DomainError).message).toMatch(/phải sau ngày hôm nay/);
    const elsewhere = await post("trang.ttt", draft({ addressedUnitId: fx.ubndPhoChauId }));
    expect(errorsOf(elsewhere).addressedUnitId.message).toMatch(/^Chọn đơn vị nhận kiến nghị trong danh sách/);
    for (const findingIds of [[foreignFindingId], [causeId]]) {
      const wrong = await post("nhung.vt", draft({ findingIds }));
      expect(wrong.status).toBe(400);
      expect(errorsOf(wrong).findingIds.message).toBe("Chọn kết quả đạt được hoặc tồn tại, hạn chế của chính buổi giám sát này.");
    }
    const blank = await post("nhung.vt", draft({ text: "  ", addressedUnitId: null }));
    expect(errorsOf(blank).text.message).toBe("Nhập nội dung kiến nghị.");
    expect(errorsOf(blank).addressedUnitId.message).toBe("Chọn đơn vị nhận kiến nghị.");
    expect(await snapshot()).toEqual(before);
  });

  it("edits from the current revision, refuses a stale one, and keeps a passed deadline only if unchanged", async () => {
    const created = await createRecommendation(await actor("an.bd"), fx.visitId, draft({ text: "Bố trí máy quét hai mặt." }));
    const edited = await post("nhung.vt", { ...draft({ text: "Bố trí máy quét hai mặt, tốc độ cao.", findingIds: [achievementId] }), intent: "recommendation.update", id: created.id, revision: 1 });
    expect(edited.data).toEqual({ ok: "Đã lưu kiến nghị." });
    expect(await stored(created.id)).toMatchObject({ text: "Bố trí máy quét hai mặt, tốc độ cao.", revision: 2 });
    expect(await linksOf(created.id)).toEqual([achievementId]);

    const before = await snapshot();
    const stale = await post("an.bd", { ...draft({ text: "Bản cũ" }), intent: "recommendation.update", id: created.id, revision: 1 });
    expect(stale.status).toBe(409);
    expect(errorsOf(stale).root.message).toBe(STALE);
    expect(await snapshot()).toEqual(before);

    // The deadline has passed since: editing the text keeps it; moving it to another past day is refused.
    const passed = addDays(today, -3);
    await handle.db.update(recommendations).set({ deadline: passed }).where(eq(recommendations.id, created.id));
    const keep = await updateRecommendation(await actor("nhung.vt"), fx.visitId, {
      ...draft({ text: "Giữ hạn cũ", deadline: passed }),
      intent: "recommendation.update",
      id: created.id,
      revision: 2,
    });
    expect(keep.revision).toBe(3);
    const moved = await post("nhung.vt", { ...draft({ deadline: addDays(today, -1) }), intent: "recommendation.update", id: created.id, revision: 3 });
    expect(errorsOf(moved).deadline.message).toMatch(/phải sau ngày hôm nay/);
    expect((await stored(created.id)).deadline).toBe(passed);
  });

  it("reorders drafts one step at a time and deletes one", async () => {
    await createRecommendation(await actor("nhung.vt"), fx.visitId, draft({ text: "Kiến nghị cuối danh sách." }));
    const order = await draftOrder();
    expect(order.length).toBeGreaterThanOrEqual(3);
    const moved = await post("nhung.vt", { intent: "recommendation.move", id: order.at(-1), direction: "up" });
    expect(moved.data).toEqual({ ok: "Đã chuyển chỗ kiến nghị." });
    expect(await draftOrder()).toEqual([...order.slice(0, -2), order.at(-1), order.at(-2)]);
    const top = await post("nhung.vt", { intent: "recommendation.move", id: order[0], direction: "up" });
    expect(top.data).toEqual({ ok: "Đã chuyển chỗ kiến nghị." });
    expect((await draftOrder())[0]).toBe(order[0]);

    const victim = await stored(order[0]);
    const removed = await post("nhung.vt", { intent: "recommendation.delete", id: victim.id, revision: victim.revision });
    expect(removed.data).toEqual({ ok: "Đã xóa kiến nghị." });
    expect(await stored(victim.id)).toBeUndefined();
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "recommendation.delete"), eq(auditLog.entityId, String(victim.id))));
    expect(audit.data).toMatchObject({ text: victim.text });
  });
});

describe("merging drafts", () => {
  it("keeps the first in page order with the texts joined, the earliest deadline and every finding; the others are gone", async () => {
    const make = (text: string, days: number, findingIds: number[]) => createRecommendation(actorNhung, fx.visitId, draft({ text, deadline: addDays(today, days), findingIds }));
    const actorNhung = await actor("nhung.vt");
    const a = await make("Rà soát quy trình tiếp nhận.", 40, [shortcomingId]);
    const middle = await make("Kiến nghị ở giữa, không gộp.", 50, []);
    const b = await make("Công khai kết quả rà soát.", 15, [achievementId]);
    const c = await make("  Báo cáo HĐND phường.  ", 25, [shortcomingId]);
    const order = await draftOrder();
    const before = await Promise.all([a, b, c].map((r) => stored(r.id)));

    // Ticked out of page order: the first on the page stays.
    const result = await post("an.bd", { intent: "recommendation.merge", ids: [c.id, a.id, b.id], revisions: [1, 1, 1] });
    expect(result.data).toEqual({ ok: "Đã gộp 3 kiến nghị thành một." });
    const kept = await stored(a.id);
    expect(kept).toMatchObject({
      text: "Rà soát quy trình tiếp nhận. Công khai kết quả rà soát. Báo cáo HĐND phường.",
      deadline: addDays(today, 15),
      addressedUnitId: before[0].addressedUnitId,
      addressedRole: before[0].addressedRole,
      revision: 2,
    });
    expect(await linksOf(a.id)).toEqual([achievementId, shortcomingId].sort((x, y) => x - y));
    expect(await stored(b.id)).toBeUndefined();
    expect(await stored(c.id)).toBeUndefined();
    expect(await draftOrder()).toEqual(order.filter((id) => id !== b.id && id !== c.id));
    // Positions close up: the drafts left use the smallest positions the drafts had.
    const drafts = await Promise.all((await draftOrder()).map((id) => stored(id)));
    const positions = drafts.map((r) => r.position);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
    expect(new Set(positions).size).toBe(positions.length);
    expect((await stored(middle.id)).position).toBeLessThan(before[1].position);
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "recommendation.merge"), eq(auditLog.entityId, String(a.id))));
    expect(audit.data).toMatchObject({ merged: [{ id: b.id }, { id: c.id }], after: { deadline: addDays(today, 15) } });
  });

  it("refuses drafts sent to another unit or role, one id, and a stale revision; nothing changes", async () => {
    const me = await actor("nhung.vt");
    const a = await createRecommendation(me, fx.visitId, draft({ text: "Gửi UBND phường." }));
    const otherUnit = await createRecommendation(me, fx.visitId, draft({ text: "Gửi bộ phận một cửa.", addressedUnitId: fx.oneStopId, addressedRole: "Trưởng bộ phận" }));
    const otherRole = await createRecommendation(me, fx.visitId, draft({ text: "Gửi Phó Chủ tịch.", addressedRole: "Phó Chủ tịch UBND phường" }));
    const same = await createRecommendation(me, fx.visitId, draft({ text: "Cùng người nhận." }));
    const before = await snapshot();
    for (const other of [otherUnit, otherRole]) {
      const result = await post("an.bd", { intent: "recommendation.merge", ids: [a.id, other.id] });
      expect(result.status).toBe(400);
      expect(errorsOf(result).ids.message).toBe("Chỉ gộp các kiến nghị gửi cùng một đơn vị, cùng chức danh.");
    }
    const single = await post("an.bd", { intent: "recommendation.merge", ids: [a.id] });
    expect(errorsOf(single).ids.message).toBe("Chọn ít nhất hai kiến nghị để gộp.");
    expect(await snapshot()).toEqual(before);

    await updateRecommendation(me, fx.visitId, { ...draft({ text: "Đã sửa trước khi gộp." }), intent: "recommendation.update", id: same.id, revision: 1 });
    const changed = await snapshot();
    const stale = await post("an.bd", { intent: "recommendation.merge", ids: [a.id, same.id], revisions: [1, 1] });
    expect(stale.status).toBe(409);
    expect(errorsOf(stale).root.message).toBe(STALE);
    const refused = await rejectionOf(mergeRecommendations(me, fx.visitId, [a.id, same.id], [1, 1]));
    expect((refused as DomainError).message).toBe(STALE);
    expect(await snapshot()).toEqual(changed);
  });
});

describe("what is read-only here", () => {
  it("leaves a recommendation carried by a notice alone", async () => {
    const notice = await makeNotice(handle.db, { planId: fx.planId, visitId: fx.visitId, issuingUnitId: fx.ubndBinhAnId, placeName: "Bình An", signerName: "Trần Thị Thuỳ Trang" });
    const carried = await makeRecommendation(handle.db, { visitId: fx.visitId, noticeId: notice.id, addressedUnitId: fx.oneStopId, text: "Đã vào dự thảo thông báo.", deadline: addDays(today, 20) });
    const before = await snapshot();
    for (const form of [
      { ...draft(), intent: "recommendation.update", id: carried.id, revision: 1 },
      { intent: "recommendation.delete", id: carried.id, revision: 1 },
      { intent: "recommendation.move", id: carried.id, direction: "up" },
      { intent: "recommendation.merge", ids: [(await draftOrder())[0], carried.id] },
    ]) {
      const result = await post("trang.ttt", form);
      expect(result.status).toBe(409);
      expect(errorsOf(result).root.message).toBe(ISSUED_READ_ONLY);
    }
    expect(await snapshot()).toEqual(before);
    const lists = await getRecommendationDrafts(await actor("trang.ttt"), fx.visitId);
    expect(lists.issued.map((r) => r.id)).toEqual([carried.id]);
    expect(lists.drafts.map((r) => r.id)).not.toContain(carried.id);
  });

  it("refuses any change once the visit's conclusion notice is issued (seed 001)", async () => {
    const before = await snapshot();
    const result = await post("trang.ttt", draft({ addressedUnitId: fx.ubndBinhAnId, findingIds: [] }), fx.oldVisitId);
    expect(result.status).toBe(409);
    expect(errorsOf(result).root.message).toBe(CONCLUDED);
    const lists = await getRecommendationDrafts(await actor("trang.ttt"), fx.oldVisitId);
    expect(lists.drafts).toEqual([]);
    expect(lists.issued.length).toBe(3);
    const issued = lists.issued[0];
    const edit = await post("trang.ttt", { ...draft(), intent: "recommendation.update", id: issued.id, revision: issued.revision }, fx.oldVisitId);
    expect(edit.status).toBe(409);
    const merge = await post("trang.ttt", { intent: "recommendation.merge", ids: lists.issued.slice(0, 2).map((r) => r.id) }, fx.oldVisitId);
    expect(merge.status).toBe(409);
    expect(errorsOf(merge).root.message).toBe(CONCLUDED);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses unit users, the administrator and another ward's committee, with nothing written", async () => {
    const before = await snapshot();
    for (const name of ["ubnd.binhan", "motcua.binhan", "quantri", "tt.dian"]) {
      const result = await post(name, draft());
      expect(result.status).toBe(403);
      expect(String(result.data)).toMatch(/quyền/);
    }
    const refused = await rejectionOf(getRecommendationDrafts(await actor("ubnd.binhan"), fx.visitId));
    expect((refused as DomainError).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});
