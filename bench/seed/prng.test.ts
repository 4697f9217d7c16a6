import { describe, expect, it } from "vitest";
import { isoOf, stamp, toDay, weekday, workingDayFrom } from "./days";
import { Rng, hashSeed } from "./prng";

describe("the seeded generator", () => {
  it("gives the same stream for the same seed and another for another seed", () => {
    const draw = (seed: string) => {
      const rng = new Rng(seed);
      return Array.from({ length: 20 }, () => rng.uint32());
    };
    expect(draw("a:commune-1")).toEqual(draw("a:commune-1"));
    expect(draw("a:commune-1")).not.toEqual(draw("a:commune-2"));
    expect(hashSeed("x")).toBe(hashSeed("x"));
    expect(hashSeed("x")).not.toBe(hashSeed("y"));
  });

  it("draws integers within bounds, both ends reachable, and weights roughly as asked", () => {
    const rng = new Rng(42);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const n = rng.int(3, 7);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(7);
      seen.add(n);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (rng.weighted([["a", 9], ["b", 1]] as const) === "a") heavy++;
    expect(heavy).toBeGreaterThan(8_700);
    expect(heavy).toBeLessThan(9_300);
  });

  it("samples distinct items and makes v4-shaped UUIDs and hex of the asked length", () => {
    const rng = new Rng("s");
    const sample = rng.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(sample).size).toBe(4);
    expect(rng.sample([1, 2], 5)).toHaveLength(2);
    for (let i = 0; i < 50; i++) expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rng.hex(32)).toMatch(/^[0-9a-f]{64}$/);
    expect(rng.uuidFor(0x1f)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-00000000001f$/);
  });

  it("keeps the streams of thousands of communes apart: no UUID drawn twice", () => {
    const seen = new Set<string>();
    for (let commune = 0; commune < 4000; commune++) {
      const rng = new Rng(`hdnd-bench:history:P${commune}`);
      for (let i = 0; i < 40; i++) seen.add(rng.uuid());
    }
    expect(seen.size).toBe(4000 * 40);
  });
});

describe("day numbers", () => {
  it("round-trips dates, writes Vietnam timestamps and moves weekends to Monday", () => {
    for (const iso of ["2017-01-01", "2024-02-29", "2026-12-01", "2027-03-31"]) expect(isoOf(toDay(iso))).toBe(iso);
    expect(toDay("2024-03-01") - toDay("2024-02-28")).toBe(2);
    expect(stamp(toDay("2024-04-05"), 9 * 60 + 5, 7)).toBe("2024-04-05 09:05:07+07");
    expect(weekday(toDay("2026-12-01"))).toBe(2); // a Tuesday
    expect(isoOf(workingDayFrom(toDay("2026-12-05")))).toBe("2026-12-07"); // Saturday → Monday
    expect(isoOf(workingDayFrom(toDay("2026-12-06")))).toBe("2026-12-07");
    expect(isoOf(workingDayFrom(toDay("2026-12-04")))).toBe("2026-12-04");
  });
});
