/**
 * The standing committee drafts the conclusion notice of a visit in the browser, edits a
 * paragraph while the preview follows, saves, issues it with a number, and downloads it as PDF
 * and Word. Issuing concludes the plan, so this spec runs on its own server and database: the
 * demo visit other specs answer stays open for them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readDocx, textOf } from "../support/docx";
import { readPdf } from "../support/pdf";
import { withOwnServer } from "./support/own-server";
import { expectHeading, signIn, waitForHydration, waitForIdle } from "./support/session";

const CURRENT_PLAN = /Giám sát việc thực hiện kiến nghị sau giám sát/;
const EDITED = "Trung tâm Phục vụ hành chính công phường chuẩn bị báo cáo đầy đủ, đúng đề cương; lãnh đạo UBND phường trực tiếp giải trình.";

const own = withOwnServer({ viewport: { width: 1280, height: 1000 }, isMobile: false, acceptDownloads: true });

async function currentVisitId(): Promise<number> {
  await own.page.goto("/plans");
  await own.page.getByRole("link", { name: CURRENT_PLAN }).first().click();
  await waitForIdle(own.page);
  const href = await own.page.locator('main a[href^="/visits/"]').first().getAttribute("href");
  const match = /^\/visits\/(\d+)/.exec(href ?? "");
  if (!match) throw new Error(`no visit link on the plan page (${href})`);
  return Number(match[1]);
}

describe("a conclusion notice drafted, edited, issued and downloaded in the browser", () => {
  let noticeUrl = "";
  let numberLine = "";

  it("drafts the notice from the visit and edits a paragraph with a live preview", async () => {
    await signIn(own.page, "trang.ttt");
    const visitId = await currentVisitId();
    await own.page.goto(`/visits/${visitId}/notice`);
    await waitForHydration(own.page);
    await own.page.getByRole("button", { name: "Soạn dự thảo thông báo kết luận" }).click();
    await own.page.waitForURL(/\/notices\/\d+$/);
    noticeUrl = new URL(own.page.url()).pathname;
    await expectHeading(own.page, "Dự thảo thông báo kết luận");
    await waitForHydration(own.page);

    const preview = own.page.getByRole("article", { name: "Xem trước thông báo" });
    expect(await preview.textContent()).toContain("Số:      /TB-HĐND");
    expect(await preview.textContent()).toContain("Đoàn giám sát gồm: đồng chí Bùi Dương Ân");
    const preparation = own.page.getByLabel("Đoạn 5", { exact: true });
    expect(await preparation.inputValue()).toMatch(/^Công tác chuẩn bị/);
    await preparation.fill(EDITED);
    // The preview follows the typing, before anything is saved.
    await preview.getByText(EDITED).waitFor();
    await own.page.getByLabel("Phó Chủ tịch ký thay (KT. CHỦ TỊCH)").check();
    await own.page.getByLabel("Người ký", { exact: true }).fill("Bùi Dương Ân");
    await preview.getByText("KT. CHỦ TỊCH").waitFor();

    await own.page.getByRole("button", { name: "Lưu dự thảo" }).click();
    await own.page.getByRole("status").getByText("Đã lưu dự thảo.").waitFor();
    await own.page.reload();
    await waitForHydration(own.page);
    expect(await own.page.getByLabel("Đoạn 5", { exact: true }).inputValue()).toBe(EDITED);
    expect(await own.page.getByLabel("Người ký", { exact: true }).inputValue()).toBe("Bùi Dương Ân");
  });

  it("refuses to issue without a summary, keeping what was typed", async () => {
    await own.page.goto(noticeUrl);
    await waitForHydration(own.page);
    await own.page.getByLabel("Trích yếu (dòng dưới chữ THÔNG BÁO)").fill("");
    await own.page.getByLabel("Đoạn 4", { exact: true }).fill("Đơn vị được giám sát: Trung tâm Phục vụ hành chính công phường Bình An.");
    own.page.once("dialog", (dialog) => void dialog.accept());
    await own.page.getByRole("button", { name: "Ban hành" }).click();
    await own.page.getByText("Nhập trích yếu (dòng tóm tắt dưới chữ THÔNG BÁO).").waitFor();
    expect(await own.page.getByLabel("Đoạn 4", { exact: true }).inputValue()).toBe("Đơn vị được giám sát: Trung tâm Phục vụ hành chính công phường Bình An.");
    expect(await own.page.getByLabel("Đoạn 5", { exact: true }).inputValue()).toBe(EDITED);
  });

  it("issues it with the next number, then shows it frozen with its remediation items", async () => {
    await own.page.getByLabel("Trích yếu (dòng dưới chữ THÔNG BÁO)").fill("Kết luận giám sát hoạt động của Trung tâm Phục vụ hành chính công phường");
    own.page.once("dialog", (dialog) => void dialog.accept());
    await own.page.getByRole("button", { name: "Ban hành" }).click();
    const status = own.page.getByRole("status").filter({ hasText: "Đã ban hành Thông báo số" });
    await status.waitFor();
    const match = /Thông báo số (\d{2,}\/TB-HĐND)/.exec((await status.textContent()) ?? "");
    expect(match).not.toBeNull();
    numberLine = `Số: ${match![1]}`;
    await expectHeading(own.page, `Thông báo số ${match![1]}`);
    expect(await own.page.getByRole("button", { name: "Lưu dự thảo" }).count()).toBe(0);
    expect(await own.page.getByRole("article", { name: "Xem trước thông báo" }).textContent()).toContain(numberLine);
    await own.page.getByRole("heading", { name: "Kiến nghị được theo dõi khắc phục" }).waitFor();
  });

  it("lists the issued notice in the register, reached from the menu", async () => {
    await own.page.getByRole("navigation", { name: "Chính" }).getByRole("link", { name: "Thông báo kết luận" }).click();
    await expectHeading(own.page, "Thông báo kết luận");
    const number = numberLine.replace("Số: ", "");
    const row = own.page.getByRole("row").filter({ hasText: number });
    await row.getByText("Kết luận giám sát hoạt động của Trung tâm Phục vụ hành chính công phường").waitFor();
    await row.getByRole("link", { name: new RegExp(`^${number.replace(/[/-]/g, "\\$&")} ngày`) }).click();
    await own.page.waitForURL((url) => url.pathname === noticeUrl);
  });

  it("downloads the issued notice as PDF and as Word, both with the number and the edited paragraph", async () => {
    const pdfResponse = await own.page.request.get(`${noticeUrl}/pdf`);
    expect(pdfResponse.headers()["content-type"]).toBe("application/pdf");
    const pdf = readPdf(await pdfResponse.body());
    const pdfText = pdf.pages.map((p) => p.text.replace(/\s+/g, " ")).join(" ");
    expect(pdfText).toContain(numberLine);
    expect(pdfText).toContain(EDITED);
    expect(pdfText).toContain("Đơn vị được giám sát: Trung tâm Phục vụ hành chính công phường Bình An.");
    expect(pdfText).toContain("KT. CHỦ TỊCH");

    await own.page.goto(noticeUrl);
    await waitForHydration(own.page);
    const [download] = await Promise.all([own.page.waitForEvent("download"), own.page.getByRole("link", { name: "Tải bản Word (.docx)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Thông-báo-\d{2,}-TB-HĐND\.docx$/);
    const words = textOf(readDocx(readFileSync((await download.path())!)).xml("word/document.xml"));
    expect(words).toContain(numberLine);
    expect(words).toContain(EDITED);
  });
});
