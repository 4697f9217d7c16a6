/**
 * Findings of a visit on the demo data, through the model and the page's action: created with
 * their citations, edited from a revision (a stale one is refused), reordered, merged (citations,
 * causes and recommendation links carried over), refused with a Vietnamese message and nothing
 * written when the input, the citation, the actor or the visit's state does not allow it.
 */
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { answers, auditLog, findingCitations, findings, recommendationFindings } from "#db/schema";
import { ensureDemoData } from "#db/seed";
import { makeFinding, makeRecommendation } from "#tests/factories";
import { freshDatabase } from "#tests/support/database";
import { rejectionOf } from "#tests/support/failures";
import { type FindingsFixture, errorsOf, findingsFixture, findingsPeople, pageOf } from "#tests/support/findings-fixture";
import { addDays } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import { DomainError } from "~/models/errors.server";
import { CONCLUDED, STALE, createFinding, deleteFinding, mergeFindings, moveFinding, updateFinding } from "~/models/finding.server";
import { CAUSE_NEEDS_PARENT, emptyFinding } from "~/schemas/finding";

let handle: DatabaseHandle;
let fx: FindingsFixture;
let people: Awaited<ReturnType<typeof findingsPeople>>;

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  fx = await findingsFixture(handle.db);
  people = await findingsPeople(handle.db, ["nhung.vt", "an.bd", "trang.ttt", "ubnd.binhan", "motcua.binhan", "quantri", "hung.nv"], fx.visitId);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

const actor = (name: string) => people.actor(name);
const post = (name: string, form: Record<string, unknown>, visitId?: number) => people.post(name, form, visitId);
const open = (name: string, visitId?: number) => people.open(name, visitId);

/** Everything a write of this page may touch, for "nothing changed". */
async function snapshot() {
  const db = handle.db;
  return {
    findings: await db.select().from(findings).orderBy(asc(findings.id)),
    citations: await db.select().from(findingCitations).orderBy(asc(findingCitations.id)),
    links: await db.select().from(recommendationFindings).orderBy(asc(recommendationFindings.recommendationId), asc(recommendationFindings.findingId)),
    audit: (await db.select({ n: count() }).from(auditLog))[0].n,
  };
}

async function findingOf(id: number) {
  const [row] = await handle.db.select().from(findings).where(eq(findings.id, id));
  return row;
}

async function citationsOf(id: number) {
  return handle.db
    .select({ itemId: findingCitations.itemId, figureId: findingCitations.figureId, attachmentId: findingCitations.attachmentId })
    .from(findingCitations)
    .where(eq(findingCitations.findingId, id))
    .orderBy(asc(findingCitations.id));
}

async function newFinding(user: string, values: Partial<ReturnType<typeof emptyFinding>> & { kind: "achievement" | "shortcoming" | "cause"; text: string }) {
  const base = emptyFinding(values.kind);
  return createFinding(await actor(user), fx.visitId, { ...base, ...values });
}

describe("creating findings", () => {
  it("adds an achievement citing a figure, an item and a photo through the page, with an audit line", async () => {
    const result = await post("nhung.vt", {
      ...emptyFinding("achievement"),
      text: "  Tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,87%, vượt chỉ tiêu.  ".normalize("NFD"),
      figureIds: [fx.figure],
      itemIds: [fx.items.A1],
      attachmentIds: [fx.photo],
    });
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ ok: "Đã thêm kết quả đạt được." });
    const [row] = await handle.db.select().from(findings).where(and(eq(findings.visitId, fx.visitId), eq(findings.kind, "achievement")));
    expect(row.text).toBe("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 97,87%, vượt chỉ tiêu.");
    expect(row.text).toBe(row.text.normalize("NFC"));
    expect(row).toMatchObject({ causeKind: null, parentId: null, revision: 1, createdBy: people.id("nhung.vt") });
    expect(await citationsOf(row.id)).toEqual([
      { itemId: fx.items.A1, figureId: null, attachmentId: null },
      { itemId: null, figureId: fx.figure, attachmentId: null },
      { itemId: null, figureId: null, attachmentId: fx.photo },
    ]);
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "finding.create"), eq(auditLog.entityId, String(row.id))));
    expect(audit.data).toMatchObject({ visitId: fx.visitId, kind: "achievement", figureIds: [fx.figure] });
  });

  it("shows the page grouped, with citations as labels: item code and text, figure label and value, photo address", async () => {
    const shortcoming = await newFinding("an.bd", { kind: "shortcoming", text: "Bảng niêm yết chưa theo Thông tư 02/2017/TT-VPCP.", itemIds: [fx.items.C1] });
    await newFinding("an.bd", { kind: "cause", parentId: shortcoming.id, causeKind: "objective", text: "Kinh phí chưa được bố trí." });
    await newFinding("an.bd", { kind: "cause", parentId: shortcoming.id, causeKind: "subjective", text: "Công chức chưa nắm quy định." });
    const result = await open("nhung.vt");
    expect(result.status).toBe(200);
    const page = pageOf(result);
    expect(page.concluded).toBe(false);
    expect(page.composesNotice).toBe(false);
    const achievement = page.achievements[0];
    expect(achievement.citations.map((c) => [c.target, c.label, c.url])).toEqual([
      ["item", expect.stringMatching(/^A1\. .+/), null],
      ["figure", "Tỷ lệ hồ sơ giải quyết đúng hạn: 9.787/10.000 hồ sơ, đạt 97,87%, vượt 0,87% so với chỉ tiêu được giao (97%) (đoàn kiểm tra)", null],
      ["photo", "bang-niem-yet.jpg", `/attachments/${fx.photo}`],
    ]);
    const listed = page.shortcomings.find((s) => s.id === shortcoming.id)!;
    expect(listed.citations[0].label).toMatch(/^C1\. /);
    expect(listed.causes.objective.map((c) => c.text)).toEqual(["Kinh phí chưa được bố trí."]);
    expect(listed.causes.subjective.map((c) => c.text)).toEqual(["Công chức chưa nắm quy định."]);
    expect(page.sources.figures[0]).toMatchObject({ id: fx.figure, cited: true, belowTarget: false });
    expect(page.sources.items.length).toBeGreaterThanOrEqual(35);
    expect(pageOf(await open("trang.ttt")).composesNotice).toBe(true);
  });

  it("lists the visit's 'chưa đạt' answers as proposals, marked once a finding cites the item", async () => {
    await handle.db.insert(answers).values([
      { visitId: fx.visitId, itemId: fx.items.B1, value: "not_met", note: "thiếu thủ tục lĩnh vực đất đai", answeredAt: new Date() },
      { visitId: fx.visitId, itemId: fx.items.C1, value: "not_met", note: "", answeredAt: new Date() },
    ]);
    const page = pageOf(await open("nhung.vt"));
    const b1 = page.sources.notMet.find((a) => a.itemId === fx.items.B1)!;
    expect(b1.cited).toBe(false);
    expect(b1.proposal).toMatch(/^Chưa đảm bảo yêu cầu: .+\. Thiếu thủ tục lĩnh vực đất đai\.$/);
    expect(page.sources.notMet.find((a) => a.itemId === fx.items.C1)!.cited).toBe(true);
  });

  it("refuses a cause without a shortcoming, in the form and in the model, and writes nothing", async () => {
    const before = await snapshot();
    const result = await post("nhung.vt", { ...emptyFinding("cause"), causeKind: "subjective", text: "Nhân sự luân chuyển" });
    expect(result.status).toBe(400);
    expect(errorsOf(result).parentId.message).toBe(CAUSE_NEEDS_PARENT);
    const [achievement] = await handle.db.select().from(findings).where(and(eq(findings.visitId, fx.visitId), eq(findings.kind, "achievement")));
    const underAchievement = await rejectionOf(newFinding("nhung.vt", { kind: "cause", parentId: achievement.id, causeKind: "objective", text: "Sai chỗ" }));
    expect(underAchievement).toBeInstanceOf(DomainError);
    expect((underAchievement as DomainError).message).toBe(CAUSE_NEEDS_PARENT);
    const [oldShortcoming] = await handle.db.select().from(findings).where(and(eq(findings.visitId, fx.oldVisitId), eq(findings.kind, "shortcoming")));
    const otherVisit = await post("nhung.vt", { ...emptyFinding("cause", { parentId: oldShortcoming.id, causeKind: "objective" }), text: "Sai buổi" });
    expect(otherVisit.status).toBe(400);
    expect(errorsOf(otherVisit).root.message).toBe(CAUSE_NEEDS_PARENT);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to cite an item, a figure or a photo of another visit, and writes nothing", async () => {
    const before = await snapshot();
    const cases: [Record<string, unknown>, string][] = [
      [{ itemIds: [fx.foreignItem] }, "Tiêu chí này không thuộc phiếu kiểm tra của buổi giám sát."],
      [{ figureIds: [fx.oldFigure] }, "Số liệu này không thuộc buổi giám sát."],
      [{ attachmentIds: [fx.oldPhoto] }, "Ảnh này không thuộc buổi giám sát."],
    ];
    for (const [cited, message] of cases) {
      const result = await post("nhung.vt", { ...emptyFinding("shortcoming"), text: "Mượn căn cứ", ...cited });
      expect(result.status).toBe(400);
      expect(errorsOf(result).root.message).toBe(message);
    }
    const [target] = await handle.db.select().from(findings).where(and(eq(findings.visitId, fx.visitId), eq(findings.kind, "achievement")));
    for (const [target2, targetId] of [["item", fx.foreignItem], ["figure", fx.oldFigure], ["photo", fx.oldPhoto]] as const) {
      const result = await post("nhung.vt", { intent: "citation.add", findingId: target.id, target: target2, targetId });
      expect(result.status).toBe(400);
      expect(errorsOf(result).targetId.message).toMatch(/không thuộc/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses bad input with a Vietnamese message and writes nothing", async () => {
    const before = await snapshot();
    const blank = await post("nhung.vt", { ...emptyFinding("shortcoming"), text: "   " });
    expect(blank.status).toBe(400);
    expect(errorsOf(blank).text.message).toBe("Nhập nội dung.");
    expect(errorsOf(blank).root.message).toMatch(/Dữ liệu gửi lên không hợp lệ/);
    const unknown = await post("nhung.vt", { intent: "finding.explode", id: 1 });
    expect(unknown.status).toBe(400);
    expect(errorsOf(unknown).root.message).toMatch(/không hợp lệ/);
    const garbage = await post("nhung.vt", { ...emptyFinding("achievement"), text: "Được", figureIds: ["một"] });
    expect(garbage.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe("editing, citing, deleting", () => {
  it("saves from the current revision and refuses a stale one, keeping the other's text", async () => {
    const { id } = await newFinding("nhung.vt", { kind: "shortcoming", text: "Máy quét cũ, chỉ quét một mặt." });
    const first = await post("an.bd", { intent: "finding.update", id, revision: 1, text: "Máy quét cũ, quét từng tờ." });
    expect(first.data).toEqual({ ok: "Đã lưu." });
    expect(await findingOf(id)).toMatchObject({ text: "Máy quét cũ, quét từng tờ.", revision: 2 });
    const before = await snapshot();
    const stale = await post("nhung.vt", { intent: "finding.update", id, revision: 1, text: "Bản của Nhưng" });
    expect(stale.status).toBe(409);
    expect(errorsOf(stale).root.message).toBe(STALE);
    expect(STALE).toMatch(/đã được người khác sửa, tải lại/);
    expect(await snapshot()).toEqual(before);
    const staleDelete = await post("nhung.vt", { intent: "finding.delete", id, revision: 1 });
    expect(staleDelete.status).toBe(409);
    expect(await findingOf(id)).toBeDefined();
    expect((await updateFinding(await actor("nhung.vt"), fx.visitId, { intent: "finding.update", id, revision: 2, text: "Bản của Nhưng" })).revision).toBe(3);
  });

  it("adds and removes a citation, once", async () => {
    const { id } = await newFinding("nhung.vt", { kind: "achievement", text: "Có camera giám sát." });
    const added = await post("nhung.vt", { intent: "citation.add", findingId: id, target: "photo", targetId: fx.photo });
    expect(added.data).toEqual({ ok: "Đã thêm căn cứ." });
    const again = await post("nhung.vt", { intent: "citation.add", findingId: id, target: "photo", targetId: fx.photo });
    expect(again.data).toEqual({ ok: "Căn cứ này đã có." });
    const [citation] = await handle.db.select().from(findingCitations).where(eq(findingCitations.findingId, id));
    expect(await citationsOf(id)).toEqual([{ itemId: null, figureId: null, attachmentId: fx.photo }]);
    const removed = await post("nhung.vt", { intent: "citation.remove", citationId: citation.id });
    expect(removed.data).toEqual({ ok: "Đã bỏ căn cứ." });
    expect(await citationsOf(id)).toEqual([]);
    const audits = await handle.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, String(id)));
    expect(audits.map((a) => a.action).sort()).toEqual(["finding.cite", "finding.create", "finding.uncite"]);
  });

  it("deletes a shortcoming with its causes", async () => {
    const { id } = await newFinding("nhung.vt", { kind: "shortcoming", text: "Thiếu ghế chờ." });
    const cause = await newFinding("nhung.vt", { kind: "cause", parentId: id, causeKind: "objective", text: "Phòng chật." });
    await deleteFinding(await actor("nhung.vt"), fx.visitId, { intent: "finding.delete", id, revision: 1 });
    expect(await findingOf(id)).toBeUndefined();
    expect(await findingOf(cause.id)).toBeUndefined();
  });
});

describe("reordering and merging", () => {
  async function listOrder(kind: "achievement" | "shortcoming") {
    const page = pageOf(await open("nhung.vt"));
    return (kind === "achievement" ? page.achievements : page.shortcomings).map((f) => f.id);
  }

  it("moves a finding one step within its own list only", async () => {
    const order = await listOrder("shortcoming");
    const last = order.at(-1)!;
    const moved = await post("nhung.vt", { intent: "finding.move", id: last, direction: "up" });
    expect(moved.data).toEqual({ ok: "Đã chuyển chỗ." });
    const after = await listOrder("shortcoming");
    expect(after).toEqual([...order.slice(0, -2), last, order.at(-2)]);
    const achievements = await listOrder("achievement");
    expect((await moveFinding(await actor("nhung.vt"), fx.visitId, { intent: "finding.move", id: after[0], direction: "up" })).moved).toBe(false);
    expect(await listOrder("shortcoming")).toEqual(after);
    expect(await listOrder("achievement")).toEqual(achievements);
  });

  it("merges shortcomings into the first: texts joined, citations unioned, causes and recommendation links carried over", async () => {
    const a = await newFinding("nhung.vt", { kind: "shortcoming", text: "Bảng niêm yết bị mờ.", itemIds: [fx.items.C2] });
    const b = await newFinding("nhung.vt", { kind: "shortcoming", text: "Thiếu số điện thoại đường dây nóng.", itemIds: [fx.items.C2], attachmentIds: [fx.photo] });
    const causeA = await newFinding("nhung.vt", { kind: "cause", parentId: a.id, causeKind: "objective", text: "Bảng làm từ năm 2019." });
    const causeB = await newFinding("nhung.vt", { kind: "cause", parentId: b.id, causeKind: "subjective", text: "Chưa kiểm tra định kỳ." });
    const recommendation = await makeRecommendation(handle.db, { visitId: fx.visitId, addressedUnitId: fx.oneStopId, text: "Làm lại bảng niêm yết.", deadline: addDays(vietnamDate(), 30) });
    await handle.db.insert(recommendationFindings).values({ recommendationId: recommendation.id, findingId: b.id });

    const result = await post("an.bd", { intent: "finding.merge", ids: [b.id, a.id] });
    expect(result.data).toEqual({ ok: "Đã gộp 2 mục thành một." });
    expect(await findingOf(b.id)).toBeUndefined();
    expect(await findingOf(a.id)).toMatchObject({ text: "Bảng niêm yết bị mờ. Thiếu số điện thoại đường dây nóng.", revision: 2 });
    expect(await citationsOf(a.id)).toEqual([
      { itemId: fx.items.C2, figureId: null, attachmentId: null },
      { itemId: null, figureId: null, attachmentId: fx.photo },
    ]);
    expect((await findingOf(causeA.id)).parentId).toBe(a.id);
    expect((await findingOf(causeB.id)).parentId).toBe(a.id);
    const links = await handle.db.select().from(recommendationFindings).where(eq(recommendationFindings.recommendationId, recommendation.id));
    expect(links).toEqual([{ recommendationId: recommendation.id, findingId: a.id }]);
    const [audit] = await handle.db.select().from(auditLog).where(and(eq(auditLog.action, "finding.merge"), eq(auditLog.entityId, String(a.id))));
    expect(audit.data).toMatchObject({ merged: [{ id: b.id }], causesMoved: [causeB.id], recommendations: [recommendation.id] });
  });

  it("refuses to merge findings of different lists or a single one, and writes nothing", async () => {
    const [achievement] = await handle.db.select().from(findings).where(and(eq(findings.visitId, fx.visitId), eq(findings.kind, "achievement")));
    const [shortcoming] = await handle.db.select().from(findings).where(and(eq(findings.visitId, fx.visitId), eq(findings.kind, "shortcoming")));
    const before = await snapshot();
    const mixed = await post("nhung.vt", { intent: "finding.merge", ids: [achievement.id, shortcoming.id] });
    expect(mixed.status).toBe(400);
    expect(errorsOf(mixed).root.message).toMatch(/^Chỉ gộp được các mục cùng loại/);
    const single = await post("nhung.vt", { intent: "finding.merge", ids: [achievement.id] });
    expect(errorsOf(single).ids.message).toBe("Chọn ít nhất hai mục để gộp.");
    const [oldFinding] = await handle.db.select().from(findings).where(eq(findings.visitId, fx.oldVisitId));
    const foreign = await rejectionOf(mergeFindings(await actor("nhung.vt"), fx.visitId, { intent: "finding.merge", ids: [achievement.id, oldFinding.id] }));
    expect((foreign as DomainError).status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });
});

describe("who may write, and when", () => {
  it("freezes the findings of a visit whose conclusion notice is issued", async () => {
    // Seed 001: notice 12/TB-HĐND of the 2024 visit is issued; nhung.vt was on that team.
    const page = pageOf(await open("nhung.vt", fx.oldVisitId));
    expect(page.concluded).toBe(true);
    expect(page.shortcomings.length).toBeGreaterThan(0);
    const target = page.shortcomings[0];
    const before = await snapshot();
    const edit = await post("nhung.vt", { intent: "finding.update", id: target.id, revision: target.revision, text: "Sửa sau khi ban hành" }, fx.oldVisitId);
    expect(edit.status).toBe(409);
    expect(errorsOf(edit).root.message).toBe(CONCLUDED);
    const create = await post("trang.ttt", { ...emptyFinding("achievement"), text: "Thêm sau khi ban hành" }, fx.oldVisitId);
    expect(errorsOf(create).root.message).toBe(CONCLUDED);
    const move = await post("nhung.vt", { intent: "finding.move", id: target.id, direction: "down" }, fx.oldVisitId);
    expect(move.status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses unit users, the administrator and team members of other plans, on the page and in the model", async () => {
    const [some] = await handle.db.select().from(findings).where(eq(findings.visitId, fx.visitId)).limit(1);
    const before = await snapshot();
    for (const name of ["ubnd.binhan", "motcua.binhan", "quantri", "hung.nv"]) {
      expect((await open(name)).status).toBe(403);
      const create = await post(name, { ...emptyFinding("shortcoming"), text: "Không được phép" });
      expect(create.status).toBe(403);
      expect(String(create.data)).toMatch(/quyền/);
      const remove = await post(name, { intent: "finding.delete", id: some.id, revision: some.revision });
      expect(remove.status).toBe(403);
    }
    const refused = await rejectionOf(newFinding("motcua.binhan", { kind: "shortcoming", text: "Không được phép" }));
    expect((refused as DomainError).status).toBe(403);
    expect(await snapshot()).toEqual(before);
    const ids = (await handle.db.select({ id: findings.id }).from(findings).where(inArray(findings.visitId, [fx.visitId]))).map((r) => r.id);
    expect(ids).toContain(some.id);
  });

  it("keeps the seed findings of a concluded visit readable to its team", async () => {
    const seeded = await makeFinding(handle.db, { visitId: fx.oldVisitId, kind: "achievement", text: "Kết quả cũ", position: 99 });
    const page = pageOf(await open("trang.ttt", fx.oldVisitId));
    expect(page.achievements.map((a) => a.id)).toContain(seeded.id);
  });
});
