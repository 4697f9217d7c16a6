import { describe, expect, it } from "vitest";
import { percentile, summarise } from "./stats";

describe("summarise", () => {
  it("takes the nearest-rank median and p95", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(summarise(samples)).toEqual({ count: 100, median: 50, p95: 95, min: 1, max: 100 });
    expect(percentile([3], 95)).toBe(3);
    expect(Number.isNaN(percentile([], 50))).toBe(true);
  });
});
