import { beforeAll, describe, expect, it } from "vitest";
import { newIpadContext, useBrowser } from "./support/browser";
import { signIn } from "./support/session";
import { unitIdFromAdminTree } from "./support/units";

describe("unit pages are scoped to the unit's own people", () => {
  const b = useBrowser();
  let binhAnId: number;

  beforeAll(async () => {
    const admin = await newIpadContext(b.browser);
    const page = await admin.newPage();
    await signIn(page, "quantri");
    binhAnId = await unitIdFromAdminTree(page, "UBND phường Bình An");
    await admin.close();
  });

  it("another unit's user gets the Vietnamese 403 page and none of the unit's data", async () => {
    await signIn(b.page, "ubnd.phochau");
    const response = await b.page.goto(`/units/${binhAnId}`);
    expect(response?.status()).toBe(403);
    expect(await b.page.locator("main h1").textContent()).toBe("Không có quyền truy cập");
    expect(await b.page.getByTestId("unit-title").count()).toBe(0);
    // Neither on screen nor in the page's embedded loader data.
    const html = await b.page.content();
    for (const leaked of ["UBND phường Bình An", "Bộ phận Một cửa phường Bình An", "Kiến nghị đang mở"]) {
      expect(html).not.toContain(leaked);
    }
  });

  it("the unit's own user opens the page from the menu", async () => {
    await signIn(b.page, "ubnd.binhan");
    const menuLink = b.page.getByRole("navigation", { name: "Chính" }).getByRole("link", { name: "Đơn vị của tôi" });
    expect(await menuLink.getAttribute("href")).toBe(`/units/${binhAnId}`);
    const response = await b.page.goto(`/units/${binhAnId}`);
    expect(response?.status()).toBe(200);
    expect(await b.page.getByTestId("unit-title").textContent()).toBe("UBND phường Bình An");
    expect(await b.page.getByRole("link", { name: "Bộ phận Một cửa phường Bình An" }).count()).toBe(1);
  });
});
