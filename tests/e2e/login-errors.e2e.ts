import { describe, expect, it } from "vitest";
import { useBrowser } from "./support/browser";
import { DEMO_PASSWORD, submitLogin } from "./support/session";

const WRONG = "Tên đăng nhập hoặc mật khẩu không đúng.";

describe("sign-in errors", () => {
  const b = useBrowser();
  const formError = () => b.page.locator("form .form-error").textContent();

  it("a wrong password shows the Vietnamese error and keeps the typed username", async () => {
    await b.page.goto("/login");
    expect(await submitLogin(b.page, "an.bd", "khong-dung-mat-khau")).toBe(401);
    expect(await formError()).toBe(WRONG);
    expect(await b.page.getByLabel("Tên đăng nhập").inputValue()).toBe("an.bd");
    expect(new URL(b.page.url()).pathname).toBe("/login");
    // Not signed in.
    await b.page.goto("/");
    expect(new URL(b.page.url()).pathname).toBe("/login");
  });

  it("five wrong passwords in a row lock the account; the right one is then refused too", async () => {
    await b.page.goto("/login");
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect(await submitLogin(b.page, "tt.phochau", `sai-${attempt}-mat-khau`)).toBe(401);
      expect(await formError()).toBe(WRONG);
    }
    expect(await submitLogin(b.page, "tt.phochau", "sai-5-mat-khau")).toBe(429);
    expect(await formError()).toContain("tạm khóa");

    expect(await submitLogin(b.page, "tt.phochau", DEMO_PASSWORD)).toBe(429);
    expect(await formError()).toContain("tạm khóa");
    expect(await b.page.getByTestId("home-title").count()).toBe(0);
    await b.page.goto("/");
    expect(new URL(b.page.url()).pathname).toBe("/login");
  });
});
