import { describe, expect, it } from "vitest";
import { useBrowser } from "./support/browser";
import { expectHeading, homeTitle, signIn, waitForHydration, waitForIdle } from "./support/session";
import { optionValueFor } from "./support/units";

const suffix = Date.now().toString(36);
const UNIT = `Tổ công tác kiểm thử ${suffix}`;
const USER = { fullName: "Nguyễn Thị Kiểm Thử", username: `kiemthu.${suffix}`, title: "Chuyên viên", password: "KiemThu@2024" };

describe("the administrator creates a unit and a user through the forms", () => {
  const b = useBrowser();

  it("creates a unit under Phường Bình An, after correcting an empty name", async () => {
    const page = b.page;
    await signIn(page, "quantri");
    await page.goto("/admin/units/new");
    await waitForHydration(page);
    const parentId = await optionValueFor(page, "Đơn vị cấp trên", "Phường Bình An");
    await page.getByLabel("Loại đơn vị").selectOption("other");
    await page.getByLabel("Đơn vị cấp trên").selectOption(parentId);
    await page.getByLabel("Địa danh ghi trên văn bản").fill("Bình An");
    await page.getByLabel("Mã đơn vị").fill(`E2E-${suffix}`);

    await page.getByRole("button", { name: "Thêm đơn vị" }).click();
    await page.locator("#name-error").waitFor();
    expect(await page.locator("#name-error").textContent()).toBe("Nhập tên đơn vị.");
    expect(new URL(page.url()).pathname).toBe("/admin/units/new");
    expect(await page.getByLabel("Loại đơn vị").inputValue()).toBe("other");
    expect(await page.getByLabel("Đơn vị cấp trên").inputValue()).toBe(parentId);
    expect(await page.getByLabel("Địa danh ghi trên văn bản").inputValue()).toBe("Bình An");
    expect(await page.getByLabel("Mã đơn vị").inputValue()).toBe(`E2E-${suffix}`);

    await page.getByLabel("Tên đơn vị").fill(UNIT);
    await page.getByRole("button", { name: "Thêm đơn vị" }).click();
    await page.waitForURL((url) => /^\/admin\/units\/\d+$/.test(url.pathname));
    await waitForIdle(page);
    await expectHeading(page, UNIT);
    expect(await page.getByRole("status").textContent()).toBe("Đã thêm đơn vị.");

    // In the tree, it sits under Phường Bình An.
    await page.goto("/admin/units");
    const ward = page.locator("ul.tree li", { has: page.locator(`> .row > a:text-is("Phường Bình An")`) });
    expect(await ward.locator(`a:text-is("${UNIT}")`).count()).toBe(1);
  });

  it("creates a user in that unit, after a too-short password and a taken username; the user signs in", async () => {
    const page = b.page;
    await signIn(page, "quantri");
    await page.goto("/admin/users/new");
    await waitForHydration(page);
    const unitId = await optionValueFor(page, "Đơn vị", UNIT);
    await page.getByLabel("Họ và tên").fill(USER.fullName);
    await page.getByLabel("Tên đăng nhập").fill("an.bd");
    await page.getByLabel("Chức vụ").fill(USER.title);
    await page.getByLabel("Đơn vị", { exact: true }).selectOption(unitId);
    await page.getByLabel("Vai trò").selectOption("unit");
    await page.getByLabel("Mật khẩu ban đầu").fill("ngan");
    const submit = page.getByRole("button", { name: "Thêm người dùng" });
    const kept = async () => ({
      fullName: await page.getByLabel("Họ và tên").inputValue(),
      title: await page.getByLabel("Chức vụ").inputValue(),
      unitId: await page.getByLabel("Đơn vị", { exact: true }).inputValue(),
      role: await page.getByLabel("Vai trò").inputValue(),
    });
    const expected = { fullName: USER.fullName, title: USER.title, unitId, role: "unit" };

    // Checked in the browser: the password rule.
    await submit.click();
    await page.locator("#password-error").waitFor();
    expect(await page.locator("#password-error").textContent()).toBe("Mật khẩu có ít nhất 8 ký tự.");
    expect(await kept()).toEqual(expected);
    expect(await page.getByLabel("Tên đăng nhập").inputValue()).toBe("an.bd");

    // Checked on the server: the username is taken.
    await page.getByLabel("Mật khẩu ban đầu").fill(USER.password);
    await submit.click();
    await page.locator("#username-error").waitFor();
    await waitForIdle(page);
    expect(await page.locator("#username-error").textContent()).toBe("Tên đăng nhập này đã được dùng.");
    expect(new URL(page.url()).pathname).toBe("/admin/users/new");
    expect(await kept()).toEqual(expected);

    await page.getByLabel("Tên đăng nhập").fill(USER.username);
    await page.getByLabel("Mật khẩu ban đầu").fill(USER.password);
    await submit.click();
    await page.waitForURL((url) => /^\/admin\/users\/\d+$/.test(url.pathname));
    await waitForIdle(page);
    await expectHeading(page, USER.fullName);
    expect(await page.getByRole("status").textContent()).toBe("Đã thêm người dùng.");

    const newcomer = await b.anotherPage();
    await signIn(newcomer, USER.username, USER.password);
    expect(await homeTitle(newcomer)).toBe(`Đơn vị được giám sát: ${USER.fullName}`);
    expect(await newcomer.locator("main p.muted").first().textContent()).toBe(UNIT);
    await newcomer.getByRole("heading", { name: "Kiến nghị gửi đơn vị" }).waitFor();
  });
});
