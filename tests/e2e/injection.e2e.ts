/**
 * Injection in the browser: hostile text in every field (tests/support/injection-payloads.ts) is
 * shown as text on every page that shows it, to each role that sees it, on a full load and after
 * a client-side navigation: nothing sets window.__xss, no dialog opens, no element or event
 * handler comes from a payload (in the server's HTML or in the DOM React builds), and the text is
 * visible literally. Most of it is written through the app's models before the server starts
 * (injection-seed.ts: the e2e runner does not load the app's modules); some is typed into the real
 * forms here. Its own server and database: the shared e2e database never holds these payloads.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InjectionFixture } from "../support/injection-fixture";
import { FORM_TEXT, TEXT, XSS, XSS_MARK, storedFileName } from "../support/injection-payloads";
import { launchBrowser } from "./support/browser";
import { ROOT } from "./support/paths";
import { type RunningServer, startServer } from "./support/server";
import { expectHeading, signIn, waitForHydration, waitForIdle } from "./support/session";
import { optionValueFor } from "./support/units";

type Fixture = InjectionFixture & { currentVisitId: number };

/** Markup of the payloads exactly as typed: in the HTML the server sends it must only appear escaped. */
const RAW_MARKUP = [XSS.script, XSS.img, XSS.svg, XSS.textarea, XSS.alert, "<img src=x", "<svg onload", "<b>x</b>", "<i>x</i>", "<u>x</u>"];

/** An input whose value must be the stored text (labelled, or by CSS when the label is long). */
type Value = { label?: string; css?: string; value: string };
type Check = { path: string; texts: readonly string[]; values?: Value[]; images?: string[] };

let fx: Fixture;
let server: RunningServer;
let browser: Browser;
const scratch: string[] = [];

/** Each person's browser, signed in once; every dialog any page opens is recorded and dismissed. */
const people = new Map<string, { context: BrowserContext; page: Page; dialogs: string[] }>();

async function as(username: string) {
  let person = people.get(username);
  if (!person) {
    const context = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 1280, height: 900 }, locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await signIn(page, username);
    person = { context, page, dialogs };
    people.set(username, person);
  }
  return person;
}

/** What a payload left in the DOM as markup: a script of its own, an event handler, a javascript: link, <b>x</b>. */
function plantedInDom(mark: string): string[] {
  const found: string[] = [];
  for (const script of document.querySelectorAll("script")) if ((script.textContent ?? "").trim() === mark) found.push("script");
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on") && /__xss|alert\(/.test(attribute.value)) found.push(`${element.tagName} ${name}`);
      if (["href", "src", "action", "formaction", "xlink:href"].includes(name) && /^\s*javascript:/i.test(attribute.value)) found.push(`${element.tagName} ${name}`);
    }
  }
  for (const element of document.querySelectorAll("img[src='x'], svg[onload]")) found.push(element.outerHTML);
  for (const element of document.querySelectorAll("b, i, u")) if (["x", "y"].includes(element.textContent ?? "")) found.push(element.outerHTML);
  return found;
}

async function expectInert(page: Page, dialogs: string[], check: Check, how: string) {
  const where = `${check.path} (${how})`;
  for (const text of check.texts) {
    await page.getByText(text).filter({ visible: true }).first().waitFor().catch(() => {
      throw new Error(`${where}: not shown literally: ${text}`);
    });
  }
  for (const { label, css, value } of check.values ?? []) {
    const input = label ? page.getByLabel(label, { exact: true }) : page.locator(css!);
    expect(await input.inputValue(), `${where}: ${label ?? css}`).toBe(value);
  }
  for (const name of check.images ?? []) await page.getByRole("img", { name, exact: true }).first().waitFor();
  expect(await page.evaluate(plantedInDom, XSS_MARK), where).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), where).toBeUndefined();
  expect(dialogs, where).toEqual([]);
}

/** A full load: the server's HTML holds the payloads only escaped; then the hydrated page. */
async function fullLoad(username: string, check: Check) {
  const { page, dialogs } = await as(username);
  const response = await page.goto(check.path);
  expect(response?.status(), check.path).toBe(200);
  const html = await response!.text();
  for (const raw of RAW_MARKUP) expect(html.includes(raw), `${check.path}: ${raw} unescaped in the HTML`).toBe(false);
  await waitForHydration(page);
  await expectInert(page, dialogs, check, "full load");
}

/** The same page reached in the running app: its data fetched as JSON and rendered by React alone. */
async function clientNavigation(username: string, check: Check) {
  const { page, dialogs } = await as(username);
  await page.evaluate((to) => (window as unknown as { __remixRouter: { navigate: (to: string) => Promise<void> } }).__remixRouter.navigate(to), check.path);
  await waitForIdle(page);
  expect(new URL(page.url()).pathname).toBe(check.path);
  await expectInert(page, dialogs, check, "client-side navigation");
}

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "hdnd-injection-pglite-"));
  const attachmentsDir = mkdtempSync(path.join(tmpdir(), "hdnd-injection-attachments-"));
  scratch.push(dataDir, attachmentsDir);
  const fixtureFile = path.join(dataDir, "fixture.json");
  const database = path.join(dataDir, "pglite");
  await promisify(execFile)(process.execPath, ["--import", "tsx", "tests/e2e/support/injection-seed.ts", database, fixtureFile], {
    cwd: ROOT,
    env: { ...process.env, ATTACHMENTS_DIR: attachmentsDir },
    timeout: 150_000,
  });
  fx = JSON.parse(readFileSync(fixtureFile, "utf8")) as Fixture;
  [server, browser] = await Promise.all([
    startServer({ env: { PGLITE_DATA_DIR: database, ATTACHMENTS_DIR: attachmentsDir }, logName: "injection-server.log" }),
    launchBrowser(),
  ]);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  for (const directory of scratch) rmSync(directory, { recursive: true, force: true });
});

describe("hostile text typed into the real forms comes back as text", () => {
  it("the administrator names a new unit with markup", async () => {
    const { page, dialogs } = await as("quantri");
    await page.goto("/admin/units/new");
    await waitForHydration(page);
    await page.getByLabel("Tên đơn vị").fill(FORM_TEXT.unitName);
    await page.getByLabel("Loại đơn vị").selectOption("other");
    await page.getByLabel("Đơn vị cấp trên").selectOption(await optionValueFor(page, "Đơn vị cấp trên", "Phường Bình An"));
    await page.getByRole("button", { name: "Thêm đơn vị" }).click();
    await page.waitForURL((url) => /^\/admin\/units\/\d+$/.test(url.pathname));
    await waitForIdle(page);
    await expectHeading(page, FORM_TEXT.unitName);
    const unitPath = new URL(page.url()).pathname;
    await expectInert(page, dialogs, { path: unitPath, texts: [FORM_TEXT.unitName], values: [{ label: "Tên đơn vị", value: FORM_TEXT.unitName }] }, "after saving");
    await fullLoad("quantri", { path: "/admin/units", texts: [FORM_TEXT.unitName, TEXT.unitName] });
  });

  it("the team adds an achievement with markup to the open visit", async () => {
    const { page, dialogs } = await as("nhung.vt");
    const findingsPath = `/visits/${fx.currentVisitId}/findings`;
    await page.goto(findingsPath);
    await waitForHydration(page);
    const achievements = page.getByRole("region", { name: "Kết quả đạt được", exact: true });
    await achievements.getByLabel("Thêm kết quả đạt được").fill(FORM_TEXT.achievement);
    await achievements.getByRole("button", { name: "Lưu kết quả đạt được" }).click();
    await achievements.locator("article.finding-card .finding-text", { hasText: FORM_TEXT.achievement }).waitFor();
    await expectInert(page, dialogs, { path: findingsPath, texts: [FORM_TEXT.achievement] }, "after saving");
    await fullLoad("nhung.vt", { path: findingsPath, texts: [FORM_TEXT.achievement] });
  });

  it("the unit reports with markup and evidence named with markup, ; and =", async () => {
    const { page, dialogs } = await as("donvi.xss");
    const target = `/recommendations/${fx.recommendationIds[3]}`;
    await page.goto(target);
    await waitForHydration(page);
    await page.getByLabel("Đã hoàn thành").check();
    await page.getByLabel("Kết quả đã thực hiện").fill(FORM_TEXT.reportContent);
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    await page.getByLabel("Tệp minh chứng (ảnh hoặc PDF)").setInputFiles({ name: FORM_TEXT.evidenceName, mimeType: "image/png", buffer: png });
    await page.getByRole("button", { name: "Gửi báo cáo" }).click();
    await page.getByRole("status").getByText("Đã gửi báo cáo kết quả khắc phục tới Thường trực HĐND.").waitFor();
    const check = { path: target, texts: [FORM_TEXT.reportContent, TEXT.recommendations[3]], images: [storedFileName(FORM_TEXT.evidenceName)] };
    await expectInert(page, dialogs, check, "after sending");
    await fullLoad("trang.ttt", check);
  });
});

describe("every page shows the hostile text as text", () => {
  const pages = (): Record<string, Check[]> => {
    const [first, second] = fx.recommendationIds;
    const note: Value = { css: `textarea[name="note-${fx.itemId}"]`, value: TEXT.answerNote };
    const findingsPage: Check = {
      path: `/visits/${fx.visitId}/findings`,
      texts: [TEXT.draftFinding, TEXT.achievement, TEXT.shortcoming, TEXT.objectiveCause, TEXT.subjectiveCause, TEXT.addressedRole, ...TEXT.recommendations],
    };
    return {
      "trang.ttt": [
        { path: "/", texts: [TEXT.unitName, TEXT.planSubject, TEXT.recommendations[0], TEXT.recommendations[3]] },
        { path: "/plans", texts: [TEXT.planSubject] },
        {
          path: `/plans/${fx.planId}`,
          texts: [TEXT.planSubject, ...TEXT.planLegalBasis, TEXT.planPurpose, TEXT.planOutline, TEXT.planSigner, ...TEXT.planRecipients, TEXT.guestName, TEXT.guestTitle, TEXT.unitName],
        },
        { path: `/visits/${fx.visitId}`, texts: [TEXT.unitName], values: [note] },
        findingsPage,
        { path: `/visits/${fx.visitId}/report`, texts: [TEXT.unitReport, TEXT.planOutline] },
        {
          path: `/notices/${fx.noticeId}`,
          texts: [
            TEXT.noticeSummary,
            TEXT.noticePlace,
            TEXT.noticeBlock,
            ...TEXT.noticeRecipients,
            TEXT.noticeSigner,
            TEXT.guestName,
            TEXT.guestTitle,
            TEXT.achievement,
            TEXT.shortcoming,
            ...TEXT.recommendations,
          ],
        },
        { path: "/notices", texts: [TEXT.noticeSummary, TEXT.unitName] },
        { path: "/recommendations", texts: [...TEXT.recommendations, TEXT.addressedRole, TEXT.unitName] },
        {
          path: `/recommendations/${first}`,
          texts: [TEXT.recommendations[0], TEXT.reportContent, TEXT.returnNote, TEXT.userFullName, TEXT.noticeSummary],
          images: [storedFileName(TEXT.evidenceName)],
        },
        { path: `/recommendations/${second}`, texts: [TEXT.recommendations[1], TEXT.extensionReason, TEXT.refuseNote] },
        { path: "/dashboard", texts: [TEXT.unitName, TEXT.planSubject] },
        { path: `/units/${fx.unitId}`, texts: [TEXT.unitName, TEXT.recommendations[0]] },
        { path: "/notifications", texts: [TEXT.unitName, TEXT.recommendations[0]] },
      ],
      "donvi.xss": [
        { path: "/", texts: [TEXT.userFullName, TEXT.unitName, TEXT.planSubject, ...TEXT.recommendations] },
        { path: `/plans/${fx.planId}`, texts: [TEXT.planSubject, TEXT.planPurpose, TEXT.guestName] },
        { path: `/visits/${fx.visitId}/report`, texts: [TEXT.unitReport, TEXT.planOutline] },
        { path: `/notices/${fx.noticeId}`, texts: [TEXT.noticeSummary, TEXT.noticeBlock] },
        { path: `/notices/${fx.noticeId}/remediation`, texts: [TEXT.recommendations[0], TEXT.recommendations[6]] },
        { path: `/recommendations/${first}`, texts: [TEXT.reportContent, TEXT.returnNote], images: [storedFileName(TEXT.evidenceName)] },
        { path: `/recommendations/${second}`, texts: [TEXT.extensionReason, TEXT.refuseNote] },
        { path: "/notifications", texts: [TEXT.returnNote, TEXT.refuseNote] },
      ],
      "nhung.vt": [
        { path: "/", texts: [TEXT.unitName, TEXT.planSubject] },
        { path: `/visits/${fx.visitId}`, texts: [TEXT.unitName], values: [note] },
        findingsPage,
      ],
      quantri: [
        { path: "/admin/units", texts: [TEXT.unitName] },
        { path: `/admin/units/${fx.unitId}`, texts: [], values: [{ label: "Tên đơn vị", value: TEXT.unitName }, { label: "Địa danh ghi trên văn bản", value: TEXT.unitPlace }] },
        { path: "/admin/users", texts: [TEXT.userFullName, TEXT.userTitle, TEXT.unitName] },
        { path: `/admin/users/${fx.unitUserId}`, texts: [], values: [{ label: "Họ và tên", value: TEXT.userFullName }, { label: "Chức vụ", value: TEXT.userTitle }] },
        { path: "/admin/audit", texts: [TEXT.unitName, TEXT.achievement, TEXT.answerNote, TEXT.refuseNote] },
      ],
    };
  };

  for (const username of ["trang.ttt", "donvi.xss", "nhung.vt", "quantri"]) {
    it(`as ${username}: on a full load, then on a client-side navigation from the home page`, async () => {
      const checks = pages()[username];
      for (const check of checks) await fullLoad(username, check);
      const { page } = await as(username);
      await page.goto(username === "quantri" ? "/admin/units" : "/");
      await waitForHydration(page);
      for (const check of checks) await clientNavigation(username, check);
    }, 120_000);
  }
});
