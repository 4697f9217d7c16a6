/**
 * Bad input, property-based: the plan forms and actions, the unit's pre-visit report, opening and
 * editing the conclusion notice (each intent on its own), posted by the actors allowed to post
 * there with fields replaced by hostile values (tests/support/hostile-values.ts).
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { checklistTemplates, conclusionNotices, supervisionPlans, units, users, visits } from "#db/schema";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import { freshDatabase } from "#tests/support/database";
import { CURRENT_PLAN } from "#tests/support/findings-fixture";
import { type HostileFormCase, assertHostileForms, postAndJudge, talliesReport } from "#tests/support/hostile-values";
import { load, signIn } from "#tests/support/requests";
import { addDays } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import * as noticePage from "~/routes/notices.$noticeId";
import * as planPage from "~/routes/plans.$planId";
import * as planEdit from "~/routes/plans.$planId_.edit";
import * as planNew from "~/routes/plans.new";
import * as visitNotice from "~/routes/visits.$visitId_.notice";
import * as visitReport from "~/routes/visits.$visitId_.report";
import { setVietnameseZodMessages } from "~/schemas/zod-vietnamese";

const RUNS = 20;

let handle: DatabaseHandle;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};

async function idOf<T extends { id: number }>(rows: Promise<T[]>): Promise<number> {
  const [row] = await rows;
  return row.id;
}

beforeAll(async () => {
  setVietnameseZodMessages();
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  const db = handle.db;
  ids.template = await idOf(db.select({ id: checklistTemplates.id }).from(checklistTemplates).where(eq(checklistTemplates.status, "published")));
  ids.oneStop = await idOf(db.select({ id: units.id }).from(units).where(eq(units.name, "Bộ phận Một cửa phường Bình An")));
  ids.committee = await idOf(db.select({ id: units.id }).from(units).where(eq(units.name, "UBND phường Bình An")));
  ids.anBd = await idOf(db.select({ id: users.id }).from(users).where(eq(users.username, "an.bd")));
  ids.nhung = await idOf(db.select({ id: users.id }).from(users).where(eq(users.username, "nhung.vt")));
  ids.currentPlan = await idOf(db.select({ id: supervisionPlans.id }).from(supervisionPlans).where(eq(supervisionPlans.subject, CURRENT_PLAN)));
  ids.currentVisit = await idOf(db.select({ id: visits.id }).from(visits).where(eq(visits.planId, ids.currentPlan)));
  for (const name of ["trang.ttt", "motcua.binhan"]) cookies[name] = await signIn(name, DEMO_PASSWORD);
}, 120_000);

afterAll(async () => {
  console.info(talliesReport());
  await handle?.close();
});

const today = vietnamDate();

function planForm(): Record<string, unknown> {
  return {
    subject: "Giám sát việc giải quyết hồ sơ đất đai tại Bộ phận Một cửa",
    legalBasis: "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13",
    purpose: "Đánh giá kết quả giải quyết hồ sơ.",
    periodStart: "2025-01-01",
    periodEnd: "2025-06-30",
    reportingOutline: "1. Kết quả.\n2. Tồn tại.",
    checklistTemplateId: ids.template,
    signerName: "Trần Thị Thuỳ Trang",
    signerIsDeputy: false,
    recipients: "TT. HĐND thành phố\nLưu: VT.",
    members: [
      { userId: ids.anBd, fullName: "Bùi Dương Ân", title: "PCT HĐND", role: "lead" },
      { userId: ids.nhung, fullName: "Vũ Thị Nhưng", title: "PCT MTTQ", role: "member" },
    ],
    units: [{ unitId: ids.oneStop, scheduledAt: `${addDays(today, 10)}T08:00` }],
  };
}

const chair = (c: Omit<HostileFormCase, "cookie" | "encoding">): HostileFormCase => ({ ...c, cookie: cookies["trang.ttt"], encoding: "json" });

/** A new draft plan through the page, as the chair makes it. */
async function newDraftPlan(): Promise<number> {
  const c = chair({ name: "plans.new", route: planNew, path: "/plans/new", base: planForm });
  const { result, refused } = await postAndJudge(handle.db, c, planForm());
  expect(refused, JSON.stringify(result.data)).toBe(false);
  return Number(/^\/plans\/(\d+)/.exec(result.location ?? "")![1]);
}

describe("hostile plan forms", { timeout: 180_000 }, () => {
  it("new plan", async () => {
    await newDraftPlan();
    await assertHostileForms(handle.db, chair({ name: "plans.new", route: planNew, path: "/plans/new", base: planForm }), RUNS);
  });

  it("plan edit", async () => {
    const planId = await newDraftPlan();
    const c = chair({ name: "plans.$planId_.edit", route: planEdit, path: `/plans/${planId}/edit`, params: { planId: String(planId) }, base: planForm });
    expect((await postAndJudge(handle.db, c, planForm())).refused).toBe(false);
    await assertHostileForms(handle.db, c, RUNS);
  });

  it("issuing a plan, then moving it on", async () => {
    const planId = await newDraftPlan();
    const at = { route: planPage, path: `/plans/${planId}`, params: { planId: String(planId) } };
    await assertHostileForms(handle.db, chair({ name: "plans.$planId issue", ...at, base: () => ({ intent: "issue", issueDate: today }) }), RUNS);
    const status = chair({ name: "plans.$planId status", ...at, base: () => ({ intent: "status", to: "in_progress" }) });
    await assertHostileForms(handle.db, status, RUNS);
    const [plan] = await handle.db.select().from(supervisionPlans).where(eq(supervisionPlans.id, planId));
    expect(plan.number, "the plan was issued by one of the runs, or by the valid form").not.toBeNull();
  });
});

describe("hostile reports of the supervised unit", { timeout: 180_000 }, () => {
  it("saves and submits", async () => {
    const at = { path: `/visits/${ids.currentVisit}/report`, params: { visitId: String(ids.currentVisit) }, cookie: cookies["motcua.binhan"] };
    const loaded = await load(visitReport, at);
    expect(loaded.status).toBe(200);
    const indicators = (loaded.data as { report: { indicators: { itemId: number; kind: "rate" | "count" }[] } }).report.indicators;
    expect(indicators.length).toBeGreaterThan(0);
    const form = (intent: string) => () => ({
      intent,
      unitReport: "1. Công tác chỉ đạo: đã ban hành quy chế.\n2. Kết quả: đạt chỉ tiêu.",
      figures: indicators.map((indicator) => ({ itemId: indicator.itemId, numerator: 90, denominator: indicator.kind === "rate" ? 100 : null })),
    });
    for (const intent of ["save", "submit"]) {
      const c: HostileFormCase = { name: `visits.$visitId_.report ${intent}`, route: visitReport, ...at, encoding: "json", base: form(intent) };
      expect((await postAndJudge(handle.db, c, form(intent)())).refused).toBe(false);
      await assertHostileForms(handle.db, c, RUNS);
    }
  });
});

describe("hostile conclusion notice forms", { timeout: 180_000 }, () => {
  const noticeAt = (noticeId: number) => ({ route: noticePage, path: `/notices/${noticeId}`, params: { noticeId: String(noticeId) } });

  async function openDraft(): Promise<number> {
    const c = chair({
      name: "visits.$visitId_.notice",
      route: visitNotice,
      path: `/visits/${ids.currentVisit}/notice`,
      params: { visitId: String(ids.currentVisit) },
      base: () => ({ corrects: null }),
    });
    const { result } = await postAndJudge(handle.db, c, { corrects: null });
    expect(result.status, JSON.stringify(result.data)).toBe(302);
    return Number(/^\/notices\/(\d+)$/.exec(result.location ?? "")![1]);
  }

  /** The editor's form as the page fills it, with the notice's revision of the moment. */
  async function editorForm(noticeId: number, intent: string): Promise<Record<string, unknown>> {
    const loaded = await load(noticePage, { ...noticeAt(noticeId), cookie: cookies["trang.ttt"] });
    const notice = loaded.data as { revision: number; document: { summary: string; placeName: string; recipients: string[]; signer: { name: string; deputy: boolean; title: string }; blocks: { key: string; text: string }[] } };
    if (intent === "recompose" || intent === "discard") return { intent, revision: notice.revision ?? 1 };
    const { document } = notice;
    return {
      intent,
      revision: notice.revision ?? 1,
      summary: document?.summary || "Kết quả giám sát",
      placeName: document?.placeName || "Bình An",
      recipients: (document?.recipients ?? []).join("\n"),
      signerName: document?.signer.name || "Trần Thị Thuỳ Trang",
      signerDeputy: false,
      signerTitle: "",
      blocks: (document?.blocks ?? []).slice(0, 3).map((block) => ({ key: block.key, text: block.text })),
    };
  }

  it("opening a draft", async () => {
    const c = chair({
      name: "visits.$visitId_.notice",
      route: visitNotice,
      path: `/visits/${ids.currentVisit}/notice`,
      params: { visitId: String(ids.currentVisit) },
      base: () => ({ corrects: null }),
    });
    await assertHostileForms(handle.db, c, RUNS);
  });

  // In this order: a discarded draft is gone, an issued notice is frozen; each step opens the draft it needs.
  for (const intent of ["save", "recompose", "discard", "issue"]) {
    it(intent, async () => {
      const draft = await openDraft();
      const c = chair({ name: `notices.$noticeId ${intent}`, ...noticeAt(draft), base: () => editorForm(draft, intent) });
      await assertHostileForms(handle.db, c, RUNS);
    });
  }

  it("the draft was issued by the valid form or a run, and nothing else", async () => {
    const notices = await handle.db.select().from(conclusionNotices).where(and(eq(conclusionNotices.visitId, ids.currentVisit)));
    expect(notices.filter((notice) => notice.status === "issued").length).toBeLessThanOrEqual(1);
  });
});
