import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { StripNulBytes } from "./strip-nul.server";

async function through(chunks: Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(new StripNulBytes())) out.push(chunk as Buffer);
  return Buffer.concat(out);
}

describe("StripNulBytes", () => {
  it("drops the zero bytes React leaves at a buffer boundary and keeps every character", async () => {
    const text = "Chưa đạt / Không áp dụng";
    const encoded = Buffer.from(text);
    const broken = [Buffer.concat([encoded.subarray(0, 4), Buffer.from([0, 0])]), encoded.subarray(4)];
    expect((await through(broken)).toString("utf8")).toBe(text);
  });
  it("passes clean chunks through unchanged", async () => {
    expect((await through([Buffer.from("<p>Đạt</p>")])).toString("utf8")).toBe("<p>Đạt</p>");
  });
});
