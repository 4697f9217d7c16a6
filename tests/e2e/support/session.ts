import type { Page } from "playwright-core";

/** Every demo account (db/seed.ts) has this password. */
export const DEMO_PASSWORD = "GiamSat@2024";

/** Resolves once React has hydrated the page, so forms submit through their JavaScript handlers. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const brand = document.querySelector("header .brand");
    return !!brand && Object.keys(brand).some((key) => key.startsWith("__reactProps"));
  });
}

/** Resolves when the Remix router has nothing in flight (after a submission or navigation). */
export async function waitForIdle(page: Page) {
  await page.waitForFunction(() => {
    const router = (window as unknown as { __remixRouter?: { state: { navigation: { state: string } } } }).__remixRouter;
    return router?.state.navigation.state === "idle";
  });
}

/** Fills the sign-in form on the current /login page and submits it; returns the POST's status. */
export async function submitLogin(page: Page, username: string, password: string): Promise<number> {
  await waitForHydration(page);
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login")),
    page.getByRole("button", { name: "Đăng nhập" }).click(),
  ]);
  await waitForIdle(page);
  return response.status();
}

/** Signs in from the login page and waits for the home page's title. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await submitLogin(page, username, password);
  await page.getByTestId("home-title").waitFor();
}

export async function homeTitle(page: Page): Promise<string> {
  return ((await page.getByTestId("home-title").textContent()) ?? "").trim();
}

/**
 * Waits for the page's main heading to read exactly `text`. After a client-side navigation the
 * address changes a moment before React shows the new page, so read the heading through this.
 */
export async function expectHeading(page: Page, text: string) {
  const heading = page.locator("main").getByRole("heading", { level: 1, name: text, exact: true });
  try {
    await heading.waitFor();
  } catch {
    const seen = await page.locator("main h1").allTextContents();
    throw new Error(`expected the page heading "${text}", saw ${JSON.stringify(seen)} at ${page.url()}`);
  }
}
