import { describe, expect, it } from "vitest";
import { type FindingRow, nestFindings, noticeDecimals, sameName, supervisionFileName } from "./supervision-exchange";

const row = (id: number, kind: FindingRow["kind"], parentId: number | null = null, causeKind: FindingRow["causeKind"] = null): FindingRow => ({
  id,
  kind,
  parentId,
  causeKind: kind === "cause" ? (causeKind ?? "objective") : null,
  text: `t${id}`,
});

describe("nestFindings", () => {
  it("puts causes under their parent shortcoming and keeps the order", () => {
    const { findings, parentOf } = nestFindings([row(1, "achievement"), row(2, "shortcoming"), row(3, "shortcoming"), row(4, "cause", 3, "subjective"), row(5, "cause", 2)]);
    expect(findings.map((f) => [f.rowId, f.kind, f.causes])).toEqual([
      [1, "achievement", []],
      [2, "shortcoming", [{ kind: "objective", text: "t5" }]],
      [3, "shortcoming", [{ kind: "subjective", text: "t4" }]],
    ]);
    expect([...parentOf]).toEqual([
      [4, 3],
      [5, 2],
    ]);
  });

  it("files a cause without a shortcoming parent under the shortcoming before it, else the last one", () => {
    const { findings } = nestFindings([row(1, "cause"), row(2, "shortcoming"), row(3, "achievement"), row(4, "cause", 3), row(5, "shortcoming")]);
    expect(findings.map((f) => f.causes.map((c) => c.text))).toEqual([["t4"], [], ["t1"]]);
  });

  it("drops causes when there is no shortcoming", () => {
    const { findings, parentOf } = nestFindings([row(1, "achievement"), row(2, "cause", 1)]);
    expect(findings).toEqual([{ rowId: 1, kind: "achievement", text: "t1", causes: [] }]);
    expect(parentOf.size).toBe(0);
  });
});

describe("supervisionFileName", () => {
  it("names the plan number, or its id for a draft, and the visit", () => {
    expect(supervisionFileName({ id: 7, number: 5 }, 12)).toBe("giam-sat-5-12.json");
    expect(supervisionFileName({ id: 7, number: null }, 12)).toBe("giam-sat-7-12.json");
  });
});

describe("sameName", () => {
  it("ignores case, spacing and the Unicode form", () => {
    expect(sameName("UBND phường Bình An", "  ubnd  PHƯỜNG bình an ".normalize("NFD"))).toBe(true);
    expect(sameName("UBND phường Bình An", "UBND phường An Bình")).toBe(false);
    expect(sameName("Đông Hòa", "đông hòa")).toBe(true);
  });
});

describe("noticeDecimals", () => {
  it("takes the rate figures' precision when they agree, else 2", () => {
    expect(noticeDecimals([{ denominator: 10, decimals: 1 }, { denominator: null, decimals: 2 }])).toBe(1);
    expect(noticeDecimals([{ denominator: 10, decimals: 1 }, { denominator: 5, decimals: 2 }])).toBe(2);
    expect(noticeDecimals([{ denominator: null, decimals: 1 }])).toBe(2);
  });
});
