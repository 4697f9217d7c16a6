/**
 * The tracker as files: the Excel workbook and the printed follow-up report (Báo cáo kết quả giám
 * sát việc thực hiện kiến nghị). Both take the rows the tracker's filters show, for the same actor.
 */
import type { Actor } from "~/auth/actor";
import { RECOMMENDATION_STATUS_LABELS } from "~/components/labels";
import { councilSignature } from "~/domain/document-closing";
import { describeDeadline } from "~/domain/deadlines";
import { type FollowUpStatus, summarize } from "~/domain/follow-up-stats";
import { formatDocumentNumber } from "~/domain/numbering";
import { formatDate, vietnamDate } from "~/domain/vietnamese";
import type { TrackerQuery } from "~/schemas/tracker-filter";
import { getDb } from "~/db.server";
import type { FollowUpReportData } from "#templates/documents/follow-up-report";
import type { TrackerRow as SheetRow } from "#templates/spreadsheets/tracker";
import { documentIssuer } from "./plan.server";
import { listTracker, trackerFilterChoices } from "./remediation.server";

/** More than any council follows at once; the export says so when it is cut. */
export const EXPORT_LIMIT = 20_000;

const STATE_LABELS = { overdue: "quá hạn", due_week: "đến hạn trong 7 ngày tới" } as const;
const STATUS_FILTER_LABELS = { ...RECOMMENDATION_STATUS_LABELS, open: "chưa hoàn thành" } as const;

const planRef = (row: { planNumber: number | null; planSymbol: string }) =>
  row.planNumber === null ? "Dự thảo" : formatDocumentNumber(row.planNumber, row.planSymbol);
const noticeRef = (row: { noticeNumber: number | null; noticeSymbol: string; noticeIssueDate: string | null }) =>
  row.noticeNumber === null ? "" : `${formatDocumentNumber(row.noticeNumber, row.noticeSymbol)} ngày ${formatDate(row.noticeIssueDate ?? "")}`;

/** "Kế hoạch 05/KH-HĐND; đơn vị UBND phường Bình An; quá hạn" — or "" for everything. */
async function describeFilter(actor: Actor, query: TrackerQuery): Promise<string> {
  const parts: string[] = [];
  if (query.planId || query.unitId) {
    const choices = await trackerFilterChoices(actor, query.planId);
    const plan = choices.plans.find((p) => p.id === query.planId);
    const unit = choices.units.find((u) => u.id === query.unitId);
    if (plan) parts.push(`Kế hoạch ${planRef({ planNumber: plan.number, planSymbol: plan.symbol })}`);
    if (unit) parts.push(`đơn vị ${unit.name}`);
  }
  if (query.status) parts.push(`trạng thái ${STATUS_FILTER_LABELS[query.status].toLowerCase()}`);
  if (query.state) parts.push(STATE_LABELS[query.state]);
  if (query.q) parts.push(`có chữ “${query.q}”`);
  return parts.join("; ");
}

async function rowsFor(actor: Actor, query: TrackerQuery, today: string) {
  return listTracker(actor, query, { today, limit: EXPORT_LIMIT, offset: 0 });
}

export async function trackerWorkbookData(actor: Actor, query: TrackerQuery, today = vietnamDate()) {
  const { rows, total } = await rowsFor(actor, query, today);
  const sheetRows: SheetRow[] = rows.map((row) => ({
    id: row.id,
    planReference: planRef(row),
    noticeReference: noticeRef(row),
    unitName: row.unitName,
    addressedRole: row.addressedRole,
    text: row.text,
    deadline: row.deadline,
    extendedDeadline: row.extendedDeadline,
    statusLabel: RECOMMENDATION_STATUS_LABELS[row.status],
    deadlineLabel: describeDeadline(row.state, row.daysLeft),
    daysOverdue: row.daysOverdue,
    lastReportAt: row.lastReportAt,
    acceptedAt: row.acceptedAt,
  }));
  const filter = await describeFilter(actor, query);
  return {
    rows: sheetRows,
    meta: {
      title: "Theo dõi thực hiện kiến nghị",
      filterDescription: total > rows.length ? `${filter}${filter ? "; " : ""}${rows.length}/${total} kiến nghị đầu tiên` : filter,
      asOf: today,
    },
  };
}

/** The follow-up report for the committee's council, on the rows the tracker shows. */
export async function followUpReportData(actor: Actor, query: TrackerQuery, today = vietnamDate()): Promise<FollowUpReportData> {
  const db = await getDb();
  const [{ rows }, issuer, filterDescription] = await Promise.all([
    rowsFor(actor, query, today),
    documentIssuer(db, actor.unitId),
    describeFilter(actor, query),
  ]);
  const summary = summarize(
    rows.map((row) => ({ status: row.status as FollowUpStatus, deadline: row.deadline, extendedDeadline: row.extendedDeadline, completionDate: row.completionDate })),
    today,
  );
  const deputy = /phó/iu.test(actor.title);
  const signature = councilSignature(issuer.issuingBody, { deputy, name: actor.fullName });
  return {
    governingBody: issuer.governingBody,
    issuingBody: issuer.issuingBody,
    number: null,
    symbol: "BC-HĐND",
    placeName: issuer.placeName,
    issueDate: null,
    asOf: today,
    filterDescription,
    totals: {
      total: summary.total,
      completedOnTime: summary.completedOnTime,
      completedLate: summary.completedLate,
      open: summary.open,
      overdue: summary.overdue,
      dueSoon: rows.filter((row) => row.state === "due_soon").length,
    },
    rows: rows.map((row) => ({
      unitName: row.unitName,
      planReference: planRef(row),
      noticeReference: noticeRef(row),
      text: row.text,
      deadline: row.deadline,
      extendedDeadline: row.extendedDeadline,
      statusLabel: RECOMMENDATION_STATUS_LABELS[row.status],
      daysOverdue: row.daysOverdue,
      lastReport: row.lastReportAt,
    })),
    signer: { authority: signature.authority.join("\n"), title: signature.title, name: signature.name },
    recipients: ["Thường trực HĐND", "Các đơn vị được giám sát", "Đại biểu HĐND"],
  };
}
