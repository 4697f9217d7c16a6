import { describe, expect, it } from "vitest";
import { sniffEvidenceType } from "./evidence-type";

describe("sniffEvidenceType", () => {
  it("recognises PDF and photos by their first bytes", () => {
    expect(sniffEvidenceType(new TextEncoder().encode("%PDF-1.7\n…"))).toEqual({ contentType: "application/pdf", extension: "pdf" });
    expect(sniffEvidenceType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))?.contentType).toBe("image/jpeg");
  });

  it("refuses a file that only claims to be one", () => {
    expect(sniffEvidenceType(new TextEncoder().encode("<html>%PDF-"))).toBeNull();
    expect(sniffEvidenceType(new TextEncoder().encode("%PD"))).toBeNull();
    expect(sniffEvidenceType(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBeNull();
  });
});
