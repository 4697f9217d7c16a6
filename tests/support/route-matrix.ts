/**
 * The authorisation matrix: for every route module of app/routes that has a loader or an action,
 * and for every kind of user, the answer the app must give. tests/integration/authorization-matrix.test.ts
 * turns each row into tests (and fails when a route module has no row here).
 *
 * Who is who (demo data, db/seed.ts):
 *   anonymous       signed out
 *   quantri         administrator
 *   trang.ttt       standing committee of HĐND phường Bình An: the council that issues plan 05/KH,
 *                   this year's plan and the draft plan below
 *   tt.dian         standing committee of another ward (phường Dĩ An)
 *   nhung.vt        team member of plan 05/KH and of this year's Bình An plan
 *   hung.nv         team member of the Dĩ An plans only
 *   ubnd.binhan     unit: UBND phường Bình An (visited by plan 05/KH, addressee of notice 12/TB)
 *   motcua.binhan   unit: the one-stop-shop under UBND phường Bình An (visited by this year's plan)
 *   ubnd.phochau    unit of another commune (UBND xã Phổ Châu)
 *
 * Outcomes: ok (2xx, or for a write a redirect that is not to the sign-in page), redirect (a read
 * that sends elsewhere), rejected (a write the actor may attempt, refused by a rule of the domain
 * with a Vietnamese message: 400/409/…), forbidden (403, a Vietnamese message, never the data),
 * hidden (404: "not found, or not yours", a Vietnamese message), login (sent to sign in).
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { type Db, rowsOf } from "#db/client";
import {
  attachments,
  checklistItems,
  checklistSections,
  checklistTemplates,
  conclusionNotices,
  findingCitations,
  findings,
  indicatorFigures,
  notifications,
  recommendations,
  supervisionPlans,
  units,
  users,
  visits,
} from "#db/schema";
import { DEMO_PASSWORD } from "#db/seed";
import { makeChecklistTemplate, makeFinding, makeRecommendation, makeUser, makeVisit } from "#tests/factories";
import type { Actor } from "~/auth/actor";
import { addDays } from "~/domain/deadlines";
import { vietnamDate } from "~/domain/vietnamese";
import { storeVisitPhoto } from "~/models/attachment.server";
import { getNoticeEditor, openNoticeDraft } from "~/models/notice.server";
import { createPlan, getPlanForEdit } from "~/models/plan.server";
import { requestExtension, submitRemediationReport } from "~/models/remediation-actions.server";
import { issueRemediationDocument } from "~/models/remediation-document.server";
import { getFollowUpSettings } from "~/models/settings.server";
import type { PlanFormValues } from "~/schemas/plan";
import { followUpSettingsFormValues } from "~/schemas/follow-up-settings-form";
import { actorFor } from "./actors";
import * as index from "~/routes/_index";
import * as accountPassword from "~/routes/account.password";
import * as adminAudit from "~/routes/admin.audit";
import * as adminSettings from "~/routes/admin.settings";
import * as templateJson from "~/routes/admin.templates.$templateId.json";
import * as templatePage from "~/routes/admin.templates.$templateId";
import * as templatesIndex from "~/routes/admin.templates._index";
import * as templateImport from "~/routes/admin.templates.import";
import * as unitEdit from "~/routes/admin.units.$unitId";
import * as unitsIndex from "~/routes/admin.units._index";
import * as unitNew from "~/routes/admin.units.new";
import * as userPassword from "~/routes/admin.users.$userId.password";
import * as userEdit from "~/routes/admin.users.$userId";
import * as usersIndex from "~/routes/admin.users._index";
import * as userNew from "~/routes/admin.users.new";
import * as attachment from "~/routes/attachments.$attachmentId";
import * as dashboard from "~/routes/dashboard";
import * as healthz from "~/routes/healthz";
import * as login from "~/routes/login";
import * as logout from "~/routes/logout";
import * as noticeDocx from "~/routes/notices.$noticeId.docx";
import * as noticePdf from "~/routes/notices.$noticeId.pdf";
import * as noticePage from "~/routes/notices.$noticeId";
import * as noticeRemediation from "~/routes/notices.$noticeId_.remediation";
import * as noticeRemediationPdf from "~/routes/notices.$noticeId_.remediation[.]pdf";
import * as noticesIndex from "~/routes/notices._index";
import * as notificationsIndex from "~/routes/notifications._index";
import * as planPdf from "~/routes/plans.$planId.pdf";
import * as planPage from "~/routes/plans.$planId";
import * as planEdit from "~/routes/plans.$planId_.edit";
import * as plansIndex from "~/routes/plans._index";
import * as planNew from "~/routes/plans.new";
import * as recommendationPage from "~/routes/recommendations.$recommendationId";
import * as trackerPage from "~/routes/recommendations._index";
import * as trackerXlsx from "~/routes/recommendations.export[.]xlsx";
import * as followUpPdf from "~/routes/recommendations.report[.]pdf";
import * as remediationDocumentPdf from "~/routes/remediation-documents.$documentId.pdf";
import * as supervisionImport from "~/routes/supervisions.import";
import * as unitPage from "~/routes/units.$unitId";
import * as visitAnswers from "~/routes/visits.$visitId.answers";
import * as visitCarried from "~/routes/visits.$visitId.carried";
import * as visitPhotos from "~/routes/visits.$visitId.photos";
import * as checklistPage from "~/routes/visits.$visitId";
import * as visitExport from "~/routes/visits.$visitId_.export";
import * as findingsPage from "~/routes/visits.$visitId_.findings";
import * as visitNotice from "~/routes/visits.$visitId_.notice";
import * as visitReport from "~/routes/visits.$visitId_.report";
import binhAnFile from "#templates/examples/binh-an.json";

// ------------------------------------------------------------------------------------------ actors

export const ACTORS = ["anonymous", "quantri", "trang.ttt", "tt.dian", "nhung.vt", "hung.nv", "ubnd.binhan", "motcua.binhan", "ubnd.phochau"] as const;
export type ActorName = (typeof ACTORS)[number];
export type UserName = Exclude<ActorName, "anonymous">;

export type ReadOutcome = "ok" | "redirect" | "forbidden" | "hidden" | "login";
export type WriteOutcome = "ok" | "rejected" | "forbidden" | "hidden" | "login";
export type Expect<O extends string> = Record<ActorName, O>;

/** Every signed-in user refused, the signed-out sent to sign in: the base of the maps below. */
const NOBODY: Expect<"forbidden" | "login"> = {
  anonymous: "login",
  quantri: "forbidden",
  "trang.ttt": "forbidden",
  "tt.dian": "forbidden",
  "nhung.vt": "forbidden",
  "hung.nv": "forbidden",
  "ubnd.binhan": "forbidden",
  "motcua.binhan": "forbidden",
  "ubnd.phochau": "forbidden",
};
const EVERYONE = { anonymous: "ok", quantri: "ok", "trang.ttt": "ok", "tt.dian": "ok", "nhung.vt": "ok", "hung.nv": "ok", "ubnd.binhan": "ok", "motcua.binhan": "ok", "ubnd.phochau": "ok" } as const;
const SIGNED_IN = { ...EVERYONE, anonymous: "login" } as const;
const ADMIN_ONLY = { ...NOBODY, quantri: "ok" } as const;
/** plans:read: everyone but the administrator, who keeps units and users, not supervisions. */
const PLAN_READERS = { ...SIGNED_IN, quantri: "forbidden" } as const;
/** Both standing committees (each over its own ward). */
const COMMITTEES = { ...NOBODY, "trang.ttt": "ok", "tt.dian": "ok" } as const;
const BINH_AN_COMMITTEE = { ...NOBODY, "trang.ttt": "ok" } as const;
/** A Bình An visit's team: the committee over the plan and the plan's team member. */
const BINH_AN_TEAM = { ...NOBODY, "trang.ttt": "ok", "nhung.vt": "ok" } as const;
/** What concerns UBND phường Bình An (plan 05/KH, notice 12/TB, its recommendations): its ward's committee, the team that visited it, the unit itself; not the one-stop-shop under it. */
const ABOUT_UBND_BINH_AN = { ...NOBODY, "trang.ttt": "ok", "nhung.vt": "ok", "ubnd.binhan": "ok" } as const;
const UBND_BINH_AN = { ...NOBODY, "ubnd.binhan": "ok" } as const;
/** The one-stop-shop's own report: the unit and the unit above it, with the team and the committee. */
const ONE_STOP_REPORT = { ...BINH_AN_TEAM, "ubnd.binhan": "ok", "motcua.binhan": "ok" } as const;

// ------------------------------------------------------------------------------------------ routes

export type RouteModule = { loader?: (...args: never[]) => unknown; action?: (...args: never[]) => unknown };

/** Every route module by its file name in app/routes (without .tsx). */
export const ROUTES = {
  _index: index,
  "account.password": accountPassword,
  "admin.audit": adminAudit,
  "admin.settings": adminSettings,
  "admin.templates.$templateId.json": templateJson,
  "admin.templates.$templateId": templatePage,
  "admin.templates._index": templatesIndex,
  "admin.templates.import": templateImport,
  "admin.units.$unitId": unitEdit,
  "admin.units._index": unitsIndex,
  "admin.units.new": unitNew,
  "admin.users.$userId.password": userPassword,
  "admin.users.$userId": userEdit,
  "admin.users._index": usersIndex,
  "admin.users.new": userNew,
  "attachments.$attachmentId": attachment,
  dashboard,
  healthz,
  login,
  logout,
  "notices.$noticeId.docx": noticeDocx,
  "notices.$noticeId.pdf": noticePdf,
  "notices.$noticeId": noticePage,
  "notices.$noticeId_.remediation": noticeRemediation,
  "notices.$noticeId_.remediation[.]pdf": noticeRemediationPdf,
  "notices._index": noticesIndex,
  "notifications._index": notificationsIndex,
  "plans.$planId.pdf": planPdf,
  "plans.$planId": planPage,
  "plans.$planId_.edit": planEdit,
  "plans._index": plansIndex,
  "plans.new": planNew,
  "recommendations.$recommendationId": recommendationPage,
  "recommendations._index": trackerPage,
  "recommendations.export[.]xlsx": trackerXlsx,
  "recommendations.report[.]pdf": followUpPdf,
  "remediation-documents.$documentId.pdf": remediationDocumentPdf,
  "supervisions.import": supervisionImport,
  "units.$unitId": unitPage,
  "visits.$visitId.answers": visitAnswers,
  "visits.$visitId.carried": visitCarried,
  "visits.$visitId.photos": visitPhotos,
  "visits.$visitId": checklistPage,
  "visits.$visitId_.export": visitExport,
  "visits.$visitId_.findings": findingsPage,
  "visits.$visitId_.notice": visitNotice,
  "visits.$visitId_.report": visitReport,
} satisfies Record<string, RouteModule>;
export type ModuleName = keyof typeof ROUTES;

/**
 * The URL path of a route module for the given parameters, by Remix's flat-route file naming:
 * "notices.$noticeId_.remediation[.]pdf" + { noticeId: 12 } → "/notices/12/remediation.pdf".
 */
export function pathOf(module: string, params: Record<string, number | string> = {}): string {
  const segments = module
    // Split on the dots that separate segments, not on an escaped "[.]".
    .split(/\.(?![^[]*\])/)
    .map((s) => s.replace(/\[\.\]/g, "."))
    .filter((s) => s !== "_index")
    .map((s) => {
      const name = s.replace(/_$/, "");
      if (!name.startsWith("$")) return name;
      const value = params[name.slice(1)];
      if (value === undefined) throw new Error(`${module}: no value for ${name}`);
      return String(value);
    });
  return `/${segments.join("/")}`;
}

// ------------------------------------------------------------------------------------------ the world the table talks about

type Own = {
  update: number;
  remove: number;
  move: number;
  mergeA: number;
  mergeB: number;
  cite: number;
  /** A photo citation of one of the actor's findings, to remove. */
  citation: number;
  recUpdate: number;
  recRemove: number;
  recMove: number;
  recMergeA: number;
  recMergeB: number;
};

export type Fixture = {
  ubndBinhAn: number;
  oneStopBinhAn: number;
  ubndPhoChau: number;
  ubndDiAn: number;
  user: Record<UserName, number>;
  /** An account the administrator's rows edit and reset (so no demo user's session ends). */
  adminTarget: number;
  /** An account the sign-in row signs in. */
  signInTarget: string;
  /** The shipped checklist of this year's plans, one tri-state item of it, and a template of the administrator's rows. */
  shippedTemplate: number;
  triItem: number;
  matrixTemplate: number;
  matrixSectionA: number;
  matrixItemA1: number;
  matrixItemA2: number;
  /** An item of a checklist no visit here uses. */
  foreignItem: number;
  /** Plan 05/KH-HĐND (concluded), its visit of UBND phường Bình An and notice 12/TB (issued). */
  plan05: number;
  visit05: number;
  notice12: number;
  recAccepted: number;
  recReturned: number;
  recInProgress: number;
  /** A shortcoming, a figure, a photo and a citation of the concluded seed-001 visit. */
  visit05Finding: number;
  visit05Figure: number;
  visit05Photo: number;
  visit05Citation: number;
  /** This year's Bình An plan (in progress): the one-stop-shop's visit, and a visit of UBND phường Bình An with the draft notice. */
  currentPlan: number;
  currentVisit: number;
  secondVisit: number;
  draftNotice: number;
  /** A draft plan of HĐND phường Bình An visiting UBND phường Bình An; no account sits on its team. */
  draftPlan: number;
  draftPlanVisit: number;
  /** A photo of this year's one-stop-shop visit. */
  photo: number;
  /** The unit's report on recReturned (awaiting review) with its evidence file, and a pending extension request. */
  reportAwaitingReview: number;
  evidence: number;
  pendingExtension: number;
  /** The Báo cáo kết quả khắc phục UBND phường Bình An issued on notice 12/TB. */
  remediationDocument: number;
  /** A Dĩ An plan, its visit, notice and an open recommendation. */
  diAnPlan: number;
  diAnVisit: number;
  diAnNotice: number;
  diAnRecommendation: number;
  /** Three unread notifications of each user: to read, to open, and for "read all". */
  notification: Record<UserName, [number, number, number]>;
  /** Findings and draft recommendations of this year's one-stop-shop visit, one set for each actor allowed to write them. */
  own: Record<"trang.ttt" | "nhung.vt", Own>;
};

export type World = { db: Db; f: Fixture; models: Record<"trang.ttt" | "nhung.vt" | "ubnd.binhan", Actor> };

export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

const CURRENT_PLAN = "Giám sát việc thực hiện kiến nghị sau giám sát và hoạt động của Trung tâm Phục vụ hành chính công phường";

async function one<T>(rows: Promise<T[]> | T[], what: string): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error(`fixture: no ${what}`);
  return row;
}

/** Builds what the rows talk about on the demo data (call once, after ensureDemoData). */
export async function buildWorld(db: Db): Promise<World> {
  const today = vietnamDate();
  const unitId = async (name: string) => (await one(db.select({ id: units.id }).from(units).where(eq(units.name, name)), name)).id;
  const user = {} as Record<UserName, number>;
  for (const name of ACTORS) {
    if (name === "anonymous") continue;
    user[name] = (await one(db.select({ id: users.id }).from(users).where(eq(users.username, name)), name)).id;
  }
  const models = {
    "trang.ttt": await actorFor(user["trang.ttt"]),
    "nhung.vt": await actorFor(user["nhung.vt"]),
    "ubnd.binhan": await actorFor(user["ubnd.binhan"]),
  };
  const binhAnCouncil = await unitId("HĐND phường Bình An");
  const diAnCouncil = await unitId("HĐND phường Dĩ An");
  const ubndBinhAn = await unitId("UBND phường Bình An");
  const oneStopBinhAn = await unitId("Bộ phận Một cửa phường Bình An");
  const ubndPhoChau = await unitId("UBND xã Phổ Châu");

  const plan05 = await one(db.select().from(supervisionPlans).where(and(eq(supervisionPlans.issuingUnitId, binhAnCouncil), eq(supervisionPlans.number, 5))), "plan 05");
  const visit05 = await one(db.select().from(visits).where(eq(visits.planId, plan05.id)), "visit of plan 05");
  const notice12 = await one(db.select().from(conclusionNotices).where(and(eq(conclusionNotices.issuingUnitId, binhAnCouncil), eq(conclusionNotices.number, 12))), "notice 12");
  const recOf = async (status: "accepted" | "returned" | "in_progress") =>
    (await one(db.select().from(recommendations).where(and(eq(recommendations.noticeId, notice12.id), eq(recommendations.status, status))), `${status} recommendation`)).id;
  const current = await one(db.select().from(supervisionPlans).where(eq(supervisionPlans.subject, CURRENT_PLAN)), "this year's plan");
  const currentVisit = await one(db.select().from(visits).where(eq(visits.planId, current.id)), "this year's visit");
  const shippedTemplate = current.checklistTemplateId as number;
  const triItem = await one(
    db
      .select({ id: checklistItems.id })
      .from(checklistItems)
      .innerJoin(checklistSections, eq(checklistSections.id, checklistItems.sectionId))
      .where(and(eq(checklistSections.templateId, shippedTemplate), eq(checklistItems.answerType, "tri_state")))
      .orderBy(asc(checklistSections.position), asc(checklistItems.position)),
    "tri-state item",
  );
  const diAnPlan = await one(db.select().from(supervisionPlans).where(eq(supervisionPlans.issuingUnitId, diAnCouncil)), "Dĩ An plan");
  const diAnVisit = await one(db.select().from(visits).where(eq(visits.planId, diAnPlan.id)), "Dĩ An visit");
  const diAnNotice = await one(db.select().from(conclusionNotices).where(eq(conclusionNotices.visitId, diAnVisit.id)), "Dĩ An notice");
  const diAnRecommendation = await one(
    db.select().from(recommendations).where(and(eq(recommendations.noticeId, diAnNotice.id), sql`${recommendations.status} <> 'accepted'`)),
    "open Dĩ An recommendation",
  );
  const visit05Finding = await one(
    db.select({ id: findings.id }).from(findings).where(and(eq(findings.visitId, visit05.id), eq(findings.kind, "shortcoming"))),
    "seed-001 shortcoming",
  );
  const visit05Figure = await one(db.select({ id: indicatorFigures.id }).from(indicatorFigures).where(eq(indicatorFigures.visitId, visit05.id)), "seed-001 figure");

  // The administrator's own template: a draft no plan uses, so its edits happen in place.
  const matrix = await makeChecklistTemplate(db, {
    code: "ma-tran-quyen",
    title: "Phiếu thử của ma trận quyền",
    sections: [
      { code: "A", title: "Phần A", items: [{ code: "A1", text: "Tiêu chí A1" }, { code: "A2", text: "Tiêu chí A2" }] },
      { code: "B", title: "Phần B", items: [{ code: "B1", text: "Tiêu chí B1" }] },
    ],
  });
  await db.update(checklistTemplates).set({ status: "draft" }).where(eq(checklistTemplates.id, matrix.template.id));
  const matrixSectionA = await one(
    db.select({ id: checklistSections.id }).from(checklistSections).where(and(eq(checklistSections.templateId, matrix.template.id), eq(checklistSections.code, "A"))),
    "section A",
  );
  const adminTarget = await makeUser(db, { username: "ma.tran.quantri", fullName: "Người dùng thử của quản trị", role: "unit", unitId: ubndPhoChau });
  await makeUser(db, { username: "ma.tran.dangnhap", fullName: "Người dùng thử đăng nhập", role: "unit", unitId: ubndPhoChau, password: DEMO_PASSWORD });

  // A second visit of this year's plan, of UBND phường Bình An, with the notice being drafted.
  const secondVisit = await makeVisit(db, { planId: current.id, unitId: ubndBinhAn, scheduledAt: new Date(`${addDays(today, 6)}T08:00:00+07:00`) });
  const draftNotice = await openNoticeDraft(models["trang.ttt"], secondVisit.id);
  const draftPlan = await createPlan(models["trang.ttt"], {
    subject: "Kế hoạch dự thảo của ma trận quyền",
    legalBasis: "",
    purpose: "",
    periodStart: `${today.slice(0, 4)}-01-01`,
    periodEnd: today,
    reportingOutline: "Đề cương của kế hoạch dự thảo.",
    checklistTemplateId: shippedTemplate,
    signerName: "Trần Thị Thuỳ Trang",
    signerIsDeputy: false,
    recipients: "",
    members: [{ userId: null, fullName: "Nguyễn Văn Dự Thảo", title: "", role: "lead" }],
    units: [{ unitId: ubndBinhAn, scheduledAt: "" }],
  });
  const draftPlanVisit = await one(db.select().from(visits).where(eq(visits.planId, draftPlan.id)), "draft plan's visit");

  const photo = await storeVisitPhoto(models["nhung.vt"], currentVisit.id, { clientId: randomUUID(), itemId: null, fileName: "bang-niem-yet.jpg", bytes: JPEG });
  const oldClientId = randomUUID();
  const [visit05Photo] = await db
    .insert(attachments)
    .values({ clientId: oldClientId, visitId: visit05.id, kind: "photo", fileName: "anh-2024.jpg", contentType: "image/jpeg", byteSize: JPEG.byteLength, sha256: "0".repeat(64), storageKey: `visits/${visit05.id}/${oldClientId}.jpg` })
    .returning({ id: attachments.id });
  const [visit05Citation] = await db
    .insert(findingCitations)
    .values({ findingId: visit05Finding.id, figureId: visit05Figure.id })
    .returning({ id: findingCitations.id });

  const recReturned = await recOf("returned");
  const { reportId } = await submitRemediationReport(
    models["ubnd.binhan"],
    recReturned,
    { progress: "completed", content: "Đã bổ sung ảnh chụp bảng niêm yết mới." },
    [{ fileName: "minh-chung.png", bytes: PNG }],
  );
  const evidence = await one(db.select({ id: attachments.id }).from(attachments).where(eq(attachments.remediationReportId, reportId)), "evidence");
  const { requestId } = await requestExtension(models["ubnd.binhan"], recReturned, { requestedDeadline: addDays(today, 40), reason: "Chờ kinh phí thay bảng niêm yết." });
  const document = await issueRemediationDocument(models["ubnd.binhan"], notice12.id, {
    authority: "TM. ỦY BAN NHÂN DÂN",
    title: "CHỦ TỊCH",
    name: "Nguyễn Văn Bình",
    recipients: ["Thường trực HĐND phường Bình An"],
  });

  const notification = {} as Record<UserName, [number, number, number]>;
  for (const [name, id] of Object.entries(user) as [UserName, number][]) {
    const rows = await db
      .insert(notifications)
      .values([1, 2, 3].map((n) => ({ userId: id, title: `Nhắc việc ${n} của ${name}`, link: "/recommendations" })))
      .returning({ id: notifications.id });
    notification[name] = [rows[0].id, rows[1].id, rows[2].id];
  }

  const ownSet = async (name: "trang.ttt" | "nhung.vt", base: number): Promise<Own> => {
    const finding = async (kind: "achievement" | "shortcoming", text: string, position: number) =>
      (await makeFinding(db, { visitId: currentVisit.id, kind, text: `${text} (${name})`, position: base + position })).id;
    const draft = async (text: string, position: number) =>
      (await makeRecommendation(db, { visitId: currentVisit.id, addressedUnitId: oneStopBinhAn, text: `${text} (${name})`, deadline: addDays(today, 30), position: base + position })).id;
    const cited = await finding("achievement", "Có ảnh làm căn cứ", 7);
    const [citation] = await db.insert(findingCitations).values({ findingId: cited, attachmentId: photo.id }).returning({ id: findingCitations.id });
    return {
      update: await finding("achievement", "Để sửa", 1),
      remove: await finding("achievement", "Để xóa", 2),
      move: await finding("achievement", "Để chuyển chỗ", 3),
      mergeA: await finding("shortcoming", "Gộp A", 4),
      mergeB: await finding("shortcoming", "Gộp B", 5),
      cite: await finding("achievement", "Để thêm căn cứ", 6),
      citation: citation.id,
      recUpdate: await draft("Kiến nghị để sửa", 1),
      recRemove: await draft("Kiến nghị để xóa", 2),
      recMove: await draft("Kiến nghị để chuyển chỗ", 3),
      recMergeA: await draft("Kiến nghị gộp A", 4),
      recMergeB: await draft("Kiến nghị gộp B", 5),
    };
  };

  const f: Fixture = {
    ubndBinhAn,
    oneStopBinhAn,
    ubndPhoChau,
    ubndDiAn: await unitId("UBND phường Dĩ An"),
    user,
    adminTarget: adminTarget.id,
    signInTarget: "ma.tran.dangnhap",
    shippedTemplate,
    triItem: triItem.id,
    matrixTemplate: matrix.template.id,
    matrixSectionA: matrixSectionA.id,
    matrixItemA1: matrix.items.A1,
    matrixItemA2: matrix.items.A2,
    foreignItem: matrix.items.B1,
    plan05: plan05.id,
    visit05: visit05.id,
    notice12: notice12.id,
    recAccepted: await recOf("accepted"),
    recReturned,
    recInProgress: await recOf("in_progress"),
    visit05Finding: visit05Finding.id,
    visit05Figure: visit05Figure.id,
    visit05Photo: visit05Photo.id,
    visit05Citation: visit05Citation.id,
    currentPlan: current.id,
    currentVisit: currentVisit.id,
    secondVisit: secondVisit.id,
    draftNotice,
    draftPlan: draftPlan.id,
    draftPlanVisit: draftPlanVisit.id,
    photo: photo.id,
    reportAwaitingReview: reportId,
    evidence: evidence.id,
    pendingExtension: requestId,
    remediationDocument: document.id,
    diAnPlan: diAnPlan.id,
    diAnVisit: diAnVisit.id,
    diAnNotice: diAnNotice.id,
    diAnRecommendation: diAnRecommendation.id,
    notification,
    own: { "trang.ttt": await ownSet("trang.ttt", 100), "nhung.vt": await ownSet("nhung.vt", 200) },
  };
  return { db, f, models };
}

// ------------------------------------------------------------------------------------------ reads

export type DownloadKind = "pdf" | "zip" | "json" | "jpeg" | "png";

export type ReadRow = {
  module: ModuleName;
  name: string;
  params?: (f: Fixture) => Record<string, number>;
  expect: Expect<ReadOutcome>;
  /** What an allowed download starts with. */
  file?: DownloadKind;
  /** What a refusal says; /quyền/ unless told. */
  refusal?: RegExp;
};

export const READS: ReadRow[] = [
  { module: "_index", name: "home page", expect: SIGNED_IN },
  { module: "account.password", name: "own password form", expect: SIGNED_IN },
  { module: "admin.audit", name: "audit log", expect: ADMIN_ONLY },
  { module: "admin.settings", name: "follow-up settings", expect: ADMIN_ONLY },
  { module: "admin.templates.$templateId.json", name: "the shipped checklist as a file", params: (f) => ({ templateId: f.shippedTemplate }), expect: ADMIN_ONLY, file: "json" },
  { module: "admin.templates.$templateId", name: "the shipped checklist", params: (f) => ({ templateId: f.shippedTemplate }), expect: ADMIN_ONLY },
  { module: "admin.templates._index", name: "checklist templates", expect: ADMIN_ONLY },
  { module: "admin.templates.import", name: "template import form", expect: ADMIN_ONLY },
  { module: "admin.units.$unitId", name: "unit edit form", params: (f) => ({ unitId: f.ubndBinhAn }), expect: ADMIN_ONLY },
  { module: "admin.units._index", name: "units", expect: ADMIN_ONLY },
  { module: "admin.units.new", name: "new unit form", expect: ADMIN_ONLY },
  { module: "admin.users.$userId.password", name: "password reset form", params: (f) => ({ userId: f.user["ubnd.phochau"] }), expect: ADMIN_ONLY },
  { module: "admin.users.$userId", name: "user edit form", params: (f) => ({ userId: f.user["ubnd.phochau"] }), expect: ADMIN_ONLY },
  { module: "admin.users._index", name: "users", expect: ADMIN_ONLY },
  { module: "admin.users.new", name: "new user form", expect: ADMIN_ONLY },
  // Direct download links of attachments: a checklist photo goes to the visit's team only (not the
  // visited unit); a remediation evidence file to whoever may see the recommendation.
  { module: "attachments.$attachmentId", name: "photo of this year's one-stop-shop visit", params: (f) => ({ attachmentId: f.photo }), expect: BINH_AN_TEAM, file: "jpeg" },
  { module: "attachments.$attachmentId", name: "evidence of UBND phường Bình An's report", params: (f) => ({ attachmentId: f.evidence }), expect: ABOUT_UBND_BINH_AN, file: "png" },
  { module: "attachments.$attachmentId", name: "an attachment that does not exist", params: () => ({ attachmentId: 999_999 }), expect: NOBODY },
  { module: "dashboard", name: "follow-up dashboard", expect: COMMITTEES },
  { module: "healthz", name: "health check (public)", expect: EVERYONE },
  { module: "login", name: "sign-in page", expect: { ...EVERYONE, quantri: "redirect", "trang.ttt": "redirect", "tt.dian": "redirect", "nhung.vt": "redirect", "hung.nv": "redirect", "ubnd.binhan": "redirect", "motcua.binhan": "redirect", "ubnd.phochau": "redirect" } },
  { module: "logout", name: "sign-out by GET (only sends home)", expect: { anonymous: "redirect", quantri: "redirect", "trang.ttt": "redirect", "tt.dian": "redirect", "nhung.vt": "redirect", "hung.nv": "redirect", "ubnd.binhan": "redirect", "motcua.binhan": "redirect", "ubnd.phochau": "redirect" } },
  // An issued notice: the council's committee, the plan's team and the units it concerns; a draft: the committee and the team only.
  { module: "notices.$noticeId.docx", name: "notice 12/TB (issued) as Word", params: (f) => ({ noticeId: f.notice12 }), expect: ABOUT_UBND_BINH_AN, file: "zip" },
  { module: "notices.$noticeId.docx", name: "draft notice as Word", params: (f) => ({ noticeId: f.draftNotice }), expect: BINH_AN_TEAM, file: "zip" },
  { module: "notices.$noticeId.pdf", name: "notice 12/TB (issued) as PDF", params: (f) => ({ noticeId: f.notice12 }), expect: ABOUT_UBND_BINH_AN, file: "pdf" },
  { module: "notices.$noticeId.pdf", name: "draft notice as PDF", params: (f) => ({ noticeId: f.draftNotice }), expect: BINH_AN_TEAM, file: "pdf" },
  { module: "notices.$noticeId", name: "notice 12/TB (issued)", params: (f) => ({ noticeId: f.notice12 }), expect: ABOUT_UBND_BINH_AN },
  { module: "notices.$noticeId", name: "draft notice", params: (f) => ({ noticeId: f.draftNotice }), expect: BINH_AN_TEAM },
  { module: "notices.$noticeId_.remediation", name: "unit's remediation report on notice 12/TB", params: (f) => ({ noticeId: f.notice12 }), expect: UBND_BINH_AN },
  { module: "notices.$noticeId_.remediation", name: "unit's remediation report on a draft notice", params: (f) => ({ noticeId: f.draftNotice }), expect: NOBODY },
  { module: "notices.$noticeId_.remediation[.]pdf", name: "unit's draft remediation report PDF on notice 12/TB", params: (f) => ({ noticeId: f.notice12 }), expect: UBND_BINH_AN, file: "pdf" },
  { module: "notices._index", name: "register of notices", expect: PLAN_READERS },
  { module: "notifications._index", name: "notifications", expect: SIGNED_IN },
  { module: "plans.$planId.pdf", name: "plan 05/KH as PDF", params: (f) => ({ planId: f.plan05 }), expect: ABOUT_UBND_BINH_AN, file: "pdf" },
  // A draft plan is the council's working paper: not even the unit it will visit sees it.
  { module: "plans.$planId.pdf", name: "draft plan as PDF", params: (f) => ({ planId: f.draftPlan }), expect: BINH_AN_COMMITTEE, file: "pdf" },
  { module: "plans.$planId", name: "plan 05/KH", params: (f) => ({ planId: f.plan05 }), expect: ABOUT_UBND_BINH_AN },
  { module: "plans.$planId", name: "draft plan", params: (f) => ({ planId: f.draftPlan }), expect: BINH_AN_COMMITTEE },
  { module: "plans.$planId_.edit", name: "edit form of this year's plan", params: (f) => ({ planId: f.currentPlan }), expect: BINH_AN_COMMITTEE },
  // Concluded: nobody may edit it any more, its own council included.
  { module: "plans.$planId_.edit", name: "edit form of concluded plan 05/KH", params: (f) => ({ planId: f.plan05 }), expect: NOBODY, refusal: /quyền|không thể sửa/ },
  { module: "plans._index", name: "plan list", expect: PLAN_READERS },
  { module: "plans.new", name: "new plan form", expect: COMMITTEES },
  { module: "recommendations.$recommendationId", name: "a recommendation to UBND phường Bình An", params: (f) => ({ recommendationId: f.recInProgress }), expect: ABOUT_UBND_BINH_AN },
  { module: "recommendations.$recommendationId", name: "a recommendation to UBND phường Dĩ An", params: (f) => ({ recommendationId: f.diAnRecommendation }), expect: { ...NOBODY, "tt.dian": "ok", "hung.nv": "ok" } },
  { module: "recommendations._index", name: "tracker", expect: PLAN_READERS },
  { module: "recommendations.export[.]xlsx", name: "tracker as Excel", expect: PLAN_READERS, file: "zip" },
  { module: "recommendations.report[.]pdf", name: "follow-up report PDF", expect: COMMITTEES, file: "pdf" },
  { module: "remediation-documents.$documentId.pdf", name: "UBND phường Bình An's issued remediation report", params: (f) => ({ documentId: f.remediationDocument }), expect: ABOUT_UBND_BINH_AN, file: "pdf" },
  { module: "supervisions.import", name: "supervision import form", expect: COMMITTEES },
  { module: "units.$unitId", name: "UBND phường Bình An", params: (f) => ({ unitId: f.ubndBinhAn }), expect: { ...ABOUT_UBND_BINH_AN, quantri: "ok" } },
  { module: "units.$unitId", name: "the one-stop-shop of Bình An (under UBND)", params: (f) => ({ unitId: f.oneStopBinhAn }), expect: { ...ABOUT_UBND_BINH_AN, quantri: "ok", "motcua.binhan": "ok" } },
  { module: "units.$unitId", name: "UBND xã Phổ Châu", params: (f) => ({ unitId: f.ubndPhoChau }), expect: { ...NOBODY, quantri: "ok", "ubnd.phochau": "ok" } },
  { module: "visits.$visitId.answers", name: "answers of this year's one-stop-shop visit (tablet sync)", params: (f) => ({ visitId: f.currentVisit }), expect: BINH_AN_TEAM, file: "json" },
  { module: "visits.$visitId", name: "checklist of this year's one-stop-shop visit", params: (f) => ({ visitId: f.currentVisit }), expect: BINH_AN_TEAM },
  // The supervision file of a visit: its team and the committee over it; a committee or team of another ward is told "not found".
  { module: "visits.$visitId_.export", name: "seed-001 visit as a supervision file", params: (f) => ({ visitId: f.visit05 }), expect: { ...BINH_AN_TEAM, "tt.dian": "hidden", "hung.nv": "hidden" }, file: "json" },
  { module: "visits.$visitId_.export", name: "a Dĩ An visit as a supervision file", params: (f) => ({ visitId: f.diAnVisit }), expect: { ...NOBODY, "trang.ttt": "hidden", "nhung.vt": "hidden", "tt.dian": "ok", "hung.nv": "ok" }, file: "json" },
  { module: "visits.$visitId_.export", name: "a visit that does not exist as a file", params: () => ({ visitId: 999_999 }), expect: { ...NOBODY, "trang.ttt": "hidden", "nhung.vt": "hidden", "tt.dian": "hidden", "hung.nv": "hidden" } },
  { module: "visits.$visitId_.findings", name: "findings of this year's one-stop-shop visit", params: (f) => ({ visitId: f.currentVisit }), expect: BINH_AN_TEAM },
  { module: "visits.$visitId_.findings", name: "findings of the concluded seed-001 visit", params: (f) => ({ visitId: f.visit05 }), expect: BINH_AN_TEAM },
  // Sends the team to the visit's newest notice; "not found" to everyone else who reads plans.
  {
    module: "visits.$visitId_.notice",
    name: "notice of the seed-001 visit",
    params: (f) => ({ visitId: f.visit05 }),
    expect: { ...NOBODY, "trang.ttt": "redirect", "nhung.vt": "redirect", "tt.dian": "hidden", "hung.nv": "hidden", "ubnd.binhan": "hidden", "motcua.binhan": "hidden", "ubnd.phochau": "hidden" },
  },
  {
    module: "visits.$visitId_.notice",
    name: "notice of this year's one-stop-shop visit (none yet)",
    params: (f) => ({ visitId: f.currentVisit }),
    expect: { ...NOBODY, "trang.ttt": "ok", "nhung.vt": "ok", "tt.dian": "hidden", "hung.nv": "hidden", "ubnd.binhan": "hidden", "motcua.binhan": "hidden", "ubnd.phochau": "hidden" },
  },
  { module: "visits.$visitId_.report", name: "the one-stop-shop's own report", params: (f) => ({ visitId: f.currentVisit }), expect: ONE_STOP_REPORT },
  // The visit of a draft plan: the unit learns of a plan only once it is issued.
  { module: "visits.$visitId_.report", name: "a unit's report for a draft plan's visit", params: (f) => ({ visitId: f.draftPlanVisit }), expect: BINH_AN_COMMITTEE },
];

/**
 * GETs that may write, and what: opening a visit's checklist carries into it the recommendations
 * of earlier notices issued since (carried-recommendation.server.ts), with an audit line when it
 * carries something. A second identical GET must change nothing.
 */
export const MATERIALISING_GETS: Partial<Record<ModuleName, string[]>> = {
  "visits.$visitId": ["carried_recommendations", "audit_log"],
};

// ------------------------------------------------------------------------------------------ writes

/**
 * What a row posts: `form` as the pages' remix-hook-form sends it (every value JSON-encoded),
 * `fields` as a plain HTML form (strings), `json` as the tablet's fetch, `upload` as a multipart
 * form with one file.
 */
export type Body =
  | { form: Record<string, unknown> }
  | { fields: Record<string, string> }
  | { json: unknown }
  | { upload: { field: string; name: string; type: string; content: string | Uint8Array }; fields?: Record<string, string> };

export type WriteRow = {
  module: ModuleName;
  intent?: string;
  name: string;
  params?: (f: Fixture) => Record<string, number>;
  body: (w: World, actor: ActorName) => Body | Promise<Body>;
  expect: Expect<WriteOutcome>;
  /** The allowed actors post a harmless probe, not a real change, for this reason. */
  probe?: string;
  /** Signs the actor in anew for this row (signing out ends the session it is sent with). */
  freshSession?: boolean;
  /** A redirect here that counts as ok even though it leads to the sign-in page. */
  okLocation?: RegExp;
  /** Allowed attempts (all, or these actors') that rightly write nothing; every other allowed attempt must write. */
  noop?: true | ActorName[];
};

/** refused (403/404) for everyone but those given, who get `outcome`. */
function allowing(outcome: WriteOutcome, names: ActorName[], base: Expect<WriteOutcome> = NOBODY): Expect<WriteOutcome> {
  return { ...base, ...Object.fromEntries(names.map((n) => [n, outcome])) };
}

const STALE_REVISION = 999_999;

async function noticeForm(w: World, intent: "save" | "issue", revision?: number) {
  const notice = await getNoticeEditor(w.models["trang.ttt"], w.f.draftNotice);
  if (!notice) throw new Error("draft notice not readable");
  const d = notice.document;
  return {
    form: {
      intent,
      revision: revision ?? notice.revision,
      summary: d.summary,
      placeName: d.placeName,
      recipients: d.recipients.join("\n"),
      signerName: d.signer.name || "Trần Thị Thuỳ Trang",
      signerDeputy: d.signer.deputy,
      signerTitle: d.signer.title,
      blocks: [],
    },
  };
}

async function noticeRevision(w: World) {
  const [row] = await w.db.select({ revision: conclusionNotices.revision }).from(conclusionNotices).where(eq(conclusionNotices.id, w.f.draftNotice));
  return row.revision;
}

function planForm(unitId: number, subject: string, templateId: number): PlanFormValues {
  return {
    subject,
    legalBasis: "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13",
    purpose: "",
    periodStart: "2025-01-01",
    periodEnd: "2025-06-30",
    reportingOutline: "",
    checklistTemplateId: templateId,
    signerName: "Người ký thử",
    signerIsDeputy: false,
    recipients: "",
    members: [{ userId: null, fullName: "Trưởng đoàn thử", title: "", role: "lead" }],
    units: [{ unitId, scheduledAt: "" }],
  };
}

/** The findings page's writers: their own objects; refused actors post trang.ttt's. */
const ownOf = (w: World, actor: ActorName) => w.f.own[actor === "nhung.vt" ? "nhung.vt" : "trang.ttt"];

/** The row's revision now; 1 once it is gone (a refused actor posting after the owner deleted it). */
async function revisionOf(w: World, table: "findings" | "recommendations", id: number): Promise<number> {
  const [row] = rowsOf<{ revision: number }>(await w.db.execute(sql`select revision from ${sql.identifier(table)} where id = ${id}`));
  return row ? Number(row.revision) : 1;
}

async function carriedRevision(w: World, recommendationId: number): Promise<number> {
  const [row] = rowsOf<{ revision: number }>(
    await w.db.execute(sql`select revision from carried_recommendations where visit_id = ${w.f.currentVisit} and recommendation_id = ${recommendationId}`),
  );
  return Number(row.revision);
}

const findingsAt = (f: Fixture) => ({ visitId: f.currentVisit });
const FINDINGS_WRITERS = allowing("ok", ["trang.ttt", "nhung.vt"]);
/** The committee of another ward is told "not found": the notice is not theirs to see. */
const NOTICE_EDITOR = { ...allowing("ok", ["trang.ttt"]), "tt.dian": "hidden" } as const;
const REVIEWER = { ...allowing("ok", ["trang.ttt"]), "tt.dian": "hidden" } as const;
/** The unit the recommendation is addressed to; another unit is told "not found". */
const ADDRESSEE = { ...allowing("ok", ["ubnd.binhan"]), "motcua.binhan": "hidden", "ubnd.phochau": "hidden" } as const;
const ADMIN_WRITE = allowing("ok", ["quantri"]);

/**
 * Rows run in this order, and a few build on the ones before them: the administrator's template is
 * edited, then published, then retired; the draft plan is issued, then started; notifications are
 * read, opened, then all marked read.
 */
export const WRITES: WriteRow[] = [
  {
    module: "account.password",
    name: "change own password",
    body: () => ({ form: { current: "khong-phai-mat-khau", password: "MatKhauMoi@2025", confirm: "MatKhauMoi@2025" } }),
    expect: allowing("rejected", ["quantri", "trang.ttt", "tt.dian", "nhung.vt", "hung.nv", "ubnd.binhan", "motcua.binhan", "ubnd.phochau"]),
    probe: "a wrong current password: a real change would end the actor's other sessions",
  },
  {
    module: "admin.settings",
    name: "save follow-up settings",
    body: async () => ({ form: { ...followUpSettingsFormValues(await getFollowUpSettings()) } }),
    expect: ADMIN_WRITE,
  },
  // The administrator's own draft template: edits in place, then it is published and retired.
  {
    module: "admin.templates.$templateId",
    intent: "edit_title",
    name: "rename a template",
    params: (f) => ({ templateId: f.matrixTemplate }),
    body: () => ({ form: { intent: "edit_title", title: "Phiếu thử của ma trận quyền (đã sửa)", description: "" } }),
    expect: ADMIN_WRITE,
  },
  {
    module: "admin.templates.$templateId",
    intent: "edit_item",
    name: "edit a template item",
    params: (f) => ({ templateId: f.matrixTemplate }),
    body: (w) => ({ form: { intent: "edit_item", itemId: w.f.matrixItemA1, text: "Tiêu chí A1 (đã sửa)", guidance: "", legalBasis: "", targetPercent: null } }),
    expect: ADMIN_WRITE,
  },
  {
    module: "admin.templates.$templateId",
    intent: "add_item",
    name: "add a template item",
    params: (f) => ({ templateId: f.matrixTemplate }),
    body: (w) => ({
      form: { intent: "add_item", sectionId: w.f.matrixSectionA, code: "A9", text: "Tiêu chí thêm", guidance: "", answerType: "tri_state", legalBasis: "", indicatorCode: null, targetPercent: null },
    }),
    expect: ADMIN_WRITE,
  },
  {
    module: "admin.templates.$templateId",
    intent: "remove_item",
    name: "remove a template item",
    params: (f) => ({ templateId: f.matrixTemplate }),
    body: (w) => ({ form: { intent: "remove_item", itemId: w.f.matrixItemA2 } }),
    expect: ADMIN_WRITE,
  },
  { module: "admin.templates.$templateId", intent: "publish", name: "publish a template", params: (f) => ({ templateId: f.matrixTemplate }), body: () => ({ form: { intent: "publish" } }), expect: ADMIN_WRITE },
  { module: "admin.templates.$templateId", intent: "retire", name: "retire a template", params: (f) => ({ templateId: f.matrixTemplate }), body: () => ({ form: { intent: "retire" } }), expect: ADMIN_WRITE },
  {
    module: "admin.templates.import",
    name: "import a template file",
    body: () => ({
      upload: {
        field: "file",
        name: "mau-nhap.json",
        type: "application/json",
        content: JSON.stringify({ code: "ma-tran-nhap", title: "Mẫu nhập của ma trận quyền", sections: [{ code: "A", title: "Phần A", items: [{ code: "A1", text: "Tiêu chí" }] }] }),
      },
    }),
    expect: ADMIN_WRITE,
  },
  {
    module: "admin.units.$unitId",
    name: "save UBND xã Phổ Châu (the administrator as it is; the others renamed)",
    params: (f) => ({ unitId: f.ubndPhoChau }),
    body: async (w, actor) => {
      const [u] = await w.db.select().from(units).where(eq(units.id, w.f.ubndPhoChau));
      return { form: { name: actor === "quantri" ? u.name : "Bị đổi tên", kind: u.kind, parentId: u.parentId, placeName: u.placeName ?? "", code: u.code ?? "", active: u.active } };
    },
    expect: ADMIN_WRITE,
  },
  {
    module: "admin.units.new",
    name: "create a unit",
    body: () => ({ form: { name: "Đơn vị thử của ma trận quyền", kind: "other", parentId: null, placeName: "", code: "", active: true } }),
    expect: ADMIN_WRITE,
  },
  {
    module: "admin.users.$userId.password",
    name: "reset a user's password",
    params: (f) => ({ userId: f.adminTarget }),
    body: () => ({ form: { password: "chiem-quyen-123", confirm: "chiem-quyen-123" } }),
    expect: ADMIN_WRITE,
  },
  {
    module: "admin.users.$userId",
    name: "make a unit user an administrator",
    params: (f) => ({ userId: f.adminTarget }),
    body: (w) => ({ form: { username: "ma.tran.quantri", fullName: "Người dùng thử của quản trị", title: "", unitId: w.f.ubndPhoChau, role: "admin", email: "", active: true } }),
    expect: ADMIN_WRITE,
  },
  {
    module: "admin.users.new",
    name: "create an administrator",
    body: (w) => ({ form: { username: "ma.tran.moi", fullName: "Kẻ Lạ", title: "", unitId: w.f.ubndPhoChau, role: "admin", email: "", password: "mat-khau-moi-1", active: true } }),
    expect: ADMIN_WRITE,
  },
  // Signing in and out is open to everyone: the sign-in of another (test) account, and the end of one's own session.
  { module: "login", name: "sign in", body: (w) => ({ form: { username: w.f.signInTarget, password: DEMO_PASSWORD, redirectTo: "/" } }), expect: EVERYONE },
  // The signed-out have no session to end.
  { module: "logout", name: "sign out", body: () => ({ form: {} }), expect: EVERYONE, freshSession: true, okLocation: /^\/login$/, noop: ["anonymous"] },
  // The draft notice of this year's UBND phường Bình An visit: only the committee of the council that issues it.
  { module: "notices.$noticeId", intent: "save", name: "save the draft notice", params: (f) => ({ noticeId: f.draftNotice }), body: (w) => noticeForm(w, "save"), expect: NOTICE_EDITOR },
  {
    module: "notices.$noticeId",
    intent: "issue",
    name: "issue the draft notice",
    params: (f) => ({ noticeId: f.draftNotice }),
    body: (w, actor) => noticeForm(w, "issue", actor === "trang.ttt" ? STALE_REVISION : undefined),
    expect: { ...NOTICE_EDITOR, "trang.ttt": "rejected" },
    probe: "a stale revision: issuing would freeze the visit's findings that later rows write",
  },
  {
    module: "notices.$noticeId",
    intent: "recompose",
    name: "recompose the draft notice",
    params: (f) => ({ noticeId: f.draftNotice }),
    body: async (w) => ({ form: { intent: "recompose", revision: await noticeRevision(w) } }),
    expect: NOTICE_EDITOR,
  },
  {
    module: "notices.$noticeId",
    intent: "discard",
    name: "discard the draft notice",
    params: (f) => ({ noticeId: f.draftNotice }),
    body: async (w, actor) => ({ form: { intent: "discard", revision: actor === "trang.ttt" ? STALE_REVISION : await noticeRevision(w) } }),
    expect: { ...NOTICE_EDITOR, "trang.ttt": "rejected" },
    probe: "a stale revision: the draft is read by later rows",
  },
  {
    module: "notices.$noticeId",
    name: "save issued notice 12/TB",
    intent: "save",
    params: (f) => ({ noticeId: f.notice12 }),
    body: async (w) => ({ form: { ...(await noticeForm(w, "save")).form, revision: 2 } }),
    expect: { ...NOTICE_EDITOR, "trang.ttt": "rejected" },
  },
  {
    module: "notices.$noticeId_.remediation",
    intent: "preview",
    name: "preview the unit's remediation report on notice 12/TB",
    params: (f) => ({ noticeId: f.notice12 }),
    body: () => ({ fields: { intent: "preview", authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "Nguyễn Văn Bình", recipients: "Thường trực HĐND" } }),
    // Preview only redirects to the PDF with what was typed; the PDF (a read row) checks who asks.
    expect: allowing("ok", ["ubnd.binhan", "motcua.binhan", "ubnd.phochau"]),
    noop: true,
  },
  {
    module: "notices.$noticeId_.remediation",
    intent: "issue",
    name: "issue the unit's remediation report on notice 12/TB",
    params: (f) => ({ noticeId: f.notice12 }),
    body: () => ({ fields: { intent: "issue", authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "Nguyễn Văn Bình", recipients: "Thường trực HĐND" } }),
    expect: ADDRESSEE,
  },
  // Everyone's own notifications (the signed-out post quantri's).
  {
    module: "notifications._index",
    intent: "read",
    name: "mark own notification read",
    body: (w, actor) => ({ form: { intent: "read", id: w.f.notification[actor === "anonymous" ? "quantri" : actor][0] } }),
    expect: SIGNED_IN,
  },
  {
    module: "notifications._index",
    intent: "open",
    name: "open own notification",
    body: (w, actor) => ({ form: { intent: "open", id: w.f.notification[actor === "anonymous" ? "quantri" : actor][1] } }),
    expect: SIGNED_IN,
  },
  { module: "notifications._index", intent: "read_all", name: "mark all own notifications read", body: () => ({ form: { intent: "read_all" } }), expect: SIGNED_IN },
  // The draft plan: issued, then moved on (in this order), by its council's committee only.
  {
    module: "plans.$planId",
    intent: "issue",
    name: "issue the draft plan",
    params: (f) => ({ planId: f.draftPlan }),
    body: () => ({ form: { intent: "issue", issueDate: vietnamDate() } }),
    expect: allowing("ok", ["trang.ttt"]),
  },
  {
    module: "plans.$planId",
    intent: "status",
    name: "start the (now issued) draft plan",
    params: (f) => ({ planId: f.draftPlan }),
    body: () => ({ form: { intent: "status", to: "in_progress" } }),
    expect: allowing("ok", ["trang.ttt"]),
  },
  {
    module: "plans.$planId_.edit",
    name: "save this year's plan as it is",
    params: (f) => ({ planId: f.currentPlan }),
    body: async (w) => ({ form: { ...(await getPlanForEdit(w.models["trang.ttt"], w.f.currentPlan)).values } }),
    expect: allowing("ok", ["trang.ttt"]),
  },
  {
    module: "plans.new",
    name: "create a plan of one's own council",
    body: (w, actor) => ({
      form: { ...planForm(actor === "tt.dian" ? w.f.ubndDiAn : w.f.oneStopBinhAn, `Kế hoạch thử của ${actor}`, w.f.shippedTemplate) },
    }),
    expect: COMMITTEES,
  },
  // Remediation: the addressed unit reports and asks for time; the committee over it reviews and decides.
  {
    module: "recommendations.$recommendationId",
    intent: "report",
    name: "report progress on a recommendation to UBND phường Bình An",
    params: (f) => ({ recommendationId: f.recInProgress }),
    body: () => ({ fields: { intent: "report", progress: "in_progress", content: "Đang thay bảng niêm yết." } }),
    expect: ADDRESSEE,
  },
  {
    module: "recommendations.$recommendationId",
    intent: "extension",
    name: "ask for an extension of a recommendation to UBND phường Bình An",
    params: (f) => ({ recommendationId: f.recInProgress }),
    body: () => ({ fields: { intent: "extension", requestedDeadline: addDays(vietnamDate(), 60), reason: "Chờ phê duyệt dự toán." } }),
    expect: ADDRESSEE,
  },
  {
    module: "recommendations.$recommendationId",
    intent: "review",
    name: "return UBND phường Bình An's report",
    params: (f) => ({ recommendationId: f.recReturned }),
    body: (w) => ({ fields: { intent: "review", reportId: String(w.f.reportAwaitingReview), decision: "return", note: "Cần bổ sung văn bản chỉ đạo." } }),
    expect: REVIEWER,
  },
  {
    module: "recommendations.$recommendationId",
    intent: "decide-extension",
    name: "refuse UBND phường Bình An's extension request",
    params: (f) => ({ recommendationId: f.recReturned }),
    body: (w) => ({ fields: { intent: "decide-extension", requestId: String(w.f.pendingExtension), decision: "refuse", grantedDeadline: "", note: "Không đủ căn cứ gia hạn." } }),
    expect: REVIEWER,
  },
  // An accepted recommendation is closed for good: nobody reports on it or reviews it again.
  {
    module: "recommendations.$recommendationId",
    intent: "report",
    name: "report on an accepted recommendation",
    params: (f) => ({ recommendationId: f.recAccepted }),
    body: () => ({ fields: { intent: "report", progress: "completed", content: "Báo cáo lại." } }),
    expect: { ...ADDRESSEE, "ubnd.binhan": "rejected" },
  },
  {
    module: "recommendations.$recommendationId",
    intent: "review",
    name: "review an accepted recommendation again",
    params: (f) => ({ recommendationId: f.recAccepted }),
    body: (w) => ({ fields: { intent: "review", reportId: String(w.f.reportAwaitingReview), decision: "return", note: "Mở lại." } }),
    expect: { ...REVIEWER, "trang.ttt": "rejected" },
  },
  {
    module: "supervisions.import",
    name: "import the Bình An supervision file",
    body: () => ({
      upload: { field: "file", name: "binh-an.json", type: "application/json", content: JSON.stringify({ ...binhAnFile, plan: { ...binhAnFile.plan, number: null } }) },
    }),
    // The committee of another ward does not find Bình An's UBND among its units.
    expect: { ...COMMITTEES, "tt.dian": "rejected" },
  },
  {
    module: "visits.$visitId.answers",
    name: "answer a checklist item (tablet sync)",
    params: (f) => ({ visitId: f.secondVisit }),
    body: (w) => ({ json: { edits: [{ editId: randomUUID(), itemId: w.f.triItem, answeredAt: new Date().toISOString(), baseRevision: 0, value: "met", note: "" }] } }),
    expect: allowing("ok", ["trang.ttt", "nhung.vt"]),
  },
  {
    module: "visits.$visitId.carried",
    name: "record a carried recommendation's state",
    params: (f) => ({ visitId: f.currentVisit }),
    body: async (w) => ({ form: { recommendationId: w.f.recReturned, value: "not_met", note: "Chưa thay bảng niêm yết.", revision: await carriedRevision(w, w.f.recReturned) } }),
    expect: allowing("ok", ["trang.ttt", "nhung.vt"]),
  },
  {
    module: "visits.$visitId.photos",
    name: "upload a checklist photo",
    params: (f) => ({ visitId: f.secondVisit }),
    body: () => ({ upload: { field: "photo", name: "anh.jpg", type: "image/jpeg", content: JPEG }, fields: { clientId: randomUUID(), itemId: "" } }),
    expect: allowing("ok", ["trang.ttt", "nhung.vt"]),
  },
  // The findings page of this year's one-stop-shop visit: every intent, each writer on its own findings.
  {
    module: "visits.$visitId_.findings",
    intent: "finding.create",
    name: "add an achievement citing the visit's photo",
    params: findingsAt,
    body: (w, actor) => ({ form: { intent: "finding.create", kind: "achievement", causeKind: null, parentId: null, text: `Kết quả của ${actor}`, itemIds: [], figureIds: [], attachmentIds: [w.f.photo] } }),
    expect: FINDINGS_WRITERS,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "finding.update",
    name: "edit a finding",
    params: findingsAt,
    body: async (w, actor) => {
      const id = ownOf(w, actor).update;
      return { form: { intent: "finding.update", id, revision: await revisionOf(w, "findings", id), text: `Đã sửa bởi ${actor}` } };
    },
    expect: FINDINGS_WRITERS,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "finding.delete",
    name: "delete a finding",
    params: findingsAt,
    body: async (w, actor) => {
      const id = ownOf(w, actor).remove;
      return { form: { intent: "finding.delete", id, revision: await revisionOf(w, "findings", id) } };
    },
    expect: FINDINGS_WRITERS,
  },
  { module: "visits.$visitId_.findings", intent: "finding.move", name: "move a finding", params: findingsAt, body: (w, actor) => ({ form: { intent: "finding.move", id: ownOf(w, actor).move, direction: "down" } }), expect: FINDINGS_WRITERS },
  {
    module: "visits.$visitId_.findings",
    intent: "finding.merge",
    name: "merge two shortcomings",
    params: findingsAt,
    body: (w, actor) => ({ form: { intent: "finding.merge", ids: [ownOf(w, actor).mergeA, ownOf(w, actor).mergeB] } }),
    expect: FINDINGS_WRITERS,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "citation.add",
    name: "cite a checklist item",
    params: findingsAt,
    body: (w, actor) => ({ form: { intent: "citation.add", findingId: ownOf(w, actor).cite, target: "item", targetId: w.f.triItem } }),
    expect: FINDINGS_WRITERS,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "citation.remove",
    name: "remove a citation",
    params: findingsAt,
    body: (w, actor) => ({ form: { intent: "citation.remove", citationId: ownOf(w, actor).citation } }),
    expect: FINDINGS_WRITERS,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "recommendation.create",
    name: "add a draft recommendation to the visited unit",
    params: findingsAt,
    body: (w, actor) => ({
      form: { intent: "recommendation.create", addressedUnitId: w.f.oneStopBinhAn, addressedRole: "", text: `Kiến nghị của ${actor}`, deadline: addDays(vietnamDate(), 30), findingIds: [] },
    }),
    expect: FINDINGS_WRITERS,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "recommendation.update",
    name: "edit a draft recommendation",
    params: findingsAt,
    body: async (w, actor) => {
      const id = ownOf(w, actor).recUpdate;
      return {
        form: {
          intent: "recommendation.update",
          id,
          revision: await revisionOf(w, "recommendations", id),
          addressedUnitId: w.f.oneStopBinhAn,
          addressedRole: "",
          text: `Kiến nghị đã sửa bởi ${actor}`,
          deadline: addDays(vietnamDate(), 30),
          findingIds: [],
        },
      };
    },
    expect: FINDINGS_WRITERS,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "recommendation.delete",
    name: "delete a draft recommendation",
    params: findingsAt,
    body: async (w, actor) => {
      const id = ownOf(w, actor).recRemove;
      return { form: { intent: "recommendation.delete", id, revision: await revisionOf(w, "recommendations", id) } };
    },
    expect: FINDINGS_WRITERS,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "recommendation.move",
    name: "move a draft recommendation",
    params: findingsAt,
    body: (w, actor) => ({ form: { intent: "recommendation.move", id: ownOf(w, actor).recMove, direction: "down" } }),
    expect: FINDINGS_WRITERS,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "recommendation.merge",
    name: "merge two draft recommendations",
    params: findingsAt,
    body: (w, actor) => ({ form: { intent: "recommendation.merge", ids: [ownOf(w, actor).recMergeA, ownOf(w, actor).recMergeB] } }),
    expect: FINDINGS_WRITERS,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "finding.update",
    name: "edit a finding of the concluded seed-001 visit",
    params: (f) => ({ visitId: f.visit05 }),
    body: async (w) => ({ form: { intent: "finding.update", id: w.f.visit05Finding, revision: await revisionOf(w, "findings", w.f.visit05Finding), text: "Sửa sau khi ban hành" } }),
    // Its notice is issued: the findings are final for the team and the committee too.
    expect: allowing("rejected", ["trang.ttt", "nhung.vt"]),
  },
  {
    module: "visits.$visitId_.notice",
    name: "open the notice of a visit (it has a draft: no new one)",
    params: (f) => ({ visitId: f.secondVisit }),
    body: () => ({ form: { corrects: null } }),
    expect: { ...allowing("ok", ["trang.ttt"]), "tt.dian": "hidden" },
    noop: true,
  },
  // The one-stop-shop's own report before the visit: the unit and the unit above it.
  {
    module: "visits.$visitId_.report",
    intent: "save",
    name: "save the one-stop-shop's report",
    params: (f) => ({ visitId: f.currentVisit }),
    body: (_w, actor) => ({ form: { intent: "save", unitReport: `Báo cáo nháp của ${actor}`, figures: [] } }),
    expect: allowing("ok", ["ubnd.binhan", "motcua.binhan"]),
  },
  {
    module: "visits.$visitId_.report",
    intent: "submit",
    name: "send the one-stop-shop's report",
    params: (f) => ({ visitId: f.currentVisit }),
    body: (_w, actor) => ({ form: { intent: "submit", unitReport: `Báo cáo của ${actor}`, figures: [] } }),
    expect: allowing("ok", ["ubnd.binhan", "motcua.binhan"]),
  },
];

// ------------------------------------------------------------------------------------------ form-field tampering

/**
 * An actor allowed on the URL's object posts, in the form, the id of an object they may not
 * touch. Expected: refused with a Vietnamese message (`message`), the database unchanged.
 */
export type TamperRow = {
  module: ModuleName;
  intent?: string;
  name: string;
  actor: UserName;
  params?: (f: Fixture) => Record<string, number>;
  body: (w: World) => Body | Promise<Body>;
  expect: WriteOutcome;
  message: RegExp;
};

const GONE = /không còn/;

export const TAMPERING: TamperRow[] = [
  {
    module: "visits.$visitId_.findings",
    intent: "finding.update",
    name: "edit another visit's finding",
    actor: "nhung.vt",
    params: findingsAt,
    body: (w) => ({ form: { intent: "finding.update", id: w.f.visit05Finding, revision: 1, text: "Sửa hộ buổi khác" } }),
    expect: "rejected",
    message: GONE,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "finding.delete",
    name: "delete another visit's finding",
    actor: "trang.ttt",
    params: findingsAt,
    body: (w) => ({ form: { intent: "finding.delete", id: w.f.visit05Finding, revision: 1 } }),
    expect: "rejected",
    message: GONE,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "finding.move",
    name: "move another visit's finding",
    actor: "nhung.vt",
    params: findingsAt,
    body: (w) => ({ form: { intent: "finding.move", id: w.f.visit05Finding, direction: "up" } }),
    expect: "rejected",
    message: GONE,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "finding.merge",
    name: "merge another visit's finding into one's own",
    actor: "nhung.vt",
    params: findingsAt,
    body: (w) => ({ form: { intent: "finding.merge", ids: [w.f.own["nhung.vt"].update, w.f.visit05Finding] } }),
    expect: "rejected",
    message: GONE,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "finding.create",
    name: "add a cause under another visit's shortcoming",
    actor: "nhung.vt",
    params: findingsAt,
    body: (w) => ({ form: { intent: "finding.create", kind: "cause", causeKind: "objective", parentId: w.f.visit05Finding, text: "Nguyên nhân lạc chỗ", itemIds: [], figureIds: [], attachmentIds: [] } }),
    expect: "rejected",
    message: /tồn tại, hạn chế của buổi giám sát/,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "finding.create",
    name: "cite another visit's photo in a new finding",
    actor: "nhung.vt",
    params: findingsAt,
    body: (w) => ({ form: { intent: "finding.create", kind: "achievement", causeKind: null, parentId: null, text: "Ảnh mượn", itemIds: [], figureIds: [], attachmentIds: [w.f.visit05Photo] } }),
    expect: "rejected",
    message: /Ảnh này không thuộc buổi giám sát/,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "citation.add",
    name: "cite another visit's figure",
    actor: "trang.ttt",
    params: findingsAt,
    body: (w) => ({ form: { intent: "citation.add", findingId: w.f.own["trang.ttt"].cite, target: "figure", targetId: w.f.visit05Figure } }),
    expect: "rejected",
    message: /Số liệu này không thuộc buổi giám sát/,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "citation.add",
    name: "cite an item of another checklist",
    actor: "trang.ttt",
    params: findingsAt,
    body: (w) => ({ form: { intent: "citation.add", findingId: w.f.own["trang.ttt"].cite, target: "item", targetId: w.f.foreignItem } }),
    expect: "rejected",
    message: /Tiêu chí này không thuộc phiếu kiểm tra/,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "citation.add",
    name: "add a citation to another visit's finding",
    actor: "nhung.vt",
    params: findingsAt,
    body: (w) => ({ form: { intent: "citation.add", findingId: w.f.visit05Finding, target: "photo", targetId: w.f.photo } }),
    expect: "rejected",
    message: GONE,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "citation.remove",
    name: "remove a citation of another visit",
    actor: "nhung.vt",
    params: findingsAt,
    body: (w) => ({ form: { intent: "citation.remove", citationId: w.f.visit05Citation } }),
    expect: "rejected",
    message: GONE,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "recommendation.create",
    name: "address a recommendation to a unit of another commune",
    actor: "trang.ttt",
    params: findingsAt,
    body: (w) => ({ form: { intent: "recommendation.create", addressedUnitId: w.f.ubndPhoChau, addressedRole: "", text: "Kiến nghị lạc địa bàn", deadline: addDays(vietnamDate(), 30), findingIds: [] } }),
    expect: "rejected",
    message: /Chọn đơn vị nhận kiến nghị trong danh sách/,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "recommendation.create",
    name: "link a recommendation to another visit's finding",
    actor: "nhung.vt",
    params: findingsAt,
    body: (w) => ({
      form: { intent: "recommendation.create", addressedUnitId: w.f.oneStopBinhAn, addressedRole: "", text: "Kiến nghị mượn tồn tại", deadline: addDays(vietnamDate(), 30), findingIds: [w.f.visit05Finding] },
    }),
    expect: "rejected",
    message: /của chính buổi giám sát này/,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "recommendation.update",
    name: "edit an issued recommendation of another visit",
    actor: "trang.ttt",
    params: findingsAt,
    body: (w) => ({
      form: { intent: "recommendation.update", id: w.f.recInProgress, revision: 1, addressedUnitId: w.f.oneStopBinhAn, addressedRole: "", text: "Sửa kiến nghị đã ban hành", deadline: addDays(vietnamDate(), 30), findingIds: [] },
    }),
    expect: "rejected",
    message: GONE,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "recommendation.update",
    name: "readdress one's own draft recommendation to a unit of another commune",
    actor: "nhung.vt",
    params: findingsAt,
    body: async (w) => {
      const id = w.f.own["nhung.vt"].recUpdate;
      return {
        form: { intent: "recommendation.update", id, revision: await revisionOf(w, "recommendations", id), addressedUnitId: w.f.ubndPhoChau, addressedRole: "", text: "Đổi nơi nhận", deadline: addDays(vietnamDate(), 30), findingIds: [] },
      };
    },
    expect: "rejected",
    message: /Chọn đơn vị nhận kiến nghị trong danh sách/,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "recommendation.delete",
    name: "delete an issued recommendation of another visit",
    actor: "trang.ttt",
    params: findingsAt,
    body: (w) => ({ form: { intent: "recommendation.delete", id: w.f.recInProgress, revision: 1 } }),
    expect: "rejected",
    message: GONE,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "recommendation.move",
    name: "move a recommendation of another visit",
    actor: "nhung.vt",
    params: findingsAt,
    body: (w) => ({ form: { intent: "recommendation.move", id: w.f.recInProgress, direction: "up" } }),
    expect: "rejected",
    message: GONE,
  },
  {
    module: "visits.$visitId_.findings",
    intent: "recommendation.merge",
    name: "merge a recommendation of another visit into one's own",
    actor: "nhung.vt",
    params: findingsAt,
    body: (w) => ({ form: { intent: "recommendation.merge", ids: [w.f.own["nhung.vt"].recUpdate, w.f.diAnRecommendation] } }),
    expect: "rejected",
    message: GONE,
  },
  {
    module: "visits.$visitId.answers",
    name: "answer an item of another checklist",
    actor: "nhung.vt",
    params: (f) => ({ visitId: f.secondVisit }),
    body: (w) => ({ json: { edits: [{ editId: randomUUID(), itemId: w.f.foreignItem, answeredAt: new Date().toISOString(), baseRevision: 0, value: "met", note: "" }] } }),
    // The sync endpoint answers per edit (one refused edit never holds back the others): 200, the edit "refused".
    expect: "ok",
    message: /"outcome":"refused".*Tiêu chí không thuộc phiếu kiểm tra/,
  },
  {
    module: "visits.$visitId.photos",
    name: "attach a photo to an item of another checklist",
    actor: "nhung.vt",
    params: (f) => ({ visitId: f.secondVisit }),
    body: (w) => ({ upload: { field: "photo", name: "anh.jpg", type: "image/jpeg", content: JPEG }, fields: { clientId: randomUUID(), itemId: String(w.f.foreignItem) } }),
    expect: "rejected",
    message: /Tiêu chí không thuộc phiếu kiểm tra/,
  },
  {
    module: "visits.$visitId.photos",
    name: "reuse the photo id of another visit",
    actor: "nhung.vt",
    params: (f) => ({ visitId: f.secondVisit }),
    body: async (w) => {
      const [row] = await w.db.select({ clientId: attachments.clientId }).from(attachments).where(eq(attachments.id, w.f.photo));
      return { upload: { field: "photo", name: "anh.jpg", type: "image/jpeg", content: JPEG }, fields: { clientId: row.clientId as string, itemId: "" } };
    },
    expect: "rejected",
    message: /Mã ảnh đã được dùng cho buổi giám sát khác/,
  },
  {
    module: "visits.$visitId.carried",
    name: "record the state of a recommendation not carried into the visit",
    actor: "nhung.vt",
    params: (f) => ({ visitId: f.currentVisit }),
    body: (w) => ({ form: { recommendationId: w.f.diAnRecommendation, value: "met", note: "", revision: 1 } }),
    expect: "hidden",
    message: /không thuộc danh sách kiến nghị kỳ trước/,
  },
  {
    module: "visits.$visitId_.report",
    intent: "save",
    name: "report a figure of another checklist's item",
    actor: "ubnd.binhan",
    params: (f) => ({ visitId: f.currentVisit }),
    body: (w) => ({ form: { intent: "save", unitReport: "Báo cáo", figures: [{ itemId: w.f.foreignItem, numerator: 1, denominator: 2 }] } }),
    expect: "rejected",
    message: /không hợp lệ|không thuộc phiếu kiểm tra/,
  },
  {
    module: "visits.$visitId_.notice",
    name: "open a correction of another ward's notice",
    actor: "trang.ttt",
    params: (f) => ({ visitId: f.visit05 }),
    body: (w) => ({ form: { corrects: w.f.diAnNotice } }),
    expect: "rejected",
    message: /đính chính/,
  },
  {
    module: "recommendations.$recommendationId",
    intent: "review",
    name: "review a report of another recommendation",
    actor: "trang.ttt",
    params: (f) => ({ recommendationId: f.recInProgress }),
    body: (w) => ({ fields: { intent: "review", reportId: String(w.f.reportAwaitingReview), decision: "accept", note: "" } }),
    expect: "rejected",
    message: /không còn là báo cáo mới nhất/,
  },
  {
    module: "recommendations.$recommendationId",
    intent: "decide-extension",
    name: "decide an extension request of another recommendation",
    actor: "trang.ttt",
    params: (f) => ({ recommendationId: f.recInProgress }),
    body: (w) => ({ fields: { intent: "decide-extension", requestId: String(w.f.pendingExtension), decision: "grant", grantedDeadline: "", note: "" } }),
    expect: "hidden",
    message: /Không tìm thấy đề nghị gia hạn này/,
  },
  {
    module: "notifications._index",
    intent: "read",
    name: "mark another user's notification read",
    actor: "ubnd.binhan",
    body: (w) => ({ form: { intent: "read", id: w.f.notification["trang.ttt"][0] } }),
    expect: "hidden",
    message: /Không tìm thấy thông báo này/,
  },
  {
    module: "notifications._index",
    intent: "open",
    name: "open another user's notification",
    actor: "ubnd.binhan",
    body: (w) => ({ form: { intent: "open", id: w.f.notification["trang.ttt"][1] } }),
    expect: "hidden",
    message: /Không tìm thấy thông báo này/,
  },
  {
    module: "plans.new",
    name: "a plan supervising a unit of another commune",
    actor: "trang.ttt",
    body: (w) => ({ form: { ...planForm(w.f.ubndPhoChau, "Kế hoạch lạc địa bàn", w.f.shippedTemplate) } }),
    expect: "rejected",
    message: /thuộc địa bàn của Hội đồng nhân dân/,
  },
  {
    module: "plans.new",
    name: "a plan whose team has an account of another ward",
    actor: "trang.ttt",
    body: (w) => {
      const values = planForm(w.f.oneStopBinhAn, "Kế hoạch mượn người", w.f.shippedTemplate);
      return { form: { ...values, members: [{ userId: w.f.user["hung.nv"], fullName: "Nguyễn Văn Hùng", title: "", role: "lead" }] } };
    },
    expect: "rejected",
    message: /thuộc địa bàn của Hội đồng nhân dân/,
  },
  {
    module: "plans.new",
    name: "a plan on a template no longer in use",
    actor: "trang.ttt",
    body: (w) => ({ form: { ...planForm(w.f.oneStopBinhAn, "Kế hoạch mẫu cũ", w.f.matrixTemplate) } }),
    expect: "rejected",
    message: /Mẫu phiếu kiểm tra không tồn tại hoặc không còn được sử dụng/,
  },
  {
    module: "plans.$planId_.edit",
    name: "add an account of another ward to this year's team",
    actor: "trang.ttt",
    params: (f) => ({ planId: f.currentPlan }),
    body: async (w) => {
      const { values } = await getPlanForEdit(w.models["trang.ttt"], w.f.currentPlan);
      return { form: { ...values, members: [...values.members, { userId: w.f.user["hung.nv"], fullName: "Nguyễn Văn Hùng", title: "", role: "member" }] } };
    },
    expect: "rejected",
    message: /thuộc địa bàn của Hội đồng nhân dân/,
  },
  {
    module: "plans.$planId_.edit",
    name: "swap this year's units for a unit of another commune",
    actor: "trang.ttt",
    params: (f) => ({ planId: f.currentPlan }),
    body: async (w) => {
      const { values } = await getPlanForEdit(w.models["trang.ttt"], w.f.currentPlan);
      return { form: { ...values, units: [{ unitId: w.f.ubndPhoChau, scheduledAt: "" }] } };
    },
    expect: "rejected",
    message: /không thể thêm hoặc bớt đơn vị/,
  },
  {
    module: "admin.templates.$templateId",
    intent: "edit_item",
    name: "edit an item of another template through this one",
    actor: "quantri",
    params: (f) => ({ templateId: f.matrixTemplate }),
    body: (w) => ({ form: { intent: "edit_item", itemId: w.f.triItem, text: "Sửa lén", guidance: "", legalBasis: "", targetPercent: null } }),
    expect: "hidden",
    message: /Tiêu chí không thuộc mẫu phiếu này/,
  },
  {
    module: "admin.templates.$templateId",
    intent: "remove_item",
    name: "remove an item of another template through this one",
    actor: "quantri",
    params: (f) => ({ templateId: f.matrixTemplate }),
    body: (w) => ({ form: { intent: "remove_item", itemId: w.f.triItem } }),
    expect: "hidden",
    message: /Tiêu chí không thuộc mẫu phiếu này/,
  },
  {
    module: "admin.templates.$templateId",
    intent: "add_item",
    name: "add an item to a section of another template",
    actor: "quantri",
    params: (f) => ({ templateId: f.matrixTemplate }),
    body: async (w) => {
      const [section] = await w.db.select({ id: checklistSections.id }).from(checklistSections).where(eq(checklistSections.templateId, w.f.shippedTemplate)).limit(1);
      return { form: { intent: "add_item", sectionId: section.id, code: "Z9", text: "Tiêu chí lạc", guidance: "", answerType: "tri_state", legalBasis: "", indicatorCode: null, targetPercent: null } };
    },
    expect: "hidden",
    message: /Phần không thuộc mẫu phiếu này/,
  },
  {
    module: "admin.units.$unitId",
    name: "move UBND phường Bình An under its own one-stop-shop",
    actor: "quantri",
    params: (f) => ({ unitId: f.ubndBinhAn }),
    body: async (w) => {
      const [u] = await w.db.select().from(units).where(eq(units.id, w.f.ubndBinhAn));
      return { form: { name: u.name, kind: u.kind, parentId: w.f.oneStopBinhAn, placeName: u.placeName ?? "", code: u.code ?? "", active: u.active } };
    },
    expect: "rejected",
    message: /Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới/,
  },
];
