/**
 * The bulk data, one commune at a time: its units and users (for a new commune), then ten years of
 * supervisions, each plan with its team, visits, checklist answers and figures, findings, the
 * issued conclusion notice and its recommendations with their whole remediation history and audit
 * trail. Rows go to `emit` as soon as they are made, so memory holds one commune at most.
 *
 * Pure: no database. Ids come from an IdAllocator the caller starts past the ids already in the
 * database; numbers from a SeriesBook the caller starts from document_series.
 */
import { answerValueForFigure, proposeFinding } from "~/domain/checklist";
import { DEFAULT_FOLLOW_UP_SETTINGS, type FollowUpSettings } from "~/domain/follow-up-settings";
import { indicatorDefinition } from "~/domain/indicators";
import type { SupervisionFigure, SupervisionFinding, SupervisionRecommendation } from "~/schemas/supervision-file";
import type { Cell } from "./copy-text";
import { isoOf, stamp, toDay, workingDayFrom, yearOf } from "./days";
import { type Lifecycle, recommendationLifecycle } from "./lifecycle";
import { type CommuneKind, capitalised, personName } from "./names";
import { noticeContent } from "./notice-content";
import { Rng } from "./prng";
import { latestReminderSteps } from "./reminders";
import type { TableName } from "./tables";
import * as T from "./texts";

export type Emit = (table: TableName, row: Cell[]) => void;

/** Hands out ids per table, starting past what the database already holds. */
export class IdAllocator {
  private readonly last = new Map<TableName, number>();

  /** Ids start after `start` and, when `limit` is given, never pass it (another worker's range begins there). */
  constructor(
    start: Partial<Record<TableName, number>> = {},
    private readonly limit: Partial<Record<TableName, number>> = {},
  ) {
    for (const [table, value] of Object.entries(start)) this.last.set(table as TableName, value ?? 0);
  }

  next(table: TableName): number {
    const id = (this.last.get(table) ?? 0) + 1;
    const limit = this.limit[table];
    if (limit !== undefined && id > limit) throw new Error(`${table}: id ${id} is past this range's limit ${limit}`);
    this.last.set(table, id);
    return id;
  }

  /** The last id handed out (or the start), per table. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.last);
  }
}

export type DocumentKind = "KH" | "TB";

/** Document numbers per issuing unit, year and type, continuing document_series. */
export class SeriesBook {
  private readonly last = new Map<string, number>();

  constructor(initial: { issuingUnitId: number; year: number; documentType: string; lastNumber: number }[] = []) {
    for (const row of initial) this.last.set(`${row.issuingUnitId}:${row.year}:${row.documentType}`, row.lastNumber);
  }

  next(unitId: number, year: number, type: DocumentKind): number {
    const key = `${unitId}:${year}:${type}`;
    const number = (this.last.get(key) ?? 0) + 1;
    this.last.set(key, number);
    return number;
  }

  rows(): { issuingUnitId: number; year: number; documentType: string; lastNumber: number }[] {
    return [...this.last].map(([key, lastNumber]) => {
      const [unitId, year, documentType] = key.split(":");
      return { issuingUnitId: Number(unitId), year: Number(year), documentType, lastNumber };
    });
  }
}

export type TemplateItem = {
  id: number;
  code: string;
  text: string;
  answerType: "tri_state" | "number" | "text" | "indicator";
  indicatorCode: string | null;
  targetPercent: number | null;
};

export type GeneratorConfig = {
  seed: string;
  /** Today, as a day number: nothing happens after it. */
  today: number;
  startYear: number;
  templateId: number;
  items: TemplateItem[];
  /** One scrypt hash of the shared password, computed once by the caller with the app's function. */
  passwordHash: string;
  settings?: FollowUpSettings;
};

export type Generator = { cfg: GeneratorConfig; ids: IdAllocator; series: SeriesBook; emit: Emit };

export type UserRef = { id: number; fullName: string; title: string; username: string };

export type ProvinceCtx = { id: number; path: string; councilId: number; placeName: string; code: string };

export type CommuneCtx = {
  /** Seeds the commune's random stream. */
  key: string;
  id: number;
  path: string;
  kind: CommuneKind;
  place: string;
  councilId: number;
  councilName: string;
  committeeId: number;
  committeeName: string;
  centerId: number;
  centerName: string;
  healthId: number;
  healthName: string;
  frontId: number;
  chair: UserRef;
  vice: UserRef | null;
  team: UserRef[];
  committeeUser: UserRef;
  centerUser: UserRef;
  /** Average dossiers a month at the one-stop-shop: the commune's size. */
  monthlyDossiers: number;
};

export type BenchUsers = { team: UserRef };

/** What the benchmark opens in the bench commune. */
export type BenchCommuneResult = {
  checklistVisitId: number;
  checklistPlanId: number;
  latestNoticeId: number | null;
  openRecommendationId: number | null;
};

const CREATED_DAY_OFFSET = -45;

// ---------------------------------------------------------------------------------------------
// Units and users

function unitRow(g: Generator, input: { id: number; parentPath: string; parentId: number | null; kind: string; name: string; place: string | null; code: string | null; day: number }) {
  const path = `${input.parentPath}${input.id}/`;
  g.emit("units", [input.id, input.parentId, path, input.kind, input.name, input.place, input.code, true, stamp(input.day, 8 * 60)]);
  return path;
}

export function emitUser(g: Generator, input: { username: string; fullName: string; title: string; unitId: number; role: "committee" | "team_member" | "unit" | "admin"; day: number }): UserRef {
  const id = g.ids.next("users");
  const at = stamp(input.day, 9 * 60);
  g.emit("users", [id, input.username, input.fullName, input.title, input.unitId, input.role, null, g.cfg.passwordHash, true, 0, at, at]);
  return { id, fullName: input.fullName, title: input.title, username: input.username };
}

function startDay(g: Generator) {
  return toDay(`${g.cfg.startYear}-01-01`) + CREATED_DAY_OFFSET;
}

/** A province with its HĐND. `name` is written after "Tỉnh"/"Thành phố". */
export function createProvince(g: Generator, input: { name: string; isCity: boolean; code: string }): ProvinceCtx {
  const day = startDay(g);
  const id = g.ids.next("units");
  const path = unitRow(g, { id, parentPath: "/", parentId: null, kind: "province", name: `${input.isCity ? "Thành phố" : "Tỉnh"} ${input.name}`, place: input.name, code: input.code, day });
  const councilId = g.ids.next("units");
  unitRow(g, { id: councilId, parentPath: path, parentId: id, kind: "people_council", name: `HĐND ${input.isCity ? "thành phố" : "tỉnh"} ${input.name}`, place: input.name, code: null, day });
  return { id, path, councilId, placeName: input.name, code: input.code };
}

/** A new commune under a province: its HĐND, UBND, Trung tâm PVHCC, UBMTTQ, Trạm Y tế, and users. */
export function createCommune(g: Generator, province: ProvinceCtx, input: { name: string; kind: CommuneKind; code: string; userTag: string }): CommuneCtx {
  const rng = new Rng(`${g.cfg.seed}:people:${input.code}`);
  const day = startDay(g);
  const kind = input.kind;
  const of = `${kind} ${input.name}`;
  const id = g.ids.next("units");
  const path = unitRow(g, { id, parentPath: province.path, parentId: province.id, kind: "commune", name: `${capitalised(kind)} ${input.name}`, place: input.name, code: input.code, day });
  const unit = (kindName: string, name: string, parentId: number, parentPath: string) => {
    const unitId = g.ids.next("units");
    return { id: unitId, name, path: unitRow(g, { id: unitId, parentPath, parentId, kind: kindName, name, place: input.name, code: null, day }) };
  };
  const council = unit("people_council", `HĐND ${of}`, id, path);
  const committee = unit("people_committee", `UBND ${of}`, id, path);
  const center = unit("public_service_center", `Trung tâm Phục vụ hành chính công ${of}`, committee.id, committee.path);
  const front = unit("fatherland_front", `UBMTTQ ${of}`, id, path);
  const health = unit("other", `Trạm Y tế ${of}`, committee.id, committee.path);

  const tag = input.userTag;
  const chair = emitUser(g, { username: `tt.${tag}`, fullName: personName(rng).fullName, title: `Chủ tịch HĐND ${kind}`, unitId: council.id, role: "committee", day });
  const vice = rng.chance(0.7)
    ? emitUser(g, { username: `pct.${tag}`, fullName: personName(rng).fullName, title: `Phó Chủ tịch HĐND ${kind}`, unitId: council.id, role: "committee", day })
    : null;
  const team: UserRef[] = [
    emitUser(g, { username: `mttq.${tag}`, fullName: personName(rng).fullName, title: `Phó Chủ tịch UBMTTQ ${kind}`, unitId: front.id, role: "team_member", day }),
  ];
  const delegates = rng.int(1, 2);
  for (let i = 1; i <= delegates; i++) {
    team.push(emitUser(g, { username: `db${i}.${tag}`, fullName: personName(rng).fullName, title: `Đại biểu HĐND ${kind}`, unitId: council.id, role: "team_member", day }));
  }
  const committeeUser = emitUser(g, { username: `ubnd.${tag}`, fullName: personName(rng).fullName, title: `Công chức Văn phòng - Thống kê ${kind}`, unitId: committee.id, role: "unit", day });
  const centerUser = emitUser(g, { username: `pvhcc.${tag}`, fullName: personName(rng).fullName, title: "Công chức Trung tâm Phục vụ hành chính công", unitId: center.id, role: "unit", day });
  return {
    key: input.code,
    id,
    path,
    kind,
    place: input.name,
    councilId: council.id,
    councilName: council.name,
    committeeId: committee.id,
    committeeName: committee.name,
    centerId: center.id,
    centerName: center.name,
    healthId: health.id,
    healthName: health.name,
    frontId: front.id,
    chair,
    vice,
    team,
    committeeUser,
    centerUser,
    monthlyDossiers: rng.int(150, 1200),
  };
}

// ---------------------------------------------------------------------------------------------
// Supervisions

type VisitTarget = "center" | "committee" | "health";
type VisitState = "scheduled" | "in_progress" | "completed";

type VisitSkeleton = {
  id: number;
  target: VisitTarget;
  day: number;
  state: VisitState;
  /** Items answered on an in-progress visit (all of them on a completed one). */
  answered: number;
  noticeDay: number | null;
  noticeNumber: number | null;
};

type Member = { user: UserRef; role: "lead" | "deputy" | "member" | "secretary"; title: string };

type PlanSkeleton = {
  id: number;
  issueDay: number;
  number: number;
  subject: string;
  periodStart: number;
  periodEnd: number;
  members: Member[];
  signer: UserRef;
  signerDeputy: boolean;
  visits: VisitSkeleton[];
};

const ADDRESSED_ROLE: Record<VisitTarget, (kind: string) => string> = {
  committee: (kind) => `Chủ tịch UBND ${kind}`,
  center: (kind) => `Giám đốc Trung tâm Phục vụ hành chính công ${kind}`,
  health: (kind) => `Trạm trưởng Trạm Y tế ${kind}`,
};

function targetUnit(c: CommuneCtx, target: VisitTarget): { id: number; name: string } {
  switch (target) {
    case "committee":
      return { id: c.committeeId, name: c.committeeName };
    case "center":
      return { id: c.centerId, name: c.centerName };
    case "health":
      return { id: c.healthId, name: c.healthName };
  }
}

/** Who reports remediation for a unit: its own user, or the UBND's for the health station. */
function reporterFor(c: CommuneCtx, target: VisitTarget): UserRef {
  return target === "center" ? c.centerUser : c.committeeUser;
}

function teamOf(rng: Rng, c: CommuneCtx, extra: UserRef[]): { members: Member[]; signer: UserRef; signerDeputy: boolean } {
  const kind = c.kind;
  const leadIsVice = c.vice !== null && rng.chance(0.3);
  const lead = leadIsVice ? c.vice! : c.chair;
  const members: Member[] = [{ user: lead, role: "lead", title: lead.title }];
  const deputy = leadIsVice ? c.chair : c.vice;
  if (deputy && rng.chance(0.6)) members.push({ user: deputy, role: "deputy", title: deputy.title });
  for (const user of rng.sample(c.team, rng.int(1, c.team.length))) members.push({ user, role: "member", title: user.title });
  for (const user of extra) if (!members.some((m) => m.user.id === user.id)) members.push({ user, role: "member", title: user.title || `Thành viên đoàn giám sát ${kind}` });
  const signerDeputy = c.vice !== null && rng.chance(0.2);
  return { members, signer: signerDeputy ? c.vice! : c.chair, signerDeputy };
}

function pickTargets(rng: Rng): VisitTarget[] {
  const count = rng.weighted([[1, 55], [2, 35], [3, 10]] as const);
  const first = rng.weighted([["center", 50], ["committee", 30], ["health", 20]] as const);
  const rest = rng.sample((["center", "committee", "health"] as const).filter((t) => t !== first), count - 1);
  return [first, ...rest];
}

/** Plans of every year, with their visits and notice days; numbers come after, in date order. */
function planSkeletons(g: Generator, rng: Rng, c: CommuneCtx, benchTeam: UserRef | null): { plans: PlanSkeleton[]; benchPlan: PlanSkeleton | null } {
  const today = g.cfg.today;
  const todayYear = yearOf(today);
  const plans: PlanSkeleton[] = [];
  for (let year = g.cfg.startYear; year <= todayYear; year++) {
    const first = toDay(`${year}-01-12`);
    const last = Math.min(toDay(`${year}-12-10`), today - 1);
    if (last <= first) continue;
    const count = rng.weighted([[2, 30], [3, 45], [4, 25]] as const);
    const days = Array.from({ length: count }, () => workingDayFrom(rng.int(first, last))).map((d) => Math.min(d, today - 1)).sort((a, b) => a - b);
    for (const issueDay of days) {
      // The period under review: last year, or from last January or July up to shortly before the plan.
      const sinceJanuary = issueDay - 10 >= toDay(`${year}-01-01`) + 90 && rng.chance(0.2);
      const periodStart = sinceJanuary ? toDay(`${year}-01-01`) : rng.chance(0.7) ? toDay(`${year - 1}-01-01`) : toDay(`${year - 1}-07-01`);
      const periodEnd = sinceJanuary || rng.chance(0.4) ? issueDay - 10 : toDay(`${year - 1}-12-31`);
      const extra = benchTeam && year >= todayYear - 1 ? [benchTeam] : [];
      const team = teamOf(rng, c, extra);
      let day = issueDay + rng.int(10, 30);
      const visits: VisitSkeleton[] = pickTargets(rng).map((target) => {
        day = workingDayFrom(day + rng.int(0, 4));
        let state: VisitState = "completed";
        let noticeDay: number | null = null;
        if (day > today - 1) state = "scheduled";
        else {
          const issued = workingDayFrom(day + rng.int(7, 20));
          if (issued <= today - 1) noticeDay = issued;
          else state = "in_progress";
        }
        return { id: g.ids.next("visits"), target, day, state, answered: state === "completed" ? g.cfg.items.length : state === "in_progress" ? rng.int(Math.min(10, g.cfg.items.length), g.cfg.items.length) : 0, noticeDay, noticeNumber: null };
      });
      plans.push({
        id: g.ids.next("supervision_plans"),
        issueDay,
        number: 0,
        subject: T.fill(rng.pick(T.PLAN_SUBJECTS), { kind: c.kind, prev: year - 1 }),
        periodStart,
        periodEnd,
        ...team,
        visits,
      });
    }
  }
  let benchPlan: PlanSkeleton | null = null;
  if (benchTeam) {
    // This year's supervision of the one-stop-shop, on site now: every item answered.
    const issueDay = workingDayFrom(today - 16);
    const team = teamOf(rng, c, [benchTeam]);
    benchPlan = {
      id: g.ids.next("supervision_plans"),
      issueDay: Math.min(issueDay, today - 1),
      number: 0,
      subject: T.fill(T.PLAN_SUBJECTS[0], { kind: c.kind }),
      periodStart: toDay(`${todayYear}-01-01`),
      periodEnd: Math.max(toDay(`${todayYear}-01-01`), today - 30),
      ...team,
      visits: [{ id: g.ids.next("visits"), target: "center", day: today - 1, state: "in_progress", answered: g.cfg.items.length, noticeDay: null, noticeNumber: null }],
    };
    plans.push(benchPlan);
  }
  // Numbers in date order within each year, continuing the council's series.
  for (const plan of [...plans].sort((a, b) => a.issueDay - b.issueDay || a.id - b.id)) plan.number = g.series.next(c.councilId, yearOf(plan.issueDay), "KH");
  const noticed = plans.flatMap((plan) => plan.visits.filter((v) => v.noticeDay !== null));
  for (const visit of noticed.sort((a, b) => a.noticeDay! - b.noticeDay! || a.id - b.id)) visit.noticeNumber = g.series.next(c.councilId, yearOf(visit.noticeDay!), "TB");
  return { plans, benchPlan };
}

type Figure = { id: number; itemId: number; code: string; label: string; measureUnit: string; numerator: number; denominator: number | null; target: number | null };

/** The figure an indicator item records for the period: rates drift upwards over the years. */
function indicatorFigure(rng: Rng, c: CommuneCtx, item: TemplateItem, months: number, year: number): Omit<Figure, "id" | "itemId"> {
  const definition = indicatorDefinition(item.indicatorCode ?? "");
  const code = item.indicatorCode ?? item.code;
  const label = definition?.label ?? item.text;
  const measureUnit = definition?.measureUnit ?? "hồ sơ";
  const total = Math.max(20, Math.round(c.monthlyDossiers * months * (0.8 + rng.next() * 0.4)));
  if (definition?.kind === "count") return { code, label, measureUnit, numerator: total, denominator: null, target: item.targetPercent };
  const trend = Math.min(1, Math.max(0, (year - 2017) / 9));
  const [denominatorShare, low, high] =
    code === "on_time_rate" ? [0.97, 0.9 + 0.05 * trend, 1]
    : code === "online_filing_rate" ? [1, 0.15 + 0.5 * trend, 0.4 + 0.55 * trend]
    : code === "digitisation_rate" ? [1, 0.2 + 0.5 * trend, 0.45 + 0.5 * trend]
    : code === "online_payment_rate" ? [0.35, 0.2 + 0.45 * trend, 0.5 + 0.45 * trend]
    : code === "satisfaction_rate" ? [0.6, 0.82, 0.995]
    : [1, 0.5, 0.99];
  const denominator = Math.max(10, Math.round(total * denominatorShare));
  const rate = low + rng.next() * (high - low);
  return { code, label, measureUnit, numerator: Math.min(denominator, Math.round(denominator * rate)), denominator, target: item.targetPercent };
}

const json = (value: unknown) => JSON.stringify(value);
const targetText = (target: number | null) => (target === null ? null : target.toFixed(2));

/** Answers (and figures, photos) of a visit; returns the not-met items and the verified figures. */
function emitChecklist(g: Generator, rng: Rng, c: CommuneCtx, plan: PlanSkeleton, visit: VisitSkeleton) {
  const unit = targetUnit(c, visit.target);
  const answerers = plan.members.map((m) => m.user);
  const months = Math.max(1, (plan.periodEnd - plan.periodStart) / 30);
  const year = yearOf(visit.day);
  const notMet: { item: TemplateItem; note: string; photoId: number | null }[] = [];
  const figures: Figure[] = [];
  const reporter = reporterFor(c, visit.target);
  const reports = visit.state === "completed" && rng.chance(0.8);
  for (let index = 0; index < visit.answered; index++) {
    const item = g.cfg.items[index];
    const by = rng.pick(answerers);
    const minute = 8 * 60 + index * 3;
    const answeredAt = stamp(visit.day, minute, rng.int(0, 59));
    const receivedAt = stamp(visit.day, minute + 1, rng.int(0, 59));
    let value: string | null = null;
    let numberValue: string | null = null;
    let note = "";
    if (item.answerType === "indicator") {
      const figure = indicatorFigure(rng, c, item, months, year);
      const id = g.ids.next("indicator_figures");
      figures.push({ ...figure, id, itemId: item.id });
      value = answerValueForFigure({ numerator: figure.numerator, denominator: figure.denominator }, item.targetPercent, "met", item.indicatorCode);
      g.emit("indicator_figures", [id, unit.id, visit.id, item.id, figure.code, figure.label, figure.numerator, figure.denominator, figure.measureUnit, isoOf(plan.periodStart), isoOf(plan.periodEnd), "verified", targetText(figure.target), by.id, answeredAt]);
      if (reports) {
        // The unit's own figure, reported before the visit: close to what the team verified.
        const drift = figure.denominator === null ? 1 : 1 + (rng.next() - 0.5) * 0.04;
        const numerator = Math.round(figure.numerator * drift);
        g.emit("indicator_figures", [g.ids.next("indicator_figures"), unit.id, visit.id, item.id, figure.code, figure.label, figure.denominator === null ? numerator : Math.min(numerator, figure.denominator), figure.denominator, figure.measureUnit, isoOf(plan.periodStart), isoOf(plan.periodEnd), "reported", targetText(figure.target), reporter.id, stamp(visit.day - rng.int(3, 8), 10 * 60)]);
      }
      if (value === "not_met") notMet.push({ item, note: "", photoId: null });
    } else if (item.answerType === "number") {
      numberValue = String(rng.int(10, 30));
      note = "Kiểm tra ngẫu nhiên hồ sơ đã trả kết quả trong kỳ.";
    } else if (item.answerType === "text") {
      note = "";
    } else {
      value = rng.weighted([["met", 78], ["not_met", 16], ["not_applicable", 6]] as const);
      if (value === "not_met") note = rng.pick(T.NOT_MET_NOTES);
    }
    g.emit("answers", [g.ids.next("answers"), visit.id, item.id, value, numberValue, item.answerType === "text" ? "Đã kiểm tra thực tế." : null, note, by.id, answeredAt, receivedAt, rng.chance(0.85) ? 1 : 2, rng.uuid()]);
    if (value === "not_met" && item.answerType !== "indicator") {
      let photoId: number | null = null;
      if (rng.chance(0.5)) {
        photoId = g.ids.next("attachments");
        const clientId = rng.uuidFor(photoId);
        g.emit("attachments", [photoId, clientId, visit.id, item.id, null, "photo", `IMG_${isoOf(visit.day).replaceAll("-", "")}_${String(minute * 100 + index).padStart(6, "0")}.jpg`, "image/jpeg", rng.int(180_000, 3_500_000), rng.hex(32), `visits/${visit.id}/${clientId}.jpg`, by.id, receivedAt]);
      }
      notMet.push({ item, note, photoId });
    }
  }
  return { notMet, figures };
}

type FindingRef = { id: number; localId: string };

function emitFindings(g: Generator, rng: Rng, plan: PlanSkeleton, visit: VisitSkeleton, checklist: ReturnType<typeof emitChecklist>) {
  const by = plan.members[0].user;
  const at = stamp(visit.day + rng.int(1, 4), 15 * 60);
  const findings: SupervisionFinding[] = [];
  const shortcomings: FindingRef[] = [];
  let position = 0;
  const add = (kind: "achievement" | "shortcoming" | "cause", text: string, causeKind: "objective" | "subjective" | null, parentId: number | null) => {
    const id = g.ids.next("findings");
    g.emit("findings", [id, visit.id, kind, causeKind, parentId, text, ++position, by.id, at, rng.chance(0.7) ? 1 : rng.int(2, 4)]);
    return id;
  };
  const cite = (findingId: number, target: { itemId?: number; figureId?: number; attachmentId?: number }) =>
    g.emit("finding_citations", [g.ids.next("finding_citations"), findingId, target.itemId ?? null, target.figureId ?? null, target.attachmentId ?? null]);

  const rates = checklist.figures.filter((f) => f.denominator !== null);
  rng.sample(T.ACHIEVEMENTS, rng.int(1, 2)).forEach((text, index) => {
    const id = add("achievement", text, null, null);
    const cited = index === 0 ? rates.filter((f) => f.target === null || (f.numerator / f.denominator!) * 100 >= f.target).slice(0, 3) : [];
    for (const figure of cited) cite(id, { figureId: figure.id });
    findings.push({ id: `a${index + 1}`, kind: "achievement", text, figureIds: cited.map((f) => `fig-${f.code}`), itemCodes: [], causes: [] });
  });
  // Shortcomings: first what the checklist found not met (the app's proposed wording), then the usual ones.
  const fromChecklist = checklist.notMet.filter((n) => n.item.answerType !== "indicator").slice(0, 2);
  const texts = [
    ...fromChecklist.map((n) => ({ text: proposeFinding(n.item.text, n.note), from: n })),
    ...rng.sample(T.SHORTCOMINGS, rng.int(1, 3)).map((text) => ({ text, from: null })),
  ];
  texts.forEach(({ text, from }, index) => {
    const id = add("shortcoming", text, null, null);
    if (from) {
      cite(id, { itemId: from.item.id });
      if (from.photoId) cite(id, { attachmentId: from.photoId });
    }
    const causes: SupervisionFinding["causes"] = [];
    for (let i = rng.weighted([[0, 30], [1, 50], [2, 20]] as const); i > 0; i--) {
      const kind = rng.chance(0.5) ? "objective" : "subjective";
      const causeText = rng.pick(kind === "objective" ? T.OBJECTIVE_CAUSES : T.SUBJECTIVE_CAUSES);
      add("cause", causeText, kind, id);
      causes.push({ kind, text: causeText });
    }
    const localId = `s${index + 1}`;
    shortcomings.push({ id, localId });
    findings.push({ id: localId, kind: "shortcoming", text, figureIds: [], itemCodes: from ? [from.item.code] : [], causes });
  });
  return { findings, shortcomings };
}

type RecommendationDraft = { id: number; target: VisitTarget; unit: { id: number; name: string }; role: string; text: string; deadline: number; findingIds: FindingRef[] };

function draftRecommendations(g: Generator, rng: Rng, c: CommuneCtx, visit: VisitSkeleton, shortcomings: FindingRef[]): RecommendationDraft[] {
  const count = rng.weighted([[[10, 15], 45], [[16, 25], 35], [[26, 40], 20]] as const);
  const n = rng.int(count[0], count[1]);
  const order = rng.sample(T.RECOMMENDATIONS, T.RECOMMENDATIONS.length);
  const out: RecommendationDraft[] = [];
  for (let i = 0; i < n; i++) {
    const target: VisitTarget = visit.target === "committee" || rng.chance(0.4) ? "committee" : visit.target;
    const base = order[i % order.length];
    const detail = i < order.length ? rng.pick(T.RECOMMENDATION_DETAILS) : T.RECOMMENDATION_DETAILS[2 + (i % 3)];
    const days = rng.weighted([[30, 20], [60, 35], [90, 30], [180, 15]] as const) + rng.int(-3, 3);
    const linked = shortcomings.length === 0 ? [] : rng.sample(shortcomings, rng.chance(0.2) ? 2 : 1);
    out.push({ id: g.ids.next("recommendations"), target, unit: targetUnit(c, target), role: ADDRESSED_ROLE[target](c.kind), text: `${base}${detail}`.normalize("NFC"), deadline: workingDayFrom(visit.noticeDay! + days), findingIds: linked });
  }
  return out;
}

function audit(g: Generator, at: string, actorId: number | null, action: string, entity: string, entityId: number | string, data: Record<string, unknown>) {
  g.emit("audit_log", [g.ids.next("audit_log"), at, actorId, action, entity, String(entityId), json(data)]);
}

/** One issued recommendation: its row, reports, evidence, extension requests, reminders and trail. */
function emitRecommendation(g: Generator, rng: Rng, c: CommuneCtx, plan: PlanSkeleton, visit: VisitSkeleton, noticeId: number, draft: RecommendationDraft, position: number): Lifecycle {
  const today = g.cfg.today;
  const lc = recommendationLifecycle(rng, { issueDay: visit.noticeDay!, deadline: draft.deadline, today });
  const reviewer = plan.signer;
  const reporter = reporterFor(c, draft.target);
  const createdAt = stamp(visit.day + 2, 16 * 60);
  const acceptedAt = lc.accepted ? stamp(lc.accepted.day, lc.accepted.minute) : null;
  // Completed on the (Vietnam) day of the accepted report, as the database's trigger would compute.
  const acceptedReport = lc.accepted ? lc.reports.find((report) => report.review === "accepted") : undefined;
  const completedOn = acceptedReport ? isoOf(acceptedReport.day) : null;
  g.emit("recommendations", [
    draft.id, visit.id, noticeId, draft.unit.id, draft.role, draft.text, isoOf(draft.deadline),
    lc.extendedDeadline === null ? null : isoOf(lc.extendedDeadline), lc.status, position,
    acceptedAt, lc.accepted ? reviewer.id : null, completedOn, plan.members[0].user.id, createdAt,
    stamp(lc.updatedDay, lc.updatedDay === visit.noticeDay ? 9 * 60 : 17 * 60), lc.revision,
  ]);
  for (const finding of draft.findingIds) g.emit("recommendation_findings", [draft.id, finding.id]);
  audit(g, createdAt, plan.members[0].user.id, "recommendation.create", "recommendation", draft.id, { visitId: visit.id, addressedUnitId: draft.unit.id, deadline: isoOf(draft.deadline) });

  for (const report of lc.reports) {
    const reportId = g.ids.next("remediation_reports");
    const submittedAt = stamp(report.day, report.minute);
    const content = rng.pick(report.progress === "completed" ? T.REPORT_DONE : report.progress === "in_progress" ? T.REPORT_PROGRESS : T.REPORT_NOT_STARTED);
    const reviewedAt = report.reviewDay === null ? null : stamp(report.reviewDay, report.reviewMinute!);
    const note = report.review === "returned" ? rng.pick(T.RETURN_NOTES) : "";
    g.emit("remediation_reports", [reportId, draft.id, draft.unit.id, report.progress, content, reporter.id, submittedAt, report.review, note, reviewedAt === null ? null : reviewer.id, reviewedAt]);
    const files: string[] = [];
    if (report.progress === "completed" && rng.chance(0.4)) {
      for (let i = rng.int(1, 2); i > 0; i--) {
        const pdf = rng.chance(0.3);
        const fileName = pdf ? `bao-cao-khac-phuc-${draft.id}-${i}.pdf` : `hien-trang-${draft.id}-${i}.jpg`;
        files.push(fileName);
        const attachmentId = g.ids.next("attachments");
        g.emit("attachments", [attachmentId, null, null, null, reportId, pdf ? "document" : "photo", fileName, pdf ? "application/pdf" : "image/jpeg", rng.int(pdf ? 60_000 : 250_000, pdf ? 900_000 : 3_000_000), rng.hex(32), `remediation/${draft.id}/${rng.uuidFor(attachmentId)}.${pdf ? "pdf" : "jpg"}`, reporter.id, submittedAt]);
      }
    }
    audit(g, submittedAt, reporter.id, "remediation.report", "recommendation", draft.id, { reportId, progress: report.progress, files });
    if (reviewedAt !== null) audit(g, reviewedAt, reviewer.id, `remediation.${report.review === "accepted" ? "accept" : "return"}`, "recommendation", draft.id, { reportId, note });
  }

  for (const extension of lc.extensions) {
    const requestId = g.ids.next("extension_requests");
    const requestedAt = stamp(extension.requestedDay, 9 * 60 + rng.int(0, 120));
    const decidedAt = extension.decidedDay === null ? null : stamp(extension.decidedDay, 15 * 60 + rng.int(0, 90));
    const decisionNote = extension.status === "refused" ? T.REFUSAL_NOTES[0] : "";
    g.emit("extension_requests", [requestId, draft.id, isoOf(extension.requestedDeadline), rng.pick(T.EXTENSION_REASONS), extension.status, reporter.id, requestedAt, decidedAt === null ? null : reviewer.id, decidedAt, decisionNote]);
    audit(g, requestedAt, reporter.id, "remediation.extension_request", "recommendation", draft.id, { requestId, requestedDeadline: isoOf(extension.requestedDeadline) });
    if (decidedAt !== null) {
      audit(g, decidedAt, reviewer.id, `remediation.extension_${extension.status === "granted" ? "grant" : "refuse"}`, "recommendation", draft.id, {
        requestId,
        originalDeadline: isoOf(draft.deadline),
        previousDeadline: isoOf(draft.deadline),
        grantedDeadline: extension.status === "granted" ? isoOf(extension.requestedDeadline) : null,
        note: decisionNote,
      });
    }
  }

  // The reminders the job has sent by today: the latest step due for each audience.
  if (lc.status !== "accepted") {
    const effective = lc.extendedDeadline ?? lc.deadline;
    for (const step of latestReminderSteps(effective, today, g.cfg.settings ?? DEFAULT_FOLLOW_UP_SETTINGS)) {
      g.emit("reminders_sent", [draft.id, step.step, step.audience, isoOf(effective), stamp(effective + step.offset, 7 * 60)]);
    }
  }
  return lc;
}

function recipientsOf(kind: string): string[] {
  return T.RECIPIENTS.map((line) => T.fill(line, { kind }));
}

/** A commune's ten years. Returns what the benchmark needs when the commune is the bench commune. */
export function generateHistory(g: Generator, c: CommuneCtx, options: { benchTeam?: UserRef } = {}): BenchCommuneResult | null {
  const rng = new Rng(`${g.cfg.seed}:history:${c.key}`);
  const benchTeam = options.benchTeam ?? null;
  const { plans, benchPlan } = planSkeletons(g, rng, c, benchTeam);
  const kind = c.kind;
  let latestNotice: { id: number; day: number } | null = null;
  let openRecommendation: { id: number; day: number } | null = null;

  for (const plan of plans) {
    const issueDate = isoOf(plan.issueDay);
    const lead = plan.members[0].user;
    plan.members.forEach((member, index) => g.emit("plan_members", [g.ids.next("plan_members"), plan.id, member.user.id, member.user.fullName, member.title, member.role, index + 1]));
    audit(g, stamp(plan.issueDay - 3, 10 * 60), lead.id, "create", "plan", plan.id, { subject: plan.subject });
    audit(g, stamp(plan.issueDay, 9 * 60), plan.signer.id, "issue", "plan", plan.id, { number: plan.number, symbol: "KH-HĐND", issueDate });

    let lastChange = plan.issueDay;
    let allAccepted = true;
    for (const visit of plan.visits) {
      const unit = targetUnit(c, visit.target);
      const reporter = reporterFor(c, visit.target);
      const submitted = visit.state !== "scheduled" && rng.chance(0.85) ? visit.day - rng.int(2, 7) : null;
      g.emit("visits", [visit.id, plan.id, unit.id, stamp(visit.day, rng.int(7 * 60 + 30, 14 * 60)), visit.state, submitted === null ? "" : T.fill(rng.pick(T.UNIT_REPORT), { kind }), submitted === null ? null : stamp(submitted, 16 * 60)]);
      if (submitted !== null) audit(g, stamp(submitted, 16 * 60), reporter.id, "report.submit", "visit", visit.id, {});
      if (visit.state === "scheduled") continue;
      lastChange = Math.max(lastChange, visit.day);
      const checklist = emitChecklist(g, rng, c, plan, visit);
      if (visit.state !== "completed" || visit.noticeDay === null) continue;

      const { findings, shortcomings } = emitFindings(g, rng, plan, visit, checklist);
      const drafts = draftRecommendations(g, rng, c, visit, shortcomings);
      const noticeId = g.ids.next("conclusion_notices");
      const content = noticeContent({
        councilName: c.councilName,
        placeName: c.place,
        plan: { number: plan.number, issueDate, subject: plan.subject, periodStart: isoOf(plan.periodStart), periodEnd: isoOf(plan.periodEnd) },
        team: plan.members.map((m) => ({ fullName: m.user.fullName, title: m.title, role: m.role })),
        unitName: unit.name,
        figures: checklist.figures.map((f): SupervisionFigure => ({
          id: `fig-${f.code}`,
          code: f.code,
          label: f.label,
          measureUnit: f.measureUnit,
          numerator: f.numerator,
          denominator: f.denominator,
          periodStart: isoOf(plan.periodStart),
          periodEnd: isoOf(plan.periodEnd),
          source: "verified",
          targetPercent: f.target,
          decimals: 2,
        })),
        findings,
        recommendations: drafts.map((d): SupervisionRecommendation => ({
          addressee: d.unit.name,
          role: d.role,
          text: d.text,
          deadline: isoOf(d.deadline),
          findingIds: d.findingIds.map((f) => f.localId),
        })),
        signer: { deputy: plan.signerDeputy, name: plan.signer.fullName },
      });
      const issuedAt = stamp(visit.noticeDay, 9 * 60);
      g.emit("conclusion_notices", [
        noticeId, plan.id, visit.id, c.councilId, visit.noticeNumber, "TB-HĐND", isoOf(visit.noticeDay), c.place, "issued",
        json(content), json(recipientsOf(kind)),
        plan.signerDeputy ? "TM. THƯỜNG TRỰC HĐND\nKT. CHỦ TỊCH" : "TM. THƯỜNG TRỰC HĐND",
        plan.signerDeputy ? "PHÓ CHỦ TỊCH" : "CHỦ TỊCH",
        plan.signer.fullName, null, issuedAt, plan.signer.id, lead.id, issuedAt, rng.int(2, 6),
      ]);
      audit(g, stamp(visit.day + 3, 10 * 60), lead.id, "create", "notice", noticeId, { visitId: visit.id, corrects: null });
      audit(g, issuedAt, plan.signer.id, "issue", "notice", noticeId, { number: visit.noticeNumber, symbol: "TB-HĐND", issueDate: isoOf(visit.noticeDay), remediationItems: drafts.length });
      if (!latestNotice || visit.noticeDay >= latestNotice.day) latestNotice = { id: noticeId, day: visit.noticeDay };
      lastChange = Math.max(lastChange, visit.noticeDay);

      drafts.forEach((draft, index) => {
        const lc = emitRecommendation(g, rng, c, plan, visit, noticeId, draft, index + 1);
        if (lc.status !== "accepted") allAccepted = false;
        if (lc.status !== "accepted" && draft.target === "committee" && (!openRecommendation || visit.noticeDay! >= openRecommendation.day)) {
          openRecommendation = { id: draft.id, day: visit.noticeDay! };
        }
      });
    }

    const states = new Set(plan.visits.map((v) => v.state));
    const concluded = states.size === 1 && states.has("completed") && plan.visits.every((v) => v.noticeDay !== null);
    const status = concluded
      ? allAccepted && yearOf(plan.issueDay) < yearOf(g.cfg.today) - 1 ? "closed" : "concluded"
      : states.size === 1 && states.has("scheduled") ? "issued" : "in_progress";
    g.emit("supervision_plans", [
      plan.id, c.councilId, plan.number, "KH-HĐND", issueDate, plan.subject,
      T.LEGAL_BASIS.map((line) => T.fill(line, { kind, year: yearOf(plan.issueDay) })).join("\n"),
      isoOf(plan.periodStart), isoOf(plan.periodEnd), T.PURPOSE, T.REPORTING_OUTLINE,
      plan.signer.fullName, plan.signerDeputy, recipientsOf(kind).join("\n"), g.cfg.templateId, status, lead.id,
      stamp(plan.issueDay - 3, 10 * 60), stamp(lastChange, 17 * 60),
    ]);
  }

  if (!benchPlan) return null;
  return {
    checklistVisitId: benchPlan.visits[0].id,
    checklistPlanId: benchPlan.id,
    latestNoticeId: (latestNotice as { id: number } | null)?.id ?? null,
    openRecommendationId: (openRecommendation as { id: number } | null)?.id ?? null,
  };
}
