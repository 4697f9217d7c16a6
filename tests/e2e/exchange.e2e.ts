/**
 * The standing committee downloads seed 001's visit as a supervision file, edits it (no plan
 * number, so the council's series numbers it; a subject of its own), and imports it back through
 * the import page, landing on the new plan. Runs on its own server: the new plan stays out of the
 * lists other specs read.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { withOwnServer } from "./support/own-server";
import { expectHeading, signIn, waitForHydration, waitForIdle } from "./support/session";

const SEED_001 = "Giám sát tình hình tiếp nhận và giải quyết thủ tục hành chính tại Bộ phận một cửa UBND phường";
const IMPORTED = `${SEED_001} (bản nhập từ tệp)`;

type ExportedFile = { format: string; plan: { number: number | null; subject: string }; unit: { name: string }; figures: { numerator: number }[] };

const own = withOwnServer({ acceptDownloads: true });

describe("a supervision exported and imported again in the browser", () => {
  it("downloads the file of the seed-001 visit and imports it back as a new plan", async () => {
    await signIn(own.page, "trang.ttt");
    await own.page.goto("/plans");
    await own.page.getByRole("link", { name: SEED_001, exact: true }).click();
    await expectHeading(own.page, SEED_001);
    const sourcePlan = new URL(own.page.url()).pathname;

    const [download] = await Promise.all([own.page.waitForEvent("download"), own.page.getByRole("link", { name: "Tải tệp giám sát" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^giam-sat-5-\d+\.json$/);
    const file = JSON.parse(readFileSync((await download.path())!, "utf8")) as ExportedFile;
    expect(file).toMatchObject({ format: "hdnd-supervision", plan: { number: 5 }, unit: { name: "UBND phường Bình An" } });
    expect(file.figures.map((f) => f.numerator)).toContain(11701);

    await own.page.goto("/plans");
    await own.page.getByRole("link", { name: "Nhập từ tệp" }).click();
    await expectHeading(own.page, "Nhập cuộc giám sát từ tệp");
    await waitForHydration(own.page);
    const edited = { ...file, plan: { ...file.plan, number: null, subject: IMPORTED } };
    await own.page
      .getByLabel("Tệp giám sát (.json, tối đa 2 MB)")
      .setInputFiles({ name: "giam-sat.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(edited, null, 2)) });
    await own.page.getByRole("button", { name: "Nhập cuộc giám sát" }).click();
    await own.page.getByRole("status").filter({ hasText: "Đã nhập cuộc giám sát" }).waitFor();
    expect(await own.page.locator("main li").allTextContents()).toContain(
      "Thông báo kết luận số 12/TB-HĐND trong tệp được nhập thành dự thảo: số thông báo được cấp khi ban hành trong ứng dụng.",
    );

    await own.page.getByRole("link", { name: "Mở kế hoạch vừa nhập" }).click();
    await expectHeading(own.page, IMPORTED);
    await waitForIdle(own.page);
    expect(new URL(own.page.url()).pathname).not.toBe(sourcePlan);
    expect(await own.page.locator("main table.list tbody tr td").first().textContent()).toBe("UBND phường Bình An");
    expect(await own.page.locator("main").textContent()).toContain("Trần Thị Thuỳ Trang");
  });

  it("refuses a file that is not a supervision and lists the reasons", async () => {
    await own.page.goto("/supervisions/import");
    await waitForHydration(own.page);
    await own.page
      .getByLabel("Tệp giám sát (.json, tối đa 2 MB)")
      .setInputFiles({ name: "sai.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify({ format: "khac", version: 1 })) });
    await own.page.getByRole("button", { name: "Nhập cuộc giám sát" }).click();
    const alert = own.page.getByRole("alert").filter({ hasText: "Không nhập được tệp:" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Không phải tệp giám sát (cần "format": "hdnd-supervision").');
  });
});
