import { describe, expect, it } from "vitest";
import { copyCell, copyLine, escapeCopyText, parseCopyLine } from "./copy-text";

describe("COPY text format", () => {
  it("escapes backslash, tab, newline and carriage return, and nothing else", () => {
    expect(escapeCopyText("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
    expect(escapeCopyText("Thông báo 12/TB-HĐND; \"trích\" 'dẫn' | ,")).toBe("Thông báo 12/TB-HĐND; \"trích\" 'dẫn' | ,");
    expect(escapeCopyText("\\N")).toBe("\\\\N");
  });

  it("writes NULL as \\N, booleans as t/f, numbers as digits, and refuses NaN", () => {
    expect([null, undefined, true, false, 0, -12, 3.5].map(copyCell)).toEqual(["\\N", "\\N", "t", "f", "0", "-12", "3.5"]);
    expect(() => copyCell(Number.NaN)).toThrow(RangeError);
    expect(copyCell("")).toBe("");
  });

  it("joins cells with tabs and ends the line, and reads back what it wrote", () => {
    const cells = [7, "Dòng 1\nDòng 2", null, "tab\there", "C:\\đường\\dẫn", "", "{\"a\":\"x\\ny\"}"];
    const line = copyLine(cells);
    expect(line.endsWith("\n")).toBe(true);
    expect(line.slice(0, -1).split("\n")).toHaveLength(1);
    expect(line.split("\t")).toHaveLength(cells.length);
    expect(parseCopyLine(line)).toEqual(["7", "Dòng 1\nDòng 2", null, "tab\there", "C:\\đường\\dẫn", "", "{\"a\":\"x\\ny\"}"]);
  });
});
