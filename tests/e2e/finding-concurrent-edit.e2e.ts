/**
 * Two members of this year's Bình An team edit the same finding at once, each on a tablet: the
 * lead (an.bd) saves first; the member (nhung.vt), still on the version she opened, saves hers and
 * is told in Vietnamese that someone else changed it. Her text stays in the field, beside his
 * once she loads the newest version, and through a reload of the page (a draft kept on the
 * device); his save was not overwritten; she may then replace it knowingly. Then the other way
 * round: he is refused, reloads, and still has his text.
 * On the shared server: a finding added to this year's visit starts nothing (the visit stays
 * "scheduled") and no other spec reads that visit's findings.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowser } from "./support/browser";
import { signIn, waitForHydration, waitForIdle } from "./support/session";

const ORIGINAL = "Bảng niêm yết thủ tục hành chính đặt khuất, người dân khó tiếp cận.";
const HIS = "Bảng niêm yết thủ tục hành chính đặt sau quầy tiếp nhận, người dân khó tiếp cận.";
const HERS = "Bảng niêm yết đặt khuất sau quầy; chữ nhỏ, người cao tuổi khó đọc.";
const HIS_AGAIN = "Bảng niêm yết đặt sau quầy tiếp nhận; đề nghị chuyển ra sảnh chờ.";
const HERS_AGAIN = "Bảng niêm yết đặt khuất, chữ nhỏ; đề nghị chuyển ra sảnh chờ và in chữ lớn.";
const STALE = "Nội dung này đã được người khác sửa, tải lại trang để xem bản mới nhất rồi sửa tiếp.";

async function openFindings(page: Page, url: string) {
  await page.goto(url);
  await waitForHydration(page);
  await page.getByRole("heading", { level: 1, name: "Kết quả giám sát, kiến nghị" }).waitFor();
}

const card = (page: Page, id: string) => page.locator(`article.finding-card[data-finding-id="${id}"]`);

describe("two people editing the same finding", () => {
  const b = useBrowser();

  it("tells the second one, keeps her text, and keeps the first one's save", async () => {
    // The member finds the visit and adds the finding; the lead opens the page on his own tablet.
    const hers = b.page;
    await signIn(hers, "nhung.vt");
    await hers.getByRole("link", { name: "Bộ phận Một cửa phường Bình An" }).first().click();
    await hers.waitForURL((url) => /^\/visits\/\d+$/.test(url.pathname));
    const url = `${new URL(hers.url()).pathname}/findings`;
    await openFindings(hers, url);
    const shortcomings = hers.getByRole("region", { name: "Tồn tại, hạn chế", exact: true });
    await shortcomings.getByLabel("Thêm tồn tại, hạn chế").fill(ORIGINAL);
    await shortcomings.getByRole("button", { name: "Lưu tồn tại, hạn chế" }).click();
    const created = shortcomings.locator("article.finding-card", { hasText: ORIGINAL });
    await created.waitFor();
    const id = (await created.getAttribute("data-finding-id"))!;
    await waitForIdle(hers);

    const his = await b.anotherPage();
    await signIn(his, "an.bd");
    await openFindings(his, url);
    await card(his, id).locator(".finding-text", { hasText: ORIGINAL }).waitFor();

    // Both open the editor on the same version.
    await card(his, id).getByRole("button", { name: "Sửa", exact: true }).click();
    await card(hers, id).getByRole("button", { name: "Sửa", exact: true }).click();
    await card(his, id).getByLabel("Nội dung").fill(HIS);
    await card(hers, id).getByLabel("Nội dung").fill(HERS);

    // He saves first.
    await card(his, id).getByRole("button", { name: "Lưu", exact: true }).click();
    await card(his, id).locator(".finding-text", { hasText: HIS }).waitFor();
    await waitForIdle(his);

    // She saves the version she opened: refused, told why, her text still in the field.
    await card(hers, id).getByRole("button", { name: "Lưu", exact: true }).click();
    await card(hers, id).getByRole("alert").filter({ hasText: STALE }).waitFor();
    await waitForIdle(hers);
    expect(await card(hers, id).getByLabel("Nội dung").inputValue()).toBe(HERS);

    // His save stands.
    await his.reload();
    await waitForHydration(his);
    expect(await card(his, id).locator(".finding-text").textContent()).toBe(HIS);

    // Loading the newest version shows his text beside hers, which stays in the field.
    await card(hers, id).getByRole("button", { name: "Tải lại bản mới nhất" }).click();
    await card(hers, id).getByText(`Người khác vừa sửa mục này thành: “${HIS}”`).waitFor();
    expect(await card(hers, id).getByLabel("Nội dung").inputValue()).toBe(HERS);

    // A reload of the whole page: the page shows his text, hers is still on the device and
    // comes back in the editor.
    await hers.reload();
    await waitForHydration(hers);
    expect(await card(hers, id).locator(".finding-text").textContent()).toBe(HIS);
    await card(hers, id).getByRole("button", { name: "Sửa", exact: true }).click();
    await card(hers, id).getByText("Đã khôi phục nội dung bạn nhập trước đó").waitFor();
    expect(await card(hers, id).getByLabel("Nội dung").inputValue()).toBe(HERS);

    // Saving now replaces his text knowingly.
    await card(hers, id).getByRole("button", { name: "Lưu", exact: true }).click();
    await card(hers, id).locator(".finding-text", { hasText: HERS }).waitFor();
    await waitForIdle(hers);

    // The other way round: she saves first, he is refused and reloads the page; his text is
    // kept on his tablet, hers stays on the server.
    await his.reload();
    await waitForHydration(his);
    await card(his, id).getByRole("button", { name: "Sửa", exact: true }).click();
    await card(hers, id).getByRole("button", { name: "Sửa", exact: true }).click();
    await card(his, id).getByLabel("Nội dung").fill(HIS_AGAIN);
    await card(hers, id).getByLabel("Nội dung").fill(HERS_AGAIN);
    await card(hers, id).getByRole("button", { name: "Lưu", exact: true }).click();
    await card(hers, id).locator(".finding-text", { hasText: HERS_AGAIN }).waitFor();
    await card(his, id).getByRole("button", { name: "Lưu", exact: true }).click();
    await card(his, id).getByRole("alert").filter({ hasText: STALE }).waitFor();
    expect(await card(his, id).getByLabel("Nội dung").inputValue()).toBe(HIS_AGAIN);
    await waitForIdle(his);
    await his.reload();
    await waitForHydration(his);
    expect(await card(his, id).locator(".finding-text").textContent()).toBe(HERS_AGAIN);
    await card(his, id).getByRole("button", { name: "Sửa", exact: true }).click();
    await card(his, id).getByText("Đã khôi phục nội dung bạn nhập trước đó").waitFor();
    expect(await card(his, id).getByLabel("Nội dung").inputValue()).toBe(HIS_AGAIN);
    await hers.reload();
    await waitForHydration(hers);
    expect(await card(hers, id).locator(".finding-text").textContent()).toBe(HERS_AGAIN);
  });
});
