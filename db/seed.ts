/**
 * Demo data built from the seed documents (../shared/seeds): ward Bình An and its plan 05/KH-HĐND
 * with the figures and conclusions of seed 001, commune Phổ Châu with the 2023 results and 2024
 * targets of seed 000, and a few more wards with plans of this year so lists are not empty.
 * Loaded on the first start of the embedded database.
 */
import { count } from "drizzle-orm";
import type { Db, DbOrTx } from "#db/client";
import { users } from "#db/schema";
import {
  addMember,
  advanceSeries,
  makeFigure,
  makeFinding,
  makeNotice,
  makePlan,
  makeRecommendation,
  makeTarget,
  makeUnit,
  makeUser,
  makeVisit,
  nextNumber,
} from "#tests/factories";
import { demoAcceptedAt, demoGrantedExtension, demoRemediationHistory, demoReportDay } from "./seed-remediation";
import oneStopShopTemplate from "#templates/checklists/one-stop-shop.json";
import binhAnSupervision from "#templates/examples/binh-an.json";
import { addDays } from "~/domain/deadlines";
import { noticeDocumentFromFile } from "~/domain/notice-composition";
import { supervisionFileSchema } from "~/schemas/supervision-file";
import { carryOpenRecommendations } from "~/models/carried-recommendation.server";
import { importTemplate } from "~/models/checklist-template.server";
import type { ChecklistTemplateFile } from "~/schemas/checklist-template";
import { vietnamDate } from "~/domain/vietnamese";

export const DEMO_PASSWORD = "GiamSat@2024";

export type DemoAccount = { username: string; fullName: string; roleLabel: string; unit: string };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: "quantri", fullName: "Quản trị hệ thống", roleLabel: "Quản trị", unit: "HĐND tỉnh Bình Dương" },
  { username: "trang.ttt", fullName: "Trần Thị Thuỳ Trang", roleLabel: "Thường trực HĐND (Chủ tịch)", unit: "HĐND phường Bình An" },
  { username: "an.bd", fullName: "Bùi Dương Ân", roleLabel: "Thường trực HĐND (Phó Chủ tịch)", unit: "HĐND phường Bình An" },
  { username: "nhung.vt", fullName: "Vũ Thị Nhưng", roleLabel: "Thành viên đoàn giám sát", unit: "UBMTTQ phường Bình An" },
  { username: "hung.nv", fullName: "Nguyễn Văn Hùng", roleLabel: "Thành viên đoàn giám sát", unit: "HĐND phường Dĩ An" },
  { username: "ubnd.binhan", fullName: "Lê Minh Tuấn", roleLabel: "Đơn vị được giám sát", unit: "UBND phường Bình An" },
  { username: "motcua.binhan", fullName: "Đỗ Thị Lan", roleLabel: "Đơn vị được giám sát", unit: "Bộ phận Một cửa phường Bình An" },
  { username: "ubnd.phochau", fullName: "Phạm Thị Hoa", roleLabel: "Đơn vị được giám sát", unit: "UBND xã Phổ Châu" },
  { username: "tt.phochau", fullName: "Lê Văn Thái", roleLabel: "Thường trực HĐND (Chủ tịch)", unit: "HĐND xã Phổ Châu" },
  { username: "tt.dian", fullName: "Chủ tịch HĐND phường Dĩ An", roleLabel: "Thường trực HĐND", unit: "HĐND phường Dĩ An" },
];

/** Smallest total near `around` for which a whole count gives exactly `percent` at two decimals. */
export function countsForRate(percent: number, around: number): { numerator: number; denominator: number } {
  for (let d = around; d < around + 500; d++) {
    const n = Math.round((percent / 100) * d);
    if (Math.round((n / d) * 10_000) === Math.round(percent * 100)) return { numerator: n, denominator: d };
  }
  throw new Error(`no counts for ${percent}%`);
}

const OTHER_WARDS: [name: string, slug: string][] = [
  ["Dĩ An", "dian"],
  ["Đông Hòa", "donghoa"],
  ["Tân Bình", "tanbinh"],
  ["An Bình", "anbinh"],
  ["Tân Đông Hiệp", "tandonghiep"],
];

const DEMO_RECOMMENDATIONS = [
  "Niêm yết đầy đủ, đúng quy định các thủ tục hành chính và biểu mẫu kèm theo tại Bộ phận Một cửa.",
  "Niêm yết địa chỉ tiếp nhận phản ánh, kiến nghị về quy định hành chính theo Thông tư số 02/2017/TT-VPCP.",
  "Tiếp nhận toàn bộ hồ sơ tại Bộ phận Một cửa, không tiếp nhận tại phòng làm việc của công chức.",
  "Bố trí kinh phí đầu tư máy quét, máy tính tra cứu và thiết bị đánh giá mức độ hài lòng.",
  "Đẩy mạnh tuyên truyền, hướng dẫn người dân nộp hồ sơ và thanh toán trực tuyến.",
];

/** The issued text of another ward's demo notice, composed the way the app composes a draft. */
function demoNoticeContent(input: {
  ward: string;
  planNumber: number;
  planIssueDate: string;
  subject: string;
  period: [string, string];
  lead: string;
  signer: string;
  recommendations: { text: string; deadline: string }[];
}) {
  const file = supervisionFileSchema.parse({
    format: "hdnd-supervision",
    version: 1,
    issuer: { governingBody: `HĐND PHƯỜNG ${input.ward.toUpperCase()}`, issuingBody: "THƯỜNG TRỰC", placeName: input.ward },
    plan: { number: input.planNumber, symbol: "KH-HĐND", issueDate: input.planIssueDate, subject: input.subject, periodStart: input.period[0], periodEnd: input.period[1] },
    team: [{ fullName: input.lead, title: "", role: "lead" }],
    unit: { name: `UBND phường ${input.ward}` },
    findings: [
      { id: "posting", kind: "shortcoming", text: "Việc niêm yết thủ tục hành chính và địa chỉ tiếp nhận phản ánh, kiến nghị tại Bộ phận Một cửa chưa đầy đủ." },
    ],
    recommendations: input.recommendations.map((r) => ({ addressee: `UBND phường ${input.ward}`, role: "Chủ tịch UBND phường", ...r })),
    notice: { number: 1, symbol: "TB-HĐND", issueDate: null, signer: { name: input.signer } },
  });
  const composed = noticeDocumentFromFile(file);
  return { summary: composed.summary, blocks: composed.blocks, decimals: 2, issuer: { governingBody: composed.governingBody, issuingBody: composed.issuingBody } };
}

async function buildDemo(db: DbOrTx, log: (line: string) => void) {
  const today = vietnamDate();
  const year = Number(today.slice(0, 4));
  // The shipped one-stop-shop checklist (sections A–F), which this year's plans use.
  const checklist = await importTemplate(db, oneStopShopTemplate as ChecklistTemplateFile, null);

  // Units: province → (former) city → ward → its HĐND, UBND, one-stop-shop, MTTQ.
  const province = await makeUnit(db, { name: "Tỉnh Bình Dương", kind: "province", code: "BD" });
  const provinceCouncil = await makeUnit(db, { name: "HĐND tỉnh Bình Dương", kind: "people_council", parentId: province.id, placeName: "Bình Dương" });
  const city = await makeUnit(db, { name: "Thành phố Dĩ An", kind: "other", parentId: province.id, placeName: "Dĩ An" });

  const ward = await makeUnit(db, { name: "Phường Bình An", kind: "commune", parentId: city.id, placeName: "Bình An", code: "BD-DIAN-BINHAN" });
  const wardCouncil = await makeUnit(db, { name: "HĐND phường Bình An", kind: "people_council", parentId: ward.id, placeName: "Bình An" });
  const wardCommittee = await makeUnit(db, { name: "UBND phường Bình An", kind: "people_committee", parentId: ward.id, placeName: "Bình An" });
  const oneStop = await makeUnit(db, { name: "Bộ phận Một cửa phường Bình An", kind: "public_service_center", parentId: wardCommittee.id, placeName: "Bình An" });
  const wardFront = await makeUnit(db, { name: "UBMTTQ phường Bình An", kind: "fatherland_front", parentId: ward.id, placeName: "Bình An" });

  const quangNgai = await makeUnit(db, { name: "Tỉnh Quảng Ngãi", kind: "province", code: "QNG" });
  const phoChau = await makeUnit(db, { name: "Xã Phổ Châu", kind: "commune", parentId: quangNgai.id, placeName: "Phổ Châu", code: "QNG-PHOCHAU" });
  const phoChauCouncil = await makeUnit(db, { name: "HĐND xã Phổ Châu", kind: "people_council", parentId: phoChau.id, placeName: "Phổ Châu" });
  const phoChauCommittee = await makeUnit(db, { name: "UBND xã Phổ Châu", kind: "people_committee", parentId: phoChau.id, placeName: "Phổ Châu" });
  await makeUnit(db, { name: "Bộ phận Một cửa xã Phổ Châu", kind: "public_service_center", parentId: phoChauCommittee.id, placeName: "Phổ Châu" });

  // Users (one demo password; printed at start and in the README).
  const password = DEMO_PASSWORD;
  await makeUser(db, { username: "quantri", fullName: "Quản trị hệ thống", role: "admin", unitId: provinceCouncil.id, title: "Quản trị viên", password });
  const chair = await makeUser(db, { username: "trang.ttt", fullName: "Trần Thị Thuỳ Trang", role: "committee", unitId: wardCouncil.id, title: "Phó Bí thư Thường trực Đảng ủy, Chủ tịch HĐND phường", password });
  const viceChair = await makeUser(db, { username: "an.bd", fullName: "Bùi Dương Ân", role: "committee", unitId: wardCouncil.id, title: "Phó Chủ tịch HĐND phường", password });
  const frontMember = await makeUser(db, { username: "nhung.vt", fullName: "Vũ Thị Nhưng", role: "team_member", unitId: wardFront.id, title: "Phó Chủ tịch UBMTTQ phường, Trưởng Ban Thanh tra nhân dân", password });
  const wardReporter = await makeUser(db, { username: "ubnd.binhan", fullName: "Lê Minh Tuấn", role: "unit", unitId: wardCommittee.id, title: "Công chức Văn phòng - Thống kê", password });
  await makeUser(db, { username: "motcua.binhan", fullName: "Đỗ Thị Lan", role: "unit", unitId: oneStop.id, title: "Công chức Bộ phận Một cửa", password });
  await makeUser(db, { username: "ubnd.phochau", fullName: "Phạm Thị Hoa", role: "unit", unitId: phoChauCommittee.id, title: "Công chức Văn phòng - Thống kê xã", password });
  await makeUser(db, { username: "tt.phochau", fullName: "Lê Văn Thái", role: "committee", unitId: phoChauCouncil.id, title: "Chủ tịch HĐND xã", password });

  // Seed 001: plan 05/KH-HĐND of 01/4/2024, visit, figures, findings, notice 12/TB-HĐND.
  await advanceSeries(db, wardCouncil.id, 2024, "KH", 5);
  await advanceSeries(db, wardCouncil.id, 2024, "TB", 12);
  const plan = await makePlan(db, {
    issuingUnitId: wardCouncil.id,
    number: 5,
    issueDate: "2024-04-01",
    status: "concluded",
    subject: "Giám sát tình hình tiếp nhận và giải quyết thủ tục hành chính tại Bộ phận một cửa UBND phường",
    legalBasis: "Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân số 87/2015/QH13",
    periodStart: "2023-01-01",
    periodEnd: "2024-03-31",
    reportingOutline: "1. Công tác chỉ đạo, triển khai cơ chế một cửa, một cửa liên thông.\n2. Kết quả tiếp nhận, giải quyết hồ sơ thủ tục hành chính.\n3. Tồn tại, hạn chế, nguyên nhân; kiến nghị, đề xuất.",
    createdBy: chair.id,
  });
  await addMember(db, { planId: plan.id, userId: chair.id, fullName: chair.fullName, title: "PBTT - Chủ tịch HĐND", role: "lead", position: 1 });
  await addMember(db, { planId: plan.id, userId: viceChair.id, fullName: viceChair.fullName, title: "PCT HĐND", role: "deputy", position: 2 });
  await addMember(db, { planId: plan.id, userId: frontMember.id, fullName: frontMember.fullName, title: "PCT MTTQ - Trưởng Ban Thanh tra nhân dân", role: "member", position: 3 });
  const visit = await makeVisit(db, { planId: plan.id, unitId: wardCommittee.id, status: "completed", scheduledAt: new Date("2024-04-03T08:00:00+07:00") });

  const period = { unitId: wardCommittee.id, visitId: visit.id, periodStart: "2023-01-01", periodEnd: "2024-03-31" };
  const counts: [string, string, number, string][] = [
    ["procedure_fields", "Số lĩnh vực thủ tục hành chính", 36, "lĩnh vực"],
    ["procedures_total", "Tổng số thủ tục hành chính", 148, "thủ tục"],
    ["procedures_local", "Số thủ tục thực hiện tại địa phương", 131, "thủ tục"],
    ["procedures_interlinked", "Số thủ tục liên thông", 30, "thủ tục"],
    ["dossiers_received", "Số hồ sơ tiếp nhận", 11701, "hồ sơ"],
    ["dossiers_online", "Số hồ sơ tiếp nhận trên hệ thống dịch vụ hành chính công", 8979, "hồ sơ"],
    ["dossiers_in_person", "Số hồ sơ do công dân trực tiếp đến giao dịch tại Bộ phận Một cửa", 2722, "hồ sơ"],
    ["feedback_received", "Số tin phản ánh, kiến nghị qua đường dây nóng 1022", 22, "tin"],
  ];
  for (const [code, label, value, measureUnit] of counts) {
    await makeFigure(db, { ...period, code, label, numerator: value, measureUnit });
  }
  await makeFigure(db, { ...period, periodEnd: "2023-12-31", code: "online_payment_rate", label: "Thanh toán trực tuyến năm 2023", numerator: 3557, denominator: 4709 });
  await makeFigure(db, { ...period, periodStart: "2024-01-01", code: "online_payment_rate", label: "Thanh toán trực tuyến Quý 1 năm 2024", numerator: 1686, denominator: 1754 });
  await makeFigure(db, { ...period, periodEnd: "2023-12-31", code: "fees_collected_online", label: "Số tiền thu trực tuyến năm 2023", numerator: 67_170_000, measureUnit: "đồng" });
  await makeFigure(db, { ...period, periodStart: "2024-01-01", code: "fees_collected_online", label: "Số tiền thu trực tuyến Quý 1 năm 2024", numerator: 22_778_000, measureUnit: "đồng" });

  await makeFinding(db, { visitId: visit.id, kind: "achievement", position: 1, text: "Bộ phận Một cửa của phường đã ban hành quy chế tổ chức và hoạt động theo quy định; phân công nhiệm vụ cụ thể cho từng công chức; công khai đầy đủ danh mục thủ tục hành chính; có sổ theo dõi trong quá trình giải quyết hồ sơ." });
  const posting = await makeFinding(db, { visitId: visit.id, kind: "shortcoming", position: 2, text: "Bảng niêm yết tiếp nhận phản ánh, kiến nghị về quy định hành chính được niêm yết tại bộ phận một cửa chưa đảm bảo theo Thông tư số 02/2017/TT-VPCP ngày 31 tháng 10 năm 2017 của Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ." });
  const staffing = await makeFinding(db, { visitId: visit.id, kind: "shortcoming", position: 3, text: "Tính chuyên nghiệp, kỹ năng vận hành cơ chế một cửa, một cửa liên thông của Bộ phận tiếp nhận và trả kết quả còn gặp nhiều khó khăn." });
  await makeFinding(db, { visitId: visit.id, kind: "cause", causeKind: "subjective", parentId: staffing.id, position: 4, text: "Nhân sự tại bộ phận một cửa được luân chuyển từ các chức danh khác chuyển sang." });
  await makeFinding(db, { visitId: visit.id, kind: "cause", causeKind: "objective", parentId: posting.id, position: 5, text: "Việc thiết kế bản sắc thương hiệu của Bộ phận một cửa đang được triển khai thực hiện và đang trong thời gian để hoàn thiện." });

  const seed001Notice = noticeDocumentFromFile(supervisionFileSchema.parse(binhAnSupervision));
  const notice = await makeNotice(db, {
    planId: plan.id,
    visitId: visit.id,
    issuingUnitId: wardCouncil.id,
    placeName: "Bình An",
    signerName: chair.fullName,
    number: 12,
    issueDate: "2024-04-05",
    issuedBy: chair.id,
    recipients: ["TT. HĐND thành phố;", "TT. Đảng ủy, UBND, UBMTTQ phường;", "Đại biểu HĐND phường;", "Các ban ngành có liên quan;", "CSDL HĐND các cấp;", "Lưu: VT."],
    // The issued text is seed 001 as templates/examples/binh-an.json composes it.
    content: { summary: seed001Notice.summary, blocks: seed001Notice.blocks, decimals: 1, issuer: { governingBody: seed001Notice.governingBody, issuingBody: seed001Notice.issuingBody } },
  });
  const [firstRecommendation, secondRecommendation, thirdRecommendation] = binhAnSupervision.recommendations;
  const seed001Recommendations = [
    await makeRecommendation(db, { visitId: visit.id, noticeId: notice.id, addressedUnitId: wardCommittee.id, addressedRole: "Chủ tịch UBND phường", position: 1, deadline: firstRecommendation.deadline, status: "accepted", acceptedBy: chair.id, acceptedAt: demoAcceptedAt(demoReportDay(firstRecommendation.deadline, today)), text: firstRecommendation.text }),
    await makeRecommendation(db, { visitId: visit.id, noticeId: notice.id, addressedUnitId: wardCommittee.id, addressedRole: "Chủ tịch UBND phường", position: 2, deadline: secondRecommendation.deadline, status: "returned", text: secondRecommendation.text }),
    await makeRecommendation(db, { visitId: visit.id, noticeId: notice.id, addressedUnitId: wardCommittee.id, addressedRole: "Chủ tịch UBND phường", position: 3, deadline: thirdRecommendation.deadline, extendedDeadline: addDays(today, 12), status: "in_progress", text: thirdRecommendation.text }),
  ];
  for (const rec of seed001Recommendations) {
    await demoRemediationHistory(db, { rec, reporterId: wardReporter.id, reviewerId: chair.id, today });
    await demoGrantedExtension(db, { rec, reporterId: wardReporter.id, reviewerId: chair.id, today });
  }

  // A plan of this year, still in progress, so the ward's team has a visit to work on.
  const currentNumber = await nextNumber(db, wardCouncil.id, year, "KH");
  const current = await makePlan(db, {
    issuingUnitId: wardCouncil.id,
    number: currentNumber,
    issueDate: addDays(today, -20),
    status: "in_progress",
    subject: "Giám sát việc thực hiện kiến nghị sau giám sát và hoạt động của Trung tâm Phục vụ hành chính công phường",
    periodStart: `${year - 1}-07-01`,
    periodEnd: addDays(today, -30),
    createdBy: chair.id,
    checklistTemplateId: checklist.id,
    signerName: chair.fullName,
    recipients: ["TT. HĐND thành phố", "TT. Đảng ủy, UBND, UBMTTQ phường", "Đại biểu HĐND phường", "Trung tâm Phục vụ hành chính công phường", "CSDL HĐND các cấp"],
  });
  await addMember(db, { planId: current.id, userId: viceChair.id, fullName: viceChair.fullName, title: "PCT HĐND", role: "lead", position: 1 });
  await addMember(db, { planId: current.id, userId: frontMember.id, fullName: frontMember.fullName, title: "PCT MTTQ", role: "member", position: 2 });
  const currentVisit = await makeVisit(db, { planId: current.id, unitId: oneStop.id, scheduledAt: new Date(`${addDays(today, 5)}T08:00:00+07:00`) });
  // Carried recommendations: the returned and in-progress ones of 12/TB-HĐND, to check on this visit.
  await carryOpenRecommendations(db, currentVisit.id);

  // Seed 000: Phổ Châu's 2023 results against its targets, and its 2024 targets.
  const phoChauPlan = await makePlan(db, {
    issuingUnitId: phoChauCouncil.id,
    number: await nextNumber(db, phoChauCouncil.id, 2024, "KH"),
    issueDate: "2024-01-10",
    status: "in_progress",
    subject: "Giám sát kết quả thực hiện các chỉ tiêu tiếp nhận, giải quyết hồ sơ thủ tục hành chính năm 2023",
    periodStart: "2023-01-01",
    periodEnd: "2023-12-29",
    checklistTemplateId: checklist.id,
  });
  const phoChauVisit = await makeVisit(db, { planId: phoChauPlan.id, unitId: phoChauCommittee.id });
  const results: [string, string, number, number, number][] = [
    ["on_time_rate", "Tỷ lệ hồ sơ giải quyết đúng hạn", 97.87, 97, 2600],
    ["online_filing_rate", "Tỷ lệ hồ sơ trực tuyến mức độ 3", 59.64, 50, 1100],
    ["digitisation_rate", "Tỷ lệ số hóa kết quả giải quyết thủ tục hành chính", 58.18, 55, 2200],
  ];
  for (const [code, label, percent, target, around] of results) {
    // Seed 000 gives rates only; these counts are chosen to reproduce them exactly.
    const { numerator, denominator } = countsForRate(percent, around);
    await makeFigure(db, { unitId: phoChauCommittee.id, visitId: phoChauVisit.id, code, label, numerator, denominator, periodStart: "2023-01-01", periodEnd: "2023-12-29", source: "reported", targetPercent: target.toFixed(2) });
    await makeTarget(db, { unitId: phoChauCommittee.id, year: 2023, code, targetPercent: target.toFixed(2) });
  }
  for (const [code, target] of [["on_time_rate", 98], ["online_filing_rate", 60], ["digitisation_rate", 80], ["online_payment_rate", 60]] as const) {
    await makeTarget(db, { unitId: phoChauCommittee.id, year: 2024, code, targetPercent: target.toFixed(2) });
  }

  // Other wards of Dĩ An, each with this year's plan and recommendations spread around today.
  let otherMember: number | null = null;
  for (const [index, [name, slug]] of OTHER_WARDS.entries()) {
    const w = await makeUnit(db, { name: `Phường ${name}`, kind: "commune", parentId: city.id, placeName: name });
    const council = await makeUnit(db, { name: `HĐND phường ${name}`, kind: "people_council", parentId: w.id, placeName: name });
    const committee = await makeUnit(db, { name: `UBND phường ${name}`, kind: "people_committee", parentId: w.id, placeName: name });
    const councilChair = await makeUser(db, { username: `tt.${slug}`, fullName: `Chủ tịch HĐND phường ${name}`, role: "committee", unitId: council.id, title: `Chủ tịch HĐND phường ${name}`, password });
    if (index === 0) {
      const member = await makeUser(db, { username: "hung.nv", fullName: "Nguyễn Văn Hùng", role: "team_member", unitId: council.id, title: "Tổ trưởng Tổ đại biểu HĐND phường", password });
      otherMember = member.id;
    }
    const p = await makePlan(db, {
      issuingUnitId: council.id,
      number: await nextNumber(db, council.id, year, "KH"),
      issueDate: addDays(today, -90 + index * 5),
      status: "concluded",
      subject: "Giám sát việc tiếp nhận, giải quyết thủ tục hành chính tại Bộ phận Một cửa",
      periodStart: `${year - 1}-01-01`,
      periodEnd: `${year - 1}-12-31`,
    });
    if (otherMember) await addMember(db, { planId: p.id, userId: otherMember, fullName: "Nguyễn Văn Hùng", role: index === 0 ? "lead" : "member", position: 1 });
    const v = await makeVisit(db, { planId: p.id, unitId: committee.id, status: "completed" });
    const deadlines = DEMO_RECOMMENDATIONS.map((_, i) => addDays(today, -25 + ((index * 7 + i * 11) % 60)));
    const n = await makeNotice(db, {
      content: demoNoticeContent({
        ward: name,
        planNumber: p.number!,
        planIssueDate: p.issueDate!,
        subject: p.subject,
        period: [p.periodStart, p.periodEnd],
        lead: index === 0 ? "Nguyễn Văn Hùng" : councilChair.fullName,
        signer: councilChair.fullName,
        recommendations: DEMO_RECOMMENDATIONS.map((text, i) => ({ text, deadline: deadlines[i] })),
      }),
      planId: p.id,
      visitId: v.id,
      issuingUnitId: council.id,
      placeName: name,
      signerName: councilChair.fullName,
      issuedBy: councilChair.id,
      number: await nextNumber(db, council.id, year, "TB"),
      issueDate: addDays(today, -60 + index * 5),
    });
    const reporter = await makeUser(db, { username: `ubnd.${slug}`, fullName: `Văn phòng UBND phường ${name}`, role: "unit", unitId: committee.id, title: "Công chức Văn phòng - Thống kê", password });
    for (const [i, text] of DEMO_RECOMMENDATIONS.entries()) {
      const status = (["not_started", "in_progress", "reported", "returned", "accepted"] as const)[(index + i) % 5];
      const late = (index + i) % 3 === 0;
      const acceptedAt = demoAcceptedAt(demoReportDay(deadlines[i], today, late));
      const rec = await makeRecommendation(db, { visitId: v.id, noticeId: n.id, addressedUnitId: committee.id, addressedRole: "Chủ tịch UBND phường", position: i + 1, deadline: deadlines[i], status, acceptedBy: councilChair.id, acceptedAt, text });
      await demoRemediationHistory(db, { rec, reporterId: reporter.id, reviewerId: councilChair.id, today, late });
    }
  }

  log(`Đã nạp dữ liệu mẫu: phường Bình An (Kế hoạch 05/KH-HĐND, Thông báo 12/TB-HĐND), xã Phổ Châu và ${OTHER_WARDS.length} phường khác.`);
}

/** Loads the demo once: does nothing when the database already has users. */
export async function ensureDemoData(db: Db, options: { log?: (line: string) => void } = {}): Promise<boolean> {
  const log = options.log ?? (() => {});
  const [{ users: existing }] = await db.select({ users: count() }).from(users);
  if (existing > 0) return false;
  await db.transaction((tx) => buildDemo(tx, log));
  log("Tài khoản dùng thử (mật khẩu chung: " + DEMO_PASSWORD + "):");
  for (const a of DEMO_ACCOUNTS) log(`  ${a.username.padEnd(14)} ${a.roleLabel} — ${a.fullName}, ${a.unit}`);
  return true;
}
