import { describe, expect, it } from "vitest";
import { documentSymbol, formatDocumentNumber, formatNumberLine, parseDocumentNumber } from "./numbering";

describe("document numbers", () => {
  it("pads numbers below 10", () => {
    expect(formatDocumentNumber(5, "KH-HĐND")).toBe("05/KH-HĐND");
    expect(formatDocumentNumber(12, "TB-HĐND")).toBe("12/TB-HĐND");
    expect(formatDocumentNumber(976, "UBND-KSTT")).toBe("976/UBND-KSTT");
  });
  it("refuses zero, negatives and fractions", () => {
    expect(() => formatDocumentNumber(0, "TB-HĐND")).toThrow(RangeError);
    expect(() => formatDocumentNumber(2.5, "TB-HĐND")).toThrow(RangeError);
  });
  it("builds symbols, keeping Đ in QĐ", () => {
    expect(documentSymbol("TB", "HĐND")).toBe("TB-HĐND");
    expect(documentSymbol("QD", "UBND")).toBe("QĐ-UBND");
  });
  it("writes the number line, blank for drafts", () => {
    expect(formatNumberLine(12, "TB-HĐND")).toBe("Số: 12/TB-HĐND");
    expect(formatNumberLine(null, "TB-HĐND")).toBe("Số:      /TB-HĐND");
  });
  it("parses what it formats", () => {
    expect(parseDocumentNumber("05/KH-HĐND")).toEqual({ number: 5, symbol: "KH-HĐND" });
    expect(parseDocumentNumber(" 976 / UBND-KSTT ")).toEqual({ number: 976, symbol: "UBND-KSTT" });
    expect(parseDocumentNumber("/UBND")).toBeNull();
    expect(parseDocumentNumber("00/TB")).toBeNull();
  });
});
