import type { Page } from "playwright-core";

/** Reads a unit's id from the administrator's unit tree (the page must be signed in as quantri). */
export async function unitIdFromAdminTree(page: Page, unitName: string): Promise<number> {
  await page.goto("/admin/units");
  const link = page.locator("ul.tree a", { hasText: new RegExp(`^${unitName}$`) });
  const href = await link.getAttribute("href");
  const match = /^\/admin\/units\/(\d+)$/.exec(href ?? "");
  if (!match) throw new Error(`no link to ${unitName} in /admin/units (href ${href})`);
  return Number(match[1]);
}

/** The value of the <option> whose label, once the tree's "— " indent is removed, is exactly `name`. */
export async function optionValueFor(page: Page, selectLabel: string, name: string): Promise<string> {
  const options = await page.getByLabel(selectLabel).locator("option").evaluateAll((nodes) =>
    nodes.map((n) => ({ value: (n as HTMLOptionElement).value, label: (n.textContent ?? "").replace(/^(— )+/, "").trim() })),
  );
  const found = options.filter((o) => o.label === name);
  if (found.length !== 1) throw new Error(`${found.length} options named ${name} in ${selectLabel}`);
  return found[0].value;
}
