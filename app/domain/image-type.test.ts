import { describe, expect, it } from "vitest";
import { safeFileName, sniffImageType } from "./image-type";

describe("sniffImageType", () => {
  it("knows JPEG, PNG and WebP by their first bytes", () => {
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]))?.contentType).toBe("image/jpeg");
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.extension).toBe("png");
    expect(sniffImageType(new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))?.contentType).toBe("image/webp");
  });
  it("refuses a file that only claims to be an image", () => {
    expect(sniffImageType(new TextEncoder().encode("<svg onload=alert(1)>"))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(sniffImageType(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });
});

describe("safeFileName", () => {
  it("drops directories and dangerous characters", () => {
    expect(safeFileName("../../etc/passwd", "x.jpg")).toBe("passwd");
    expect(safeFileName("C:\\Users\\a\\ảnh \"1\".jpg", "x.jpg")).toBe("ảnh 1.jpg");
    expect(safeFileName("..", "x.jpg")).toBe("x.jpg");
    expect(safeFileName("", "x.jpg")).toBe("x.jpg");
  });
});
