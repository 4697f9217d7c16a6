/**
 * Recommendations of the earlier notice 12/TB-HĐND carried into this year's Bình An visit: the
 * team lead marks one "Chưa khắc phục" with a note on the tablet and finds it saved after a
 * reload; a save refused because a teammate saved first keeps the note typed in the field.
 */
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { withOwnServer } from "./support/own-server";
import { signIn, waitForHydration } from "./support/session";

const own = withOwnServer();
const NOTE = "Bảng niêm yết vẫn chưa thay theo Thông tư số 02/2017/TT-VPCP.";
const LATER_NOTE = "Đã kiểm tra lại cùng công chức Bộ phận Một cửa.";

/** A team member opens this year's Bình An visit from the plan's page, and finds its carried section. */
async function openCarried(page: Page, username: string): Promise<Locator> {
  await signIn(page, username);
  await page.goto("/plans");
  await page.getByRole("link", { name: /^Giám sát việc thực hiện kiến nghị sau giám sát/ }).first().click();
  await page.getByRole("link", { name: "Mở phiếu kiểm tra" }).first().click();
  await page.waitForURL((url) => /^\/visits\/\d+$/.test(url.pathname));
  await waitForHydration(page);
  const section = page.locator("section#carried");
  await section.getByRole("heading", { name: "Kiến nghị kỳ trước cần kiểm tra" }).waitFor();
  return section;
}

function firstItem(section: Locator) {
  return section.locator("article.carried-item").first();
}

function savePost(page: Page) {
  return page.waitForResponse((r) => r.request().method() === "POST" && /\/visits\/\d+\/carried(\.data)?$/.test(new URL(r.url()).pathname));
}

describe("recommendations of earlier notices on the checklist", () => {
  it("lets the team lead mark one not remedied with a note, saved across a reload", async () => {
    const page = own.page;
    const section = await openCarried(page, "an.bd");
    expect(await section.locator("article.carried-item").count()).toBe(2);
    const item = firstItem(section);
    expect(await item.textContent()).toContain("Thông báo số 12/TB-HĐND ngày 05/4/2024");

    await item.getByLabel("Ghi chú kết quả kiểm tra").fill(NOTE);
    const [response] = await Promise.all([savePost(page), item.getByRole("button", { name: "Chưa khắc phục" }).click()]);
    expect(response.status()).toBe(200);
    await item.getByRole("status").filter({ hasText: "Đã lưu (Bùi Dương Ân" }).waitFor();

    await page.reload();
    await waitForHydration(page);
    const reloaded = firstItem(page.locator("section#carried"));
    await reloaded.getByRole("status").filter({ hasText: "Đã lưu (Bùi Dương Ân" }).waitFor();
    expect(await reloaded.getByRole("button", { name: "Chưa khắc phục" }).getAttribute("aria-pressed")).toBe("true");
    expect(await reloaded.getByRole("button", { name: "Đã khắc phục" }).getAttribute("aria-pressed")).toBe("false");
    expect(await reloaded.getByLabel("Ghi chú kết quả kiểm tra").inputValue()).toBe(NOTE);
    // The draft kept while typing is gone once the server has the note.
    expect(await reloaded.getByText("Đã khôi phục nội dung bạn nhập").count()).toBe(0);
  });

  it("keeps the typed note when a teammate saved first, and saves it after reloading the newest", async () => {
    const page = own.page;
    const item = firstItem(page.locator("section#carried"));

    const teammate = await own.newContext();
    try {
      const other = await teammate.newPage();
      const otherItem = firstItem(await openCarried(other, "nhung.vt"));
      const [response] = await Promise.all([savePost(other), otherItem.getByRole("button", { name: "Đã khắc phục" }).click()]);
      expect(response.status()).toBe(200);
    } finally {
      await teammate.close();
    }

    await item.getByLabel("Ghi chú kết quả kiểm tra").fill(LATER_NOTE);
    const [refused] = await Promise.all([savePost(page), item.getByRole("button", { name: "Lưu ghi chú" }).click()]);
    expect(refused.status()).toBe(409);
    const alert = item.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("vừa được Vũ Thị Nhưng lưu");
    expect(await item.getByLabel("Ghi chú kết quả kiểm tra").inputValue()).toBe(LATER_NOTE);

    await item.getByRole("button", { name: "Tải lại bản mới nhất" }).click();
    await item.getByRole("status").filter({ hasText: "Đã lưu (Vũ Thị Nhưng" }).waitFor();
    expect(await item.getByLabel("Ghi chú kết quả kiểm tra").inputValue()).toBe(LATER_NOTE);
    const [saved] = await Promise.all([savePost(page), item.getByRole("button", { name: "Lưu ghi chú" }).click()]);
    expect(saved.status()).toBe(200);
    await item.getByRole("status").filter({ hasText: "Đã lưu (Bùi Dương Ân" }).waitFor();

    await page.reload();
    await waitForHydration(page);
    const reloaded = firstItem(page.locator("section#carried"));
    await reloaded.getByRole("status").filter({ hasText: "Đã lưu (Bùi Dương Ân" }).waitFor();
    expect(await reloaded.getByLabel("Ghi chú kết quả kiểm tra").inputValue()).toBe(LATER_NOTE);
    expect(await reloaded.getByRole("button", { name: "Đã khắc phục" }).getAttribute("aria-pressed")).toBe("true");
  });
});
