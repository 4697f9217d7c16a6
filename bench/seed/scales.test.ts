import { describe, expect, it } from "vitest";
import { PROVINCES, communeName, personName } from "./names";
import { Rng } from "./prng";
import { NATIONAL_COMMUNES, NATIONAL_PROVINCES, PROVINCE_COMMUNES, databaseTarget, parseSeedArgs, provinceSizes } from "./scales";

describe("the command line", () => {
  it("needs a scale and defaults to the scale's own database, 10 years to 2026-12-01", () => {
    expect(parseSeedArgs(["--scale", "province"])).toEqual({
      ok: true,
      options: { scale: "province", databaseUrl: "postgres://postgres@127.0.0.1:5432/hdnd_bench_province", years: 10, today: "2026-12-01", seed: "hdnd-bench", vacuum: true },
    });
    const custom = parseSeedArgs(["--scale=commune", "--database-url", "postgres://u@db:5433/x_bench", "--years", "3", "--today=2025-06-30", "--no-vacuum"]);
    expect(custom).toMatchObject({ ok: true, options: { scale: "commune", databaseUrl: "postgres://u@db:5433/x_bench", years: 3, today: "2025-06-30", vacuum: false } });
  });

  it("refuses what it cannot use, in Vietnamese", () => {
    for (const args of [[], ["--scale", "city"], ["--scale"], ["--scale", "commune", "--years", "0"], ["--scale", "commune", "--today", "2026-02-30"], ["--scale", "commune", "--database-url", "postgres://h/postgres"], ["--scale", "commune", "--what"]]) {
      const parsed = parseSeedArgs(args);
      expect(parsed.ok, args.join(" ")).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(/[ạảấầẩậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]|Thiếu|Tham số/u);
    }
  });

  it("finds the maintenance database beside the target", () => {
    expect(databaseTarget("postgres://postgres@127.0.0.1:5432/hdnd_bench_national")).toEqual({
      database: "hdnd_bench_national",
      maintenanceUrl: "postgres://postgres@127.0.0.1:5432/postgres",
    });
  });
});

describe("the national scale", () => {
  it("has 34 provinces and 3,321 communes, province 1 as big as the province scale", () => {
    const sizes = provinceSizes("hdnd-bench", NATIONAL_PROVINCES, NATIONAL_COMMUNES, PROVINCE_COMMUNES);
    expect(sizes).toHaveLength(34);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(3321);
    expect(sizes[0]).toBe(100);
    expect(Math.min(...sizes)).toBeGreaterThan(20);
    expect(provinceSizes("hdnd-bench", 34, 3321, 100)).toEqual(sizes);
    // The demo's Bình Dương and Quảng Ngãi, and 32 more.
    expect(PROVINCES).toHaveLength(32);
    expect(new Set(PROVINCES.map(([name]) => name)).size).toBe(32);
  });
});

describe("names", () => {
  it("are NFC Vietnamese, commune names unique within a province", () => {
    const rng = new Rng("names");
    const taken = new Set<string>();
    const names = Array.from({ length: 300 }, () => communeName(rng, taken));
    expect(new Set(names).size).toBe(300);
    for (const name of [...names, ...PROVINCES.map(([n]) => n), ...Array.from({ length: 50 }, () => personName(rng).fullName)]) {
      expect(name).toBe(name.normalize("NFC"));
      expect(name.trim()).toBe(name);
    }
    expect(personName(new Rng(1)).fullName.split(" ")).toHaveLength(3);
  });
});
