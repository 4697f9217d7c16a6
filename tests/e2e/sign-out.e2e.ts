import { describe, expect, it } from "vitest";
import { useBrowser } from "./support/browser";
import { expectHeading, signIn, waitForIdle } from "./support/session";

describe("signing out", () => {
  const b = useBrowser();

  it("posts to /logout, lands on /login, and neither Back nor reopening / shows the home page", async () => {
    const page = b.page;
    await signIn(page, "trang.ttt");
    const [cookieBefore] = (await b.context.cookies()).filter((c) => c.name === "__hdnd_session");
    expect(cookieBefore?.value).toBeTruthy();
    // Control: another browser given this cookie is signed in (checked again after sign-out).
    const replay = await b.anotherPage();
    await replay.context().addCookies([cookieBefore]);
    await replay.goto("/");
    await replay.getByTestId("home-title").waitFor();

    const [request] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname.startsWith("/logout")),
      page.getByRole("button", { name: "Đăng xuất" }).click(),
    ]);
    expect(request.method()).toBe("POST");
    await page.waitForURL((url) => url.pathname === "/login");
    await waitForIdle(page);
    await expectHeading(page, "Đăng nhập");
    expect((await b.context.cookies()).filter((c) => c.name === "__hdnd_session")).toEqual([]);

    // Back: the browser returns to "/" (whose loader now sends it to /login) and the home page
    // must not flash up from memory meanwhile.
    await page.evaluate(() => {
      const flag = window as unknown as { sawHome?: boolean };
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="home-title"]')) flag.sawHome = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    const visited: string[] = [];
    page.on("framenavigated", (frame) => visited.push(new URL(frame.url()).pathname));
    await page.goBack();
    await page.waitForURL((url) => url.pathname === "/login" && visited.includes("/"));
    await waitForIdle(page);
    expect(visited[0]).toBe("/");
    await expectHeading(page, "Đăng nhập");
    expect(await page.evaluate(() => (window as unknown as { sawHome?: boolean }).sawHome ?? false)).toBe(false);
    expect(await page.getByTestId("home-title").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Đăng xuất" }).count()).toBe(0);

    await page.goto("/");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.getByTestId("home-title").count()).toBe(0);

    // The old cookie is dead on the server too, not only forgotten by the browser.
    await replay.goto("/");
    expect(new URL(replay.url()).pathname).toBe("/login");
  });
});
