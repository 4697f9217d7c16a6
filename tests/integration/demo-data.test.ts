/** The demo data is built from the seed documents: check it says what they say. */
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "#db/client";
import { conclusionNotices, indicatorFigures, indicatorTargets, planMembers, supervisionPlans, units, users } from "#db/schema";
import { countsForRate, ensureDemoData } from "#db/seed";
import { freshDatabase } from "#tests/support/database";
import { formatNumber } from "~/domain/vietnamese";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await freshDatabase();
  expect(await ensureDemoData(handle.db)).toBe(true);
});

afterAll(async () => {
  await handle?.close();
});

async function unitIdOf(name: string) {
  const [row] = await handle.db.select({ id: units.id }).from(units).where(eq(units.name, name));
  return row.id;
}

describe("demo data from seed 001 (ward Bình An)", () => {
  it("has plan 05/KH-HĐND of 01/4/2024 with its team", async () => {
    const council = await unitIdOf("HĐND phường Bình An");
    const [plan] = await handle.db
      .select()
      .from(supervisionPlans)
      .where(and(eq(supervisionPlans.issuingUnitId, council), eq(supervisionPlans.number, 5)));
    expect(plan).toMatchObject({ symbol: "KH-HĐND", issueDate: "2024-04-01", periodStart: "2023-01-01", periodEnd: "2024-03-31" });
    const team = await handle.db.select().from(planMembers).where(eq(planMembers.planId, plan.id));
    expect(team.map((m) => [m.fullName, m.role])).toEqual(
      expect.arrayContaining([
        ["Trần Thị Thuỳ Trang", "lead"],
        ["Bùi Dương Ân", "deputy"],
        ["Vũ Thị Nhưng", "member"],
      ]),
    );
    const [notice] = await handle.db.select().from(conclusionNotices).where(eq(conclusionNotices.issuingUnitId, council));
    expect(notice).toMatchObject({ number: 12, symbol: "TB-HĐND", issueDate: "2024-04-05", status: "issued", signerName: "Trần Thị Thuỳ Trang" });
    expect(notice.recipients.at(-1)).toBe("Lưu: VT.");
  });

  it("has this year's plan signed by the chair, with recipients, so its draft notice signs and addresses like seed 001", async () => {
    const council = await unitIdOf("HĐND phường Bình An");
    const plans = await handle.db.select().from(supervisionPlans).where(eq(supervisionPlans.issuingUnitId, council));
    const current = plans.find((plan) => plan.status === "in_progress");
    expect(current).toMatchObject({ signerName: "Trần Thị Thuỳ Trang", signerIsDeputy: false });
    expect(current!.recipients.split("\n")).toContain("Đại biểu HĐND phường");
  });

  it("has the figures as the notice writes them", async () => {
    const ubnd = await unitIdOf("UBND phường Bình An");
    const figures = await handle.db.select().from(indicatorFigures).where(eq(indicatorFigures.unitId, ubnd));
    const text = (code: string) =>
      figures
        .filter((f) => f.code === code)
        .map((f) => (f.denominator === null ? formatNumber(f.numerator) : `${formatNumber(f.numerator)}/${formatNumber(f.denominator)}`));
    expect(text("procedure_fields")).toEqual(["36"]);
    expect(text("procedures_total")).toEqual(["148"]);
    expect(text("procedures_local")).toEqual(["131"]);
    expect(text("procedures_interlinked")).toEqual(["30"]);
    expect(text("dossiers_received")).toEqual(["11.701"]);
    expect(text("dossiers_online")).toEqual(["8.979"]);
    expect(text("dossiers_in_person")).toEqual(["2.722"]);
    expect(text("online_payment_rate").sort()).toEqual(["1.686/1.754", "3.557/4.709"]);
    expect(text("feedback_received")).toEqual(["22"]);
    expect(text("fees_collected_online").sort()).toEqual(["22.778.000", "67.170.000"]);
  });
});

describe("demo data from seed 000 (commune Phổ Châu)", () => {
  it("reproduces the 2023 rates exactly and keeps the 2024 targets", async () => {
    const ubnd = await unitIdOf("UBND xã Phổ Châu");
    const figures = await handle.db.select().from(indicatorFigures).where(eq(indicatorFigures.unitId, ubnd));
    const rate = (code: string) => {
      const f = figures.find((x) => x.code === code)!;
      return formatNumber((f.numerator / f.denominator!) * 100, 2);
    };
    expect(rate("on_time_rate")).toBe("97,87");
    expect(rate("online_filing_rate")).toBe("59,64");
    expect(rate("digitisation_rate")).toBe("58,18");
    const targets = await handle.db
      .select({ code: indicatorTargets.code, target: indicatorTargets.targetPercent })
      .from(indicatorTargets)
      .where(and(eq(indicatorTargets.unitId, ubnd), eq(indicatorTargets.year, 2024)));
    expect(Object.fromEntries(targets.map((t) => [t.code, Number(t.target)]))).toEqual({
      on_time_rate: 98,
      online_filing_rate: 60,
      digitisation_rate: 80,
      online_payment_rate: 60,
    });
  });

  it("finds whole counts for a rate", () => {
    const { numerator, denominator } = countsForRate(97.87, 2600);
    expect(Math.round((numerator / denominator) * 10_000)).toBe(9787);
  });
});

describe("loading the demo", () => {
  it("happens once: a second start changes nothing", async () => {
    const [before] = await handle.db.select({ n: count() }).from(users);
    expect(await ensureDemoData(handle.db)).toBe(false);
    const [after] = await handle.db.select({ n: count() }).from(users);
    expect(after.n).toBe(before.n);
  });
});
