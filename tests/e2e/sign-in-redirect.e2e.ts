import { describe, expect, it } from "vitest";
import { useBrowser } from "./support/browser";
import { DEMO_PASSWORD, expectHeading, submitLogin } from "./support/session";

describe("signed out, a protected page sends you to sign in and back", () => {
  const b = useBrowser();

  it("/admin/users → /login?redirectTo=/admin/users → /admin/users after signing in", async () => {
    await b.page.goto("/admin/users");
    const login = new URL(b.page.url());
    expect(login.pathname).toBe("/login");
    expect(login.searchParams.get("redirectTo")).toBe("/admin/users");
    await expectHeading(b.page, "Đăng nhập");

    await submitLogin(b.page, "quantri", DEMO_PASSWORD);
    await b.page.waitForURL((url) => url.pathname === "/admin/users");
    await expectHeading(b.page, "Người dùng");
    expect(await b.page.getByTestId("home-title").count()).toBe(0);
  });
});
