import { z } from "zod";

/**
 * Our schemas word their own messages; what they leave to zod (a missing object, a number given as
 * text) would come out in English. This makes those Vietnamese too, a missing part said plainly.
 * Process-wide: the server calls it once at start, the command line before it parses.
 */
export function setVietnameseZodMessages() {
  z.config(z.locales.vi());
  z.config({ customError: (issue) => (issue.code === "invalid_type" && issue.input === undefined ? "Thiếu mục bắt buộc này." : undefined) });
}
