/**
 * A team member answers the checklist on a tablet while the connection comes and goes: seven
 * times offline and back, answers, notes and indicator figures typed in both states, some items
 * changed twice, and one figure retyped while the server is still confirming the previous one.
 * Afterwards the server holds exactly the last value typed for every item, each edit applied
 * once (revision = distinct edits), nothing left waiting on the device, and a reload shows it all.
 * The spec answers the demo visit, so it runs on a server and database of its own.
 */
import type { Page, Request, Response, Route } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { withOwnServer } from "./support/own-server";
import { signIn, waitForHydration } from "./support/session";

type Figure = { numerator: number; denominator: number | null };
type Expected = { value?: string; note?: string; figure?: Figure; numberValue?: number; edits: number };
type ServerAnswer = { itemId: number; value: string | null; note: string; numberValue: number | null; figure: Figure | null; revision: number };
type Outcome = { editId: string; outcome: string };

const own = withOwnServer();
const CHOICES = { met: "Đạt", not_met: "Chưa đạt", not_applicable: "Không áp dụng" } as const;

/** What the test typed, per item code, and how many edits each item should have produced. */
const expected = new Map<string, Expected>();
const itemIds = new Map<string, number>();
/** Every edit the page sent, by its id, and every outcome the server answered for it. */
const sentItem = new Map<string, number>();
const outcomes = new Map<string, string[]>();
let visitId = 0;

const item = (page: Page, code: string) => page.locator(`article[data-item-code="${code}"]`);

function record(code: string, change: Partial<Expected>) {
  const current = expected.get(code) ?? { edits: 0 };
  expected.set(code, { ...current, ...change, edits: current.edits + 1 });
}

async function section(page: Page, code: string) {
  await page.locator(".section-tab", { has: page.locator(".section-code", { hasText: code }) }).click();
  await page.locator("#section-title", { hasText: new RegExp(`^${code}\\.`) }).waitFor();
}

async function remember(page: Page, code: string) {
  if (!itemIds.has(code)) itemIds.set(code, Number(((await item(page, code).getAttribute("id")) ?? "").replace("item-", "")));
}

async function choose(page: Page, code: string, value: keyof typeof CHOICES) {
  await remember(page, code);
  await item(page, code).getByRole("button", { name: CHOICES[value], exact: true }).click();
  record(code, { value });
}

async function note(page: Page, code: string, text: string) {
  await remember(page, code);
  const field = item(page, code).getByLabel(/Ghi chú/);
  await field.fill(text);
  await field.press("Tab");
  record(code, { note: text });
}

/** A rate, the numerator typed with a thousands dot as people do ("9.700"); one edit, since a second rate keeps the total. */
async function rate(page: Page, code: string, numerator: number, denominator: number) {
  await remember(page, code);
  const card = item(page, code);
  await card.getByLabel("Số đạt (đoàn kiểm tra)").fill(numerator.toLocaleString("vi-VN"));
  await card.getByLabel("Tổng số").fill(String(denominator));
  await card.getByLabel("Tổng số").press("Tab");
  record(code, { figure: { numerator, denominator } });
}

async function count(page: Page, code: string, value: number) {
  await remember(page, code);
  const field = item(page, code).getByLabel("Số liệu", { exact: true });
  await field.fill(String(value));
  await field.press("Tab");
  record(code, { numberValue: value });
}

async function setOffline(page: Page, offline: boolean) {
  await page.context().setOffline(offline);
  await page.waitForFunction((want) => navigator.onLine === want, !offline);
}

async function outboxSize(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open("hdnd-giam-sat");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction("outbox", "readonly").objectStore("outbox").count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

function isAnswerPost(request: Request) {
  return request.method() === "POST" && /^\/visits\/\d+\/answers$/.test(new URL(request.url()).pathname);
}

beforeAll(() => {
  own.page.on("request", (request) => {
    if (!isAnswerPost(request)) return;
    const { edits } = JSON.parse(request.postData() ?? "{}") as { edits: { editId: string; itemId: number }[] };
    for (const edit of edits) sentItem.set(edit.editId, edit.itemId);
  });
  own.page.on("response", async (response: Response) => {
    if (!isAnswerPost(response.request()) || !response.ok()) return;
    const body = (await response.json().catch(() => null)) as { outcomes: Outcome[] } | null;
    for (const o of body?.outcomes ?? []) outcomes.set(o.editId, [...(outcomes.get(o.editId) ?? []), o.outcome]);
  });
});

describe("the checklist while the tablet's connection comes and goes", () => {
  it("keeps every answer typed offline and online, and the server ends with the last of each, once", async () => {
    const page = own.page;
    await signIn(page, "nhung.vt");
    await page.getByRole("link", { name: "Bộ phận Một cửa phường Bình An" }).first().click();
    await page.waitForURL((url) => /^\/visits\/\d+$/.test(url.pathname));
    visitId = Number(new URL(page.url()).pathname.split("/")[2]);
    await waitForHydration(page);
    await page.locator('[data-sync-ready="true"]').waitFor();
    await page.locator('[data-offline-ready="true"]').waitFor({ timeout: 20_000 });

    // Cycle 1.
    await setOffline(page, true);
    await section(page, "A");
    await choose(page, "A1", "met");
    await choose(page, "A2", "not_met");
    await note(page, "A2", "Quy chế chưa cập nhật theo Nghị định 107/2021/NĐ-CP");
    await setOffline(page, false);
    await choose(page, "A3", "not_applicable");
    await section(page, "F");
    await rate(page, "F1", 9_700, 10_000);

    // Cycle 2: A2's note and F1's figure change a second time, offline.
    await setOffline(page, true);
    await section(page, "A");
    await note(page, "A2", "Quy chế ban hành năm 2019, chưa sửa đổi theo Nghị định 107/2021/NĐ-CP");
    await section(page, "F");
    await rate(page, "F1", 9_850, 10_000);
    await setOffline(page, false);
    await section(page, "E");
    await count(page, "E12", 25);
    await choose(page, "E13", "met");

    // Cycle 3.
    await setOffline(page, true);
    await count(page, "E12", 30);
    await choose(page, "E13", "not_met");
    await note(page, "E13", "2/30 hồ sơ thiếu Phiếu kiểm soát quá trình giải quyết");
    await setOffline(page, false);
    await section(page, "B");
    await choose(page, "B1", "met");
    await note(page, "B1", "Niêm yết đủ 131 thủ tục");

    // Cycle 4: a choice changed while offline.
    await setOffline(page, true);
    await choose(page, "B1", "not_met");
    await note(page, "B1", "Thiếu 3 thủ tục lĩnh vực đất đai");
    await choose(page, "B2", "met");
    await setOffline(page, false);
    await section(page, "F");
    await rate(page, "F3", 512, 800);
    await note(page, "F3", "Số liệu theo phần mềm một cửa điện tử");

    // Cycle 5.
    await setOffline(page, true);
    await item(page, "F6").getByLabel("Số liệu kiểm tra").fill("11.701");
    await item(page, "F6").getByLabel("Số liệu kiểm tra").press("Tab");
    await remember(page, "F6");
    record("F6", { figure: { numerator: 11_701, denominator: null } });
    await setOffline(page, false);
    await section(page, "D");
    await choose(page, "D4", "not_met");
    await note(page, "D4", "Thiếu ghế ngồi chờ <b>vào giờ cao điểm</b> & bàn viết");

    // Cycle 6: a note cleared.
    await setOffline(page, true);
    await note(page, "D4", "");
    await choose(page, "D4", "met");
    await section(page, "C");
    await choose(page, "C1", "not_applicable");
    await setOffline(page, false);
    await choose(page, "C2", "met");

    // Cycle 7, back online with the figure F2: retyped while the server is confirming the first one.
    await setOffline(page, true);
    await choose(page, "C3", "not_met");
    await note(page, "C3", "Số điện thoại đường dây nóng trên bảng đã thay đổi");
    await setOffline(page, false);
    await page.locator(".sync-banner.saved").waitFor({ timeout: 30_000 });

    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const hold = async (route: Route) => {
      await held;
      await route.continue();
    };
    await page.route("**/visits/*/answers", hold);
    await section(page, "F");
    await rate(page, "F2", 30, 100);
    const confirmed = page.waitForResponse((r) => isAnswerPost(r.request()) && r.ok());
    const card = item(page, "F2");
    await card.getByLabel("Số đạt (đoàn kiểm tra)").fill("45");
    release();
    await confirmed;
    await page.unroute("**/visits/*/answers", hold);
    // The confirmation of 30/100 must not put 30 back into the field being typed in.
    await page.waitForTimeout(300);
    expect(await card.getByLabel("Số đạt (đoàn kiểm tra)").inputValue()).toBe("45");
    await card.getByLabel("Số đạt (đoàn kiểm tra)").press("Tab");
    await card.getByLabel("Tổng số").press("Tab");
    record("F2", { figure: { numerator: 45, denominator: 100 } });

    await page.locator(".sync-banner.saved").waitFor({ timeout: 30_000 });
    await expect.poll(() => outboxSize(page), { timeout: 15_000 }).toBe(0);
    // Nothing the member must be told: no answer was overwritten, refused or "older than the server's".
    expect(await page.locator(".item-notice").count()).toBe(0);

    const response = await own.context.request.get(`/visits/${visitId}/answers`);
    expect(response.status()).toBe(200);
    const answers = ((await response.json()) as { answers: ServerAnswer[] }).answers;
    expect(new Set(answers.map((a) => a.itemId)).size).toBe(answers.length);
    expect(answers.map((a) => a.itemId).sort()).toEqual([...itemIds.values()].sort());

    // Each edit reaches the server once: applied at most once, a resend recognised by its id
    // (duplicate), or found older than the device's own later edit (stale); never refused.
    for (const [editId, seen] of outcomes) {
      expect(seen.filter((o) => o === "applied").length, editId).toBeLessThanOrEqual(1);
      expect(seen.every((o) => ["applied", "duplicate", "stale"].includes(o)), `${editId}: ${seen.join(",")}`).toBe(true);
    }
    expect([...sentItem.keys()].filter((editId) => !outcomes.has(editId))).toEqual([]);
    const editsOf = (id: number) => [...sentItem.values()].filter((itemId) => itemId === id).length;

    for (const [code, want] of expected) {
      const id = itemIds.get(code)!;
      const got = answers.find((a) => a.itemId === id);
      expect(got, code).toBeDefined();
      if (want.value !== undefined) expect(got!.value, code).toBe(want.value);
      expect(got!.note, code).toBe(want.note ?? "");
      if (want.figure) expect(got!.figure, code).toEqual(want.figure);
      if (want.numberValue !== undefined) expect(got!.numberValue, code).toBe(want.numberValue);
      // As many distinct edits as actions taken, and the revision counts each of them once.
      expect(editsOf(id), `${code}: edits sent`).toBe(want.edits);
      expect(got!.revision, `${code}: revision`).toBe(want.edits);
    }

    // A reload shows every last value.
    await page.reload();
    await waitForHydration(page);
    await page.locator('[data-sync-ready="true"]').waitFor();
    const bySection = new Map<string, string[]>();
    for (const code of expected.keys()) bySection.set(code[0], [...(bySection.get(code[0]) ?? []), code]);
    for (const [sectionCode, codes] of bySection) {
      await section(page, sectionCode);
      for (const code of codes) {
        const want = expected.get(code)!;
        const card = item(page, code);
        expect(await card.getByLabel(/Ghi chú/).inputValue(), code).toBe(want.note ?? "");
        if (want.value && !want.figure) {
          const label = CHOICES[want.value as keyof typeof CHOICES];
          expect(await card.getByRole("button", { name: label, exact: true }).getAttribute("aria-pressed"), code).toBe("true");
        }
        if (want.figure?.denominator) {
          expect(await card.getByLabel("Số đạt (đoàn kiểm tra)").inputValue(), code).toBe(want.figure.numerator.toLocaleString("vi-VN"));
          expect(await card.getByLabel("Tổng số").inputValue(), code).toBe(want.figure.denominator.toLocaleString("vi-VN"));
        } else if (want.figure) {
          expect(await card.getByLabel("Số liệu kiểm tra").inputValue(), code).toBe(want.figure.numerator.toLocaleString("vi-VN"));
        }
        if (want.numberValue !== undefined) expect(await card.getByLabel("Số liệu", { exact: true }).inputValue(), code).toBe(String(want.numberValue));
        expect(await card.locator(".save-state").textContent(), code).toBe("Đã lưu");
      }
    }
  }, 120_000);
});
