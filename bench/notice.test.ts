import { describe, expect, it } from "vitest";
import { readPdf } from "#tests/support/pdf";
import { renderPdf } from "~/documents/pdf.server";
import { composeNotice } from "~/domain/notice-composition";
import { lengthened, pdfPageCount, seed001File } from "./notice.bench";

describe("the notice bench's inputs", () => {
  it("lengthens seed 001 ten times with distinct ids, every reference kept within its copy", () => {
    const short = seed001File();
    const long = lengthened(short, 10);
    expect([long.figures.length, long.findings.length, long.recommendations.length]).toEqual([
      short.figures.length * 10,
      short.findings.length * 10,
      short.recommendations.length * 10,
    ]);
    expect(new Set(long.findings.map((finding) => finding.id)).size).toBe(long.findings.length);
    expect(long.findings.find((finding) => finding.id === "dossiers-7")?.figureIds).toEqual(["dossiers-received-7", "dossiers-online-7", "dossiers-in-person-7"]);
    expect(long.recommendations.at(-1)?.findingIds).toEqual(["postal-10"]);
    const recommendations = composeNotice(long).blocks.filter((block) => block.key.startsWith("recommendation-"));
    expect(recommendations).toHaveLength(30);
  });

  it("counts a PDF's pages as poppler does", async () => {
    const bytes = await renderPdf({ content: ["Trang một", { text: "Trang hai", pageBreak: "before" }, { text: "Trang ba", pageBreak: "before" }], defaultStyle: { font: "Tinos" } });
    expect(pdfPageCount(bytes)).toBe(3);
    expect(readPdf(bytes).pages).toHaveLength(3);
  });
});
