/**
 * The administrator's checklist templates in the browser: a malformed file refused, a file imported
 * under a new code, exported again, an item edited in place while no plan uses the version, and
 * edited into a new version once a plan does. The shipped template and its plans are not touched.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useBrowser } from "./support/browser";
import { ROOT } from "./support/paths";
import { expectHeading, signIn, waitForHydration, waitForIdle } from "./support/session";

type TemplateFile = { code: string; version: number; title: string; sections: { code: string; items: { code: string; text: string }[] }[] };

const suffix = Date.now().toString(36);
const shipped = JSON.parse(readFileSync(path.join(ROOT, "templates/checklists/one-stop-shop.json"), "utf8")) as TemplateFile;
const FILE: TemplateFile = { ...shipped, code: `kiem-thu-${suffix}`, title: `Phiếu kiểm tra thử nghiệm ${suffix}` };
const ITEM_COUNT = FILE.sections.reduce((n, s) => n + s.items.length, 0);
const itemText = (file: TemplateFile, code: string) => file.sections.flatMap((s) => s.items).find((i) => i.code === code)!.text;
const A1_TEXT = "Có quyết định kiện toàn Bộ phận Một cửa cấp xã, ghi rõ người phụ trách (sửa khi kiểm thử).";
const A2_TEXT = "Có Quy chế hoạt động của Bộ phận Một cửa còn hiệu lực (sửa khi kế hoạch đã dùng mẫu).";

/** A file that is not JSON: a comma left before the closing brace, on line 4. */
const MALFORMED = `{\n  "code": "${FILE.code}",\n  "title": "${FILE.title}",\n}\n`;

/** Filled in by the import test. */
const imported = { id: 0 };

async function templateRows(page: Page): Promise<string[][]> {
  await page.goto("/admin/templates");
  await expectHeading(page, "Mẫu phiếu kiểm tra");
  const rows = page.locator("table.list tbody tr");
  return Promise.all((await rows.all()).map((row) => row.locator("td").allTextContents()));
}

const rowsOfCode = (rows: string[][]) => rows.filter((cells) => cells[1] === FILE.code);

function templateItem(page: Page, code: string) {
  return page.locator("li.template-item", { has: page.locator(".template-item-head strong", { hasText: new RegExp(`^${code}$`) }) });
}

async function editItem(page: Page, code: string, text: string) {
  await waitForHydration(page);
  await templateItem(page, code).getByRole("link", { name: "Sửa" }).click();
  const field = templateItem(page, code).getByLabel("Nội dung tiêu chí");
  await field.waitFor();
  await field.fill(text);
  await templateItem(page, code).getByRole("button", { name: "Lưu tiêu chí" }).click();
  await page.waitForURL((url) => url.searchParams.has("done"));
  await waitForIdle(page);
  // The saved wording is shown once the page after the save has rendered.
  await templateItem(page, code).locator("p").filter({ hasText: text }).waitFor();
}

async function versionShown(page: Page): Promise<string> {
  return ((await page.locator(".template-meta span", { hasText: "Phiên bản" }).textContent()) ?? "").trim();
}

/** Both versions have the same title: the page of another version is told apart by its number. */
async function expectVersionPage(page: Page, version: number) {
  await page.locator(".template-meta span", { hasText: new RegExp(`^Phiên bản ${version}$`) }).waitFor();
}

describe("checklist templates administered in the browser", () => {
  const b = useBrowser();

  it("refuses a malformed file with a clear Vietnamese message and adds nothing", async () => {
    const page = b.page;
    await signIn(page, "quantri");
    await page.getByRole("navigation", { name: "Chính" }).getByRole("link", { name: "Mẫu phiếu" }).click();
    await expectHeading(page, "Mẫu phiếu kiểm tra");
    const before = await templateRows(page);
    expect(before.length).toBeGreaterThan(0);

    await page.getByRole("link", { name: "Nhập mẫu phiếu từ tệp JSON" }).click();
    await expectHeading(page, "Nhập mẫu phiếu từ tệp JSON");
    await waitForHydration(page);
    await page.getByLabel("Tệp mẫu phiếu (.json, tối đa 1 MB)").setInputFiles({ name: "mau-phieu.json", mimeType: "application/json", buffer: Buffer.from(MALFORMED) });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/admin/templates/import")),
      page.getByRole("button", { name: "Nhập mẫu phiếu" }).click(),
    ]);
    expect(response.status()).toBe(400);
    const error = page.locator(".form-error");
    await error.waitFor();
    expect(await error.textContent()).toBe("Tệp không phải JSON hợp lệ (lỗi ở dòng 4, cột 1).");
    expect(new URL(page.url()).pathname).toBe("/admin/templates/import");

    expect(await templateRows(page)).toEqual(before);
  });

  it("imports a file under a new code as version 1, and exports the same content", async () => {
    const page = b.page;
    await signIn(page, "quantri");
    expect(rowsOfCode(await templateRows(page))).toEqual([]);
    await page.getByRole("link", { name: "Nhập mẫu phiếu từ tệp JSON" }).click();
    await expectHeading(page, "Nhập mẫu phiếu từ tệp JSON");
    await waitForHydration(page);
    await page
      .getByLabel("Tệp mẫu phiếu (.json, tối đa 1 MB)")
      .setInputFiles({ name: `${FILE.code}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(FILE, null, 2)) });
    await page.getByRole("button", { name: "Nhập mẫu phiếu" }).click();
    await page.waitForURL((url) => /^\/admin\/templates\/\d+$/.test(url.pathname));
    await waitForIdle(page);
    await expectHeading(page, FILE.title);
    imported.id = Number(new URL(page.url()).pathname.split("/")[3]);
    expect(await page.getByRole("status").textContent()).toBe("Đã nhập mẫu phiếu.");
    expect(await versionShown(page)).toBe("Phiên bản 1");
    expect(await page.locator("li.template-item").count()).toBe(ITEM_COUNT);

    // Download the file from the page's link, as the administrator would.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tải tệp JSON" }).click()]);
    expect(download.suggestedFilename()).toBe(`${FILE.code}-v1.json`);
    const exported = JSON.parse(readFileSync((await download.path())!, "utf8")) as TemplateFile;
    const { version, ...content } = exported;
    const { version: _ignored, ...importedContent } = FILE;
    expect(version).toBe(1);
    expect(content).toEqual(importedContent);

    expect(rowsOfCode(await templateRows(page))).toEqual([[FILE.title, FILE.code, "1", "Đang áp dụng", "Chưa có", String(ITEM_COUNT), "Tải JSON"]]);
  });

  it("saves an edited item in version 1 itself while no plan uses it", async () => {
    expect(imported.id, "the template of the import test").toBeGreaterThan(0);
    const page = b.page;
    await signIn(page, "quantri");
    await page.goto(`/admin/templates/${imported.id}`);
    await expectHeading(page, FILE.title);
    expect(await page.getByText("Chưa có kế hoạch nào dùng phiên bản này: thay đổi được sửa trực tiếp.").count()).toBe(1);
    await editItem(page, "A1", A1_TEXT);

    expect(new URL(page.url()).pathname).toBe(`/admin/templates/${imported.id}`);
    expect(await page.getByRole("status").textContent()).toBe("Đã lưu tiêu chí.");
    expect(await templateItem(page, "A1").locator("p").first().textContent()).toBe(A1_TEXT);
    expect(await versionShown(page)).toBe("Phiên bản 1");
    expect(await page.locator(".template-versions li").allTextContents()).toEqual(["Phiên bản 1Đang áp dụng"]);
    expect(rowsOfCode(await templateRows(page)).map((cells) => cells[2])).toEqual(["1"]);
  });

  it("once a plan uses version 1, an edit makes version 2 and the plan keeps version 1", async () => {
    expect(imported.id, "the template of the import test").toBeGreaterThan(0);
    // The standing committee writes a draft plan with this template.
    const committee = await b.anotherPage();
    await signIn(committee, "trang.ttt");
    await committee.goto("/plans/new");
    await expectHeading(committee, "Lập kế hoạch giám sát");
    await waitForHydration(committee);
    const subject = `Giám sát thử mẫu phiếu ${suffix}`;
    await committee.getByLabel("Nội dung giám sát (trích yếu)").fill(subject);
    await committee.getByLabel("Thời kỳ giám sát: từ ngày").fill("2026-01-01");
    await committee.getByLabel("đến ngày", { exact: true }).fill("2026-06-30");
    await committee.getByLabel("Mẫu phiếu kiểm tra").selectOption({ label: `${FILE.title} (phiên bản 1)` });
    await committee.locator('[id="units.0.unitId"]').selectOption({ label: "UBND phường Bình An" });
    await committee.locator('[id="members.0.fullName"]').fill("Nguyễn Văn Thử");
    await committee.getByRole("button", { name: "Lưu dự thảo" }).click();
    await committee.waitForURL((url) => /^\/plans\/\d+$/.test(url.pathname));
    await expectHeading(committee, subject);
    const planId = Number(new URL(committee.url()).pathname.split("/")[2]);
    const templateLine = committee.getByText("Mẫu phiếu kiểm tra:").locator("..");
    expect(await templateLine.textContent()).toBe(`Mẫu phiếu kiểm tra: ${FILE.title} (phiên bản 1)`);

    const page = b.page;
    await signIn(page, "quantri");
    await page.goto(`/admin/templates/${imported.id}`);
    await expectHeading(page, FILE.title);
    await page.getByText("1 kế hoạch đang dùng phiên bản này").waitFor();
    await editItem(page, "A2", A2_TEXT);

    // The change went to a new draft version; the page says why.
    const newId = Number(new URL(page.url()).pathname.split("/")[3]);
    expect(newId).not.toBe(imported.id);
    expect(new URL(page.url()).searchParams.get("from")).toBe(String(imported.id));
    expect(await page.locator(".notice-version strong").textContent()).toBe("Đã tạo phiên bản mới 2.");
    expect(await versionShown(page)).toBe("Phiên bản 2");
    expect(await templateItem(page, "A2").locator("p").first().textContent()).toBe(A2_TEXT);
    expect(await page.locator(".template-versions li").allTextContents()).toEqual(["Phiên bản 2Dự thảo", "Phiên bản 1Đang áp dụng"]);

    // Version 1 is as the plan chose it.
    await page.getByRole("link", { name: "phiên bản 1", exact: true }).first().click();
    await page.waitForURL((url) => url.pathname === `/admin/templates/${imported.id}`);
    await expectVersionPage(page, 1);
    expect(await templateItem(page, "A2").locator("p").first().textContent()).toBe(itemText(FILE, "A2"));
    expect(await templateItem(page, "A1").locator("p").first().textContent()).toBe(A1_TEXT);

    const rows = rowsOfCode(await templateRows(page));
    expect(rows.map((cells) => [cells[2], cells[3], cells[4]])).toEqual([
      ["2", "Dự thảo", "Chưa có"],
      ["1", "Đang áp dụng", "1 kế hoạch"],
    ]);
    await committee.goto(`/plans/${planId}`);
    expect(await templateLine.textContent()).toBe(`Mẫu phiếu kiểm tra: ${FILE.title} (phiên bản 1)`);
  });
});
