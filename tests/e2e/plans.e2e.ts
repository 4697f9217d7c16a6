/**
 * The standing committee writes a supervision plan in the browser, corrects what the form refuses,
 * issues it with a number and downloads it as a PDF; who else may read it.
 * The plan is this file's own (a unique subject): the demo plans other specs use are not touched.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { readPdf } from "../support/pdf";
import { useBrowser } from "./support/browser";
import { expectHeading, signIn, waitForHydration, waitForIdle } from "./support/session";

const suffix = Date.now().toString(36);
const SUBJECT = `Giám sát việc giải quyết thủ tục hành chính lĩnh vực hộ tịch, đợt kiểm thử ${suffix}`;
const LEGAL_BASIS = [
  "Căn cứ Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân ngày 20 tháng 11 năm 2015;",
  "Căn cứ Nghị quyết số 12/NQ-HĐND ngày 20 tháng 12 năm 2025 của HĐND phường Bình An;",
];
const PURPOSE = "Đánh giá đúng thực trạng giải quyết hồ sơ hộ tịch; kiến nghị khắc phục hạn chế.";
const RECIPIENTS = ["Thường trực HĐND thành phố;", "UBND phường Bình An;"];
const LEAD = "Bùi Dương Ân";
const GUEST = { fullName: "Nguyễn Thị Mai", title: "Chủ tịch Hội Liên hiệp Phụ nữ phường" };
const SIGNER = "Trần Thị Thuỳ Trang";
const UNIT = "UBND phường Bình An";
const FORBIDDEN = "Không có quyền truy cập";

/** Vietnam's calendar date `days` from now, as an IsoDate. */
function vietnamIsoDate(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

const ISSUE_DATE = vietnamIsoDate(-1);
const YEAR = ISSUE_DATE.slice(0, 4);
const PERIOD = { start: `${YEAR}-01-01`, end: `${YEAR}-06-30` };
const VISIT_AT = `${YEAR}-12-28T08:30`;
const ddmmyyyy = (iso: string) => iso.split("-").reverse().join("/");

/** Filled in by the first test: the plan's id and its issued number ("02/KH-HĐND"). */
const plan = { id: 0, number: "" };

function member(page: Page, position: number) {
  return page.locator("fieldset", { has: page.locator("legend", { hasText: new RegExp(`^Thành viên ${position}$`) }) });
}

/** The value of the only <option> of a select whose label matches. */
async function optionMatching(page: Page, select: string, label: RegExp): Promise<string> {
  const options = await page.locator(select).locator("option").evaluateAll((nodes) =>
    nodes.map((n) => ({ value: (n as HTMLOptionElement).value, label: (n.textContent ?? "").trim() })),
  );
  const found = options.filter((o) => label.test(o.label));
  if (found.length !== 1) throw new Error(`${found.length} options match ${label} in ${select}: ${JSON.stringify(options.map((o) => o.label))}`);
  return found[0].value;
}

/** The numbers of this year's KH series the committee can see in the list: the next one follows them. */
async function numbersIssuedIn(page: Page, year: string): Promise<number[]> {
  await page.goto(`/plans?year=${year}`);
  const cells = await page.locator("table.list tbody tr td:first-child").allTextContents();
  return cells.flatMap((cell) => {
    const match = /^(\d+)\/KH-HĐND/.exec(cell.trim());
    return match ? [Number(match[1])] : [];
  });
}

async function expectForbidden(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status()).toBe(403);
  expect(await page.locator("main h1").textContent()).toBe(FORBIDDEN);
  // Neither on screen nor in the page's embedded loader data.
  const html = await page.content();
  for (const leaked of [suffix, LEAD, GUEST.fullName]) expect(html).not.toContain(leaked);
}

describe("a supervision plan written, issued and printed in the browser", () => {
  const b = useBrowser();

  it("the committee corrects a missing lead and a reversed period without retyping, saves the draft and issues it with a number", async () => {
    const page = b.page;
    await signIn(page, "trang.ttt");
    const taken = await numbersIssuedIn(page, YEAR);
    const expectedNumber = `${String(Math.max(0, ...taken) + 1).padStart(2, "0")}/KH-HĐND`;

    await page.getByRole("navigation", { name: "Chính" }).getByRole("link", { name: "Kế hoạch giám sát" }).click();
    await expectHeading(page, "Kế hoạch giám sát");
    await page.getByRole("link", { name: "Tạo kế hoạch" }).click();
    await expectHeading(page, "Lập kế hoạch giám sát");
    await waitForHydration(page);

    await page.getByLabel("Nội dung giám sát (trích yếu)").fill(SUBJECT);
    await page.getByLabel("Căn cứ", { exact: true }).fill(LEGAL_BASIS.join("\n"));
    await page.getByLabel("Mục đích, yêu cầu").fill(PURPOSE);
    // Reversed: the period ends before it starts.
    await page.getByLabel("Thời kỳ giám sát: từ ngày").fill(PERIOD.end);
    await page.getByLabel("đến ngày", { exact: true }).fill(PERIOD.start);
    const templateId = await optionMatching(page, "#checklistTemplateId", /^Phiếu kiểm tra Bộ phận Một cửa cấp xã \(phiên bản \d+\)$/);
    await page.getByLabel("Mẫu phiếu kiểm tra").selectOption(templateId);
    const unitId = await optionMatching(page, '[id="units.0.unitId"]', new RegExp(`^${UNIT}$`));
    await page.locator('[id="units.0.unitId"]').selectOption(unitId);
    await page.locator('[id="units.0.scheduledAt"]').fill(VISIT_AT);

    // The first member has an account; no one is the lead yet.
    const leadId = await optionMatching(page, '[id="members.0.userId"]', new RegExp(`^${LEAD} – `));
    await member(page, 1).getByLabel("Tài khoản").selectOption(leadId);
    expect(await member(page, 1).getByLabel("Họ và tên").inputValue()).toBe(LEAD);
    expect(await member(page, 1).getByLabel("Chức vụ").inputValue()).toBe("Phó Chủ tịch HĐND phường");
    await member(page, 1).getByLabel("Vai trò trong đoàn").selectOption({ label: "Thành viên" });
    // The second is typed by name: no account.
    await page.getByRole("button", { name: "Thêm thành viên" }).click();
    await member(page, 2).getByLabel("Họ và tên").fill(GUEST.fullName);
    await member(page, 2).getByLabel("Chức vụ").fill(GUEST.title);
    await member(page, 2).getByLabel("Vai trò trong đoàn").selectOption({ label: "Thành viên" });
    await page.getByLabel("Họ tên người ký").fill(SIGNER);
    await page.getByLabel("Nơi nhận").fill(RECIPIENTS.join("\n"));

    await page.getByRole("button", { name: "Lưu dự thảo" }).click();
    const teamError = page.locator("h2:text-is('Thành phần đoàn giám sát') + .form-error");
    await teamError.waitFor();
    expect(await teamError.textContent()).toBe("Đoàn giám sát phải có một Trưởng đoàn.");
    expect(await page.locator('[id="periodEnd-error"]').textContent()).toBe("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu thời kỳ giám sát.");
    expect(new URL(page.url()).pathname).toBe("/plans/new");
    const kept = {
      subject: await page.getByLabel("Nội dung giám sát (trích yếu)").inputValue(),
      legalBasis: await page.getByLabel("Căn cứ", { exact: true }).inputValue(),
      purpose: await page.getByLabel("Mục đích, yêu cầu").inputValue(),
      template: await page.getByLabel("Mẫu phiếu kiểm tra").inputValue(),
      unit: await page.locator('[id="units.0.unitId"]').inputValue(),
      visitAt: await page.locator('[id="units.0.scheduledAt"]').inputValue(),
      lead: await member(page, 1).getByLabel("Tài khoản").inputValue(),
      guest: await member(page, 2).getByLabel("Họ và tên").inputValue(),
      guestTitle: await member(page, 2).getByLabel("Chức vụ").inputValue(),
      signer: await page.getByLabel("Họ tên người ký").inputValue(),
      recipients: await page.getByLabel("Nơi nhận").inputValue(),
    };
    expect(kept).toEqual({
      subject: SUBJECT,
      legalBasis: LEGAL_BASIS.join("\n"),
      purpose: PURPOSE,
      template: templateId,
      unit: unitId,
      visitAt: VISIT_AT,
      lead: leadId,
      guest: GUEST.fullName,
      guestTitle: GUEST.title,
      signer: SIGNER,
      recipients: RECIPIENTS.join("\n"),
    });

    await page.getByLabel("Thời kỳ giám sát: từ ngày").fill(PERIOD.start);
    await page.getByLabel("đến ngày", { exact: true }).fill(PERIOD.end);
    await member(page, 1).getByLabel("Vai trò trong đoàn").selectOption({ label: "Trưởng đoàn" });
    await page.getByRole("button", { name: "Lưu dự thảo" }).click();
    await page.waitForURL((url) => /^\/plans\/\d+$/.test(url.pathname));
    await waitForIdle(page);
    await expectHeading(page, SUBJECT);
    plan.id = Number(new URL(page.url()).pathname.split("/")[2]);
    expect(await page.getByRole("status").textContent()).toBe("Đã lưu dự thảo kế hoạch.");
    const panel = page.locator("main section.panel").first();
    expect(await panel.getByText("Trạng thái:").locator("..").textContent()).toBe("Trạng thái: Dự thảo");
    expect(await panel.getByText("Thời kỳ giám sát:").locator("..").textContent()).toBe(
      `Thời kỳ giám sát: từ ngày ${ddmmyyyy(PERIOD.start)} đến ngày ${ddmmyyyy(PERIOD.end)}`,
    );
    expect(await panel.locator("ul li").allTextContents()).toEqual(LEGAL_BASIS);
    expect(await page.locator("main h2:text-is('Thành phần đoàn giám sát') + ul li").allTextContents()).toEqual([
      `${LEAD} – Phó Chủ tịch HĐND phường – Trưởng đoàn`,
      `${GUEST.fullName} – ${GUEST.title} – Thành viên`,
    ]);
    const visitRow = page.locator("table.list tbody tr");
    expect(await visitRow.count()).toBe(1);
    expect(await visitRow.locator("td").nth(0).textContent()).toBe(UNIT);
    expect(await visitRow.locator("td").nth(1).textContent()).toBe(`28/12/${YEAR} 08:30`);

    await page.getByLabel("Ngày ban hành").fill(ISSUE_DATE);
    await page.getByRole("button", { name: "Ban hành (cấp số)" }).click();
    await page.getByRole("status").filter({ hasText: "Đã ban hành" }).waitFor();
    await waitForIdle(page);
    expect(await page.getByRole("status").textContent()).toBe(`Đã ban hành kế hoạch số ${expectedNumber}.`);
    expect(expectedNumber).toMatch(/^0\d\/KH-HĐND$/);
    expect(await panel.getByText("Kế hoạch:").locator("..").textContent()).toBe(
      `Kế hoạch: ${expectedNumber} ngày ${ddmmyyyy(ISSUE_DATE)} của HĐND phường Bình An`,
    );
    expect(await panel.getByText("Trạng thái:").locator("..").textContent()).toBe("Trạng thái: Đã ban hành");
    expect(await page.getByRole("button", { name: "Ban hành (cấp số)" }).count()).toBe(0);
    plan.number = expectedNumber;
  });

  it("the page's PDF link gives the issued plan as a PDF with its number, subject and lead", async () => {
    expect(plan.id, "the plan of the first test").toBeGreaterThan(0);
    const page = b.page;
    await signIn(page, "trang.ttt");
    await page.goto(`/plans/${plan.id}`);
    const href = await page.getByRole("link", { name: "Tải kế hoạch (PDF)" }).getAttribute("href");
    expect(href).toBe(`/plans/${plan.id}/pdf`);
    const response = await b.context.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    const bytes = await response.body();
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    const text = readPdf(bytes)
      .pages.map((p) => p.text.replace(/\s+/g, " "))
      .join(" ");
    expect(text).toContain(`Số: ${plan.number}`);
    expect(text).toContain(`1. Nội dung giám sát: ${SUBJECT}.`);
    expect(text).toContain(`1. ${LEAD} – Phó Chủ tịch HĐND phường – Trưởng đoàn;`);
    expect(text).toContain(`2. ${GUEST.fullName} – ${GUEST.title} – Thành viên.`);
    expect(text).toContain(LEGAL_BASIS[0]);
  });

  it("the list shows it under the status “Đã ban hành” and its supervised unit, not under “Dự thảo”", async () => {
    expect(plan.id, "the plan of the first test").toBeGreaterThan(0);
    const page = b.page;
    await signIn(page, "trang.ttt");
    await page.getByRole("navigation", { name: "Chính" }).getByRole("link", { name: "Kế hoạch giám sát" }).click();
    await expectHeading(page, "Kế hoạch giám sát");
    await waitForHydration(page);
    const row = page.locator("table.list tbody tr", { has: page.locator(`a[href="/plans/${plan.id}"]`) });
    const statuses = () => page.locator("table.list tbody tr td:nth-child(4)").allTextContents();

    await page.getByLabel("Trạng thái").selectOption({ label: "Dự thảo" });
    await page.getByRole("button", { name: "Lọc" }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "draft");
    await waitForIdle(page);
    // The unfiltered list showed issued plans: wait until only drafts are left on screen.
    await expect.poll(async () => new Set(await statuses()).has("Đã ban hành")).toBe(false);
    expect(await row.count()).toBe(0);

    await page.getByLabel("Trạng thái").selectOption({ label: "Đã ban hành" });
    const unitId = await optionMatching(page, "#unitId", new RegExp(`^${UNIT}$`));
    await page.getByLabel("Đơn vị được giám sát").selectOption(unitId);
    await page.getByRole("button", { name: "Lọc" }).click();
    await page.waitForURL((url) => url.searchParams.get("status") === "issued" && url.searchParams.get("unitId") === unitId);
    await waitForIdle(page);
    await row.waitFor();
    expect(await row.locator("td").allTextContents()).toEqual([
      `${plan.number} ngày ${ddmmyyyy(ISSUE_DATE)}`,
      SUBJECT,
      "HĐND phường Bình An",
      "Đã ban hành",
    ]);
    expect(new Set(await statuses())).toEqual(new Set(["Đã ban hành"]));
  });

  it("a team member reads the plan only once she is on its team", async () => {
    expect(plan.id, "the plan of the first test").toBeGreaterThan(0);
    const her = b.page;
    await signIn(her, "nhung.vt");
    await her.goto("/plans");
    await expectHeading(her, "Kế hoạch giám sát");
    expect(await her.getByRole("link", { name: SUBJECT }).count()).toBe(0);
    await expectForbidden(her, `/plans/${plan.id}`);

    // The committee adds her to the issued plan's team.
    const committee = await b.anotherPage();
    await signIn(committee, "trang.ttt");
    await committee.goto(`/plans/${plan.id}`);
    await committee.getByRole("link", { name: "Sửa thành phần đoàn và lịch" }).click();
    await expectHeading(committee, "Sửa kế hoạch giám sát");
    await waitForHydration(committee);
    await committee.getByRole("button", { name: "Thêm thành viên" }).click();
    const herId = await optionMatching(committee, '[id="members.2.userId"]', /^Vũ Thị Nhưng – /);
    await member(committee, 3).getByLabel("Tài khoản").selectOption(herId);
    await member(committee, 3).getByLabel("Vai trò trong đoàn").selectOption({ label: "Thư ký" });
    await committee.getByRole("button", { name: "Lưu thay đổi" }).click();
    await committee.getByRole("status").filter({ hasText: "Đã lưu thay đổi." }).waitFor();

    await her.goto("/plans");
    await her.getByRole("link", { name: SUBJECT }).click();
    await expectHeading(her, SUBJECT);
    expect(await her.locator("main h2:text-is('Thành phần đoàn giám sát') + ul li").last().textContent()).toMatch(/^Vũ Thị Nhưng – .+ – Thư ký$/);
    // She reads it; she does not manage it.
    expect(await her.getByRole("link", { name: /^Sửa/ }).count()).toBe(0);
  });

  it("a unit of another commune opening the plan's address gets the Vietnamese 403 page, not the plan", async () => {
    expect(plan.id, "the plan of the first test").toBeGreaterThan(0);
    await signIn(b.page, "ubnd.phochau");
    await expectForbidden(b.page, `/plans/${plan.id}`);
    const pdf = await b.context.request.get(`/plans/${plan.id}/pdf`);
    expect(pdf.status()).toBe(403);
    expect(pdf.headers()["content-type"]).not.toContain("application/pdf");
  });
});
