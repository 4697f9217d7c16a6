import { describe, expect, it } from "vitest";
import { useBrowser } from "./support/browser";
import { expectHeading, signIn, waitForHydration, waitForIdle } from "./support/session";

const suffix = Date.now().toString(36);
const NAME = `Đơn vị mất kết nối ${suffix}`;

describe("what was typed survives a lost connection", () => {
  const b = useBrowser();

  it("keeps the new-unit form on the device when the submit fails offline, and drops it once saved", async () => {
    const page = b.page;
    await signIn(page, "quantri");
    await page.goto("/admin/units/new");
    await waitForHydration(page);
    await page.getByLabel("Tên đơn vị").fill(NAME);
    await page.getByLabel("Loại đơn vị").selectOption("other");
    await page.getByLabel("Địa danh ghi trên văn bản").fill("Mất Mạng");

    await b.context.setOffline(true);
    await page.getByRole("button", { name: "Thêm đơn vị" }).click();
    await page.getByRole("alert").first().waitFor();
    const shown = (await page.locator("main").textContent()) ?? "";
    expect(shown).toContain("Mất kết nối");
    expect(shown).toContain("Nội dung bạn đã nhập vẫn được giữ trên thiết bị này");
    expect(shown).not.toMatch(/TypeError|Failed to fetch|at .*\.js/);

    await b.context.setOffline(false);
    await page.goto("/admin/units/new");
    await waitForHydration(page);
    await page.getByText("Đã khôi phục nội dung bạn nhập trước đó").waitFor();
    expect(await page.getByLabel("Tên đơn vị").inputValue()).toBe(NAME);
    expect(await page.getByLabel("Loại đơn vị").inputValue()).toBe("other");
    expect(await page.getByLabel("Địa danh ghi trên văn bản").inputValue()).toBe("Mất Mạng");

    await page.getByRole("button", { name: "Thêm đơn vị" }).click();
    await page.waitForURL((url) => /^\/admin\/units\/\d+$/.test(url.pathname));
    await waitForIdle(page);
    await expectHeading(page, NAME);

    // Saved on the server: the draft is gone, the next new form starts empty.
    await page.goto("/admin/units/new");
    await waitForHydration(page);
    expect(await page.getByLabel("Tên đơn vị").inputValue()).toBe("");
    expect(await page.getByText("Đã khôi phục nội dung bạn nhập trước đó").count()).toBe(0);
  });

  it("never stores a password in the draft", async () => {
    const page = b.page;
    await signIn(page, "quantri");
    await page.goto("/admin/users/new");
    await waitForHydration(page);
    await page.getByLabel("Họ và tên").fill("Người Có Mật Khẩu");
    await page.getByLabel("Mật khẩu ban đầu").fill("BiMat@2024-khong-luu");
    const stored = await page.evaluate(() => JSON.stringify(Object.entries(window.localStorage)));
    expect(stored).toContain("Người Có Mật Khẩu");
    expect(stored).not.toContain("BiMat@2024-khong-luu");
  });
});
