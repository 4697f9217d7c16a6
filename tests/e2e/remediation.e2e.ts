/**
 * The remediation loop in the browser: the ward's People's Committee reports on a returned
 * recommendation with a photo, the standing committee returns it with a reason, the unit reports
 * again, the committee accepts; the dashboard's counts follow. It changes the demo data, so it runs
 * on its own server and database.
 */
import { randomBytes } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { withOwnServer } from "./support/own-server";
import { expectHeading, signIn, waitForHydration } from "./support/session";

/** The second recommendation of seed 001 (returned in the demo data). */
const RECOMMENDATION = /niêm yết/i;
/** A 1×1 PNG. */
const PHOTO = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** A noisy RGB PNG of about 1.4 MB, the size of a camera picture the form must shrink before sending. */
function largePhoto(width = 800, height = 600): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(Array.from({ length: height }, () => Buffer.concat([Buffer.from([0]), randomBytes(width * 3)])));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

const own = withOwnServer({ viewport: { width: 1024, height: 1200 }, isMobile: false });

/** The number on a dashboard card, found by the card's label. */
async function cardValue(page: Page, label: string): Promise<number> {
  const card = page.locator(".dashboard-card", { hasText: label }).first();
  const text = (await card.textContent()) ?? "";
  const match = /^\s*([\d.]+)/.exec(text);
  if (!match) throw new Error(`no number on the card “${label}”: ${text}`);
  return Number(match[1].replace(/\./g, ""));
}

async function dashboardCounts(page: Page) {
  await page.goto("/dashboard");
  await expectHeading(page, "Tổng hợp theo dõi kiến nghị");
  return {
    open: await cardValue(page, "Chưa hoàn thành"),
    onTime: await cardValue(page, "Hoàn thành đúng hạn"),
    late: await cardValue(page, "Hoàn thành trễ hạn"),
  };
}

async function report(page: Page, content: string, photo: { name: string; buffer: Buffer } | null) {
  await waitForHydration(page);
  await page.getByLabel("Đã hoàn thành").check();
  await page.getByLabel("Kết quả đã thực hiện").fill(content);
  if (photo) {
    await page.getByLabel("Tệp minh chứng (ảnh hoặc PDF)").setInputFiles({ name: photo.name, mimeType: "image/png", buffer: photo.buffer });
    // A large photo is shrunk on the device first: the input then holds the JPEG.
    if (photo.buffer.length > 1_000_000) {
      await page.waitForFunction(() => (document.querySelector("#files") as HTMLInputElement | null)?.files?.[0]?.name.endsWith(".jpg") === true);
    }
  }
  await page.getByRole("button", { name: "Gửi báo cáo" }).click();
  await page.getByRole("status").getByText("Đã gửi báo cáo kết quả khắc phục tới Thường trực HĐND.").waitFor();
}

describe("a unit reports, the committee returns, the unit reports again, the committee accepts", () => {
  let recommendationUrl = "";
  let before: Awaited<ReturnType<typeof dashboardCounts>>;
  let unitPage: Page;

  it("the committee's dashboard before", async () => {
    await signIn(own.page, "trang.ttt");
    before = await dashboardCounts(own.page);
    expect(before.open).toBeGreaterThan(0);
  });

  it("the unit finds the returned recommendation and reports with a photo", async () => {
    const unit = await own.newContext();
    unitPage = await unit.newPage();
    await signIn(unitPage, "ubnd.binhan");
    await unitPage.goto("/recommendations?status=returned");
    await expectHeading(unitPage, "Kiến nghị cần khắc phục");
    await unitPage.getByRole("link", { name: RECOMMENDATION }).first().click();
    await unitPage.waitForURL(/\/recommendations\/\d+$/);
    recommendationUrl = new URL(unitPage.url()).pathname;
    expect(await unitPage.getByTestId("recommendation-status").textContent()).toBe("Bị trả lại");
    await report(unitPage, "Đã thay bảng niêm yết mới, niêm yết đủ 131 thủ tục.", { name: "bang-niem-yet.png", buffer: PHOTO });
    await unitPage.getByTestId("recommendation-status").getByText("Đã báo cáo", { exact: true }).waitFor();
    await unitPage.getByRole("img", { name: "bang-niem-yet.png" }).waitFor();
  });

  it("the committee returns it with a reason; the unit sees why", async () => {
    await own.page.goto(recommendationUrl);
    await waitForHydration(own.page);
    // Returning without a reason is refused and nothing changes.
    await own.page.getByRole("button", { name: "Trả lại báo cáo" }).click();
    await own.page.getByText("Nhập lý do trả lại để đơn vị biết cần bổ sung gì.").first().waitFor();
    await own.page.getByLabel("Ý kiến (bắt buộc khi trả lại)").fill("Ảnh chưa thể hiện bảng niêm yết thủ tục lĩnh vực đất đai.");
    await own.page.getByRole("button", { name: "Trả lại báo cáo" }).click();
    await own.page.getByRole("status").getByText("Đã trả lại báo cáo; đơn vị sẽ thấy lý do.").waitFor();
    await own.page.getByTestId("recommendation-status").getByText("Bị trả lại", { exact: true }).waitFor();

    await unitPage.reload();
    await unitPage.getByTestId("recommendation-status").locator("xpath=..").getByText("Lý do trả lại: Ảnh chưa thể hiện bảng niêm yết thủ tục lĩnh vực đất đai.").waitFor();
  });

  it("the unit reports again and the committee accepts: the item is closed with who and when", async () => {
    const big = largePhoto();
    expect(big.length).toBeGreaterThan(1_000_000);
    await report(unitPage, "Bổ sung ảnh bảng niêm yết lĩnh vực đất đai.", { name: "dat-dai.png", buffer: big });
    // Sent as the resized JPEG, well under the camera size.
    const src = await unitPage.getByRole("img", { name: "dat-dai.jpg" }).getAttribute("src");
    const photo = await unitPage.request.get(src!);
    expect(photo.headers()["content-type"]).toBe("image/jpeg");
    expect((await photo.body()).length).toBeLessThan(big.length / 2);
    await own.page.goto(recommendationUrl);
    await waitForHydration(own.page);
    await own.page.getByRole("button", { name: "Chấp nhận kết quả" }).click();
    await own.page.getByRole("status").getByText("Đã chấp nhận kết quả khắc phục: kiến nghị được đóng.").waitFor();
    await own.page.getByTestId("recommendation-status").getByText("Đã chấp nhận", { exact: true }).waitFor();
    await own.page.getByText(/Chấp nhận lúc .* bởi Trần Thị Thuỳ Trang/).waitFor();
    // Closed: the unit no longer has a report form.
    await unitPage.reload();
    expect(await unitPage.getByRole("button", { name: "Gửi báo cáo" }).count()).toBe(0);
  });

  it("the dashboard counts one fewer open item and one more completed", async () => {
    const after = await dashboardCounts(own.page);
    expect(after.open).toBe(before.open - 1);
    expect(after.onTime + after.late).toBe(before.onTime + before.late + 1);
    await unitPage.context().close();
  });
});
