/**
 * The demo data seen from the findings page: this year's Bình An visit (the one-stop-shop, plan in
 * progress, the shipped checklist), with a figure and a photo of its own, and the concluded
 * seed-001 visit (notice 12/TB-HĐND issued) with a figure and a photo that other visits must not cite.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { attachments, checklistItems, checklistSections, indicatorFigures, supervisionPlans, units, users, visits } from "#db/schema";
import { DEMO_PASSWORD } from "#db/seed";
import { makeChecklistTemplate, makeFigure } from "#tests/factories";
import * as findingsRoute from "~/routes/visits.$visitId_.findings";
import { actorFor } from "./actors";
import { act, load, signIn } from "./requests";

export const CURRENT_PLAN = "Giám sát việc thực hiện kiến nghị sau giám sát và hoạt động của Trung tâm Phục vụ hành chính công phường";

export type FindingsFixture = {
  visitId: number;
  planId: number;
  oneStopId: number;
  ubndBinhAnId: number;
  ubndPhoChauId: number;
  /** Items of the visit's checklist by code (A1, B1, C1…), and an item of another template. */
  items: Record<string, number>;
  foreignItem: number;
  figure: number;
  photo: number;
  /** The concluded seed-001 visit and what belongs to it. */
  oldVisitId: number;
  oldFigure: number;
  oldPhoto: number;
};

async function unitId(db: Db, name: string) {
  const [row] = await db.select({ id: units.id }).from(units).where(eq(units.name, name));
  return row.id;
}

async function photo(db: Db, visitId: number, fileName: string) {
  const clientId = randomUUID();
  const [row] = await db
    .insert(attachments)
    .values({ clientId, visitId, kind: "photo", fileName, contentType: "image/jpeg", byteSize: 1000, sha256: "0".repeat(64), storageKey: `visits/${visitId}/${clientId}.jpg` })
    .returning({ id: attachments.id });
  return row.id;
}

/** Call once after ensureDemoData. */
export async function findingsFixture(db: Db): Promise<FindingsFixture> {
  const [plan] = await db.select().from(supervisionPlans).where(eq(supervisionPlans.subject, CURRENT_PLAN));
  const [visit] = await db.select().from(visits).where(eq(visits.planId, plan.id));
  const [oldPlan] = await db.select().from(supervisionPlans).where(eq(supervisionPlans.number, 5));
  const [oldVisit] = await db.select().from(visits).where(eq(visits.planId, oldPlan.id));
  const rows = await db
    .select({ id: checklistItems.id, code: checklistItems.code })
    .from(checklistItems)
    .innerJoin(checklistSections, eq(checklistSections.id, checklistItems.sectionId))
    .where(eq(checklistSections.templateId, plan.checklistTemplateId as number))
    .orderBy(asc(checklistItems.id));
  const other = await makeChecklistTemplate(db, { code: "mau-khac", sections: [{ code: "C", title: "Niêm yết", items: [{ code: "C1", text: "Tiêu chí của mẫu khác" }] }] });
  const oneStopId = await unitId(db, "Bộ phận Một cửa phường Bình An");
  const figure = await makeFigure(db, {
    unitId: oneStopId,
    visitId: visit.id,
    code: "on_time_rate",
    label: "Tỷ lệ hồ sơ giải quyết đúng hạn",
    numerator: 9787,
    denominator: 10000,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    targetPercent: "97.00",
  });
  const [oldFigure] = await db
    .select({ id: indicatorFigures.id })
    .from(indicatorFigures)
    .where(and(eq(indicatorFigures.visitId, oldVisit.id), eq(indicatorFigures.code, "dossiers_received")));
  return {
    visitId: visit.id,
    planId: plan.id,
    oneStopId,
    ubndBinhAnId: await unitId(db, "UBND phường Bình An"),
    ubndPhoChauId: await unitId(db, "UBND xã Phổ Châu"),
    items: Object.fromEntries(rows.map((r) => [r.code, r.id])),
    foreignItem: other.items.C1,
    figure: figure.id,
    photo: await photo(db, visit.id, "bang-niem-yet.jpg"),
    oldVisitId: oldVisit.id,
    oldFigure: oldFigure.id,
    oldPhoto: await photo(db, oldVisit.id, "anh-nam-2024.jpg"),
  };
}

export type FindingsPage = Awaited<ReturnType<typeof findingsRoute.loader>>;
export const pageOf = (result: { data: unknown }) => result.data as FindingsPage;
export const errorsOf = (result: { data: unknown }) => (result.data as { errors: Record<string, { message: string }> }).errors;

/** Demo users signed in through the login page, who open and post to a visit's findings page. */
export async function findingsPeople(db: Db, names: string[], defaultVisitId: number) {
  const cookies: Record<string, string> = {};
  const ids: Record<string, number> = {};
  for (const name of names) {
    cookies[name] = await signIn(name, DEMO_PASSWORD);
    const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, name));
    ids[name] = u.id;
  }
  const at = (visitId: number) => ({ path: `/visits/${visitId}/findings`, params: { visitId: String(visitId) } });
  return {
    id: (name: string) => ids[name],
    actor: (name: string) => actorFor(ids[name]),
    post: (name: string, form: Record<string, unknown>, visitId = defaultVisitId) => act(findingsRoute, { ...at(visitId), cookie: cookies[name], form }),
    open: (name: string, visitId = defaultVisitId) => load(findingsRoute, { ...at(visitId), cookie: cookies[name] }),
  };
}
