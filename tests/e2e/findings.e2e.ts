/**
 * The team drafts the findings and recommendations of this year's Bình An visit on an iPad held
 * upright: a verified figure entered on the checklist becomes the citation of an achievement; two
 * shortcomings, one with a subjective cause, are reordered and merged; a recommendation is
 * addressed to UBND phường with a deadline (a deadline of today is refused and nothing typed is
 * lost), and a second one to the same addressee is merged into it; after a reload everything is still there. The spec answers the demo visit, so it runs on
 * a server and database of its own.
 */
import type { Locator } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { withOwnServer } from "./support/own-server";
import { expectHeading, signIn, waitForHydration, waitForIdle } from "./support/session";

const ACHIEVEMENT = "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 99%, vượt chỉ tiêu được giao.";
const FIRST = "Bảng niêm yết tiếp nhận phản ánh, kiến nghị chưa theo Thông tư số 02/2017/TT-VPCP.";
const SECOND = "Thiếu số điện thoại đường dây nóng trên bảng niêm yết.";
const CAUSE = "Công chức Bộ phận Một cửa chưa rà soát bảng niêm yết định kỳ.";
const RECOMMENDATION = "Niêm yết lại bảng tiếp nhận phản ánh, kiến nghị về quy định hành chính theo đúng Thông tư số 02/2017/TT-VPCP.";
const SECOND_RECOMMENDATION = "Công khai kết quả khắc phục trên trang thông tin điện tử của phường.";

/** Vietnam's calendar date `days` from now, as an IsoDate. */
function vietnamIsoDate(days = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}
const DEADLINE = vietnamIsoDate(45);
const ddmmyyyy = (iso: string) => iso.split("-").reverse().join("/");

const own = withOwnServer();
let findingsUrl = "";

beforeAll(() => {
  // Delete and merge ask for a confirmation first.
  own.page.on("dialog", (dialog) => void dialog.accept());
});

const section = (name: string) => own.page.getByRole("region", { name, exact: true });
/** A finding's card by its text; its own buttons, not those of the causes inside it. */
const card = (within: Locator, text: string) => within.locator("article.finding-card", { has: own.page.locator(":scope > .finding-body .finding-text", { hasText: text }) });
const ownActions = (c: Locator) => c.locator(":scope > .finding-actions");

async function shortcomingTexts(): Promise<string[]> {
  return section("Tồn tại, hạn chế").locator(":scope > article.finding-card > .finding-body .finding-text").allTextContents();
}

describe("findings and recommendations of a visit on a tablet", () => {
  it("turns a figure entered on the checklist into an achievement that cites it", async () => {
    await signIn(own.page, "nhung.vt");
    await own.page.getByRole("link", { name: "Bộ phận Một cửa phường Bình An" }).first().click();
    await own.page.waitForURL((url) => /^\/visits\/\d+$/.test(url.pathname));
    await waitForHydration(own.page);
    await own.page.locator('[data-sync-ready="true"]').waitFor();
    await own.page.locator(".section-tab", { has: own.page.locator(".section-code", { hasText: "F" }) }).click();
    const f1 = own.page.locator('article[data-item-code="F1"]');
    // The banner already reads "saved" before the edit is queued: wait for the server to have the
    // total itself, then for the banner.
    const totalSaved = own.page.waitForResponse(
      (r) => r.request().method() === "POST" && /\/visits\/\d+\/answers$/.test(new URL(r.url()).pathname) && (r.request().postData() ?? "").includes("10000") && r.ok(),
      { timeout: 30_000 },
    );
    await f1.getByLabel("Số đạt (đoàn kiểm tra)").fill("9.900");
    await f1.getByLabel("Tổng số").fill("10000");
    await f1.getByLabel("Tổng số").press("Tab");
    await totalSaved;
    await own.page.locator(".sync-banner.saved").waitFor({ timeout: 30_000 });

    await own.page.getByRole("link", { name: "Kết quả giám sát, kiến nghị" }).click();
    await expectHeading(own.page, "Kết quả giám sát, kiến nghị");
    findingsUrl = new URL(own.page.url()).pathname;
    expect(findingsUrl).toMatch(/^\/visits\/\d+\/findings$/);
    await waitForHydration(own.page);
    // The team member does not compose the notice: that link is the committee's.
    expect(await own.page.getByRole("link", { name: "Soạn thông báo kết luận" }).count()).toBe(0);
    await own.page.locator(".sources-panel").getByText("9.900/10.000 hồ sơ, đạt 99%").waitFor();

    const achievements = section("Kết quả đạt được");
    await achievements.getByLabel("Thêm kết quả đạt được").fill(ACHIEVEMENT);
    await achievements.getByText("Thêm căn cứ (tiêu chí, số liệu, ảnh)").click();
    await achievements.getByRole("button", { name: "Số liệu", exact: true }).click();
    await achievements.getByLabel("Số liệu của buổi giám sát").selectOption({ index: 1 });
    await achievements.getByRole("button", { name: "Đưa vào căn cứ" }).click();
    await achievements.locator(".finding-form .citation", { hasText: "9.900/10.000" }).waitFor();
    await achievements.getByRole("button", { name: "Lưu kết quả đạt được" }).click();
    const saved = card(achievements, ACHIEVEMENT);
    await saved.waitFor();
    expect(await saved.locator(".citation").first().textContent()).toMatch(/^Số liệu:.*9\.900\/10\.000 hồ sơ, đạt 99%, vượt 1% so với chỉ tiêu được giao \(98%\)/);
    // The add form is empty again for the next one.
    expect(await achievements.getByLabel("Thêm kết quả đạt được").inputValue()).toBe("");
  });

  it("adds two shortcomings, a subjective cause, reorders and merges them", async () => {
    const shortcomings = section("Tồn tại, hạn chế");
    for (const text of [FIRST, SECOND]) {
      await shortcomings.getByLabel("Thêm tồn tại, hạn chế").fill(text);
      await shortcomings.getByRole("button", { name: "Lưu tồn tại, hạn chế" }).click();
      await card(shortcomings, text).waitFor();
    }
    expect(await shortcomingTexts()).toEqual([FIRST, SECOND]);

    const first = card(shortcomings, FIRST);
    await first.getByRole("button", { name: "+ Thêm nguyên nhân chủ quan" }).click();
    await first.getByLabel("Nguyên nhân chủ quan", { exact: true }).fill(CAUSE);
    await first.getByRole("button", { name: "Lưu nguyên nhân chủ quan" }).click();
    const subjective = own.page.getByRole("region", { name: "Nguyên nhân chủ quan của tồn tại 1" });
    await subjective.getByText(CAUSE).waitFor();
    expect(await own.page.getByRole("region", { name: "Nguyên nhân khách quan của tồn tại 1" }).getByText("Chưa có.").count()).toBe(1);

    await ownActions(first).getByRole("button", { name: "↓ Xuống" }).click();
    await expect.poll(shortcomingTexts, { timeout: 10_000 }).toEqual([SECOND, FIRST]);
    await waitForIdle(own.page);

    await ownActions(card(shortcomings, SECOND)).getByLabel("Chọn để gộp").check();
    await ownActions(card(shortcomings, FIRST)).getByLabel("Chọn để gộp").check();
    const bar = own.page.getByRole("region", { name: "Gộp các mục đã chọn" });
    await bar.getByText("Đã chọn 2 mục.").waitFor();
    await bar.getByRole("button", { name: "Gộp", exact: true }).click();
    await expect.poll(shortcomingTexts, { timeout: 10_000 }).toEqual([`${SECOND} ${FIRST}`]);
    // The cause of the shortcoming merged away now hangs under the one that stayed.
    await own.page.getByRole("region", { name: "Nguyên nhân chủ quan của tồn tại 1" }).getByText(CAUSE).waitFor();
  });

  it("adds a recommendation with a deadline, keeping what was typed when the deadline is refused", async () => {
    const recommendations = section("Kiến nghị, đề xuất");
    await recommendations.getByLabel("Đơn vị nhận kiến nghị").selectOption({ label: "UBND phường Bình An" });
    await recommendations.getByLabel("Chức danh người nhận").fill("Chủ tịch UBND phường");
    await recommendations.getByLabel("Nội dung kiến nghị").fill(RECOMMENDATION);
    await recommendations.getByLabel(new RegExp(`^Tồn tại: ${SECOND}`)).check();
    await recommendations.getByLabel("Hạn báo cáo kết quả khắc phục").fill(vietnamIsoDate(0));
    await recommendations.getByRole("button", { name: "Lưu kiến nghị" }).click();
    await recommendations.getByText(/Hạn báo cáo kết quả khắc phục phải sau ngày hôm nay/).first().waitFor();
    expect(await recommendations.getByLabel("Nội dung kiến nghị").inputValue()).toBe(RECOMMENDATION);
    expect(await recommendations.getByLabel("Chức danh người nhận").inputValue()).toBe("Chủ tịch UBND phường");

    await recommendations.getByLabel("Hạn báo cáo kết quả khắc phục").fill(DEADLINE);
    await recommendations.getByRole("button", { name: "Lưu kiến nghị" }).click();
    const saved = recommendations.locator("article.recommendation", { hasText: RECOMMENDATION });
    await saved.waitFor();
    expect(await saved.locator(".recommendation-meta").textContent()).toBe(
      `Gửi: Chủ tịch UBND phường, UBND phường Bình An · Hạn báo cáo kết quả khắc phục: ${ddmmyyyy(DEADLINE)}`,
    );
    await saved.locator(".citation", { hasText: `Tồn tại: ${SECOND}` }).waitFor();
  });

  it("merges a second recommendation to the same addressee into the first, keeping the earlier deadline", async () => {
    const recommendations = section("Kiến nghị, đề xuất");
    const addForm = recommendations.locator(".add-panel");
    await addForm.getByLabel("Đơn vị nhận kiến nghị").selectOption({ label: "UBND phường Bình An" });
    await addForm.getByLabel("Chức danh người nhận").fill("Chủ tịch UBND phường");
    await addForm.getByLabel("Nội dung kiến nghị").fill(SECOND_RECOMMENDATION);
    await addForm.getByLabel("Hạn báo cáo kết quả khắc phục").fill(vietnamIsoDate(60));
    await addForm.getByRole("button", { name: "Lưu kiến nghị" }).click();
    const second = recommendations.locator("article.recommendation", { hasText: SECOND_RECOMMENDATION });
    await second.waitFor();
    await recommendations.locator("article.recommendation", { hasText: RECOMMENDATION }).getByLabel("Chọn để gộp").check();
    await second.getByLabel("Chọn để gộp").check();
    await own.page.getByRole("region", { name: "Gộp các kiến nghị đã chọn" }).getByRole("button", { name: "Gộp kiến nghị" }).click();
    await expect.poll(() => recommendations.locator("article.recommendation").count()).toBe(1);
    const merged = recommendations.locator("article.recommendation");
    expect(await merged.locator(".finding-text").textContent()).toBe(`${RECOMMENDATION} ${SECOND_RECOMMENDATION}`);
    expect(await merged.locator(".recommendation-meta").textContent()).toContain(ddmmyyyy(DEADLINE));
  });

  it("shows everything again after a reload", async () => {
    await own.page.reload();
    await waitForHydration(own.page);
    await expectHeading(own.page, "Kết quả giám sát, kiến nghị");
    const achievement = card(section("Kết quả đạt được"), ACHIEVEMENT);
    expect(await achievement.locator(".citation").first().textContent()).toMatch(/9\.900\/10\.000 hồ sơ, đạt 99%/);
    expect(await shortcomingTexts()).toEqual([`${SECOND} ${FIRST}`]);
    await own.page.getByRole("region", { name: "Nguyên nhân chủ quan của tồn tại 1" }).getByText(CAUSE).waitFor();
    const recommendation = section("Kiến nghị, đề xuất").locator("article.recommendation", { hasText: RECOMMENDATION });
    expect(await recommendation.locator(".recommendation-meta").textContent()).toContain(ddmmyyyy(DEADLINE));
  });

  it("shows the standing committee the link to compose the conclusion notice", async () => {
    const committee = await own.newContext();
    try {
      const other = await committee.newPage();
      await signIn(other, "trang.ttt");
      await other.goto(findingsUrl);
      await expectHeading(other, "Kết quả giám sát, kiến nghị");
      expect(await other.getByRole("link", { name: "Soạn thông báo kết luận" }).getAttribute("href")).toBe(findingsUrl.replace(/findings$/, "notice"));
      expect(await other.locator("article.finding-card .finding-text", { hasText: ACHIEVEMENT }).count()).toBe(1);
    } finally {
      await committee.close();
    }
  });
});
