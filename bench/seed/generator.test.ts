import { describe, expect, it } from "vitest";
import oneStopShop from "#templates/checklists/one-stop-shop.json";
import { buildNoticeDocument } from "#templates/documents/notice";
import { noticeBlockSchema } from "~/schemas/supervision-file";
import { type Cell, copyLine } from "./copy-text";
import { isoOf, toDay } from "./days";
import { type Generator, type GeneratorConfig, IdAllocator, SeriesBook, type TemplateItem, createCommune, createProvince, emitUser, generateHistory } from "./generator";
import { ISSUING_BODY } from "./notice-content";
import { TABLES, type TableName } from "./tables";

const TODAY = "2026-12-01";

const items: TemplateItem[] = oneStopShop.sections.flatMap((section) => section.items).map((item, index) => ({
  id: 100 + index,
  code: item.code,
  text: item.text,
  answerType: ((item as { answerType?: string }).answerType ?? "tri_state") as TemplateItem["answerType"],
  indicatorCode: (item as { indicatorCode?: string }).indicatorCode ?? null,
  targetPercent: (item as { targetPercent?: number }).targetPercent ?? null,
}));

type Rows = Record<TableName, Record<string, Cell>[]>;

/** Two communes of one province, ten years, the first one the bench commune; every row kept by table. */
function generate(seed = "test") {
  const rows = Object.fromEntries(Object.keys(TABLES).map((t) => [t, []])) as unknown as Rows;
  const lines: string[] = [];
  const cfg: GeneratorConfig = { seed, today: toDay(TODAY), startYear: 2017, templateId: 9, items, passwordHash: "scrypt$32768$8$1$c2FsdA$aGFzaA" };
  const g: Generator = {
    cfg,
    ids: new IdAllocator({ units: 1000, users: 500, audit_log: 70 }),
    series: new SeriesBook([{ issuingUnitId: 1003, year: 2024, documentType: "TB", lastNumber: 12 }]),
    emit: (table, row) => {
      const columns = TABLES[table];
      expect(row).toHaveLength(columns.length);
      rows[table].push(Object.fromEntries(columns.map((c, i) => [c, row[i]])));
      lines.push(`${table}\t${copyLine(row)}`);
    },
  };
  const province = createProvince(g, { name: "Thử Nghiệm", isCity: false, code: "P99" });
  const first = createCommune(g, province, { name: "Tân Phú", kind: "xã", code: "P99-0001", userTag: "p99c0001" });
  const second = createCommune(g, province, { name: "An Bình", kind: "phường", code: "P99-0002", userTag: "p99c0002" });
  const benchTeam = emitUser(g, { username: "bench.team", fullName: "Tài khoản đo hiệu năng đoàn giám sát", title: "Đại biểu HĐND xã", unitId: first.councilId, role: "team_member", day: toDay("2016-11-01") });
  const bench = generateHistory(g, first, { benchTeam });
  const none = generateHistory(g, second);
  return { rows, lines, bench, none, first, second, benchTeam, series: g.series.rows() };
}

const byId = <T extends Record<string, Cell>>(list: T[]) => new Map(list.map((r) => [r.id as number, r]));
const dayOf = (timestamp: Cell) => String(timestamp).slice(0, 10);

describe("the generated supervisions", () => {
  const { rows, lines, bench, none, first, benchTeam, series } = generate();

  it("are the same rows on every run with the same seed, and other rows with another", () => {
    expect(generate().lines).toEqual(lines);
    expect(generate("other").lines).not.toEqual(lines);
  });

  it("have realistic volumes: about 90 recommendations a commune a year, every completed visit fully answered", () => {
    const recs = rows.recommendations.length;
    expect(recs).toBeGreaterThan(2 * 10 * 50);
    expect(recs).toBeLessThan(2 * 10 * 170);
    const completed = rows.visits.filter((v) => v.status === "completed");
    const answersPerVisit = new Map<number, number>();
    for (const a of rows.answers) answersPerVisit.set(a.visit_id as number, (answersPerVisit.get(a.visit_id as number) ?? 0) + 1);
    for (const visit of completed) expect(answersPerVisit.get(visit.id as number)).toBe(items.length);
    const audits = rows.audit_log.filter((a) => a.entity === "recommendation").length;
    expect(audits / recs).toBeGreaterThan(2.5);
    expect(audits / recs).toBeLessThan(4.5);
    expect(none).toBeNull();
  });

  it("point only at rows that exist (or that the database already has)", () => {
    const ids = (table: TableName) => new Set(rows[table].map((r) => r.id as number));
    const [units, users, plans, visits, notices, recs, findings, reports] = (["units", "users", "supervision_plans", "visits", "conclusion_notices", "recommendations", "findings", "remediation_reports"] as const).map(ids);
    const itemIds = new Set(items.map((i) => i.id));
    const check = (table: TableName, column: string, set: Set<number>) => {
      for (const row of rows[table]) if (row[column] !== null) expect(set.has(row[column] as number), `${table}.${column} = ${row[column]}`).toBe(true);
    };
    check("units", "parent_id", units);
    check("users", "unit_id", units);
    check("supervision_plans", "issuing_unit_id", units);
    check("supervision_plans", "created_by", users);
    check("plan_members", "plan_id", plans);
    check("plan_members", "user_id", users);
    check("visits", "plan_id", plans);
    check("visits", "unit_id", units);
    check("answers", "visit_id", visits);
    check("answers", "item_id", itemIds);
    check("answers", "answered_by", users);
    check("indicator_figures", "visit_id", visits);
    check("findings", "visit_id", visits);
    check("findings", "parent_id", findings);
    check("finding_citations", "finding_id", findings);
    check("attachments", "visit_id", visits);
    check("attachments", "remediation_report_id", reports);
    check("conclusion_notices", "visit_id", visits);
    check("conclusion_notices", "plan_id", plans);
    check("conclusion_notices", "issued_by", users);
    check("recommendations", "visit_id", visits);
    check("recommendations", "notice_id", notices);
    check("recommendations", "addressed_unit_id", units);
    check("recommendations", "accepted_by", users);
    check("recommendation_findings", "recommendation_id", recs);
    check("recommendation_findings", "finding_id", findings);
    check("remediation_reports", "recommendation_id", recs);
    check("remediation_reports", "submitted_by", users);
    check("extension_requests", "recommendation_id", recs);
    check("reminders_sent", "recommendation_id", recs);
    check("audit_log", "actor_id", users);
    for (const table of Object.keys(TABLES) as TableName[]) {
      if (!TABLES[table].includes("id" as never)) continue;
      const list = rows[table].map((r) => r.id as number);
      expect(new Set(list).size, table).toBe(list.length);
    }
    expect(Math.min(...rows.units.map((u) => u.id as number))).toBe(1001);
    expect(Math.min(...rows.audit_log.map((u) => u.id as number))).toBe(71);
  });

  it("satisfy the database's checks and unique keys", () => {
    const units = byId(rows.units);
    for (const unit of rows.units) {
      expect(unit.path).toMatch(/^(\/[0-9]+)+\/$/);
      expect(unit.path).toBe(`${unit.parent_id === null ? "/" : units.get(unit.parent_id as number)!.path}${unit.id}/`);
      expect(String(unit.name).trim().length).toBeGreaterThan(0);
    }
    const codes = rows.units.map((u) => u.code).filter((c) => c !== null);
    expect(new Set(codes).size).toBe(codes.length);
    const usernames = rows.users.map((u) => String(u.username));
    for (const name of usernames) expect(name).toMatch(/^[a-z0-9._-]{3,64}$/);
    expect(new Set(usernames).size).toBe(usernames.length);

    const numbered = (list: Record<string, Cell>[], date: string) => list.map((r) => `${r.issuing_unit_id}:${String(r[date]).slice(0, 4)}:${r.number}`);
    for (const plan of rows.supervision_plans) {
      expect(plan.period_start! <= plan.period_end!).toBe(true);
      expect(plan.number).toBeGreaterThan(0);
      expect(plan.issue_date! <= TODAY).toBe(true);
    }
    expect(new Set(numbered(rows.supervision_plans, "issue_date")).size).toBe(rows.supervision_plans.length);
    expect(new Set(numbered(rows.conclusion_notices, "issue_date")).size).toBe(rows.conclusion_notices.length);
    // The demo's 12/TB-HĐND of 2024 (series given to the generator) is never reused.
    expect(rows.conclusion_notices.filter((n) => n.issuing_unit_id === 1003 && String(n.issue_date).startsWith("2024")).every((n) => (n.number as number) > 12)).toBe(true);
    for (const n of rows.conclusion_notices) {
      expect(n.status).toBe("issued");
      expect([n.number, n.issue_date, n.issued_at].every((v) => v !== null)).toBe(true);
      expect(n.issue_date! < TODAY).toBe(true);
    }
    const seriesKeys = new Map(series.map((s) => [`${s.issuingUnitId}:${s.year}:${s.documentType}`, s.lastNumber]));
    for (const n of rows.conclusion_notices) expect(seriesKeys.get(`${n.issuing_unit_id}:${String(n.issue_date).slice(0, 4)}:TB`)!).toBeGreaterThanOrEqual(n.number as number);

    const answerKeys = rows.answers.map((a) => `${a.visit_id}:${a.item_id}`);
    expect(new Set(answerKeys).size).toBe(answerKeys.length);
    const figureKeys = rows.indicator_figures.map((f) => `${f.visit_id}:${f.item_id}:${f.source}`);
    expect(new Set(figureKeys).size).toBe(figureKeys.length);
    for (const f of rows.indicator_figures) {
      expect(f.numerator).toBeGreaterThanOrEqual(0);
      if (f.denominator !== null) expect(f.numerator as number).toBeLessThanOrEqual(f.denominator as number);
    }
    for (const f of rows.findings) {
      expect(f.kind === "cause").toBe(f.cause_kind !== null);
      expect(f.kind === "cause").toBe(f.parent_id !== null);
    }
    for (const c of rows.finding_citations) expect([c.item_id, c.figure_id, c.attachment_id].filter((v) => v !== null)).toHaveLength(1);
    for (const a of rows.attachments) {
      expect(a.visit_id !== null || a.remediation_report_id !== null).toBe(true);
      expect(a.byte_size).toBeGreaterThan(0);
    }
    const keys = rows.attachments.map((a) => a.storage_key);
    expect(new Set(keys).size).toBe(keys.length);
    const memberKeys = rows.plan_members.map((m) => `${m.plan_id}:${m.user_id}`);
    expect(new Set(memberKeys).size).toBe(memberKeys.length);
    const recFindings = rows.recommendation_findings.map((r) => `${r.recommendation_id}:${r.finding_id}`);
    expect(new Set(recFindings).size).toBe(recFindings.length);
    const reminderKeys = rows.reminders_sent.map((r) => `${r.recommendation_id}:${r.deadline}:${r.step}:${r.audience}`);
    expect(new Set(reminderKeys).size).toBe(reminderKeys.length);
  });

  it("keep each recommendation's status, reports, extensions and acceptance consistent", () => {
    const reportsByRec = new Map<number, Record<string, Cell>[]>();
    for (const r of rows.remediation_reports) reportsByRec.set(r.recommendation_id as number, [...(reportsByRec.get(r.recommendation_id as number) ?? []), r]);
    const noticeById = byId(rows.conclusion_notices);
    const statuses = new Set<Cell>();
    for (const rec of rows.recommendations) {
      statuses.add(rec.status);
      expect(String(rec.text).trim().length).toBeGreaterThan(0);
      expect(rec.status === "accepted").toBe(rec.accepted_at !== null && rec.accepted_by !== null);
      if (rec.extended_deadline !== null) expect(rec.extended_deadline! > rec.deadline!).toBe(true);
      const notice = noticeById.get(rec.notice_id as number)!;
      expect(rec.deadline! > notice.issue_date!).toBe(true);
      const reports = (reportsByRec.get(rec.id as number) ?? []).sort((a, b) => String(a.submitted_at).localeCompare(String(b.submitted_at)));
      for (const r of reports) {
        expect(r.review === "submitted" || (r.reviewed_by !== null && r.reviewed_at !== null)).toBe(true);
        if (r.review === "returned") expect(String(r.review_note).trim().length).toBeGreaterThan(0);
        expect(dayOf(r.submitted_at) > String(notice.issue_date)).toBe(true);
        expect(dayOf(r.submitted_at) <= TODAY).toBe(true);
        expect(r.unit_id).toBe(rec.addressed_unit_id);
      }
      const last = reports.at(-1);
      if (rec.status === "accepted") {
        expect(last).toMatchObject({ progress: "completed", review: "accepted" });
        expect(rec.accepted_at).toBe(last!.reviewed_at);
        // What the database's trigger computes when completed_on is not given: the accepted report's Vietnam date.
        expect(rec.completed_on).toBe(dayOf(last!.submitted_at));
      } else expect(rec.completed_on).toBeNull();
      if (rec.status === "returned") expect(last).toMatchObject({ progress: "completed", review: "returned" });
      if (rec.status === "reported") expect(last).toMatchObject({ progress: "completed", review: "submitted" });
      if (rec.status === "in_progress") expect(last).toMatchObject({ progress: "in_progress" });
    }
    expect([...statuses].sort()).toEqual(["accepted", "in_progress", "not_started", "reported", "returned"]);
    const pending = rows.extension_requests.filter((e) => e.status === "pending").map((e) => e.recommendation_id);
    expect(new Set(pending).size).toBe(pending.length);
    for (const e of rows.extension_requests) {
      expect(String(e.reason).trim().length).toBeGreaterThan(0);
      expect(e.status === "pending" || (e.decided_by !== null && e.decided_at !== null)).toBe(true);
    }
    const open = new Set(rows.recommendations.filter((r) => r.status !== "accepted").map((r) => r.id));
    for (const reminder of rows.reminders_sent) expect(open.has(reminder.recommendation_id)).toBe(true);
    const overdue = rows.recommendations.filter((r) => r.status !== "accepted" && String(r.extended_deadline ?? r.deadline) < TODAY);
    expect(overdue.length).toBeGreaterThan(0);
  });

  it("compose every notice with the app's composer, in the shape the notice page and its PDF read", () => {
    const recsByNotice = new Map<number, number>();
    for (const r of rows.recommendations) recsByNotice.set(r.notice_id as number, (recsByNotice.get(r.notice_id as number) ?? 0) + 1);
    for (const notice of rows.conclusion_notices) {
      const content = JSON.parse(String(notice.content));
      expect(Object.keys(content).sort()).toEqual(["blocks", "decimals", "issuer", "summary"]);
      expect(noticeBlockSchema.array().safeParse(content.blocks).success).toBe(true);
      expect(content.summary).toMatch(/^Kết luận của Thường trực HĐND (xã|phường) /);
      expect(content.issuer.issuingBody).toBe(ISSUING_BODY);
      expect(content.blocks.filter((b: { key: string }) => /^recommendation-\d+$/.test(b.key))).toHaveLength(recsByNotice.get(notice.id as number)!);
      expect(JSON.parse(String(notice.recipients)).length).toBeGreaterThan(0);
    }
    const notice = rows.conclusion_notices.at(-1)!;
    const content = JSON.parse(String(notice.content));
    const document = buildNoticeDocument({
      governingBody: content.issuer.governingBody,
      issuingBody: content.issuer.issuingBody,
      number: notice.number as number,
      symbol: String(notice.symbol),
      placeName: String(notice.place_name),
      issueDate: String(notice.issue_date),
      draftYear: 2026,
      summary: content.summary,
      blocks: content.blocks,
      recipients: JSON.parse(String(notice.recipients)),
      signer: { deputy: String(notice.signer_authority).includes("KT."), name: String(notice.signer_name), title: "" },
    });
    expect(JSON.stringify(document)).toContain(content.blocks.at(-1).text.slice(0, 40));
  });

  it("give the benchmark a fully answered visit in progress with bench.team on it, a notice and an open item of the UBND", () => {
    expect(bench).not.toBeNull();
    const visit = byId(rows.visits).get(bench!.checklistVisitId)!;
    expect(visit.status).toBe("in_progress");
    expect(rows.answers.filter((a) => a.visit_id === visit.id)).toHaveLength(items.length);
    const plan = byId(rows.supervision_plans).get(visit.plan_id as number)!;
    expect(plan.status).toBe("in_progress");
    expect(plan.checklist_template_id).toBe(9);
    expect(rows.plan_members.some((m) => m.plan_id === plan.id && m.user_id === benchTeam.id)).toBe(true);
    expect(rows.conclusion_notices.some((n) => n.id === bench!.latestNoticeId && n.issuing_unit_id === first.councilId)).toBe(true);
    const rec = byId(rows.recommendations).get(bench!.openRecommendationId!)!;
    expect(rec.addressed_unit_id).toBe(first.committeeId);
    expect(rec.status).not.toBe("accepted");
  });

  it("write nothing dated after today but the visits still scheduled", () => {
    for (const table of Object.keys(TABLES) as TableName[]) {
      for (const row of rows[table]) {
        for (const [column, value] of Object.entries(row)) {
          if (column === "scheduled_at") expect(dayOf(value) > TODAY).toBe(row.status === "scheduled");
          else if (typeof value === "string" && /(_at|^at)$/.test(column)) expect(dayOf(value) <= TODAY, `${table}.${column} ${value}`).toBe(true);
        }
      }
    }
    expect(rows.visits.some((v) => v.status === "scheduled")).toBe(true);
    expect(isoOf(toDay(TODAY))).toBe(TODAY);
  });
});
