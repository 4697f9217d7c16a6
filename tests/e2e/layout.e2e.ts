import path from "node:path";
import { describe, expect, it } from "vitest";
import { IPAD, useBrowser } from "./support/browser";
import { RESULTS_DIR } from "./support/paths";
import { signIn } from "./support/session";

const ROLES = ["quantri", "trang.ttt", "nhung.vt", "ubnd.binhan"];
const MIN_TOUCH = 44;

describe("home pages on an upright iPad (768×1024)", () => {
  const b = useBrowser();

  it.each(ROLES)("%s: no horizontal scroll, top-bar touch targets at least 44 px tall, no console errors", async (username) => {
    const page = b.page;
    // Hydration mismatches and script errors show up here, not on the screen.
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    await signIn(page, username);
    await page.reload();
    await page.waitForLoadState("networkidle");
    expect(page.viewportSize()).toEqual(IPAD);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(IPAD.width);

    const targets = await page.locator("header.topbar").locator("a, button").evaluateAll((nodes) =>
      nodes.map((n) => ({ text: (n.textContent ?? "").trim(), height: Math.round(n.getBoundingClientRect().height) })),
    );
    expect(targets.some((t) => t.text === "Đăng xuất")).toBe(true);
    expect(targets.filter((t) => t.height < MIN_TOUCH)).toEqual([]);

    expect(problems).toEqual([]);

    // For people to look at; not compared.
    await page.screenshot({ path: path.join(RESULTS_DIR, `home-${username}.png`), fullPage: true });
  });
});
