import { describe, expect, it } from "vitest";
import oneStopShop from "#templates/checklists/one-stop-shop.json";
import type { Cell } from "./copy-text";
import { toDay } from "./days";
import { type Generator, IdAllocator, type ProvinceCtx, SeriesBook, type TemplateItem, createProvince } from "./generator";
import { communeSpecs, generateShare, idRanges, maxRowsPerCommune } from "./share";
import type { TableName } from "./tables";

const items = oneStopShop.sections.flatMap((section) => section.items).map((item, index) => ({
  id: 1 + index,
  code: item.code,
  text: item.text,
  answerType: ((item as { answerType?: string }).answerType ?? "tri_state") as TemplateItem["answerType"],
  indicatorCode: (item as { indicatorCode?: string }).indicatorCode ?? null,
  targetPercent: (item as { targetPercent?: number }).targetPercent ?? null,
}));
const cfg = { seed: "share", today: toDay("2026-12-01"), startYear: 2017, templateId: 1, items, passwordHash: "x" };

describe("shares of communes", () => {
  it("give each share its own id range, sized for the largest commune possible", () => {
    const base = { units: 30, users: 20, audit_log: 500, recommendations: 17 };
    const ranges = idRanges(base, [1661, 1660], 10, 45);
    expect(ranges[0].start).toMatchObject(base);
    for (const table of Object.keys(maxRowsPerCommune(10, 45))) {
      expect(ranges[1].start[table]).toBe(ranges[0].limit[table]);
      expect(ranges[1].limit[table]).toBeGreaterThan(ranges[1].start[table]);
      if (table !== "audit_log") expect(ranges[1].limit[table]).toBeLessThan(2 ** 31);
    }
    expect(() => idRanges(base, [100_000, 100_000], 30, 45)).toThrow(/integer range/);
  });

  it("stay within their ranges, commune by commune, and make the same rows whoever runs first", async () => {
    const run = async () => {
      const perCommune: Record<string, number>[] = [];
      const rows: string[] = [];
      const province: { ctx: ProvinceCtx | null } = { ctx: null };
      const pre = new IdAllocator({ units: 10 });
      const g0: Generator = { cfg, ids: pre, series: new SeriesBook(), emit: () => {} };
      province.ctx = createProvince(g0, { name: "Thử", isCity: false, code: "P98" });
      const specs = communeSpecs("share", province.ctx, 5, "p98", new Set());
      const ranges = idRanges(pre.snapshot(), [2, 3], 10, items.length);
      const shares = [
        { existing: null, communes: specs.slice(0, 2), bench: { province: province.ctx } },
        { existing: null, communes: specs.slice(2), bench: null },
      ];
      const results = [];
      // The second share first: ids must not depend on the order.
      for (const index of [1, 0]) {
        let counts: Record<string, number> = {};
        const g: Generator = {
          cfg,
          ids: new IdAllocator(ranges[index].start, ranges[index].limit),
          series: new SeriesBook(),
          emit: (table: TableName, row: Cell[]) => {
            counts[table] = (counts[table] ?? 0) + 1;
            rows.push(`${index}:${table}:${row.join("|")}`);
            if (row[0] !== null && typeof row[0] === "number" && table !== "recommendation_findings" && table !== "reminders_sent") {
              expect(row[0]).toBeGreaterThan(ranges[index].start[table] ?? 0);
              expect(row[0]).toBeLessThanOrEqual(ranges[index].limit[table] ?? Infinity);
            }
          },
        };
        results[index] = await generateShare(g, shares[index], () => {
          perCommune.push(counts);
          counts = {};
        });
      }
      return { rows: rows.sort(), perCommune, results };
    };
    const first = await run();
    const max = maxRowsPerCommune(10, items.length);
    for (const counts of first.perCommune) for (const [table, n] of Object.entries(counts)) if (max[table as TableName]) expect(n).toBeLessThanOrEqual(max[table as TableName]!);
    expect(first.results[0].communes).toBe(2);
    expect(first.results[1].communes).toBe(3);
    expect(first.results[0].bench?.accounts["bench.team"].username).toBe("bench.team");
    expect(first.results[1].bench).toBeNull();
    expect((await run()).rows).toEqual(first.rows);
  });
});
