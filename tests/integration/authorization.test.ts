/**
 * What each role's lists contain, on the demo data: scope at the level of rows. Who may open each
 * route at all, and post to it, is the matrix of tests/support/route-matrix.ts
 * (tests/integration/authorization-matrix.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { DEMO_PASSWORD, ensureDemoData } from "#db/seed";
import * as home from "~/routes/_index";
import * as plansIndex from "~/routes/plans._index";
import { freshDatabase } from "#tests/support/database";
import { load, signIn } from "#tests/support/requests";

const ACTORS = ["tt.dian", "nhung.vt", "ubnd.binhan", "ubnd.phochau"] as const;
type ActorName = (typeof ACTORS)[number];

let handle: DatabaseHandle;
const cookies = new Map<ActorName, string>();

beforeAll(async () => {
  handle = await freshDatabase();
  await ensureDemoData(handle.db);
  for (const name of ACTORS) cookies.set(name, await signIn(name, DEMO_PASSWORD));
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe("what each role's lists contain", () => {
  it("a unit user's plan list holds only plans that visit their unit", async () => {
    const result = await load(plansIndex, { path: "/plans", cookie: cookies.get("ubnd.phochau") });
    const plans = (result.data as { plans: { subject: string; issuingUnitName: string }[] }).plans;
    expect(plans.length).toBe(1);
    expect(plans[0].issuingUnitName).toBe("HĐND xã Phổ Châu");
  });

  it("a team member's plan list holds only the plans they belong to", async () => {
    const result = await load(plansIndex, { path: "/plans", cookie: cookies.get("nhung.vt") });
    const plans = (result.data as { plans: { issuingUnitName: string }[] }).plans;
    expect(plans.length).toBe(2);
    expect(new Set(plans.map((p) => p.issuingUnitName))).toEqual(new Set(["HĐND phường Bình An"]));
  });

  it("the committee of one ward sees the recommendations of its ward only", async () => {
    const result = await load(home, { path: "/", cookie: cookies.get("tt.dian") });
    const data = result.data as { home: { role: string; open: { addressedUnitName: string }[] } };
    expect(data.home.role).toBe("committee");
    expect(data.home.open.length).toBeGreaterThan(0);
    expect(new Set(data.home.open.map((r) => r.addressedUnitName))).toEqual(new Set(["UBND phường Dĩ An"]));
  });

  it("a unit user's home lists only recommendations addressed to their unit", async () => {
    const result = await load(home, { path: "/", cookie: cookies.get("ubnd.binhan") });
    const data = result.data as { home: { role: string; open: { addressedUnitName: string; text: string }[] } };
    expect(data.home.role).toBe("unit");
    // Seed 001's notice: three recommendations, one already accepted.
    expect(data.home.open.map((r) => r.addressedUnitName)).toEqual(["UBND phường Bình An", "UBND phường Bình An"]);
  });
});
