import { describe, expect, it } from "vitest";
import {
  cleanText,
  formatDate,
  formatDateTime,
  formatDocumentDate,
  formatNumber,
  formatPlaceAndDate,
  formatShortDate,
  parseIsoDate,
  roundHalfUp,
  vietnamDate,
} from "./vietnamese";

describe("formatNumber", () => {
  it("groups thousands with dots as in seed 001", () => {
    expect(formatNumber(11701)).toBe("11.701");
    expect(formatNumber(8979)).toBe("8.979");
    expect(formatNumber(67170000)).toBe("67.170.000");
    expect(formatNumber(148)).toBe("148");
  });
  it("uses a comma for decimals and rounds half up in decimal", () => {
    expect(formatNumber(75.53, 1)).toBe("75,5");
    expect(formatNumber(97.87, 2)).toBe("97,87");
    expect(formatNumber(6.045, 2)).toBe("6,05");
    expect(formatNumber(1234.5, 2)).toBe("1.234,50");
  });
  it("handles zero and negatives without a negative zero", () => {
    expect(formatNumber(0, 1)).toBe("0,0");
    expect(formatNumber(-0.01, 1)).toBe("0,0");
    expect(formatNumber(-1500)).toBe("-1.500");
  });
  it("refuses what is not a number", () => {
    expect(() => formatNumber(Number.NaN)).toThrow(RangeError);
  });
  it("rounds half up", () => {
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(-2.5, 0)).toBe(-3);
  });
});

describe("dates", () => {
  it("writes document dates with the leading zeros of Nghị định 30/2020", () => {
    expect(formatDocumentDate("2024-04-05")).toBe("ngày 05 tháng 4 năm 2024");
    expect(formatDocumentDate("2024-01-15")).toBe("ngày 15 tháng 01 năm 2024");
    expect(formatDocumentDate("2024-02-29")).toBe("ngày 29 tháng 02 năm 2024");
    expect(formatDocumentDate("2024-12-31")).toBe("ngày 31 tháng 12 năm 2024");
    expect(formatPlaceAndDate("Bình An", "2024-04-05")).toBe("Bình An, ngày 05 tháng 4 năm 2024");
  });
  it("writes short and list dates", () => {
    expect(formatShortDate("2024-04-01")).toBe("01/4/2024");
    expect(formatShortDate("2023-01-01")).toBe("01/01/2023");
    expect(formatShortDate("2024-02-09")).toBe("09/02/2024");
    expect(formatDate("2024-04-01")).toBe("01/04/2024");
  });
  it("rejects impossible dates", () => {
    expect(() => parseIsoDate("2023-02-29")).toThrow(RangeError);
    expect(() => parseIsoDate("01/04/2024")).toThrow(RangeError);
  });
  it("takes today's date in Vietnam, not in the host's zone", () => {
    // 17:30 UTC on 31 Dec is already 1 Jan in Vietnam (UTC+7).
    expect(vietnamDate(new Date("2023-12-31T17:30:00Z"))).toBe("2024-01-01");
    expect(vietnamDate(new Date("2023-12-31T16:59:00Z"))).toBe("2023-12-31");
    expect(formatDateTime(new Date("2023-12-31T17:30:00Z"))).toBe("01/01/2024 00:30");
  });
});

describe("cleanText", () => {
  it("normalises decomposed input to NFC and trims", () => {
    const decomposed = "Thu\u0309y Trang".normalize("NFD");
    const cleaned = cleanText(`  ${decomposed}   Bình  `);
    expect(cleaned).toBe("Thủy Trang Bình");
    expect(cleaned.normalize("NFC")).toBe(cleaned);
  });
});
