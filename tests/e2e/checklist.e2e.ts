/**
 * The on-site checklist on an iPad-sized touch screen: a whole visit filled in; answers and a
 * photo given offline survive a reload and reach the server exactly once; two team members on
 * the same item are each told what happened.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, type BrowserContext, type Page, chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, ipadContextOptions, useBrowser } from "./support/browser";
import { signIn, waitForHydration } from "./support/session";

type ServerAnswer = { itemId: number; value: string | null; note: string; revision: number; answeredByName: string | null; figure: unknown };
type ServerState = { answers: ServerAnswer[]; photos: { id: number; clientId: string; itemId: number | null }[] };

async function serverState(request: APIRequestContext, visitId: number): Promise<ServerState> {
  const response = await request.get(`/visits/${visitId}/answers`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ServerState;
}

async function openChecklist(page: Page) {
  await page.waitForURL((url) => /^\/visits\/\d+$/.test(url.pathname));
  await waitForHydration(page);
  await page.locator('[data-sync-ready="true"]').waitFor();
  return Number(new URL(page.url()).pathname.split("/")[2]);
}

/** A team member opens this year's Bình An visit from the home page. */
async function openBinhAnVisit(page: Page, username: string) {
  await signIn(page, username);
  await page.getByRole("link", { name: "Bộ phận Một cửa phường Bình An" }).first().click();
  return openChecklist(page);
}

/** The standing committee opens a visit from the plan's page. */
async function openVisitFromPlan(page: Page, username: string, subject: RegExp) {
  await signIn(page, username);
  await page.goto("/plans");
  await page.getByRole("link", { name: subject }).first().click();
  await page.getByRole("link", { name: "Mở phiếu kiểm tra" }).first().click();
  return openChecklist(page);
}

function item(page: Page, code: string) {
  return page.locator(`article[data-item-code="${code}"]`);
}

async function itemId(page: Page, code: string) {
  return Number(((await item(page, code).getAttribute("id")) ?? "").replace("item-", ""));
}

async function section(page: Page, code: string) {
  await page.locator(".section-tab", { has: page.locator(".section-code", { hasText: code }) }).click();
  await page.locator("#section-title", { hasText: new RegExp(`^${code}\\.`) }).waitFor();
}

async function allSaved(page: Page) {
  await page.locator(".sync-banner.saved").waitFor({ timeout: 30_000 });
}

/** A real 2400×1800 JPEG made by the browser itself, as a tablet camera would hand it over. */
async function cameraPhoto(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 2400;
    canvas.height = 1800;
    const context = canvas.getContext("2d")!;
    context.fillStyle = "#2a6";
    context.fillRect(0, 0, 2400, 1800);
    context.fillStyle = "#fff";
    context.font = "120px sans-serif";
    context.fillText("Bảng niêm yết", 200, 900);
    return canvas.toDataURL("image/jpeg", 0.95).split(",")[1];
  });
  return Buffer.from(base64, "base64");
}

describe("the checklist on a tablet", () => {
  const b = useBrowser();

  it("shows the team the figures the unit reported before the visit, beside its own", async () => {
    // Runs first: the unit may report only while the visit has not started.
    const unit = b.page;
    await signIn(unit, "ubnd.binhan");
    await unit.getByRole("link", { name: "Bộ phận Một cửa phường Bình An" }).first().click();
    await unit.waitForURL((url) => /^\/visits\/\d+\/report$/.test(url.pathname));
    await waitForHydration(unit);
    await unit.getByLabel("Nội dung báo cáo").fill("1. Kết quả tiếp nhận hồ sơ: đã tiếp nhận 4.709 hồ sơ.");
    const onTime = unit.locator("fieldset", { hasText: "đúng hạn" }).first();
    await onTime.getByLabel(/Tử số/).fill("3.557");
    await onTime.getByLabel(/Mẫu số/).fill("4709");
    await onTime.getByText("đạt 75,54%, thấp hơn 22,46% so với chỉ tiêu được giao (98%)").waitFor();
    await unit.getByRole("button", { name: "Gửi báo cáo" }).click();
    await unit.getByRole("button", { name: "Gửi lại báo cáo" }).waitFor();

    const team = await b.anotherPage();
    await openBinhAnVisit(team, "nhung.vt");
    await section(team, "F");
    expect(await item(team, "F1").locator(".indicator-reported").textContent()).toBe(
      "Đơn vị báo cáo: 3.557/4.709 hồ sơ, đạt 75,54%, thấp hơn 22,46% so với chỉ tiêu được giao (98%)",
    );
    await team.locator(".unit-report summary").click();
    await team.getByText("1. Kết quả tiếp nhận hồ sơ: đã tiếp nhận 4.709 hồ sơ.").waitFor();
  });

  it("fills a whole visit section by section, with the indicator sentences the notice will use", async () => {
    const page = b.page;
    const visitId = await openVisitFromPlan(page, "tt.phochau", /Giám sát kết quả thực hiện các chỉ tiêu/);

    const tabs = page.locator(".section-tab");
    const sectionCount = await tabs.count();
    expect(sectionCount).toBe(6);
    let total = 0;
    for (let index = 0; index < sectionCount; index++) {
      await tabs.nth(index).click();
      const cards = page.locator("article.item-card");
      const count = await cards.count();
      total += count;
      for (let i = 0; i < count; i++) {
        const card = cards.nth(i);
        const code = await card.getAttribute("data-item-code");
        if (code === "F1") {
          await card.getByLabel("Số đạt (đoàn kiểm tra)").fill("9.787");
          await card.getByLabel("Tổng số").fill("10000");
          await card.getByLabel("Tổng số").press("Tab");
          await card.getByText("đạt 97,87%, thấp hơn 0,13% so với chỉ tiêu được giao (98%)").waitFor();
          await card.getByText("Đánh giá: chưa đạt chỉ tiêu").waitFor();
        } else if ((await card.getByLabel("Tổng số").count()) > 0) {
          await card.getByLabel("Số đạt (đoàn kiểm tra)").fill("62");
          await card.getByLabel("Tổng số").fill("100");
          await card.getByLabel("Tổng số").press("Tab");
        } else if ((await card.getByLabel("Số liệu kiểm tra").count()) > 0) {
          await card.getByLabel("Số liệu kiểm tra").fill("11.701");
          await card.getByLabel("Số liệu kiểm tra").press("Tab");
          await card.getByText("11.701 hồ sơ").waitFor();
        } else if ((await card.getByLabel("Số liệu", { exact: true }).count()) > 0) {
          await card.getByLabel("Số liệu", { exact: true }).fill("10");
          await card.getByLabel("Số liệu", { exact: true }).press("Tab");
        } else if (code === "C1") {
          await card.getByRole("button", { name: "Chưa đạt" }).click();
          await card.getByLabel(/Ghi chú/).fill("Bảng niêm yết thiếu số điện thoại và thư điện tử");
          await card.getByLabel(/Ghi chú/).press("Tab");
          await card.getByRole("button", { name: "Đưa vào dự thảo tồn tại, hạn chế" }).click();
          await card.getByText("Đã đưa vào dự thảo tồn tại, hạn chế").waitFor();
        } else {
          await card.getByRole("button", { name: "Đạt", exact: true }).click();
        }
      }
      await expect.poll(() => tabs.nth(index).locator(".section-count").textContent()).toBe(`${count}/${count}`);
      if (index === 0) {
        // Section A is done: the jump goes to the first unanswered item, in section B.
        await page.getByRole("button", { name: "Đến tiêu chí chưa trả lời" }).click();
        await page.locator("#section-title", { hasText: /^B\./ }).waitFor();
        await tabs.nth(0).click();
      }
    }
    expect(total).toBeGreaterThanOrEqual(35);
    expect(total).toBeLessThanOrEqual(45);
    await allSaved(page);
    await expect.poll(async () => page.locator(".save-state.saved").count()).toBe(6);

    const state = await serverState(b.context.request, visitId);
    expect(state.answers).toHaveLength(total);
    // The page is large and Vietnamese: no stray NUL from the streaming renderer, no broken character.
    const html = await (await b.context.request.get(`/visits/${visitId}`)).text();
    expect(html.length).toBeGreaterThan(20_000);
    expect(html.includes("\u0000")).toBe(false);
    expect(html.includes("\uFFFD")).toBe(false);
    const notMet = state.answers.filter((a) => a.value === "not_met");
    // C1 by choice, F1 below its 98% target, and the 62% rates below 80% and 90% targets.
    expect(notMet.some((a) => a.note === "Bảng niêm yết thiếu số điện thoại và thư điện tử")).toBe(true);
    expect(state.answers.every((a) => a.revision >= 1 && a.answeredByName === "Lê Văn Thái")).toBe(true);
  });

  it("keeps answers and a photo given offline through a reload, and sends each exactly once", async () => {
    const page = b.page;
    const visitId = await openBinhAnVisit(page, "nhung.vt");
    await page.locator('[data-offline-ready="true"]').waitFor({ timeout: 20_000 });
    await section(page, "B");
    const ids = { B1: await itemId(page, "B1"), B2: await itemId(page, "B2"), B3: await itemId(page, "B3") };
    const before = await serverState(b.context.request, visitId);
    const revision = (id: number, state: ServerState) => state.answers.find((a) => a.itemId === id)?.revision ?? 0;
    const photo = await cameraPhoto(page);

    await b.context.setOffline(true);
    await item(page, "B1").getByRole("button", { name: "Chưa đạt" }).click();
    await item(page, "B1").getByLabel(/Ghi chú/).fill("Thiếu thủ tục lĩnh vực đất đai");
    await item(page, "B1").getByLabel(/Ghi chú/).press("Tab");
    await item(page, "B2").getByRole("button", { name: "Đạt", exact: true }).click();
    await item(page, "B3").getByRole("button", { name: "Không áp dụng" }).click();
    await item(page, "B1").locator('input[type="file"]').setInputFiles({ name: "IMG_0001.jpg", mimeType: "image/jpeg", buffer: photo });
    await item(page, "B1").locator(".thumb.waiting").waitFor();
    await page.locator(".sync-banner.offline").waitFor();
    expect(await page.locator(".sync-banner").textContent()).toContain("5 mục đang được giữ trên máy");

    // Reload without a connection: the service worker serves the page, IndexedDB the answers.
    await page.reload();
    await waitForHydration(page);
    await page.locator('[data-sync-ready="true"]').waitFor();
    await section(page, "B");
    expect(await item(page, "B1").getByRole("button", { name: "Chưa đạt" }).getAttribute("aria-pressed")).toBe("true");
    expect(await item(page, "B1").getByLabel(/Ghi chú/).inputValue()).toBe("Thiếu thủ tục lĩnh vực đất đai");
    expect(await item(page, "B3").getByRole("button", { name: "Không áp dụng" }).getAttribute("aria-pressed")).toBe("true");
    await item(page, "B1").locator(".thumb.waiting").waitFor();
    expect(await item(page, "B2").locator(".save-state").textContent()).toBe("Đang chờ gửi");

    await b.context.setOffline(false);
    await allSaved(page);
    await item(page, "B1").locator(".thumb.saved").waitFor();

    const after = await serverState(b.context.request, visitId);
    // B1 was answered twice (the choice, then the note); B2 and B3 once: no edit lost, none doubled.
    expect(revision(ids.B1, after) - revision(ids.B1, before)).toBe(2);
    expect(revision(ids.B2, after) - revision(ids.B2, before)).toBe(1);
    expect(revision(ids.B3, after) - revision(ids.B3, before)).toBe(1);
    expect(after.answers.find((a) => a.itemId === ids.B1)).toMatchObject({ value: "not_met", note: "Thiếu thủ tục lĩnh vực đất đai" });
    const newPhotos = after.photos.filter((p) => !before.photos.some((q) => q.id === p.id));
    expect(newPhotos).toHaveLength(1);
    expect(newPhotos[0].itemId).toBe(ids.B1);

    // The stored photo was resized on the device and is served to the team.
    const served = await b.context.request.get(`/attachments/${newPhotos[0].id}`);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toBe("image/jpeg");
    const bytes = await served.body();
    expect(bytes.length).toBeLessThan(photo.length);
    const size = await page.evaluate(async (url) => {
      const bitmap = await createImageBitmap(await (await fetch(url)).blob());
      return [bitmap.width, bitmap.height];
    }, `/attachments/${newPhotos[0].id}`);
    expect(size).toEqual([1600, 1200]);
  });

  it("tells each of two team members on the same item what happened, and lets the overwritten one take it back", async () => {
    const hers = b.page;
    const his = await b.anotherPage();
    await openVisitFromPlan(his, "an.bd", /Trung tâm Phục vụ hành chính công phường/);
    await section(his, "D");
    await openBinhAnVisit(hers, "nhung.vt");
    await section(hers, "D");

    await item(hers, "D2").getByRole("button", { name: "Đạt", exact: true }).click();
    await allSaved(hers);
    // His tablet had not seen her answer yet when he answered.
    await item(his, "D2").getByRole("button", { name: "Chưa đạt" }).click();
    await item(his, "D2").getByText("Câu trả lời của bạn đã thay thế câu trả lời của Vũ Thị Nhưng").waitFor();
    await item(his, "D2").locator('input[type="file"]').setInputFiles({ name: "phong-cho.jpg", mimeType: "image/jpeg", buffer: await cameraPhoto(his) });
    await item(his, "D2").locator(".thumb.saved").waitFor();

    const notice = item(hers, "D2").locator(".item-notice.overwritten");
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain("Bùi Dương Ân đã thay đổi câu trả lời");
    expect(await notice.textContent()).toContain("Câu trả lời trước của bạn: Đạt");
    expect(await item(hers, "D2").getByRole("button", { name: "Chưa đạt" }).getAttribute("aria-pressed")).toBe("true");
    // His photo reaches her tablet too.
    await item(hers, "D2").locator(".thumb.saved").waitFor({ timeout: 30_000 });

    await notice.getByRole("button", { name: "Dùng lại câu trả lời của tôi" }).click();
    await allSaved(hers);
    expect(await item(hers, "D2").getByRole("button", { name: "Đạt", exact: true }).getAttribute("aria-pressed")).toBe("true");
  });

  it("keeps an answer given offline through a restart of the browser, and sends it once back online", async () => {
    const profile = mkdtempSync(path.join(tmpdir(), "hdnd-e2e-profile-"));
    const launch = (offline: boolean): Promise<BrowserContext> =>
      chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
        args: CHROMIUM_ARGS,
        ...ipadContextOptions(),
        offline,
      });
    let context = await launch(false);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const visitId = await openBinhAnVisit(page, "nhung.vt");
      await page.locator('[data-offline-ready="true"]').waitFor({ timeout: 20_000 });
      await section(page, "D");
      const d5 = await itemId(page, "D5");
      const before = (await serverState(context.request, visitId)).answers.find((a) => a.itemId === d5)?.revision ?? 0;
      await context.setOffline(true);
      await item(page, "D5").getByRole("button", { name: "Chưa đạt" }).click();
      await item(page, "D5").getByLabel(/Ghi chú/).fill("Phòng chờ chật, thiếu ghế");
      await item(page, "D5").getByLabel(/Ghi chú/).press("Tab");
      await page.locator(".sync-banner.offline").waitFor();
      await context.close();

      // The browser starts again, still without a connection.
      context = await launch(true);
      const again = context.pages()[0] ?? (await context.newPage());
      await again.goto(`/visits/${visitId}`);
      await waitForHydration(again);
      await again.locator('[data-sync-ready="true"]').waitFor();
      await section(again, "D");
      expect(await item(again, "D5").getByLabel(/Ghi chú/).inputValue()).toBe("Phòng chờ chật, thiếu ghế");
      expect(await item(again, "D5").locator(".save-state").textContent()).toBe("Đang chờ gửi");

      await context.setOffline(false);
      await allSaved(again);
      const after = (await serverState(context.request, visitId)).answers.find((a) => a.itemId === d5);
      expect(after).toMatchObject({ value: "not_met", note: "Phòng chờ chật, thiếu ghế", revision: before + 2 });
    } finally {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
