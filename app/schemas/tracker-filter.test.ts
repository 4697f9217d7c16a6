import { describe, expect, it } from "vitest";
import { parseTrackerQuery, trackerSearch } from "./tracker-filter";

describe("tracker filter in the URL", () => {
  it("reads the filters and drops what it cannot read", () => {
    const query = parseTrackerQuery(new URLSearchParams("planId=3&unitId=x&status=open&state=late&q=Bi%CC%80nh&sort=overdue&page=0"));
    expect(query).toEqual({ planId: 3, unitId: undefined, status: "open", state: undefined, q: "Bình", sort: "overdue", page: undefined });
  });

  it("writes back the same filters, without the page unless asked", () => {
    const query = parseTrackerQuery(new URLSearchParams("status=returned&unitId=7&q=một cửa"));
    expect(trackerSearch(query)).toBe("?unitId=7&status=returned&q=m%E1%BB%99t+c%E1%BB%ADa");
    expect(trackerSearch(query, { page: 2 })).toContain("page=2");
    expect(trackerSearch({})).toBe("");
  });
});
