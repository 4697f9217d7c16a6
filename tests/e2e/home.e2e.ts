import { describe, expect, it } from "vitest";
import { useBrowser } from "./support/browser";
import { homeTitle, signIn } from "./support/session";

describe("home page per role", () => {
  const b = useBrowser();

  it("the administrator sees the catalogue figures, linking to the administration pages", async () => {
    await signIn(b.page, "quantri");
    expect(await homeTitle(b.page)).toBe("Quản trị hệ thống: Quản trị hệ thống");
    const unitsStat = b.page.locator('main a[href="/admin/units"]');
    expect(await unitsStat.locator(".stat-label").textContent()).toBe("Đơn vị");
    expect(Number((await unitsStat.locator(".stat").textContent())?.replace(/\D/g, ""))).toBeGreaterThan(10);
    expect(await b.page.locator('main a[href="/admin/users"]').count()).toBe(2);
    // No supervision content for the administrator.
    expect(await b.page.getByRole("heading", { name: "Kiến nghị cần chú ý" }).count()).toBe(0);
  });

  it("the standing committee sees recommendations needing attention and recent plans", async () => {
    await signIn(b.page, "trang.ttt");
    expect(await homeTitle(b.page)).toBe("Thường trực HĐND: Trần Thị Thuỳ Trang");
    expect(await b.page.locator("main p.muted").first().textContent()).toBe("HĐND phường Bình An");
    await b.page.getByRole("heading", { name: "Kiến nghị cần chú ý" }).waitFor();
    await b.page.getByRole("heading", { name: "Kế hoạch giám sát gần đây" }).waitFor();
    expect(await b.page.locator('main a[href^="/plans/"]').count()).toBeGreaterThan(0);
    expect(await b.page.locator('main a[href^="/admin/"]').count()).toBe(0);
  });

  it("a team member sees the plans they take part in", async () => {
    await signIn(b.page, "nhung.vt");
    expect(await homeTitle(b.page)).toBe("Thành viên đoàn giám sát: Vũ Thị Nhưng");
    await b.page.getByRole("heading", { name: "Kế hoạch tôi tham gia" }).waitFor();
    expect(await b.page.locator('main a[href^="/plans/"]').count()).toBeGreaterThan(0);
    expect(await b.page.getByRole("heading", { name: "Kiến nghị cần chú ý" }).count()).toBe(0);
  });

  it("a supervised unit sees the recommendations addressed to it", async () => {
    await signIn(b.page, "ubnd.binhan");
    expect(await homeTitle(b.page)).toBe("Đơn vị được giám sát: Lê Minh Tuấn");
    await b.page.getByRole("heading", { name: "Kiến nghị gửi đơn vị" }).waitFor();
    const table = b.page.locator("h2:has-text('Kiến nghị gửi đơn vị') + .table-wrap table");
    const header = await table.locator("thead th").allTextContents();
    const unitColumn = header.indexOf("Đơn vị thực hiện");
    expect(unitColumn).toBeGreaterThanOrEqual(0);
    const units = await table.locator(`tbody tr td:nth-child(${unitColumn + 1})`).allTextContents();
    expect(units.length).toBeGreaterThan(0);
    expect(units).toContain("UBND phường Bình An");
    // Only its own unit and the units under it.
    for (const unit of units) expect(["UBND phường Bình An", "Bộ phận Một cửa phường Bình An"]).toContain(unit);
    expect(await b.page.locator('main a[href^="/admin/"]').count()).toBe(0);
  });
});
